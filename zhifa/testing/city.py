"""The demo city 示范市 (regions, agencies, units, a persona for every role — :mod:`zhifa.org.demo`),
seeded once per test session (per xdist worker) into the test database.

Each test then runs inside a transaction rolled back at its end (pytest-django's ``db``), so no test
sees another's changes. The registry's and the catalogue's demo data are not part of the session
city: most tests of those apps build exactly the officers and matters they speak of and count what
they built; the tests that read the demo registry or catalogue seed it for their module (or, with
``registry_demo``, for the test) inside a transaction rolled back afterwards.
"""

from __future__ import annotations

import time_machine
from django.db import transaction
from django.test.utils import override_settings

from zhifa.testing.clock import moved_now

#: Hashing the demo's passwords with the real hasher takes seconds; tests log in with these.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed_city() -> None:
    """Seed the demo city, on the day ``ZHIFA_TEST_NOW`` names when it is set."""
    from zhifa.org import demo

    now = moved_now()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        if now is None:
            demo.seed()
        else:
            with time_machine.travel(now, tick=True):
                demo.seed()
