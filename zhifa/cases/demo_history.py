"""Demo historic cases (接收历史案件, ``services.takeover``) of 市市场监管局, decided and served in
the older system, so the demo shows what a case made today cannot: a fine served 40 days ago and
unpaid (overdue, the late fee running, 处罚法 arts. 67, 72; the demand notice due, 强制法
art. 54), and one served 7 months ago, unpaid, the demand notice given, whose appeal periods have
ended, applied to the court through the execution step (强制法 art. 53). (The cases opened more
than 90 days ago and still undecided are taken over by ``demo``.)

Days are counted back from today. An example whose working-day or month computation reaches a
year without holiday data (``YearDataMissing``, e.g. the court window of a demo seeded on
31 December) is skipped whole: nothing half-made. Idempotent by the source reference."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.demo import PREFIXES, _member, _parties, _team
from zhifa.cases.models import Case
from zhifa.cases.paths import modest_facts
from zhifa.cases.services import decisions, takeover
from zhifa.cases.services.procedure import act
from zhifa.core.calendar import current_oracle
from zhifa.core.workdays import YearDataMissing
from zhifa.org.models import Agency, Role, UnitKind, User

AGENCY = "市市场监管局"
HANDLER = "scjg_zhang"
REFERENCE = "DEMO-HIST"
FINE = "2000"


class Skipped(Exception):
    """The example needs holiday data of a year not yet recorded."""


def _take_over(admin: Any, agency: Agency, key: int, served_days_ago: int, parties: Any) -> Case:
    today = timezone.localdate()
    able, matter = _team(agency)
    served = today - timedelta(days=served_days_ago)
    decided = served - timedelta(days=2)
    opened = decided - timedelta(days=60)
    benchmark = decisions.benchmark_in_force(matter, opened - timedelta(days=10))
    return takeover.take_over_case(
        admin,
        agency,
        unit=agency.units.filter(kind=UnitKind.HANDLING, is_active=True).order_by("pk").first(),
        title="涉嫌销售不合格产品案",
        source="inspection",
        source_reference=f"{REFERENCE}-{agency.pk}-{key}",
        discovered_on=opened - timedelta(days=3),
        violation_began=opened - timedelta(days=10),
        officers=[able[0], able[1]],
        parties=[next(parties)],
        matters=[matter],
        facts="原系统立案、作出处罚决定并已送达，罚款尚未缴纳，接收后继续执行。",
        number=f"{PREFIXES[AGENCY]}〔{decided.year}〕{800 + key}号",
        opened_on=opened,
        status="execution",
        notified_on=opened + timedelta(days=30),
        reason="原办案系统停用，未执行完毕的案件移交本平台继续执行",
        decided_on=decided,
        penalty={
            "measures": ["fine"],
            "fine": FINE,
            "facts": modest_facts(benchmark),
            "outside_reason": "原系统作出的处罚决定",
        },
        served_on=served,
        service={"method": "direct", "receiver": "", "place": "当事人经营场所"},
    )


def _overdue(admin: Any, agency: Agency, officer: Any, parties: Any) -> str:
    _take_over(admin, agency, 1, 40, parties)
    return "送达40日未缴罚款（加处罚款计算中、应送达催告书）"


def _court(admin: Any, agency: Agency, officer: Any, parties: Any) -> str:
    today = timezone.localdate()
    served = today - timedelta(days=213)
    oracle = current_oracle()
    try:  # the whole example needs the days it computes: checked before anything is written
        last_day = deadlines.payment_due(served, oracle=oracle).due
        window = deadlines.court_enforcement_window(served, last_day, oracle=oracle)
        demand_on = last_day + timedelta(days=40)
        wait = deadlines.court_application_earliest_after_demand(demand_on, oracle=oracle)
    except YearDataMissing as missing:
        raise Skipped(str(missing)) from None
    if not (window.earliest <= today <= window.due and wait.earliest <= today):
        raise Skipped("申请期间不含今天")
    case = _take_over(admin, agency, 2, 213, parties)
    act(officer, case, "demand", served_on=demand_on, note="直接送达催告书，当事人逾期仍未缴纳")
    head = _member(agency, Role.AGENCY_HEAD)
    act(head, case, "apply_court", applied_on=today, court="示范市人民法院")
    return "送达7个月未缴罚款、已催告并申请人民法院强制执行"


def seed() -> list[str]:
    """Once (idempotent): the historic examples of 市市场监管局 that today's calendar allows."""
    agency = Agency.objects.filter(short_name=AGENCY).first()
    if agency is None or Case.objects.filter(source_reference__startswith=REFERENCE).exists():
        return []
    admin = _member(agency, Role.AGENCY_ADMIN)
    officer = User.objects.filter(username=HANDLER).first()
    if None in (admin, officer, _member(agency, Role.AGENCY_HEAD), _team(agency)):
        return []
    parties = _parties()
    done = []
    for example in (_overdue, _court):
        try:
            with transaction.atomic():
                done.append(example(admin, agency, officer, parties))
        except (Skipped, YearDataMissing):
            continue
        except ValidationError as refused:
            if "节假日" not in str(refused):
                raise
    return [f"接收历史案件：{'；'.join(done)}（{AGENCY}）"] if done else []
