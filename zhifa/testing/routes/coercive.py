"""Rows for the coercive measure routes (行政强制措施) and their API.

The demo measures (``zhifa.cases.demo_coercive``) are on cases of 市市场监管局 handled by scjg_zhang.
A measure is seen by whoever sees its case (the bureau's staff and the city supervisor); the others
get 404. Requesting a measure or recording one carried out on the spot, carrying it out, reporting
it, correcting its list, recording an appraisal period and proposing to lift it are for the case's
officers and the head; approving, refusing, ratifying, annulling, extending, lifting and declining
to lift are the head's. The supervisor reads, never acts: 403.
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, not_allowed, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
VIEWERS = ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sfj_chen")
HANDLERS = ("scjg_zhang", "scjg_wang")  # the demo case's lead officer and the bureau's head
HEAD = ("scjg_wang",)
WRITERS = ("scjg_zhang", "scjg_wang", "sthj_xu")  # officers and heads somewhere
MEASURE, CASE = "coercive@scjg", "coercive_case@scjg"
CASE_ONLY = tuple(p for p in VIEWERS if p not in HANDLERS)


def _act(route: str, obj: str, ok: tuple[str, ...], unauthenticated: int) -> object:
    lookers = tuple(p for p in VIEWERS if p not in ok)
    return row("POST", route, obj, {OK: ok, 403: lookers, 404: REST, unauthenticated: A})


API_STEPS = {
    "approve": HEAD,
    "refuse": HEAD,
    "carry-out": HANDLERS,
    "report": HANDLERS,
    "ratify": HEAD,
    "annul": HEAD,
    "extend": HEAD,
    "correct-items": HANDLERS,
    "record-appraisal": HANDLERS,
    "propose-lift": HANDLERS,
    "lift": HEAD,
    "decline-lift": HEAD,
}

ROWS = [
    # Pages
    row("GET", "coercive:list", None, {200: REST, 302: A}),
    row("GET", "coercive:export", None, {200: REST, 302: A}),
    row("GET", "coercive:detail", MEASURE, {200: VIEWERS, 404: REST, 302: A}),
    row("GET", "coercive:act", "coercive_approve@scjg", {405: REST}),
    _act("coercive:act", "coercive_approve@scjg", HEAD, 302),
    _act("coercive:act", "coercive_lift@scjg", HEAD, 302),
    _act("coercive:act", "coercive_propose_lift@scjg", HANDLERS, 302),
    row("GET", "coercive:new", CASE, {200: HANDLERS, 403: CASE_ONLY, 404: REST, 302: A}),
    row("POST", "coercive:new", CASE, {OK: HANDLERS, 403: CASE_ONLY, 404: REST, 302: A}),
    # API
    api("coercive-measure-list"),
    row("POST", "coercive-measure-list", None, {OK: WRITERS, 403: REST, 401: A}),
    row("GET", "coercive-measure-detail", MEASURE, {200: VIEWERS, 404: REST, 401: A}),
    *(not_allowed(f"coercive-measure-{step}", MEASURE) for step in API_STEPS),
    *(_act(f"coercive-measure-{step}", MEASURE, ok, 401) for step, ok in API_STEPS.items()),
]
