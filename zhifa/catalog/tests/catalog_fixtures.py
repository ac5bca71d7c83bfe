"""Helpers for the catalogue tests: a realistic matter and benchmark, and "refused, nothing written".

The benchmark follows 《中华人民共和国食品安全法》第一百二十四条: goods value under 10,000 元, a fine of
50,000–100,000 元; otherwise 10–20 times (here: of the illegal income, which is what the engine
multiplies). Four grades split the goods value at 10,000, 50,000 and 100,000 元.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from django.db.models import Model

from zhifa.catalog.models import (
    DiscretionBenchmark,
    FactDefinition,
    Filing,
    Grade,
    ListEntry,
    ListVersion,
    Matter,
    MatterCategory,
    MatterLevel,
)
from zhifa.catalog.services import benchmarks, matters
from zhifa.catalog.tests.approval_fixtures import publish_benchmark
from zhifa.org.models import Agency, Role, User
from zhifa.org.services import accounts
from zhifa.testing import ledger as shared
from zhifa.testing.ledger import last_seq, ledger_actions

__all__ = ["last_seq", "ledger_actions"]  # shared, re-exported for the catalogue's tests

CATALOG_MODELS: tuple[type[Model], ...] = (
    Matter,
    DiscretionBenchmark,
    FactDefinition,
    Grade,
    ListVersion,
    ListEntry,
    Filing,
)
FOOD_LAW = "中华人民共和国食品安全法"
FOOD_ARTICLE = "第一百二十四条第一款第（一）项"


def agency(short_name: str) -> Agency:
    return Agency.objects.get(short_name=short_name)


def agency_admin(short_name: str, username: str) -> User:
    """A new 信息管理员 of an agency the demo city gives none (through the account services)."""
    user = accounts.create_user(
        User.objects.get(username="sysadmin"),
        username=username,
        full_name="钱程",
        password="Shifan@2026",
    )
    accounts.grant_role(
        User.objects.get(username="secadmin"),
        user,
        role=Role.AGENCY_ADMIN,
        agency=agency(short_name),
    )
    return user


def refused(message: str, field: str | None = None) -> AbstractContextManager[Any]:
    """The block raises a ValidationError showing ``message`` (under ``field`` when given) and
    writes nothing: no ledger entry, no catalogue row."""
    return shared.refused(message, *CATALOG_MODELS, field=field)


def forbidden(message: str = "") -> AbstractContextManager[None]:
    """The block raises PermissionDenied (with ``message``) and writes nothing."""
    return shared.forbidden(*CATALOG_MODELS, message=message)


def matter_data(code: str = "330217124000", **changes: Any) -> dict[str, Any]:
    data = {
        "code": code,
        "name": "对生产经营用非食品原料生产的食品等行为的行政处罚",
        "category": MatterCategory.PENALTY,
        "level": MatterLevel.CITY,
        "law": FOOD_LAW,
        "article": FOOD_ARTICLE,
        "article_text": "违反本法规定，有下列情形之一，尚不构成犯罪的，……货值金额不足一万元的，"
        "并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。",
    }
    data.update(changes)
    return data


def make_matter(
    actor: Any, code: str = "330217124000", *, at: str = "市市场监管局", **changes: Any
) -> Matter:
    return matters.create_matter(actor, agency(at), **matter_data(code, **changes))


FOOD_FACTS = [
    {"key": "goods_value", "label": "货值金额", "kind": "number", "unit": "元"},
    {"key": "illegal_income", "label": "违法所得", "kind": "number", "unit": "元"},
]


def value(op: str, amount: Any) -> dict[str, Any]:
    return {"fact": "goods_value", "op": op, "value": amount}


def food_grades() -> list[dict[str, Any]]:
    """轻微 < 10,000 ≤ 一般 < 50,000 ≤ 较重 < 100,000 ≤ 严重 (货值金额, 元)."""
    return [
        {
            "name": "轻微",
            "conditions": [value("lt", 10000)],
            "penalty_kinds": ["没收违法所得"],
            "fine_min": 50000,
            "fine_max": 60000,
        },
        {
            "name": "一般",
            "conditions": [value("ge", 10000), value("lt", 50000)],
            "penalty_kinds": ["没收违法所得"],
            "multiple_min": 10,
            "multiple_max": 13,
        },
        {
            "name": "较重",
            "conditions": [value("ge", 50000), value("lt", 100000)],
            "penalty_kinds": ["没收违法所得"],
            "multiple_min": 13,
            "multiple_max": 17,
        },
        {
            "name": "严重",
            "conditions": [value("ge", 100000)],
            "penalty_kinds": ["没收违法所得"],
            "multiple_min": 17,
            "multiple_max": 20,
            "other_measures": "吊销许可证",
        },
    ]


def food_head(**changes: Any) -> dict[str, Any]:
    head = {
        "effective_on": date(2024, 1, 1),
        "source_document": "示市监规〔2024〕1号",
        "violation": "用非食品原料生产食品",
        "violation_basis": f"《{FOOD_LAW}》第三十四条第（一）项",
        "penalty_basis": f"《{FOOD_LAW}》{FOOD_ARTICLE}",
        "statutory_range": "货值金额不足一万元的，并处五万元以上十万元以下罚款；"
        "一万元以上的，并处十倍以上二十倍以下罚款",
        "fine_min": 50000,
        "fine_max": 100000,
        "multiple_min": 10,
        "multiple_max": 20,
        "multiple_base": "goods_value",  # 食品安全法 art. 124: multiples of 货值金额
    }
    head.update(changes)
    return head


def save_food(actor: Any, matter: Matter, **changes: Any) -> DiscretionBenchmark:
    facts = changes.pop("facts", FOOD_FACTS)
    grades = changes.pop("grades", None) or food_grades()
    return benchmarks.save_draft(actor, matter, facts=facts, grades=grades, **food_head(**changes))


def published_food(actor: Any, matter: Matter) -> DiscretionBenchmark:
    return publish_benchmark(actor, save_food(actor, matter))
