"""The ledger guard (zhifa/testing/ledger_guard.py) catches a change made around the services.

These tests make such changes on purpose, so they are exempt from the conftest's own guard and
watch with one of their own.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from zhifa.core import ledger
from zhifa.org.models import Region, Role, User
from zhifa.org.services import accounts, organisation
from zhifa.testing.ledger_guard import describe, ledger_guard, writes_around_services

pytestmark = pytest.mark.ledger_exempt("tests the guard by writing around the services")


@pytest.fixture
def sysadmin(db) -> User:
    return accounts.bootstrap_administrators(
        {
            Role.SYSTEM_ADMIN: "Xitong@2026",
            Role.SECURITY_ADMIN: "Anquan@2026",
            Role.AUDIT_ADMIN: "Shenji@2026",
        }
    )[0]


def test_a_model_created_outside_a_service_is_caught(sysadmin):
    with ledger_guard() as guard:
        Region.objects.create(code="990100", name="示范市", level="city")
    found = guard.finish()
    assert len(found) == 1
    assert "changed org_region at tests/test_ledger_guard.py:" in found[0]
    assert "writes_around_services" in describe(found)


def test_a_transaction_that_writes_without_a_ledger_entry_is_caught_where_it_commits(sysadmin):
    with ledger_guard() as guard:
        with transaction.atomic():
            Region.objects.create(code="990100", name="示范市", level="city")
        assert guard.violations, "caught when the block commits, not only at the end of the test"
    assert "org_region" in guard.finish()[0]


def test_the_ledger_entry_must_be_in_the_same_transaction(sysadmin):
    with ledger_guard() as guard:
        with transaction.atomic():
            region = Region.objects.create(code="990100", name="示范市", level="city")
        with transaction.atomic():
            ledger.append(actor=sysadmin, action="region.create", obj=region)
    assert len(guard.finish()) == 1


def test_a_change_with_its_ledger_entry_passes(sysadmin):
    with ledger_guard() as guard, transaction.atomic():
        region = Region.objects.create(code="990100", name="示范市", level="city")
        ledger.append(actor=sysadmin, action="region.create", obj=region)
    assert guard.finish() == []


def test_a_service_passes_and_a_rolled_back_block_is_forgotten(sysadmin):
    with ledger_guard() as guard:
        organisation.create_region(sysadmin, code="990100", name="示范市")
        try:
            with transaction.atomic():
                Region.objects.create(code="990102", name="东城区", level="district")
                raise ValueError("rolled back")
        except ValueError:
            pass
    assert guard.finish() == []
    assert list(Region.objects.values_list("code", flat=True)) == ["990100"]


def test_signing_in_is_not_a_business_change(sysadmin, client):
    with ledger_guard() as guard:
        client.force_login(sysadmin)  # stamps last_login (allowed), writes a session (not zhifa's)
    assert guard.finish() == []


def test_set_up_that_says_why_it_writes_around_the_services_is_not_counted(sysadmin):
    with ledger_guard() as guard:
        with writes_around_services("a region as it stood before the platform"):
            Region.objects.create(code="990100", name="示范市", level="city")
        Region.objects.create(code="990102", name="东城区", level="district")
    found = guard.finish()
    assert len(found) == 1 and "org_region" in found[0]
    with pytest.raises(ValueError), writes_around_services(" "):
        pass
