"""Rows for the parties' routes: the list, registration, a party's record and its actions, Excel.

Parties are reference data shared by every agency's staff and the supervisors: 市市场监管局's
staff, another agency's officer (sthj_xu) and both supervisors see them all. The demo enterprise
user (qy_demo) sees only the party its account is bound to (``party@bound``); the social
supervisor and the three administrators see none. Officers and information administrators
register and correct parties; only an information administrator verifies codes, grades credit,
classes risk, binds accounts and imports.
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, not_allowed, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
STAFF = ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sthj_xu")
SUPERVISORS = ("sfj_chen", "dc_sfj_liu")
SEE_ALL = (STAFF, SUPERVISORS)
READERS = (SEE_ALL, "qy_demo")
CHANGERS = ("scjg_zhang", "scjg_admin", "sthj_xu")  # officers and information administrators
ADMIN = "scjg_admin"


def page_write(obj: str, writers=CHANGERS, seers=SEE_ALL):
    """A POST on a party's record: refused (403) to those who see it but may not act."""
    denied = tuple(p for p in _flat(seers) if p not in _flat(writers))
    return row("POST", "parties:party_detail", obj, {OK: writers, 403: denied, 404: REST, 302: A})


def admin_write(route: str, obj: str = "party@other"):
    denied = tuple(p for p in _flat(SEE_ALL) if p != ADMIN)
    return row("POST", route, obj, {OK: ADMIN, 403: denied, 404: REST, 401: A})


def _flat(personas) -> list[str]:
    if isinstance(personas, str):
        return [personas]
    return [p for group in personas for p in _flat(group)]


ROWS = [
    # Pages
    row("GET", "parties:party_list", None, {200: READERS, 403: REST, 302: A}),
    row("GET", "parties:party_export", None, {200: READERS, 403: REST, 302: A}),
    row("GET", "parties:party_create", None, {200: CHANGERS, 403: REST, 302: A}),
    row("POST", "parties:party_create", None, {OK: CHANGERS, 403: REST, 302: A}),
    row("GET", "parties:party_import", None, {200: ADMIN, 403: REST, 302: A}),
    row("POST", "parties:party_import", None, {OK: ADMIN, 403: REST, 302: A}),
    row("GET", "parties:party_template", None, {200: ADMIN, 403: REST, 302: A}),
    row("GET", "parties:party_detail", "party@other", {200: SEE_ALL, 404: REST, 302: A}),
    row("GET", "parties:party_detail", "party@bound", {200: READERS, 404: REST, 302: A}),
    page_write("party@other"),
    page_write("party@bound", seers=READERS),
    # API
    api("party-list"),
    row("POST", "party-list", None, {OK: CHANGERS, 403: REST, 401: A}),
    row("GET", "party-detail", "party@other", {200: SEE_ALL, 404: REST, 401: A}),
    row("GET", "party-detail", "party@bound", {200: READERS, 404: REST, 401: A}),
    row(
        "PATCH",
        "party-detail",
        "party@other",
        {OK: CHANGERS, 403: ("scjg_li", "scjg_wang", SUPERVISORS), 404: REST, 401: A},
    ),
    *(not_allowed(f"party-{act}", "party@other") for act in ("verify", "credit", "risk")),
    *(not_allowed(f"party-{act}", "party@other") for act in ("bind", "unbind")),
    *(admin_write(f"party-{act}") for act in ("verify", "credit", "risk", "bind", "unbind")),
    not_allowed("party-upload"),
    row("POST", "party-upload", None, {OK: ADMIN, 403: REST, 401: A}),
]
