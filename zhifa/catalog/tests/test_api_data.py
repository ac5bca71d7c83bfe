"""Catalogue data for the API and public-page tests, built through the services as 示范市市场监督管理局's
信息管理员 (scjg_admin). No tests here: each test module wraps :class:`Catalog` in its fixtures.

The benchmark is small: one fact, 违法所得 (元), grades split at 10000 and 50000 within a
statutory fine of 0–100000 元.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from zhifa.catalog.models import (
    DiscretionBenchmark,
    Filing,
    ListKind,
    ListVersion,
    Matter,
    MatterCategory,
    MatterLevel,
)
from zhifa.catalog.services import benchmarks, lists, matters
from zhifa.catalog.tests.approval_fixtures import publish_benchmark, publish_list
from zhifa.core.models import LedgerEntry
from zhifa.org.models import Agency, Role, User
from zhifa.org.services import accounts
from zhifa.testing.api import as_user, chinese_error
from zhifa.testing.ledger import ledger_count, payload

# Shared by every app's tests (zhifa.testing); re-exported for the catalogue's.
__all__ = ["as_user", "chinese_error", "ledger_count", "payload"]

INCOME = {"key": "illegal_income", "label": "违法所得", "kind": "number", "unit": "元"}


def today() -> date:
    return timezone.localdate()


def days_ago(n: int) -> date:
    return today() - timedelta(days=n)


def income(op: str, value: int) -> dict[str, Any]:
    return {"fact": "illegal_income", "op": op, "value": value}


GRADES = [
    {"name": "较轻", "conditions": [income("lt", 10000)], "fine_min": 0, "fine_max": 20000},
    {
        "name": "一般",
        "conditions": [income("ge", 10000), income("lt", 50000)],
        "fine_min": 20000,
        "fine_max": 60000,
    },
    {"name": "较重", "conditions": [income("ge", 50000)], "fine_min": 60000, "fine_max": 100000},
]


def head(**overrides: Any) -> dict[str, Any]:
    data = {
        "effective_on": days_ago(60),
        "source_document": "示市监规〔2025〕1号",
        "violation": "经营超过保质期的食品",
        "violation_basis": "《中华人民共和国食品安全法》第三十四条第（十）项",
        "penalty_basis": "《中华人民共和国食品安全法》第一百二十四条第一款",
        "statutory_range": "没收违法所得；货值金额不足一万元的，并处五万元以上十万元以下罚款",
        "fine_min": 0,
        "fine_max": 100000,
    }
    data.update(overrides)
    return data


def agency(short_name: str) -> Agency:
    return Agency.objects.get(short_name=short_name)


def actions_since(seen: int) -> list[str]:
    return [e.action for e in LedgerEntry.objects.order_by("seq")[seen:]]


class Catalog:
    """Builds matters, lists and benchmarks of 市市场监管局 through the services."""

    def __init__(self, demo: dict[str, User]) -> None:
        self.demo = demo
        self.admin = demo["scjg_admin"]
        self.scjg = agency("市市场监管局")
        self.serial = 0

    def admin_of(self, other: Agency) -> User:
        """The information administrator of ``other`` (created for agencies without one)."""
        if other == self.scjg:
            return self.admin
        found = User.objects.filter(
            memberships__role=Role.AGENCY_ADMIN, memberships__agency=other
        ).first()
        if found:
            return found
        user = accounts.create_user(
            self.demo["sysadmin"],
            username=f"admin_{other.pk}",
            full_name="钱进",
            password="Shifan@2026",
        )
        accounts.grant_role(self.demo["secadmin"], user, role=Role.AGENCY_ADMIN, agency=other)
        return user

    def matter(self, name: str = "经营超过保质期的食品", **data: Any) -> Matter:
        self.serial += 1
        data.setdefault("code", f"SCJG-CF-{self.serial:03d}")
        data.setdefault("category", MatterCategory.PENALTY)
        data.setdefault("level", MatterLevel.CITY)
        data.setdefault("law", "中华人民共和国食品安全法")
        data.setdefault("article", "第一百二十四条第一款")
        data.setdefault(
            "article_text",
            "违反本法规定，有下列情形之一……由县级以上人民政府食品安全监督管理部门没收违法所得……",
        )
        owner = data.pop("agency", self.scjg)
        return matters.create_matter(self.admin_of(owner), owner, name=name, **data)

    def benchmark(
        self, matter: Matter, *, publish: bool = True, **overrides: Any
    ) -> DiscretionBenchmark:
        grades = overrides.pop("grades", GRADES)
        facts = overrides.pop("facts", [INCOME])
        draft = benchmarks.save_draft(
            self.admin, matter, facts=facts, grades=grades, **head(**overrides)
        )
        return publish_benchmark(self.admin, draft) if publish else draft

    def version(
        self,
        kind: str,
        entries: list[dict[str, Any]],
        *,
        effective_on: date | None = None,
        publish: bool = True,
        note: str = "",
        copy: bool = False,
    ) -> ListVersion:
        version = lists.draft_version(
            self.admin,
            self.scjg,
            kind=kind,
            effective_on=effective_on or days_ago(30),
            note=note,
            copy_from_current=copy,
        )
        for entry in entries:
            lists.add_entry(self.admin, version, **entry)
        if publish:
            publish_list(self.admin, version)
            version.refresh_from_db()
        return version

    def random_inspection(self, matter: Matter, **kwargs: Any) -> ListVersion:
        attrs = {"抽查对象": "食品经营者", "抽查方式": "双随机", "抽查比例": "5%"}
        return self.version(
            ListKind.RANDOM_INSPECTION, [{"matter": matter, "attrs": attrs}], **kwargs
        )

    def no_penalty(self, title: str = "初次违法并及时改正的", **kwargs: Any) -> ListVersion:
        entry = {
            "title": title,
            "conditions": [
                {"fact": "first_violation", "op": "eq", "value": True},
                {"fact": "corrected_in_time", "op": "eq", "value": True},
            ],
            "attrs": {"may": True},
            "basis": "示市监规〔2025〕2号 第三条",
        }
        return self.version(ListKind.NO_PENALTY, [entry], **kwargs)

    def filing(self, version: ListVersion) -> Filing:
        return Filing.objects.get(version=version)
