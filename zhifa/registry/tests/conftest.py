"""Fixtures for the registry tests: officers and certificates of 示范市市场监督管理局, built through
the services as its 信息管理员 (scjg_admin)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Any

import pytest

from zhifa.org.models import Agency, EnforcementField, Role, Unit, UnitKind, User
from zhifa.org.services import accounts
from zhifa.registry.models import Certificate, ExamKind, Officer
from zhifa.registry.services import certificates, officers, training
from zhifa.registry.tests.helpers import EXAM_DAY, EXPIRY_DAY, ISSUE_DAY, id_number


@pytest.fixture
def scjg(demo) -> Agency:
    return Agency.objects.get(short_name="市市场监管局")


@pytest.fixture
def sthj(demo) -> Agency:
    return Agency.objects.get(short_name="市生态环境局")


@pytest.fixture
def admin(demo) -> User:
    """scjg_admin, the 信息管理员 of 示范市市场监督管理局."""
    return demo["scjg_admin"]


@pytest.fixture
def sthj_admin(demo, sthj) -> User:
    """An information administrator of another agency (市生态环境局)."""
    user = accounts.create_user(
        demo["sysadmin"], username="sthj_admin", full_name="钱进", password="Shifan@2026"
    )
    accounts.grant_role(demo["secadmin"], user, role=Role.AGENCY_ADMIN, agency=sthj)
    return user


@pytest.fixture
def market(db) -> EnforcementField:
    return EnforcementField.objects.get(name="市场监管")


def unit_of(agency: Agency, kind: str) -> Unit:
    return Unit.objects.get(agency=agency, kind=kind)


@pytest.fixture
def make_officer(admin, scjg, market) -> Callable[..., Officer]:
    """Register an officer of 市市场监管局 in its 执法大队 (an enforcement post, on duty)."""
    numbers = count(1)

    def make(name: str = "", **data: Any) -> Officer:
        n = next(numbers)
        data.setdefault("id_number", id_number(n))
        data.setdefault("unit", unit_of(scjg, UnitKind.HANDLING))
        data.setdefault("fields", [market])
        return officers.create_officer(admin, scjg, name=name or f"执法员{n}", **data)

    return make


@pytest.fixture
def officer(make_officer) -> Officer:
    return make_officer("张伟")


def pass_exams(actor: User, officer: Officer, field: EnforcementField, on=EXAM_DAY) -> None:
    training.record_exam(actor, officer, kind=ExamKind.PUBLIC_LAW, taken_on=on, score=85)
    training.record_exam(
        actor, officer, kind=ExamKind.SPECIALISED_LAW, taken_on=on, score=78, field=field
    )


@pytest.fixture
def make_certificate(admin, market) -> Callable[..., Certificate]:
    """Issue a certificate (passing the exams first, once per officer)."""
    numbers = count(1)

    def make(officer: Officer, **data: Any) -> Certificate:
        if not officer.exams.exists():
            pass_exams(admin, officer, market)
        data.setdefault("number", f"99010001{next(numbers):04d}")
        data.setdefault("issuing_authority", "示范市人民政府")
        data.setdefault("field", market)
        data.setdefault("issued_on", ISSUE_DAY)
        data.setdefault("expires_on", EXPIRY_DAY)
        return certificates.issue_certificate(admin, officer, **data)

    return make


@pytest.fixture
def certificate(officer, make_certificate) -> Certificate:
    return make_certificate(officer)
