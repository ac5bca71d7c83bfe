"""Root conftest: the session's demo city, the clock switch, and the shared fixtures
(:mod:`zhifa.testing.fixtures`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zhifa.testing.api import login_api
from zhifa.testing.clock import MIDYEAR, moved_now
from zhifa.testing.ledger_guard import describe, ledger_guard

__all__ = ["MIDYEAR", "login_api"]

pytest_plugins = ["zhifa.testing.fixtures"]

_session_clock = None


def pytest_configure(config: pytest.Config) -> None:
    """``ZHIFA_TEST_NOW=2026-12-31T23:59:00+08:00`` moves the clock (ticking) for the whole
    session, before the database is built: the year-end run of CI."""
    global _session_clock
    now = moved_now()
    if now is not None and _session_clock is None:
        import time_machine

        _session_clock = time_machine.travel(now, tick=True)
        _session_clock.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _session_clock
    if _session_clock is not None:
        _session_clock.stop()
        _session_clock = None


@pytest.fixture(autouse=True)
def _ledger_guard(request):
    """Fail a test whose transactions change business tables without a ledger entry.

    See zhifa/testing/ledger_guard.py. Only tests that use the database are watched; one that
    writes around the services on purpose is marked ``@pytest.mark.ledger_exempt("why")``.
    """
    node = request.node
    uses_db = "_django_db_helper" in request.fixturenames or node.get_closest_marker("django_db")
    if not uses_db or node.get_closest_marker("ledger_exempt"):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    with ledger_guard() as guard:
        yield
        found = guard.finish()
    if found:
        pytest.fail(describe(found), pytrace=False)


def pytest_report_header(config: pytest.Config) -> str | None:
    now = moved_now()
    return f"clock moved to {now.isoformat()} (ZHIFA_TEST_NOW)" if now else None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Migrate the test database (pytest-django), then seed the demo city once; every test runs
    in a transaction rolled back at its end. Tests with ``transaction=True`` or ``live_server``
    run after all others (pytest-django orders them so): their flush empties the tables."""
    from zhifa.testing.city import seed_city

    with django_db_blocker.unblock():
        seed_city()
    yield
