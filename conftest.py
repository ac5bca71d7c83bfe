"""Shared fixtures: fast password hashing, the demo city and its personas."""

from __future__ import annotations

import pytest

from zhifa.org import demo as demo_city
from zhifa.org.models import User


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
