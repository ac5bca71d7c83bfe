"""Rows for the visit routes (事中登记、事后评价): the officer's phone pages, the record API, ratings.

A record of 市市场监管局 is seen by those who see its inspection (the bureau's staff, the city
supervisor) and by the inspected enterprise's own account (qy_demo's company is the first demo
visit); only the inspection's officers (scjg_zhang and scjg_li in the demo) change it, the others who see it
are refused (403), everyone else gets 404. Ratings are read by the city supervisor, the bureau's
head and the rated enterprise. The rating page and its API are public (by the link's secret).
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, SCJG_STAFF, api, not_allowed, public, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
#: The demo visits' officers (scjg_zhang and the next officer of the bureau, scjg_li).
OFFICERS = ("scjg_zhang", "scjg_li")
VIEWERS = (*SCJG_STAFF, "sfj_chen", "qy_demo")
LOOKERS = tuple(p for p in VIEWERS if p not in OFFICERS)
RECORD, OPEN, PHOTO = "record@scjg", "open_record@scjg", "visit_photo@scjg"
RATING_READERS = ("sfj_chen", "scjg_wang", "qy_demo")


def _record_write(route: str, obj: str = RECORD, page: bool = False):
    return row(
        "POST", route, obj, {OK: OFFICERS, 403: LOOKERS, 404: REST, (302 if page else 401): A}
    )


ROWS = [
    # Pages
    # Those who hold an officer's record (scjg_li is a legal reviewer who also inspects).
    row(
        "GET",
        "visits:visits_today",
        None,
        {200: ("scjg_zhang", "scjg_li", "sthj_xu"), 403: REST, 302: A},
    ),
    row(
        "POST",
        "visits:record_open",
        "approved_inspection@scjg",
        {
            OK: OFFICERS,
            403: (*(p for p in SCJG_STAFF if p not in OFFICERS), "sfj_chen"),
            404: REST,
            302: A,
        },
    ),
    row("GET", "visits:record_open", "approved_inspection@scjg", {405: REST}),
    row("GET", "visits:record_detail", RECORD, {200: VIEWERS, 404: REST, 302: A}),
    _record_write("visits:record_detail", page=True),
    row(
        "GET",
        "visits:record_checklist",
        OPEN,
        {
            200: OFFICERS,
            403: (*(p for p in SCJG_STAFF if p not in OFFICERS), "sfj_chen"),
            404: REST,
            302: A,
        },
    ),
    row("GET", "visits:record_photo", PHOTO, {200: VIEWERS, 404: REST, 302: A}),
    row(
        "GET",
        "visits:rating_list",
        None,
        {200: ("sfj_chen", "dc_sfj_liu", "scjg_wang"), 403: REST, 302: A},
    ),
    row(
        "GET",
        "visits:rating_export",
        None,
        {200: ("sfj_chen", "dc_sfj_liu", "scjg_wang"), 403: REST, 302: A},
    ),
    row(
        "GET",
        "visits:rating_follow_up",
        "rating@scjg",
        {200: "sfj_chen", 403: ("scjg_wang", "qy_demo"), 404: REST, 302: A},
    ),
    row(
        "POST",
        "visits:rating_follow_up",
        "rating@scjg",
        {OK: "sfj_chen", 403: ("scjg_wang", "qy_demo"), 404: REST, 302: A},
    ),
    row("GET", "visits:my_history", None, {200: "qy_demo", 403: REST, 302: A}),
    public("rate", "rating_token@scjg"),
    row("POST", "rate", "rating_token@scjg", {OK: REST}),
    # API: records
    api("onsite-record-list"),
    row("POST", "onsite-record-list", None, {OK: ("scjg_zhang", "sthj_xu"), 403: REST, 401: A}),
    row("GET", "onsite-record-detail", RECORD, {200: VIEWERS, 404: REST, 401: A}),
    *(
        _record_write(f"onsite-record-{name}")
        for name in ("entries", "photos", "details", "submit", "recheck")
    ),
    *(
        not_allowed(f"onsite-record-{name}", RECORD)
        for name in ("entries", "photos", "details", "submit", "recheck")
    ),
    # API: ratings
    api("rating-list"),
    row("GET", "rating-detail", "rating@scjg", {200: RATING_READERS, 404: REST, 401: A}),
    not_allowed("rating-follow-up", "rating@scjg"),
    row(
        "POST",
        "rating-follow-up",
        "rating@scjg",
        {OK: "sfj_chen", 403: ("scjg_wang", "qy_demo"), 404: REST, 401: A},
    ),
    row("POST", "api-public-rating", "rating_token@scjg", {OK: REST}),
    row("GET", "api-public-rating", "rating_token@scjg", {405: REST}),
]
