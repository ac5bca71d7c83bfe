"""Rows for major-decision filings and transfers (重大行政处罚决定备案、案件移送).

The demo filing (``zhifa.cases.filing_demo``) is on a case of 市市场监管局 handled by scjg_zhang,
decided by the head scjg_wang, still to be filed; the demo transfer is on the bureau's transferred
case (handled by scjg_zhang). Both are seen by the bureau's staff and the city supervisor; the
district supervisor (东城区) and everyone else get 404. Filing and answering, the receipt and the
outcome are the case's officers' and the head's; transferring the head's; accepting and reviewing
the justice bureau supervisor's (sfj_chen: the filing is not filed yet, so the service answers
400 — not swept).
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, SCJG_STAFF, api, not_allowed, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
FILING, TRANSFER, CASE = "major_filing@scjg", "transfer@scjg", "transfer_case@scjg"
VIEWERS = (*SCJG_STAFF, "sfj_chen")
HANDLERS = ("scjg_zhang", "scjg_wang")
NOT_HANDLERS = tuple(p for p in VIEWERS if p not in HANDLERS)
NOT_HEAD = tuple(p for p in VIEWERS if p != "scjg_wang")


def _agency_step(route: str, obj: str, signed_out: int = 401) -> object:
    return row("POST", route, obj, {OK: HANDLERS, 403: NOT_HANDLERS, 404: REST, signed_out: A})


def _bureau_step(route: str) -> object:
    return row("POST", route, FILING, {OK: "sfj_chen", 403: SCJG_STAFF, 404: REST, 401: A})


ROWS = [
    # Pages
    row("GET", "filings:queue", None, {200: REST, 302: A}),
    row("GET", "filings:export", None, {200: REST, 302: A}),
    row("GET", "filings:detail", FILING, {200: VIEWERS, 404: REST, 302: A}),
    row("GET", "filings:act", "major_filing_file@scjg", {405: REST}),
    _agency_step("filings:act", "major_filing_file@scjg", signed_out=302),
    row("GET", "filings:transfer", CASE, {200: "scjg_wang", 403: NOT_HEAD, 404: REST, 302: A}),
    row("POST", "filings:transfer", CASE, {OK: "scjg_wang", 403: NOT_HEAD, 404: REST, 302: A}),
    row("GET", "filings:transfer_detail", TRANSFER, {200: VIEWERS, 404: REST, 302: A}),
    row("GET", "filings:transfer_act", "transfer_receive@scjg", {405: REST}),
    _agency_step("filings:transfer_act", "transfer_receive@scjg", signed_out=302),
    # API
    api("major-filing-list"),
    row("GET", "major-filing-detail", FILING, {200: VIEWERS, 404: REST, 401: A}),
    *(not_allowed(f"major-filing-{a}", FILING) for a in ("file", "accept", "clear", "correct")),
    not_allowed("major-filing-respond", FILING),
    _agency_step("major-filing-file", FILING),
    _agency_step("major-filing-respond", FILING),
    _bureau_step("major-filing-accept"),
    _bureau_step("major-filing-clear"),
    _bureau_step("major-filing-correct"),
    api("case-transfer-list"),
    row("POST", "case-transfer-list", None, {OK: "scjg_wang", 403: REST, 401: A}),
    row("GET", "case-transfer-detail", TRANSFER, {200: VIEWERS, 404: REST, 401: A}),
    not_allowed("case-transfer-receipt", TRANSFER),
    not_allowed("case-transfer-outcome", TRANSFER),
    _agency_step("case-transfer-receipt", TRANSFER),
    _agency_step("case-transfer-outcome", TRANSFER),
]
