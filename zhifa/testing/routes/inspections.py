"""Rows for the pre-filing routes (事前备案, 撮合): pages and API.

A filing of 市市场监管局 is seen by its staff and the city supervisor (404 to everyone else, the
district supervisor included: the bureau is city-level). Its officers and head file, submit and
withdraw; only its head approves or refuses; legal reviewers, administrators and supervisors
read only (403). A joint offer is also seen and answered by the other agency (市生态环境局).
"""

from __future__ import annotations

from zhifa.testing.routes import (
    ACCOUNT_ADMINS,
    OK,
    PUBLIC_USERS,
    REST,
    SCJG_STAFF,
    api,
    not_allowed,
    row,
)
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
SEEN = (SCJG_STAFF, "sfj_chen")
READERS = (SCJG_STAFF, "sfj_chen", "dc_sfj_liu", "sthj_xu")
FILERS = ("scjg_zhang", "scjg_wang", "sthj_xu")  # an officer or head somewhere
OUR_FILERS = ("scjg_zhang", "scjg_wang")
HEAD = "scjg_wang"
ONLOOKERS = ("scjg_li", "scjg_admin", "sfj_chen")  # see 市市场监管局's filings, may not act
FILING = "inspection@scjg"
OFFER = "offer@scjg"


def _write(route: str, obj: str, may, page: bool = False):
    may = (may,) if isinstance(may, str) else may
    looking = tuple(p for p in (*SCJG_STAFF, "sfj_chen") if p not in may)
    return row("POST", route, obj, {OK: may, 403: looking, 404: REST, (302 if page else 401): A})


ROWS = [
    # Pages
    row(
        "GET",
        "inspections:filing_list",
        None,
        {200: READERS, 403: (PUBLIC_USERS, ACCOUNT_ADMINS, "auditadmin"), 302: A},
    ),
    row(
        "GET",
        "inspections:filing_export",
        None,
        {200: READERS, 403: (PUBLIC_USERS, ACCOUNT_ADMINS, "auditadmin"), 302: A},
    ),
    row("GET", "inspections:filing_create", None, {200: FILERS, 403: REST, 302: A}),
    row("POST", "inspections:filing_create", None, {OK: FILERS, 403: REST, 302: A}),
    row("GET", "inspections:filing_detail", FILING, {200: SEEN, 404: REST, 302: A}),
    _write("inspections:filing_detail", FILING, OUR_FILERS, page=True),
    # API: filings
    api("inspection-list"),
    row("POST", "inspection-list", None, {OK: FILERS, 403: REST, 401: A}),
    row("GET", "inspection-detail", FILING, {200: SEEN, 404: REST, 401: A}),
    *[
        r
        for action, may in (
            ("submit", OUR_FILERS),
            ("withdraw", OUR_FILERS),
            ("approve", HEAD),
            ("refuse", HEAD),
        )
        for r in (
            not_allowed(f"inspection-{action}", FILING),
            _write(f"inspection-{action}", FILING, may),
        )
    ],
    # API: joint offers (seen and answered by both agencies)
    api("joint-offer-list"),
    row("GET", "joint-offer-detail", OFFER, {200: (SEEN, "sthj_xu"), 404: REST, 401: A}),
    *[
        r
        for action in ("accept", "decline")
        for r in (
            not_allowed(f"joint-offer-{action}", OFFER),
            row(
                "POST",
                f"joint-offer-{action}",
                OFFER,
                {OK: FILERS, 403: ONLOOKERS, 404: REST, 401: A},
            ),
        )
    ],
]
