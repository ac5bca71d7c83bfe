"""Data for the registry API tests, built through the services as 市市场监管局's 信息管理员
(each test module wraps :class:`Registry` in a ``registry`` fixture).

Independent of the demo city's own officers (if it seeds any): numbers are compared with what the
API showed before the test's data was added, and dates follow today's date.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from typing import Any

from django.utils import timezone

from zhifa.core.validators import id_number_check_char, mask_id_number
from zhifa.org.demo import agency_admin
from zhifa.org.models import Agency, EnforcementField, Unit, UnitKind, User
from zhifa.registry.models import Certificate, ExamKind, Officer
from zhifa.registry.services import certificates, officers, training
from zhifa.testing.api import as_user, chinese_error
from zhifa.testing.ledger import ledger_count, ledger_since, ledger_text, payload

# Shared by every app's tests (zhifa.testing); re-exported for the registry's.
__all__ = ["as_user", "chinese_error", "ledger_count", "ledger_since", "ledger_text", "payload"]

_serial = count(1)


def today() -> date:
    return timezone.localdate()


def this_year_start() -> date:
    return date(today().year, 1, 1)


def new_id_number(n: int | None = None) -> str:
    """A valid 身份证号码 (GB 11643-1999), different each call."""
    n = next(_serial) if n is None else n
    first17 = f"110105198807{1 + n % 28:02d}{n % 1000:03d}"
    return first17 + id_number_check_char(first17)


def masked(number: str) -> str:
    return mask_id_number(number)


def agency(short_name: str) -> Agency:
    return Agency.objects.get(short_name=short_name)


def unit(agency_: Agency, kind: str) -> Unit:
    return Unit.objects.filter(agency=agency_, kind=kind).order_by("pk").first()


def market() -> EnforcementField:
    return EnforcementField.objects.get(code="01")


class Registry:
    """Builds officers, exams and certificates of 市市场监管局 through the services."""

    def __init__(self, demo: dict[str, User]) -> None:
        self.demo = demo
        self.admin = demo["scjg_admin"]
        self.scjg = agency("市市场监管局")
        self.numbers = count(1)

    def other_admin(self) -> User:
        """The information administrator of 东城区市场监管局: keeps a registry, not this one."""
        other = agency("东城区市场监管局")
        return agency_admin("dc_scjg", other, self.demo["secadmin"], self.demo["sysadmin"])

    def officer(self, name: str = "", **data: Any) -> Officer:
        n = next(_serial)
        data.setdefault("id_number", new_id_number(n))
        data.setdefault("unit", unit(self.scjg, UnitKind.HANDLING))
        data.setdefault("fields", [market()])
        data.setdefault("post", "执法队员")
        return officers.create_officer(self.admin, self.scjg, name=name or f"测试员{n}", **data)

    def pass_exams(self, officer: Officer) -> None:
        taken = this_year_start() - timedelta(days=200)
        training.record_exam(
            self.admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=taken, score=88
        )
        training.record_exam(
            self.admin,
            officer,
            kind=ExamKind.SPECIALISED_LAW,
            taken_on=taken,
            score=75,
            field=market(),
        )

    def next_number(self) -> str:
        return f"99010009{next(self.numbers):04d}"

    def certificate(self, officer: Officer, **data: Any) -> Certificate:
        """Issued on 1 January this year (no annual review due yet), for five years."""
        if not officer.exams.filter(passed=True).exists():
            self.pass_exams(officer)
        data.setdefault("number", self.next_number())
        data.setdefault("issuing_authority", "示范市人民政府")
        data.setdefault("field", market())
        data.setdefault("issued_on", this_year_start())
        data.setdefault("expires_on", this_year_start().replace(year=today().year + 5))
        return certificates.issue_certificate(self.admin, officer, **data)
