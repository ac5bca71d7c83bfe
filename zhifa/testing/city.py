"""The demo city, seeded once per test session (per xdist worker) into the test database.

Seeded with ``seed_demo`` — the command ``make demo`` runs — so every app's demo data joins the
tests' city as it joins the demo. Each test then runs inside a transaction rolled back at its end
(pytest-django's ``db``), so no test sees another's changes.
"""

from __future__ import annotations

import io

import time_machine
from django.core.management import call_command
from django.test.utils import override_settings

from zhifa.testing.clock import moved_now

#: Hashing the demo's passwords with the real hasher takes seconds; tests log in with these.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed_city() -> None:
    """Seed the whole demo city (org, registry, catalogue, …) on today's date — or on the day
    ``ZHIFA_TEST_NOW`` names, so the relative demo data (certificates expiring in ten days, …)
    is relative to the day the tests believe it is."""
    now = moved_now()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        if now is None:
            call_command("seed_demo", stdout=io.StringIO())
        else:
            with time_machine.travel(now, tick=True):
                call_command("seed_demo", stdout=io.StringIO())
