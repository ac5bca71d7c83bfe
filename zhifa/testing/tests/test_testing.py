"""The shared test foundation: the session city and its personas, the factories (through the
services, each change in the ledger), "refused, and nothing written", and the clock switch."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.core.models import LedgerEntry
from zhifa.org.models import Agency, Region, Role, UnitKind
from zhifa.org.services import organisation
from zhifa.testing import clock
from zhifa.testing.factories import (
    AgencyFactory,
    CertificateFactory,
    MatterFactory,
    OfficerFactory,
    RegionFactory,
    UserFactory,
)
from zhifa.testing.ledger import forbidden, last_seq, ledger_actions, recorded, refused
from zhifa.testing.personas import PERSONAS


def test_every_persona_is_in_the_session_city_with_its_role(personas):
    for persona in PERSONAS:
        user = getattr(personas, persona.key)
        if persona.username is None:
            assert isinstance(user, AnonymousUser)
            continue
        assert user.username == persona.username
        roles = {
            (m.role, m.agency.short_name if m.agency else None) for m in user.memberships.all()
        }
        assert (persona.role, persona.agency) in roles, persona
    assert personas.officer == personas["scjg_zhang"]  # the old ``demo[...]`` way still works


def test_the_outsider_belongs_to_another_agency(personas):
    assert personas.outsider.memberships.get().agency != personas.officer.memberships.get().agency


def test_factories_build_through_the_services_with_ledger_entries(db):
    since = last_seq()
    region = RegionFactory()
    agency = AgencyFactory(region=region)
    officer = OfficerFactory(agency=agency)
    certificate = CertificateFactory(officer=officer)
    user = UserFactory(role=Role.OFFICER, agency=agency)
    matter = MatterFactory(agency=agency)
    assert region.parent.code == "990100"
    assert sorted(agency.units.values_list("kind", flat=True)) == sorted(
        [UnitKind.HANDLING, UnitKind.LEGAL_REVIEW]
    )
    assert officer.unit.kind == UnitKind.HANDLING and officer.agency == agency
    assert certificate.officer == officer and officer.exams.filter(passed=True).count() == 2
    assert user.memberships.get().agency == agency
    assert matter.agency == agency
    actions = ledger_actions(since)
    for action in (
        "org.region.create",
        "org.agency.create",
        "org.unit.create",
        "registry.officer.create",
        "registry.certificate.issue",
        "catalog.matter.create",
    ):
        assert action in actions, action


def test_factories_refuse_what_the_services_refuse(db):
    with refused("区划代码990100已存在", Region, field="code"):
        RegionFactory(code="990100")


def test_refused_fails_when_something_was_written(demo):
    def write_then_refuse() -> None:
        organisation.create_region(demo["sysadmin"], code="990177", name="多写区")
        raise ValidationError("不可以")

    with pytest.raises(AssertionError, match="wrote something"), refused("不可以", Region):
        write_then_refuse()


def test_refused_fails_on_another_message(demo):
    with pytest.raises(AssertionError), refused("另一条理由"):
        raise ValidationError("不可以")


def test_forbidden_and_recorded(demo):
    with forbidden(Agency, message="系统管理员"):
        organisation.create_agency(demo["scjg_zhang"], name="越权局")
    with recorded("org.region.create"):
        organisation.create_region(demo["sysadmin"], code="990178", name="记录区")
    assert LedgerEntry.objects.order_by("-seq").first().action == "org.region.create"


def test_the_switch_reads_an_iso_moment_in_beijing_time(monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    assert clock.moved_now() is None
    monkeypatch.setenv(clock.ENV, "2026-12-31T23:59:00+08:00")
    assert clock.moved_now() == clock.NEW_YEARS_EVE
    monkeypatch.setenv(clock.ENV, "2026-12-31T23:59")
    assert clock.moved_now() == clock.NEW_YEARS_EVE
    monkeypatch.setenv(clock.ENV, "31/12/2026")
    with pytest.raises(SystemExit, match="ISO 8601"):
        clock.moved_now()


def test_midyear_freezes_the_day(midyear):
    assert timezone.localdate() == midyear == date(2026, 6, 17)


def test_the_moved_clock_starts_each_test_at_its_moment():
    """With ZHIFA_TEST_NOW set (the CI year-end run) every test starts at that moment, in the
    database too: what a test builds is dated on that day."""
    moved = clock.moved_now()
    if moved is None:
        pytest.skip("the clock is the real one (ZHIFA_TEST_NOW is not set)")
    assert 0 <= (timezone.now() - moved).total_seconds() < 60
    assert timezone.localdate() == moved.astimezone(clock.SHANGHAI).date()
