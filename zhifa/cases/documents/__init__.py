"""Case documents (文书) generated from the case, each issued through core's document kit
(:mod:`zhifa.core.documents`: SM3 of the exact bytes, verification code and QR in the footer)."""

from zhifa.cases.documents import (  # noqa: F401  (they register)
    coercive,
    investigation,
    penalty,
    procedure,
    summary,
)
from zhifa.cases.documents.kinds import KINDS, Kind

__all__ = ["KINDS", "Kind"]
