"""Rows for the legal review and discretion API (法制审核、处罚裁量).

A review or a discretion record of 市市场监管局 is seen by whoever sees its case (the bureau's staff
and the city supervisor); the others get 404. Requesting a review and recording a penalty is for
officers and heads (their service then checks the case: another agency's officer is refused there);
the opinion is the legal reviewer's, the objection the case's officers' and the head's, the
coordination ruling the head's. ``assess`` computes without writing: any signed-in user's empty body
is their own 400.
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, not_allowed, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
VIEWERS = ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sfj_chen")
REVIEW, DECISION = "legal_review@scjg", "case_decision@scjg"
WRITERS = ("scjg_zhang", "scjg_wang", "sthj_xu")  # officers and heads somewhere


def _on_review(action: str, ok: tuple[str, ...]) -> object:
    lookers = tuple(p for p in VIEWERS if p not in ok)
    return row("POST", action, REVIEW, {OK: ok, 403: lookers, 404: REST, 401: A})


HANDLERS = ("scjg_zhang", "scjg_wang")  # the demo case's lead officer and the bureau's head
CASE = "review_case@scjg"
CASE_ONLY = tuple(p for p in VIEWERS if p not in HANDLERS)

ROWS = [
    # Pages
    row("GET", "reviews:queue", None, {200: REST, 302: A}),
    row("GET", "reviews:export", None, {200: REST, 302: A}),
    row("GET", "reviews:detail", REVIEW, {200: VIEWERS, 404: REST, 302: A}),
    row("GET", "reviews:act", "review_opine@scjg", {405: REST}),
    row(
        "POST",
        "reviews:act",
        "review_opine@scjg",
        {OK: "scjg_li", 403: tuple(p for p in VIEWERS if p != "scjg_li"), 404: REST, 302: A},
    ),
    row("GET", "reviews:request", CASE, {200: HANDLERS, 403: CASE_ONLY, 404: REST, 302: A}),
    row("POST", "reviews:request", CASE, {OK: HANDLERS, 403: CASE_ONLY, 404: REST, 302: A}),
    row("GET", "reviews:grounds", CASE, {200: VIEWERS, 404: REST, 302: A}),
    row("POST", "reviews:grounds", CASE, {OK: HANDLERS, 403: CASE_ONLY, 404: REST, 302: A}),
    row("GET", "reviews:discretion", CASE, {200: VIEWERS, 404: REST, 302: A}),
    row("POST", "reviews:discretion", CASE, {OK: HANDLERS, 403: CASE_ONLY, 404: REST, 302: A}),
    row("GET", "reviews:extend", CASE, {405: REST}),
    row(
        "POST",
        "reviews:extend",
        CASE,
        {OK: "scjg_wang", 403: tuple(p for p in VIEWERS if p != "scjg_wang"), 404: REST, 302: A},
    ),
    # API
    api("legal-review-list"),
    row("POST", "legal-review-list", None, {OK: WRITERS, 403: REST, 401: A}),
    row("GET", "legal-review-detail", REVIEW, {200: VIEWERS, 404: REST, 401: A}),
    not_allowed("legal-review-opinion", REVIEW),
    not_allowed("legal-review-objection", REVIEW),
    not_allowed("legal-review-ruling", REVIEW),
    _on_review("legal-review-opinion", ("scjg_li",)),
    _on_review("legal-review-objection", ("scjg_zhang", "scjg_wang")),
    _on_review("legal-review-ruling", ("scjg_wang",)),
    api("case-decision-list"),
    row("POST", "case-decision-list", None, {OK: WRITERS, 403: REST, 401: A}),
    row("GET", "case-decision-detail", DECISION, {200: VIEWERS, 404: REST, 401: A}),
    not_allowed("case-decision-assess"),
    row("POST", "case-decision-assess", None, {400: REST, 401: A}),
    api("case-extension-list"),
    row("POST", "case-extension-list", None, {OK: "scjg_wang", 403: REST, 401: A}),
]
