"""The ledger guard (zhifa/testing/ledger_guard.py) catches a change made around the services.

These tests make such changes on purpose, so they are exempt from the conftest's own guard and
watch with one of their own.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from zhifa.core import ledger
from zhifa.org.models import Region, User
from zhifa.org.services import organisation
from zhifa.testing.ledger_guard import describe, ledger_guard, writes_around_services

pytestmark = pytest.mark.ledger_exempt("tests the guard by writing around the services")


@pytest.fixture
def sysadmin(db) -> User:
    return User.objects.get(username="sysadmin")  # of the session's demo city


def new_region(code: str = "880000", name: str = "测试省") -> Region:
    """A province outside the demo city, created around the services."""
    return Region.objects.create(code=code, name=name, level="province")


def test_a_model_created_outside_a_service_is_caught(sysadmin):
    with ledger_guard() as guard:
        new_region()
    found = guard.finish()
    assert len(found) == 1
    assert "changed org_region at tests/test_ledger_guard.py:" in found[0]
    assert "writes_around_services" in describe(found)


def test_a_transaction_that_writes_without_a_ledger_entry_is_caught_where_it_commits(sysadmin):
    with ledger_guard() as guard:
        with transaction.atomic():
            new_region()
        assert guard.violations, "caught when the block commits, not only at the end of the test"
    assert "org_region" in guard.finish()[0]


def test_the_ledger_entry_must_be_in_the_same_transaction(sysadmin):
    with ledger_guard() as guard:
        with transaction.atomic():
            region = new_region()
        with transaction.atomic():
            ledger.append(actor=sysadmin, action="region.create", obj=region)
    assert len(guard.finish()) == 1


def test_a_change_with_its_ledger_entry_passes(sysadmin):
    with ledger_guard() as guard, transaction.atomic():
        region = new_region()
        ledger.append(actor=sysadmin, action="region.create", obj=region)
    assert guard.finish() == []


def test_a_service_passes_and_a_rolled_back_block_is_forgotten(sysadmin):
    with ledger_guard() as guard:
        organisation.create_region(sysadmin, code="880000", name="测试省")
        try:
            with transaction.atomic():
                new_region("870000", "另一省")
                raise ValueError("rolled back")
        except ValueError:
            pass
    assert guard.finish() == []
    assert Region.objects.filter(code__in=["880000", "870000"]).count() == 1


def test_signing_in_is_not_a_business_change(sysadmin, client):
    with ledger_guard() as guard:
        client.force_login(sysadmin)  # stamps last_login (allowed), writes a session (not zhifa's)
    assert guard.finish() == []


def test_set_up_that_says_why_it_writes_around_the_services_is_not_counted(sysadmin):
    with ledger_guard() as guard:
        with writes_around_services("a region as it stood before the platform"):
            new_region()
        new_region("870000", "另一省")
    found = guard.finish()
    assert len(found) == 1 and "org_region" in found[0]
    with pytest.raises(ValueError), writes_around_services(" "):
        pass


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_is_checked_as_a_whole():
    """Without a test-level transaction a service's own atomic is the real transaction and its
    inner blocks are the only savepoints: the guard then checks the test as a whole."""
    from zhifa.org.demo import seed

    seed()  # the flush emptied the tables; the demo city goes through the services
    sysadmin = User.objects.get(username="sysadmin")
    secadmin = User.objects.get(username="secadmin")
    with ledger_guard() as guard:
        assert guard.per_test
        from zhifa.org.services import accounts

        user = accounts.create_user(
            sysadmin, username="gw_check", full_name="检查", password="Shifan@2026x"
        )
        accounts.grant_role(secadmin, user, role="social_supervisor")  # an inner savepoint
    assert guard.finish() == []
    with ledger_guard() as guard:
        new_region()
    assert len(guard.finish()) == 1
