"""Known deviations: rows of the route table where today's code answers something else.

Each entry names the row (``Row.key``: ``"METHOD route object"``), the personas (``REFUSED``: every
signed-in persona the row refuses), what they get today and why that is wrong. The sweep expects
those rows to fail with exactly these answers (strict xfail): when a fix lands, the row passes, the
run turns red, and the entry is deleted here.
"""

from __future__ import annotations

from dataclasses import dataclass

REFUSED = "every signed-in persona the row refuses"

BODY_FIRST = (
    "validates the request body before asking who may write: a persona who may not make this "
    "change gets 400 with field errors instead of 403 (rule 3)"
)
UPLOAD_FIRST = (
    "parses the upload before asking who may write: a refused persona gets 415 instead of 403"
)
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
    Deviation("POST region-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST agency-list -", REFUSED, 400, BODY_FIRST),
    Deviation(
        "PUT agency-detail agency@scjg",
        ("scjg_zhang", "scjg_li", "scjg_wang", "sfj_chen", "secadmin"),
        400,
        BODY_FIRST,
    ),
    Deviation("POST unit-list -", REFUSED, 400, BODY_FIRST),
    Deviation(
        "PUT unit-detail unit@scjg",
        ("scjg_zhang", "scjg_li", "scjg_wang", "sfj_chen", "secadmin"),
        400,
        BODY_FIRST,
    ),
    Deviation("POST user-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST user-active user@scjg_zhang", REFUSED, 400, BODY_FIRST),
    Deviation("POST role-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST calendar-override-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST holiday-notice-list -", REFUSED, 400, BODY_FIRST),
    Deviation("PUT holiday-notice-detail notice@2099", REFUSED, 400, BODY_FIRST),
    Deviation("POST officer-list -", REFUSED, 400, BODY_FIRST),
    Deviation(
        "POST officer-transfer officer@scjg",
        ("scjg_zhang", "scjg_li", "scjg_wang", "sfj_chen"),
        400,
        BODY_FIRST,
    ),
    Deviation("POST certificate-list -", REFUSED, 400, BODY_FIRST),
    Deviation(
        "POST certificate-suspend certificate@scjg",
        ("scjg_zhang", "scjg_li", "scjg_wang"),
        400,
        BODY_FIRST,
    ),
    Deviation(
        "POST certificate-lift certificate@scjg",
        ("scjg_zhang", "scjg_li", "scjg_wang"),
        400,
        BODY_FIRST,
    ),
    Deviation(
        "POST certificate-review certificate@scjg",
        ("scjg_zhang", "scjg_li", "scjg_wang", "sfj_chen"),
        400,
        BODY_FIRST,
    ),
    Deviation("POST training-record-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST training-record-campaign -", REFUSED, 400, BODY_FIRST),
    Deviation("POST exam-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST indicator-set-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST assessment-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST matter-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST list-version-list -", REFUSED, 400, BODY_FIRST),
    Deviation("POST benchmark-list -", REFUSED, 400, BODY_FIRST),
    Deviation(
        "POST officer-photo officer@scjg",
        ("scjg_zhang", "scjg_li", "scjg_wang", "sfj_chen"),
        415,
        UPLOAD_FIRST,
    ),
    Deviation("POST import-upload kind@officers", REFUSED, 415, UPLOAD_FIRST),
    Deviation("POST matter-import -", REFUSED, 415, UPLOAD_FIRST),
    Deviation("POST catalog:review -", ("scjg_wang", "sfj_chen", "dc_sfj_liu"), 404, REVIEW_LOOKUP),
]
