"""Known deviations: rows of the route table where today's code answers something else.

Each entry names the row (``Row.key``: ``"METHOD route object"``), the personas (``REFUSED``: every
signed-in persona the row refuses), what they get today and why that is wrong. The sweep expects
those rows to fail with exactly these answers (strict xfail): when a fix lands, the row passes, the
run turns red, and the entry is deleted here.
"""

from __future__ import annotations

from dataclasses import dataclass

REFUSED = "every signed-in persona the row refuses"

PAGE_REDRAWS = (
    "the page ignores a POST from a persona who may not make the change and draws the page again "
    "(200, nothing written) instead of refusing it with 403"
)
REVIEW_LOOKUP = (
    "looks the matter up before asking who may decide a five-year review: a head or supervisor "
    "(who may not decide) gets 404 instead of 403"
)


@dataclass(frozen=True)
class Deviation:
    row: str
    personas: tuple[str, ...] | str
    actual: int
    why: str


KNOWN_DEVIATIONS: list[Deviation] = [
    Deviation("POST user_list -", ("secadmin",), 200, PAGE_REDRAWS),
    Deviation("POST registry:assessments -", ("sfj_chen", "dc_sfj_liu"), 200, PAGE_REDRAWS),
    Deviation("POST catalog:review -", ("scjg_wang", "sfj_chen", "dc_sfj_liu"), 404, REVIEW_LOOKUP),
]
