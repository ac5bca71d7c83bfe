"""Demo plans and draws of 市市场监管局: a plan in every state of its table and a draw in every
state of its own (frozen, announced, drawn, inspectors announced, inspectors drawn, published), all
made through the services by the demo city's users, so the ledger records them.

The pools need enterprises: when the city has fewer than :data:`MIN_PARTIES` parties with a code,
this seeds that many (registered by 市市场监管局's 信息管理员, graded and classed). Idempotent:
nothing happens once a plan exists. Runs after the org, registry, catalog (and parties) seeds.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.catalog.models import ListKind
from zhifa.catalog.services.lists import as_of
from zhifa.core import workflow
from zhifa.core.validators import uscc_check_char
from zhifa.inspections.models import InspectionPlan
from zhifa.inspections.services import draws, plans
from zhifa.org.models import Agency, Region, User
from zhifa.parties.models import Party
from zhifa.parties.services import create_party

MIN_PARTIES = 120
RISKS = ("low", "low", "low", "medium", "medium", "high")
GRADES = ("A", "A", "B", "B", "C", "D")
STRATA = [
    {"risk_class": "low", "credit_grade": "A", "ratio": Decimal("3")},
    {"risk_class": "low", "credit_grade": "B", "ratio": Decimal("5")},
    {"risk_class": "medium", "credit_grade": "B", "ratio": Decimal("10")},
    {"risk_class": "medium", "credit_grade": "C", "ratio": Decimal("20")},
    {"risk_class": "high", "credit_grade": "C", "ratio": Decimal("30")},
    {"risk_class": "high", "credit_grade": "D", "ratio": Decimal("50")},
]
#: The draw states the demo shows, and the steps after freezing that reach each.
DRAW_STEPS = {
    "frozen": (),
    "announced": ("announce",),
    "drawn": ("announce", "draw"),
    "inspectors_announced": ("announce", "draw", "freeze_inspectors"),
    "assigned": ("announce", "draw", "freeze_inspectors", "assign"),
    "published": ("announce", "draw", "freeze_inspectors", "assign", "publish"),
}


def _uscc(n: int) -> str:
    """A valid 统一社会信用代码, registered in 济南市历下区 (370102): the demo's enterprises."""
    first17 = f"91370102{800_000_000 + n:09d}"
    return first17 + uscc_check_char(first17)


def _parties(admin: User) -> int:
    have = Party.objects.exclude(uscc__isnull=True).count()
    if have >= MIN_PARTIES:
        return 0
    regions = list(Region.objects.filter(code__in=["990102", "990103", "990121"]))
    today = timezone.localdate()
    made = 0
    for n in range(MIN_PARTIES - have):
        code = _uscc(n)
        if Party.objects.filter(uscc=code).exists():
            continue
        create_party(
            admin,
            kind="enterprise",
            name=f"示范市{['东城', '西城', '南山'][n % 3]}演示商贸有限公司{n + 1}",
            uscc=code,
            legal_representative=f"演示法人{n + 1}",
            address=f"示范市演示路{n + 1}号",
            region=regions[n % len(regions)],
            industry="F52",
            risk_class=RISKS[n % len(RISKS)],
            risk_classed_on=today,
            risk_source="市市场监管局风险分类（演示）",
            credit_grade=GRADES[(n // 2) % len(GRADES)],
            credit_graded_on=today,
            credit_source="市场主体信用风险分类（演示）",
        )
        made += 1
    return made


def seed() -> list[str]:
    if InspectionPlan.objects.exists():
        return []
    agency = Agency.objects.get(short_name="市市场监管局")
    users = {u.username: u for u in User.objects.filter(username__in=_NAMES)}
    officer, head, admin, supervisor = (users[n] for n in _NAMES)
    today = timezone.localdate()
    listed = as_of(agency, ListKind.RANDOM_INSPECTION, today)
    if listed is None:
        return ["抽查计划：市市场监管局没有施行中的随机抽查事项清单，未生成演示计划"]
    matters = [e.matter for e in listed.entries.select_related("matter") if e.matter][:2]
    made_parties = _parties(admin)

    def plan(name: str, *steps: tuple[User, str, dict[str, Any]]) -> InspectionPlan:
        made = plans.create_plan(
            officer,
            agency,
            name=name,
            kind="daily",
            matters=matters,
            period_start=today,
            period_end=today + timedelta(days=90),
            strata=STRATA,
            basis="国办发〔2019〕5号；市市场监管局随机抽查事项清单",
        )
        for actor, action, data in steps:
            workflow.transition(made, action, actor, **data)
        made.refresh_from_db()
        return made

    to_bureau = ((officer, "submit", {}), (head, "approve", {}), (admin, "file", {}))
    acknowledged = (*to_bureau, (supervisor, "acknowledge", {"opinion": "予以备案"}))
    plan("演示：食品经营者双随机抽查（草稿）")
    plan("演示：特种设备使用单位双随机抽查（待审批）", (officer, "submit", {}))
    plan("演示：广告发布者双随机抽查（已批准）", (officer, "submit", {}), (head, "approve", {}))
    plan("演示：计量器具双随机抽查（已报备）", *to_bureau)
    plan(
        "演示：产品质量双随机抽查（报备退回）",
        *to_bureau,
        (supervisor, "return", {"opinion": "高风险企业抽查比例偏低，请调整后重新报备"}),
    )
    lines, reached = [], []
    for state, steps in DRAW_STEPS.items():
        filed = plan(f"演示：双随机抽取（{dict(_LABELS)[state]}）", *acknowledged)
        draw = draws.start_draw(admin, filed)
        try:
            for step in steps:
                data = {"visit_on": today} if step == "freeze_inspectors" else {}
                workflow.transition(
                    draw, step, head if step in ("draw", "publish") else admin, **data
                )
                draw.refresh_from_db()
        except ValidationError as refused:
            lines.append(
                f"抽取（{state}）停在{draw.get_status_display()}：{'；'.join(refused.messages)}"
            )
        reached.append(draw.get_status_display())
    lines.insert(
        0,
        f"双随机抽查：{InspectionPlan.objects.count()}个抽查计划，{len(reached)}次抽取"
        f"（{'、'.join(reached)}）；新建演示企业{made_parties}家",
    )
    return lines


_NAMES = ("scjg_zhang", "scjg_wang", "scjg_admin", "sfj_chen")
_LABELS = (
    ("frozen", "名单已冻结"),
    ("announced", "已公布名单和承诺值"),
    ("drawn", "已抽取对象"),
    ("inspectors_announced", "已公布检查人员名单"),
    ("assigned", "已抽取检查人员"),
    ("published", "结果已公开"),
)


def seed_demo() -> list[str]:
    """The whole inspection side of the demo city: pre-filings, visits and ratings, plans and draws."""
    from zhifa.inspections import demo_visits

    return [*demo_visits.seed_demo(), *seed()]
