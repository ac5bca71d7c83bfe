"""The fixtures every app's tests use (a pytest plugin; the root conftest loads it).

The demo city is seeded once per session (the root conftest's ``django_db_setup``); ``demo``,
``registry_demo`` and ``personas`` hand a test its users, inside the test's own rolled-back
transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine

from zhifa.testing.clock import MIDYEAR, moved_now
from zhifa.testing.personas import People, people


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The demo's parties (tens of thousands by default): a few hundred are enough for a test.
    settings.DEMO_PARTIES = 300
    # The demo's cases (a few hundred by default): one of each state is enough for a test.
    settings.DEMO_CASES = "small"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache: the public endpoints' per-address request counts
    (zhifa.core.ratelimit) of one test must not refuse another's requests."""
    from django.core.cache import cache

    cache.clear()
    yield


def _travel_to_moved_now() -> Iterator[None]:
    now = moved_now()
    if now is None:
        yield
        return
    with time_machine.travel(now, tick=True):
        yield


@pytest.fixture(scope="module", autouse=True)
def _moved_clock_for_the_module() -> Iterator[None]:
    """With ``ZHIFA_TEST_NOW`` set, a module's own fixtures (a demo registry seeded once for the
    module) are built at that moment too, not minutes later when the session's clock has ticked
    past midnight."""
    yield from _travel_to_moved_now()


@pytest.fixture(autouse=True)
def _moved_clock() -> Iterator[None]:
    """With ``ZHIFA_TEST_NOW`` set, every test starts at that moment (the clock then ticks), so
    a test built on "today" runs on that day whatever moment the run reached; tests that freeze
    their own day (``midyear``) still do, inside it."""
    yield from _travel_to_moved_now()


@pytest.fixture
def midyear() -> Iterator[date]:
    """Freeze the clock on a Wednesday in June of a year the holiday data covers.

    Name it first among a test's fixtures so that the data is built on that day too: a test that
    looks weeks ahead must not cross 1 January, when every certificate needs last year's review.
    (The session's demo city holds no date-relative data; the demo registry is seeded on the day
    its test runs, so name ``midyear`` before ``registry_demo`` to build it in June too.)
    """
    with time_machine.travel(MIDYEAR, tick=False):
        yield MIDYEAR.date()


@pytest.fixture
def personas(db) -> People:
    """The demo city's users by username, and by persona key: ``personas.officer``,
    ``personas.outsider``, ``personas.anonymous`` (see :mod:`zhifa.testing.personas`)."""
    return people()


@pytest.fixture
def demo(db) -> People:
    """The demo city 示范市 (seeded once for the session); personas by username."""
    return people()


@pytest.fixture
def registry_demo(db) -> People:
    """The demo city with its officers, certificates, training, reviews and drills, seeded for
    this test (in its transaction) on today's date. Modules whose every test reads the demo
    registry seed it once for the module instead (see ``zhifa.registry.tests.test_pages``)."""
    from zhifa.registry import demo as registry_city

    registry_city.seed()
    return people()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def case(db):
    """A lead (线索) of 市市场监管局 handled by the persona officer (``scjg_zhang``, 主办) and a
    second officer, both able to enforce today, with a new party and matter (``CaseFactory``)."""
    from zhifa.testing.factories import CaseFactory

    return CaseFactory()
