"""Demo legal reviews and discretion records for 市市场监管局: a few leads handled by scjg_zhang,
one with a review pending with scjg_li, one reviewed (同意) and one disputed, each with the intended
penalty computed from a published benchmark. (The demo's cases in legal review got their round
on the way there: :mod:`zhifa.cases.paths`.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import LegalReview, Opinion
from zhifa.cases.models.decisions import DecisionKind, Measure
from zhifa.cases.models.reviews import CHECKLIST
from zhifa.cases.paths import modest_facts
from zhifa.cases.services import decisions, leads, reviews
from zhifa.catalog.models import DiscretionBenchmark
from zhifa.catalog.models.benchmarks import BenchmarkStatus
from zhifa.org.models import Agency, Membership, Role, UnitKind, User
from zhifa.parties.models import Party
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Officer, OfficerStatus

ALL_OK = {key: {"ok": True, "note": ""} for key, _ in CHECKLIST}
#: The facts the demo's penalties are computed from (``filing_demo`` reads them by this name).
_facts = modest_facts
#: The source reference of these demo leads (the seed runs once).
MARK = "DEMO-REVIEW-"


def _pair(agency: Agency, user: User) -> list[Officer]:
    today = timezone.localdate()
    own = Officer.objects.filter(user=user, agency=agency).first()
    if own is None or not can_enforce(own, today):
        return []
    others = (
        Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY, is_legal_reviewer=False)
        .exclude(pk=own.pk)
        .order_by("pk")
    )
    partner = next((o for o in others if can_enforce(o, today)), None)
    return [own, partner] if partner else []


def _intend(user: User, case: Any, benchmark: DiscretionBenchmark) -> None:
    facts = modest_facts(benchmark)
    try:
        found = decisions.assess(case, facts)
    except ValidationError:
        return
    fine = found.allowed_min or found.allowed_max
    measures = [Measure.FINE] if fine else [Measure.WARNING]
    try:
        decisions.record_decision(
            user,
            case,
            kind=DecisionKind.INTENDED,
            measures=measures,
            fine=(max(fine, Decimal("100")) if fine else None),
            facts=facts,
            outside_reason="" if fine else "警告",
        )
    except ValidationError:
        return


@transaction.atomic
def seed() -> list[str]:
    if LegalReview.objects.filter(case__source_reference__startswith=MARK).exists():
        return []
    scjg = Agency.objects.filter(short_name="市市场监管局").first()
    user = User.objects.filter(username="scjg_zhang").first()
    reviewer = Officer.objects.filter(user__username="scjg_li").first()
    head = Membership.objects.filter(agency=scjg, role=Role.AGENCY_HEAD).order_by("pk").first()
    benchmark = (
        DiscretionBenchmark.objects.filter(matter__agency=scjg, status=BenchmarkStatus.PUBLISHED)
        .order_by("pk")
        .first()
        if scjg
        else None
    )
    pair = _pair(scjg, user) if scjg and user else []
    parties = list(Party.objects.exclude(kind="person").order_by("pk")[:3])
    unit = scjg.units.filter(kind=UnitKind.HANDLING).order_by("pk").first() if scjg else None
    if not (pair and reviewer and head and benchmark and unit and len(parties) == 3):
        return ["法制审核：缺少可执法人员、法制审核人员、裁量基准或企业，未生成"]
    today = timezone.localdate()
    made = []
    for n, party in enumerate(parties):
        case = leads.record_lead(
            user,
            scjg,
            unit=unit,
            title=f"{party.name}涉嫌{benchmark.violation}案",
            source="inspection",
            source_reference=f"{MARK}{n + 1}",
            discovered_on=today,
            violation_began=today,
            officers=pair,
            parties=[party],
            matters=[benchmark.matter],
            facts="执法人员检查发现当事人涉嫌违法，拟立案调查。",
        )
        _intend(user, case, benchmark)
        review = reviews.request_review(
            user, case, reviewer=reviewer, grounds="拟作出较大数额罚款，依法应当进行法制审核"
        )
        if n >= 1:
            opinion = Opinion.AGREE if n == 1 else Opinion.DISAGREE
            reviews.give_opinion(
                reviewer.user,
                review,
                opinion=opinion,
                reasons="事实清楚，证据确凿，适用依据正确，程序合法，裁量适当"
                if n == 1
                else "违法所得认定依据不足",
                checklist=ALL_OK
                if n == 1
                else {**ALL_OK, "evidence": {"ok": False, "note": "缺少银行流水"}},
            )
        if n == 2:
            review.refresh_from_db()
            reviews.raise_objection(user, review, objection="违法所得已有当事人账簿佐证")
        made.append(review)
    return [f"法制审核：{len(made)}件（待审核、已同意、有异议待协调各1件）"]
