"""Helpers for the org tests: the demo city's agencies by short name, and ledger reads."""

from __future__ import annotations

import pytest

from zhifa.org.demo import DEMO_PASSWORD
from zhifa.org.models import Agency
from zhifa.testing.api import login_api
from zhifa.testing.ledger import entries, ledger_text, payload

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


all_payload_text = ledger_text
__all__ = ["all_payload_text", "entries", "login_api", "payload"]  # shared: zhifa.testing
