"""The demo city's parties: tens of thousands of enterprises, self-employed, cooperatives,
social organisations and persons, every one in a real region of 示范市, most graded for credit
and classed for risk; a few hold codes that fail the GB 32100 check but were verified by the
registration authority (as early pilot codes do); the demo enterprise user ``qy_demo`` is bound
to 示范市鑫源食品有限公司.

How many: ``settings.DEMO_PARTIES`` or the environment's ``ZHIFA_DEMO_PARTIES`` (default 20,000;
``ZHIFA_DEMO_PARTIES=500000`` builds the full city). Rows are bulk-inserted in batches with one
ledger entry each (``parties.party.create``, appended under one lock per batch), so the full city
takes minutes, not hours. Deterministic (the same parties every time) and idempotent: a second
run changes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date

from django.conf import settings
from django.db import transaction

from zhifa.core import ledger
from zhifa.core.divisions import division_codes
from zhifa.core.validators import id_number_check_char, uscc_check_char
from zhifa.env import env_int
from zhifa.org.models import Region, User
from zhifa.parties import bulk, services
from zhifa.parties.models import Party, PartyAccount, PartyKind

DEFAULT_COUNT = 20_000
BATCH = 5_000
DEMO_ENTERPRISE = "示范市鑫源食品有限公司"
REGIONS = ("990102", "990103", "990121", "990121101")

#: (GB/T 4754-2017 class, the trade in a name)
INDUSTRIES = (
    ("C1311", "粮油加工"),
    ("C1461", "调味品"),
    ("C2710", "制药"),
    ("C3130", "钢材"),
    ("E4710", "建筑"),
    ("F5121", "农产品批发"),
    ("F5211", "百货"),
    ("F5221", "食品零售"),
    ("F5265", "加油站"),
    ("G5430", "道路运输"),
    ("H6110", "酒店"),
    ("H6210", "餐饮"),
    ("I6510", "软件"),
    ("K7010", "房地产开发"),
    ("O8010", "家政服务"),
    ("P8331", "培训"),
    ("Q8411", "医疗"),
    ("R9051", "网吧"),
    ("D4411", "燃气供应"),
    ("N7820", "环境卫生"),
)
WORDS = "鑫源华泰恒通瑞丰金盛宏达永兴嘉禾天成德润新世纪博远安康明远长青福临汇丰启航"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("建国", "海燕", "志强", "丽华", "俊杰", "晓东", "红梅", "振华", "文静", "国栋")
#: 登记管理部门 and 机构类别 codes (GB 32100-2015 表1) by kind.
ORG_CODES = {
    PartyKind.ENTERPRISE: "91",
    PartyKind.INDIVIDUAL_BUSINESS: "92",
    PartyKind.COOPERATIVE: "93",
    PartyKind.SOCIAL_ORG: "52",
}
#: One party in this many holds a code that fails the check, verified by the registry.
VERIFIED_EVERY = 997
GRADED_ON = date(2026, 1, 5)


@functools.cache
def _counties() -> list[str]:
    return sorted(c for c in division_codes() if not c.endswith("00") and c[:1] != "9")


def _kind(n: int) -> str:
    if n % 10 == 9:
        return PartyKind.PERSON
    if n % 10 in (6, 7, 8):
        return PartyKind.INDIVIDUAL_BUSINESS
    if n % 50 == 5:
        return PartyKind.COOPERATIVE
    if n % 50 == 15:
        return PartyKind.SOCIAL_ORG
    return PartyKind.ENTERPRISE


def _uscc(n: int, kind: str) -> tuple[str, bool]:
    """A code registered in a real county (GB/T 2260); every VERIFIED_EVERY-th fails the check."""
    counties = _counties()
    first17 = f"{ORG_CODES[kind]}{counties[n % len(counties)]}MA{n:07d}"
    check = uscc_check_char(first17)
    if n % VERIFIED_EVERY == 1:
        return first17 + ("1" if check != "1" else "2"), True
    return first17 + check, False


def _id_number(n: int) -> str:
    counties = _counties()
    birth = f"{1950 + n % 50}{1 + n % 12:02d}{1 + n % 28:02d}"
    first17 = f"{counties[n % len(counties)]}{birth}{n // len(counties) % 1000:03d}"
    return first17 + id_number_check_char(first17)


def _details(n: int, regions: list[Region]) -> dict:
    kind = _kind(n)
    code, trade = INDUSTRIES[n % len(INDUSTRIES)]
    person = SURNAMES[n % len(SURNAMES)] + GIVEN[n // len(SURNAMES) % len(GIVEN)]
    words = WORDS[(n * 2) % (len(WORDS) - 1) : (n * 2) % (len(WORDS) - 1) + 2]
    region = regions[n % len(regions)]
    data: dict = {
        "kind": kind,
        "region": region,
        "industry": code,
        "address": f"示范市{region.name}{words}路{n % 900 + 1}号",
    }
    if kind == PartyKind.PERSON:
        data.update(name=person, id_number=_id_number(n))
        return data
    names = {
        PartyKind.ENTERPRISE: f"示范市{words}{trade}有限公司（{n}）",
        PartyKind.INDIVIDUAL_BUSINESS: f"{region.name}{person}{trade}店（{n}）",
        PartyKind.COOPERATIVE: f"示范市{words}种植专业合作社（{n}）",
        PartyKind.SOCIAL_ORG: f"示范市{trade}行业协会（{n}）",
    }
    uscc, verified = _uscc(n, kind)
    data.update(name=names[kind], uscc=uscc, legal_representative=person)
    if verified:
        data["uscc_verified_reason"] = "早期试点发放的代码，经示范市市场监管局登记注册处核实无误"
    if n % 5:
        data.update(
            credit_grade="ABCD"[min(3, n % 17 // 5)],
            credit_graded_on=GRADED_ON,
            credit_source="示范市公共信用信息平台",
            risk_class=("low", "medium", "high")[n % 7 % 3],
            risk_classed_on=GRADED_ON,
            risk_source="示范市市场监管局风险分类",
        )
    return data


def _batches(count: int, regions: list[Region]) -> Iterator[list[tuple[int, dict]]]:
    for start in range(1, count + 1, BATCH):
        yield [(n, _details(n, regions)) for n in range(start, min(count, start + BATCH - 1) + 1)]


def demo_count() -> int:
    configured = getattr(settings, "DEMO_PARTIES", None)
    return configured if configured is not None else env_int("ZHIFA_DEMO_PARTIES", DEFAULT_COUNT)


def seed(count: int | None = None) -> int:
    """Seed ``count`` parties (see the module) and bind ``qy_demo``; return how many were
    created (0 when the demo parties are there already)."""
    count = demo_count() if count is None else count
    admin = User.objects.get(username="scjg_admin")
    created = 0
    with transaction.atomic():
        demo = Party.objects.filter(name=DEMO_ENTERPRISE).first()
        if demo is None:
            demo = services.create_party(
                admin,
                kind=PartyKind.ENTERPRISE,
                name=DEMO_ENTERPRISE,
                uscc=_uscc(0, PartyKind.ENTERPRISE)[0],
                legal_representative="赵六",
                address="示范市东城区和平路8号",
                region=Region.objects.get(code="990102"),
                industry="C1461",
                policy_officer_name="李政策",
                policy_officer_phone="13800138000",
                liaison_leader_name="王包保",
                liaison_leader_phone="13900139000",
                credit_grade="A",
                credit_graded_on=GRADED_ON,
                credit_source="示范市公共信用信息平台",
                risk_class="medium",
                risk_classed_on=GRADED_ON,
                risk_source="示范市市场监管局风险分类",
            )
            regions = list(Region.objects.filter(code__in=REGIONS).order_by("code"))
            for batch in _batches(count - 1, regions):
                created += _insert(admin, batch)
            created += 1
        qy_demo = User.objects.filter(username="qy_demo").first()
        if qy_demo is not None and not PartyAccount.objects.filter(user=qy_demo).exists():
            services.bind_account(admin, demo, qy_demo)
    return created


def _insert(admin: User, batch: list[tuple[int, dict]]) -> int:
    """Check each row as the services do (nothing in the demo may break a rule), then insert."""
    new = []
    for n, data in batch:
        errors = services.clean_party(data, instance=None, may_verify=True, taken={})
        if any(errors.values()):
            raise ValueError(f"demo party {n}: {errors}")
        new.append(services.build_party(data))
    bulk.insert_parties(new)
    ledger.append_many(
        actor=admin,
        action="parties.party.create",
        changes=[ledger.Change(obj=p, after=services.snapshot(p)) for p in new],
    )
    return len(new)


def seed_demo() -> list[str]:
    created = seed()
    if not created:
        return []
    return [f"  当事人：{created}个（企业用户qy_demo已绑定{DEMO_ENTERPRISE}）"]
