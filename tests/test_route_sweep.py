"""The route sweep: every route × every persona against the declared table (zhifa.testing.routes).

The demo city is seeded once for the module (in a transaction rolled back at the end) and each case
runs in its own savepoint. A refused write must leave the ledger and every business table unchanged.
A route without a row fails ``test_every_route_has_a_row``, naming it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from zhifa.core.models import LedgerEntry
from zhifa.testing.ledger_guard import ledger_guard
from zhifa.testing.routes import KNOWN_DEVIATIONS, OK, PERSONAS, ROWS, Row
from zhifa.testing.sweep import ANONYMOUS, Route, all_routes, send, url_of

NOTICE_YEAR = 2099  # a year the holiday package does not cover: its notice is entered by hand
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROUTES = all_routes()


class RouteDeviation(AssertionError):
    """Exactly the answers the known deviations document (the row is expected to fail so)."""


def _documented(r: Row) -> dict[str, int]:
    return {p: d.actual for d in KNOWN_DEVIATIONS if d.row == r.key for p in d.personas}


def _params() -> Iterator[object]:
    for r in ROWS:
        documented = _documented(r)
        marks = ()
        if documented:
            why = "; ".join(sorted({d.why for d in KNOWN_DEVIATIONS if d.row == r.key}))
            marks = pytest.mark.xfail(strict=True, raises=RouteDeviation, reason=why)
        yield pytest.param(r, id=r.key, marks=marks)


@pytest.fixture(scope="module")
def clients(django_db_setup, django_db_blocker) -> Iterator[dict[str, Client]]:
    """The demo city, seeded once for the module, and a signed-in client per persona."""
    from zhifa.cases import demo as cases_city
    from zhifa.cases import demo_appeals, demo_coercive, demo_evidence, demo_reviews, filing_demo
    from zhifa.catalog import demo as catalog_city
    from zhifa.core import calendar, holidays
    from zhifa.inspections import demo as inspections_city
    from zhifa.inspections import demo_filings, demo_visits
    from zhifa.org import demo as org_city
    from zhifa.org.models import User
    from zhifa.parties import demo as parties_city
    from zhifa.registry import demo as registry_city
    from zhifa.testing.documents import seed_case_documents

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org_city.seed()
            registry_city.seed()
            catalog_city.seed()
            parties_city.seed(count=20)
            demo_filings.seed()
            demo_visits.seed()
            inspections_city.seed()
            cases_city.seed_small()
            demo_reviews.seed()
            demo_evidence.seed()
            demo_appeals.seed()
            filing_demo.seed()
            demo_coercive.seed()
            seed_case_documents()
            calendar.set_override(
                User.objects.get(username="sysadmin"),
                day=date(2026, 10, 10),
                is_working_day=True,
                note="调休上班",
            )
            holidays.save_notice(
                User.objects.get(username="sysadmin"),
                year=NOTICE_YEAR,
                title=f"国务院办公厅关于{NOTICE_YEAR}年部分节假日安排的通知",
            )
            signed_in = {}
            for persona in PERSONAS:
                client = Client()
                if persona != ANONYMOUS:
                    client.force_login(User.objects.get(username=persona))
                signed_in[persona] = client
            yield signed_in
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_route_has_a_row() -> None:
    """A new route (or a new method on one) needs its row in zhifa/testing/routes."""
    declared = {(r.route, r.method) for r in ROWS}
    missing = [
        f"{method} {route.name}  ({route.pattern})"
        for route in ROUTES.values()
        for method in sorted({"GET"} | route.methods)
        if (route.name, method) not in declared
    ]
    assert not missing, "Routes without a row in zhifa/testing/routes:\n  " + "\n  ".join(missing)


def test_every_row_names_a_route_and_deviations_name_rows() -> None:
    stale = [r.key for r in ROWS if r.route not in ROUTES]
    assert not stale, f"Rows for routes that no longer exist: {stale}"
    keys = {r.key for r in ROWS}
    unknown = [d.row for d in KNOWN_DEVIATIONS if d.row not in keys]
    assert not unknown, f"Known deviations naming no row: {unknown}"


def _status(client: Client, r: Row, route: Route) -> int:
    return send(client, r.method, url_of(route, r.obj, r.query), api=route.is_api)


def _refused_write(client: Client, r: Row, route: Route) -> tuple[int, list[str]]:
    """Send a write that must be refused; return the answer and whatever it changed anyway."""
    before = LedgerEntry.objects.count()
    savepoint = transaction.savepoint()
    try:
        with ledger_guard() as guard:
            got = _status(client, r, route)
        changed = sorted(guard.changed())
        if LedgerEntry.objects.count() != before:
            changed.append("the ledger")
    finally:
        transaction.savepoint_rollback(savepoint)
    return got, changed


@pytest.mark.parametrize("r", list(_params()))
def test_route(clients, db, r: Row) -> None:
    """Every persona of the row gets the declared answer; a refused write changes nothing."""
    route = ROUTES[r.route]
    documented = _documented(r)
    problems: list[str] = []
    for persona in PERSONAS:
        expected = r.expect[persona]
        if expected == OK:
            continue
        if r.method == "GET":
            got, changed = _status(clients[persona], r, route), []
        else:
            got, changed = _refused_write(clients[persona], r, route)
        if changed:
            problems.append(f"{persona}: refused with {got} but changed {', '.join(changed)}")
        elif persona in documented and got == expected:
            problems.append(f"{persona}: now {got} as declared: delete the known deviation")
        elif got != expected and got != documented.get(persona):
            problems.append(f"{persona}: expected {expected}, got {got}")
    assert not problems, r.key + "\n  " + "\n  ".join(problems)
    if documented:
        deviations = ", ".join(f"{p} gets {code}" for p, code in documented.items())
        raise RouteDeviation(f"{r.key}: expected, known deviations: {deviations}")
