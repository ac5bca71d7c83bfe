"""Shared fixtures: fast password hashing, the demo city and its personas."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from zhifa.org import demo as demo_city
from zhifa.org.models import User


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


MIDYEAR = datetime(2026, 6, 17, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def midyear():
    """Freeze the clock on a Wednesday in June of a year the holiday data covers.

    Name it first among a test's fixtures so that the data is built on that day too: a test that
    looks weeks ahead must not cross 1 January, when every certificate needs last year's review.
    """
    with time_machine.travel(MIDYEAR, tick=False):
        yield MIDYEAR.date()


@pytest.fixture
def demo(db) -> dict[str, User]:
    """The demo city 示范市, seeded through the services; personas by username."""
    demo_city.seed()
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def login_api(client, user: User):
    """Authenticate an APIClient as ``user`` (session-less, as a token would)."""
    client.force_authenticate(user=user)
    return client


@pytest.fixture
def registry_demo(demo) -> dict[str, User]:
    """The demo city with its officers, certificates, training, reviews and drills."""
    from zhifa.registry import demo as registry_city

    registry_city.seed()
    return {u.username: u for u in User.objects.all()}
