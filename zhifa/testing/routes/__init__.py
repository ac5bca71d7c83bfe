"""The route table: what every persona gets from every route (the route sweep holds the code to it).

Each row is one request (method, URL name, the demo object put into its path) and the answer every
persona must get. The answers follow four rules:

1. Anonymous: a signed-in page redirects to the login page (302), the API answers 401, public pages
   (``/public/…``, the deadline calculator, the API schema) answer 200.
2. An object outside the persona's scope (what ``visible_to`` lets them see) answers 404, never 403:
   an outsider must not learn that it exists.
3. Within scope, a page or write the persona's roles do not allow answers 403 — before the body is
   read, so a refused write never answers 400 or 415 and writes nothing.
4. A route reserved to one kind of account as a whole (the audit ledger to the audit administrator,
   account pages to the system and security administrators, holiday data and business parameters
   to the system administrator) answers 403 to every other signed-in persona, whatever the object.

Writes (POST/PATCH/PUT/DELETE) are sent with an empty body; ``OK`` marks the personas who may write
(they are not swept: an empty body is their own 400). Every other persona must be refused, and the
refusal must leave the ledger and every business table as they were.

Where today's code answers otherwise, the row still says what is right and the difference is listed
in :data:`KNOWN_DEVIATIONS` (``deviations.py``): the sweep expects those to fail (strict xfail), so
fixing one turns the run red until its line is deleted.

A new app adds its rows in its own module here and appends them to :data:`ROWS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zhifa.testing.sweep import ANONYMOUS

PERSONAS: tuple[str, ...] = (
    "scjg_zhang",  # 执法人员, 市市场监管局
    "scjg_li",  # 法制审核人员, 市市场监管局
    "scjg_wang",  # 单位负责人, 市市场监管局
    "scjg_admin",  # 信息管理员, 市市场监管局
    "sfj_chen",  # 执法监督人员, 市司法局 (the whole city)
    "dc_sfj_liu",  # 执法监督人员, 东城区司法局 (东城区 only)
    "qy_demo",  # 企业用户
    "shjd_wu",  # 社会监督员
    "sysadmin",  # 系统管理员
    "secadmin",  # 安全管理员
    "auditadmin",  # 审计管理员
    "sthj_xu",  # 执法人员 of another agency, 市生态环境局
    ANONYMOUS,
)

SCJG_STAFF = ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin")
PUBLIC_USERS = ("qy_demo", "shjd_wu")
ACCOUNT_ADMINS = ("sysadmin", "secadmin")
OK = "ok"  # may write: not swept
REST = "*"  # every persona not named in the row

Code = int | str
Personas = str | Iterable["Personas"]


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    obj: str | None
    expect: dict[str, Code]
    query: str = ""

    @property
    def key(self) -> str:
        return f"{self.method} {self.route} {self.obj or '-'}"


def _flatten(personas: Personas) -> list[str]:
    if isinstance(personas, str):
        return [personas]
    return [p for group in personas for p in _flatten(group)]


def row(
    method: str, route: str, obj: str | None, outcomes: dict[Code, Personas], query: str = ""
) -> Row:
    """One row: ``{status: personas}``; ``REST`` stands for everyone not named elsewhere."""
    expect: dict[str, Code] = {}
    rest: Code | None = None
    for code, personas in outcomes.items():
        if personas == REST:
            rest = code
            continue
        for persona in _flatten(personas):
            if persona not in PERSONAS:
                raise ValueError(f"{method} {route}: unknown persona {persona}")
            if persona in expect:
                raise ValueError(f"{method} {route}: {persona} named twice")
            expect[persona] = code
    for persona in PERSONAS:
        if persona not in expect:
            if rest is None:
                raise ValueError(f"{method} {route}: no outcome for {persona}")
            expect[persona] = rest
    return Row(method, route, obj, expect, query)


def page(route: str, obj: str | None = None, code: Code = 200, **more: Personas) -> Row:
    """A signed-in page every signed-in persona may open (``code``), anonymous redirected."""
    return row("GET", route, obj, {code: REST, 302: ANONYMOUS, **_codes(more)})


def api(route: str, obj: str | None = None, code: Code = 200, **more: Personas) -> Row:
    """An API read every signed-in persona may make (``code``), anonymous refused with 401."""
    return row("GET", route, obj, {code: REST, 401: ANONYMOUS, **_codes(more)})


def public(route: str, obj: str | None = None, method: str = "GET") -> Row:
    return row(method, route, obj, {200: REST})


def not_allowed(route: str, obj: str | None = None) -> Row:
    """GET on an API action that only takes writes: 405 (after the sign-in check)."""
    return row("GET", route, obj, {405: REST, 401: ANONYMOUS})


def _codes(more: dict[str, Personas]) -> dict[Code, Personas]:
    """``s404=(...)`` → ``{404: (...)}``; ``ok=(...)`` → ``{OK: (...)}``."""
    return {(OK if k == "ok" else int(k.lstrip("s"))): v for k, v in more.items()}


from zhifa.testing.routes import (  # noqa: E402
    appeals,
    cases,
    cases_reviews,
    catalog,
    coercive,
    documents,
    evidence,
    execution,
    filings,
    inspections,
    org_core,
    parties,
    plans,
    portal,
    registry,
    visits,
)
from zhifa.testing.routes.deviations import KNOWN_DEVIATIONS as _DECLARED  # noqa: E402
from zhifa.testing.routes.deviations import REFUSED, Deviation  # noqa: E402

ROWS: list[Row] = [
    *org_core.ROWS,
    *registry.ROWS,
    *catalog.ROWS,
    *portal.ROWS,
    *parties.ROWS,
    *inspections.ROWS,
    *plans.ROWS,
    *visits.ROWS,
    *cases_reviews.ROWS,
    *documents.ROWS,
    *cases.ROWS,
    *evidence.ROWS,
    *appeals.ROWS,
    *execution.ROWS,
    *filings.ROWS,
    *coercive.ROWS,
]


def _expand(deviation: Deviation) -> Deviation:
    if deviation.personas != REFUSED:
        return deviation
    row_ = next((r for r in ROWS if r.key == deviation.row), None)
    refused = tuple(
        p
        for p, code in (row_.expect.items() if row_ else ())
        if code in (403, 404) and p != ANONYMOUS
    )
    return Deviation(deviation.row, refused, deviation.actual, deviation.why)


KNOWN_DEVIATIONS: list[Deviation] = [_expand(d) for d in _DECLARED]

__all__ = ["KNOWN_DEVIATIONS", "OK", "PERSONAS", "ROWS", "Row"]
