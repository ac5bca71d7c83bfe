"""Known deviations: rows of the route table where today's code answers something else.

Each entry names the row (``Row.key``: ``"METHOD route object"``), the personas (``REFUSED``: every
signed-in persona the row refuses), what they get today and why that is wrong. The sweep expects
those rows to fail with exactly these answers (strict xfail): when a fix lands, the row passes, the
run turns red, and the entry is deleted here.
"""

from __future__ import annotations

from dataclasses import dataclass

REFUSED = "every signed-in persona the row refuses"


@dataclass(frozen=True)
class Deviation:
    row: str
    personas: tuple[str, ...] | str
    actual: int
    why: str


KNOWN_DEVIATIONS: list[Deviation] = []
