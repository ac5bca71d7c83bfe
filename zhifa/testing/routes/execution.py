"""Rows for the execution routes (送达与执行): the case page's execution panel posts each step of
the case's table here. The demo's served cases of 市市场监管局 are handled by scjg_zhang; the
officers' steps are his and the head's (scjg_wang), the head's steps (approving a deferral, the
court application, ending execution) the head's only; the bureau's other staff and the city
supervisor see the case but are refused (403); everyone else: 404."""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, not_allowed, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
VIEWERS = ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sfj_chen")
HANDLERS = ("scjg_zhang", "scjg_wang")
HEAD = ("scjg_wang",)
CASE = "execution_case@scjg"
API_CASE = "execution_api@scjg"
OFFICER_STEPS = ("pay", "apply_arrangement", "demand", "record_ruling", "record_measures")
HEAD_STEPS = ("approve_arrangement", "refuse_arrangement", "apply_court", "end_execution")


def _post(name: str, who: tuple[str, ...]) -> object:
    lookers = tuple(p for p in VIEWERS if p not in who)
    return row("POST", f"execution:{name}", CASE, {OK: who, 403: lookers, 404: REST, 302: A})


def _api(name: str, who: tuple[str, ...]) -> object:
    lookers = tuple(p for p in VIEWERS if p not in who)
    route = f"case-execution-{name.replace('_', '-')}"
    return row("POST", route, API_CASE, {OK: who, 403: lookers, 404: REST, 401: A})


ROWS = [
    *[row("GET", f"execution:{n}", CASE, {405: REST}) for n in OFFICER_STEPS + HEAD_STEPS],
    *[_post(n, HANDLERS) for n in OFFICER_STEPS],
    *[_post(n, HEAD) for n in HEAD_STEPS],
    # API
    api("case-execution-list"),
    row("GET", "case-execution-detail", API_CASE, {200: VIEWERS, 404: REST, 401: A}),
    *[not_allowed(f"case-execution-{n.replace('_', '-')}", API_CASE) for n in OFFICER_STEPS],
    *[not_allowed(f"case-execution-{n.replace('_', '-')}", API_CASE) for n in HEAD_STEPS],
    *[_api(n, HANDLERS) for n in OFFICER_STEPS],
    *[_api(n, HEAD) for n in HEAD_STEPS],
]
