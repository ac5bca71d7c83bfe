"""Rows for the appeals routes (复议、诉讼): recording a reconsideration or lawsuit on a case and
its outcome, the outcome's document, and the appeals API.

The demo appeals (``zhifa.cases.demo_appeals``) are on served cases of 市市场监管局 handled by
scjg_zhang. An appeal is seen by whoever sees its case (the bureau's staff and the city
supervisor); it is recorded by the case's officers and the bureau's head (scjg_wang); the other
staff and the supervisor are refused (403). Everyone else: 404.
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, not_allowed, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
VIEWERS = ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sfj_chen")
HANDLERS = ("scjg_zhang", "scjg_wang")
LOOKERS = tuple(p for p in VIEWERS if p not in HANDLERS)
WRITERS = ("scjg_zhang", "scjg_wang", "sthj_xu")  # officers and heads somewhere
CASE, PENDING, DOCUMENT = "appeal_case@scjg", "pending_appeal@scjg", "appeal_document@scjg"

ROWS = [
    # Pages (the case page's panel posts to them)
    row("GET", "appeals:file", CASE, {405: REST}),
    row("POST", "appeals:file", CASE, {OK: HANDLERS, 403: LOOKERS, 404: REST, 302: A}),
    row("GET", "appeals:result", PENDING, {405: REST}),
    row("POST", "appeals:result", PENDING, {OK: HANDLERS, 403: LOOKERS, 404: REST, 302: A}),
    row("GET", "appeals:document", DOCUMENT, {200: VIEWERS, 404: REST, 302: A}),
    # API
    api("case-appeal-list"),
    row("POST", "case-appeal-list", None, {OK: WRITERS, 403: REST, 401: A}),
    row("GET", "case-appeal-detail", PENDING, {200: VIEWERS, 404: REST, 401: A}),
    not_allowed("case-appeal-result", PENDING),
    row("POST", "case-appeal-result", PENDING, {OK: HANDLERS, 403: LOOKERS, 404: REST, 401: A}),
    row("GET", "case-appeal-document", DOCUMENT, {200: VIEWERS, 404: REST, 401: A}),
]
