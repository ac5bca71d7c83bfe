"""Rows for the evidence routes (证据): a case's evidence list, an item, its download and the
transfer of custody, and the evidence API.

The demo evidence (``zhifa.cases.demo_evidence``) is on a case of 市市场监管局 handled by
scjg_zhang (with an officer who has no account). Its evidence is seen by the officers handling the
case, the bureau's head (scjg_wang) and the city supervisor (read only); the legal reviewer
(scjg_li) only while named on an open legal review of that case, so not here. The bureau's other staff see the
case, not its evidence: its evidence list answers them 403, an item 404 (it does not exist for
them, as in the API). Everyone else: 404.
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
CASE, ITEM = "evidence_case@scjg", "evidence@scjg"
HANDLERS = ("scjg_zhang", "scjg_wang")
READERS = (*HANDLERS, "sfj_chen")
CASE_ONLY = ("scjg_li", "scjg_admin")  # see the case, not its evidence

ROWS = [
    row("GET", "evidence:list", CASE, {200: READERS, 403: CASE_ONLY, 404: REST, 302: A}),
    row(
        "POST",
        "evidence:list",
        CASE,
        {OK: HANDLERS, 403: (*CASE_ONLY, "sfj_chen"), 404: REST, 302: A},
    ),
    row("GET", "evidence:export", CASE, {200: READERS, 403: CASE_ONLY, 404: REST, 302: A}),
    # An item outside the user's evidence scope does not exist for them, as in the API.
    row("GET", "evidence:detail", ITEM, {200: READERS, 404: REST, 302: A}),
    row("GET", "evidence:download", ITEM, {200: READERS, 404: REST, 302: A}),
    row("POST", "evidence:transfer", ITEM, {OK: HANDLERS, 403: "sfj_chen", 404: REST, 302: A}),
    row("GET", "evidence:transfer", ITEM, {405: REST}),
    # API
    api("evidence-list"),
    # Officers anywhere and heads may try (the service then finds the case or answers 400).
    row("POST", "evidence-list", None, {OK: (*HANDLERS, "sthj_xu"), 403: REST, 401: A}),
    row("GET", "evidence-detail", ITEM, {200: READERS, 404: REST, 401: A}),
    row("GET", "evidence-download", ITEM, {200: READERS, 404: REST, 401: A}),
    row("POST", "evidence-transfer", ITEM, {OK: HANDLERS, 403: "sfj_chen", 404: REST, 401: A}),
    row("GET", "evidence-transfer", ITEM, {405: REST, 401: A}),
]
