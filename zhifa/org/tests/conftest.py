"""Helpers for the org tests: the demo city's agencies by short name, and ledger reads."""

from __future__ import annotations

import json
from typing import Any

import pytest

from zhifa.core.models import LedgerEntry
from zhifa.org.demo import DEMO_PASSWORD
from zhifa.org.models import Agency

ADMIN_LOGINS = {
    "sysadmin": "Xitong@2026",
    "secadmin": "Anquan@2026",
    "auditadmin": "Shenji@2026",
}


def password_of(username: str) -> str:
    """The demo password of a persona."""
    return ADMIN_LOGINS.get(username, DEMO_PASSWORD)


@pytest.fixture
def agencies(demo) -> dict[str, Agency]:
    """The demo agencies by short name (市市场监管局, 东城区城管执法局, …)."""
    return {a.short_name: a for a in Agency.objects.all()}


def login_api(api_client, user):
    """Authenticate an APIClient as ``user`` (as the root conftest's helper; importing that one by
    the bare name ``conftest`` is ambiguous once tests/browser/conftest.py is collected too)."""
    api_client.force_authenticate(user=user)
    return api_client


def entries(action: str) -> list[LedgerEntry]:
    return list(LedgerEntry.objects.filter(action=action).order_by("seq"))


def payload(entry: LedgerEntry) -> dict[str, Any]:
    return json.loads(entry.payload.body)


def all_payload_text() -> str:
    """Every ledger entry's payload, as one string, to search for things never recorded."""
    return "\n".join(
        e.payload.body for e in LedgerEntry.objects.select_related("payload").order_by("seq")
    )
