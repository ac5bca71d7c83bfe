"""Demo coercive measures (行政强制措施) of 市市场监管局, on cases under investigation handled by
scjg_zhang, made through the services: one awaiting the head's approval, one in force, one
extended, one lifted, one emergency measure reported and awaiting approval, and — on a case taken
over from the older system — an emergency measure reported late (more than 24 hours) and left in
force past its 30 days (overdue: it should have been lifted). Idempotent; a measure the calendar or
the officers do not allow on the day is left out, never forced."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus, CoerciveMeasure
from zhifa.cases.services import coercive
from zhifa.cases.services import coercive_changes as changes
from zhifa.org.models import Agency, Membership, Role

ITEMS = [
    {"name": "超过保质期的预包装食品", "quantity": "36箱", "place": "当事人仓库", "note": ""},
    {"name": "标签不符合规定的食用油", "quantity": "120桶", "place": "执法局暂存仓库", "note": ""},
]
REASON = "当事人涉嫌经营超过保质期的食品，依据《中华人民共和国食品安全法》第一百一十条"


def _try(make: Callable[[], Any]) -> Any:
    try:
        return make()
    except ValidationError:
        return None


@transaction.atomic
def seed() -> list[str]:
    if CoerciveMeasure.objects.exists():
        return []
    scjg = Agency.objects.filter(short_name="市市场监管局").first()
    head = Membership.objects.filter(agency=scjg, role=Role.AGENCY_HEAD).order_by("pk").first()
    cases = list(
        Case.objects.filter(
            agency=scjg,
            status=CaseStatus.INVESTIGATION,
            officers__role="lead",
            officers__officer__user__username="scjg_zhang",
        ).order_by("pk")[:4]
    )
    if scjg is None or head is None or not cases:
        return ["行政强制措施：缺少调查中的案件或负责人，未生成"]
    boss = head.user
    made = 0
    for n, case in enumerate(cases):
        made += _measures_of(case, boss, n)
    made += _overdue(scjg, boss)
    return [f"行政强制措施：{made}项（待审批、实施中、已延长、已解除、当场实施待审批、逾期未解除）"]


def _officers(case: Case) -> list:
    return [o.officer for o in case.officers.select_related("officer")]


def _request(case: Case, kind: str = "seize") -> CoerciveMeasure | None:
    user = case.officers.get(role="lead").officer.user
    return _try(
        lambda: coercive.request_measure(
            user,
            case,
            kind=kind,
            place="示范市某食品超市",
            reason=REASON,
            officers=_officers(case),
            items=ITEMS,
        )
    )


def _measures_of(case: Case, head: Any, n: int) -> int:
    """The first case gets a measure awaiting approval and one in force; the next ones one
    extended, one lifted and an emergency measure awaiting the head (states rotate by case)."""
    user = case.officers.get(role="lead").officer.user
    plans = (("requested", "in_force"), ("extended", "lifted"), ("reported",))[n % 3]
    count = 0
    for plan in plans:
        if plan == "reported":
            measure = _try(
                lambda: coercive.carry_out_on_spot(
                    user,
                    case,
                    kind="seal",
                    place="示范市某食品作坊",
                    reason="现场发现正在生产假冒食品，情况紧急，当场查封",
                    officers=_officers(case),
                    items=ITEMS[:1],
                )
            )
            if measure is not None:
                _try(lambda m=measure: coercive.report(user, m, report="已当场查封，请补办批准"))
            count += measure is not None
            continue
        measure = _request(case)
        if measure is None:
            continue
        count += 1
        if plan == "requested":
            continue
        _try(lambda m=measure: coercive.approve(head, m, opinion="同意"))
        _try(lambda m=measure: coercive.carry_out(user, m))
        if plan == "extended":
            _try(lambda m=measure: coercive.extend(head, m, days=30, reason="需要检验，情况复杂"))
        if plan == "lifted":
            _try(lambda m=measure: changes.propose_lift(user, m, reason="decided"))
            _try(lambda m=measure: changes.lift(head, m, opinion="同意解除，退还财物"))
    return count


def _overdue(agency: Agency, head: Any) -> int:
    """An emergency measure carried out 40 days ago on a taken-over case, reported late, approved
    and never lifted: overdue on the case page and flagged for the supervisor."""
    today = timezone.localdate()
    case = (
        Case.objects.filter(
            agency=agency,
            status=CaseStatus.INVESTIGATION,
            discovered_on__lte=today - timedelta(days=41),
        )
        .order_by("pk")
        .first()
    )
    lead = case.officers.filter(role="lead").select_related("officer").first() if case else None
    if lead is None or lead.officer.user is None:
        return 0
    user = lead.officer.user
    measure = _try(
        lambda: coercive.carry_out_on_spot(
            user,
            case,
            kind="seize",
            place="示范市某批发市场",
            reason="现场发现涉嫌假冒的食品，情况紧急，当场扣押",
            officers=_officers(case),
            items=ITEMS[1:],
            carried_out_at=timezone.now() - timedelta(days=40),
        )
    )
    if measure is None:
        return 0
    _try(lambda: coercive.report(user, measure, report="补报：已当场扣押"))
    _try(lambda: coercive.ratify(head, measure, opinion="同意，今后应及时报告"))
    return 1
