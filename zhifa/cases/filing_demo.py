"""Demo filings of 示范市: a case of 市市场监管局 handled by scjg_zhang, whose decision revokes the
party's licence (吊销许可证件), decided today by the head after a passed legal review and the heads' discussion: its filing
with the justice bureau is due in 10 working days (seed 002). The demo's transferred case carries
its transfer record (made by ``zhifa.cases.demo``'s transfer step, with its evidence list).

Built through the services, relative to today; idempotent (nothing happens once a filing exists).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases.demo_reviews import ALL_OK, _facts, _pair
from zhifa.cases.models import MajorDecisionFiling, Opinion
from zhifa.cases.models.decisions import DecisionKind, Measure
from zhifa.cases.paths import PATHS, ROLES, data_on
from zhifa.cases.services import decisions, leads, reviews
from zhifa.cases.services.procedure import act
from zhifa.catalog.models import BenchmarkStatus, DiscretionBenchmark
from zhifa.org.models import Agency, Membership, Role, UnitKind, User
from zhifa.parties.models import Party
from zhifa.registry.models import Officer


def seed() -> list[str]:
    if MajorDecisionFiling.objects.exists():
        return []
    try:
        with transaction.atomic():
            return _seed()
    except ValidationError as exc:
        return [f"重大行政处罚决定备案：未生成（{'；'.join(exc.messages)}）"]


def _seed() -> list[str]:
    scjg = Agency.objects.filter(short_name="市市场监管局").first()
    user = User.objects.filter(username="scjg_zhang").first()
    members = Membership.objects.filter(agency=scjg).order_by("pk")
    head = members.filter(role=Role.AGENCY_HEAD).first()
    reviewer = Officer.objects.filter(user__username="scjg_li").first()
    benchmark = (
        DiscretionBenchmark.objects.filter(matter__agency=scjg, status=BenchmarkStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )
    pair = _pair(scjg, user) if scjg and user else []
    party = Party.objects.exclude(kind="person").order_by("-pk").first()
    unit = scjg.units.filter(kind=UnitKind.HANDLING).order_by("pk").first() if scjg else None
    if not (pair and head and reviewer and benchmark and party and unit):
        return ["重大行政处罚决定备案：缺少可执法人员、负责人、裁量基准或企业，未生成"]
    today = timezone.localdate()
    case = leads.record_lead(
        user,
        scjg,
        unit=unit,
        title=f"{party.name}无证经营且拒不改正案",
        source="inspection",
        discovered_on=today,
        violation_began=today,
        officers=pair,
        parties=[party],
        matters=[benchmark.matter],
        facts="当事人经责令改正后仍继续违法经营，情节严重。",
    )
    decisions.record_decision(
        user,
        case,
        kind=DecisionKind.FINAL,
        measures=[Measure.REVOKE_LICENCE],
        facts=_facts(benchmark),
        other_terms="吊销食品经营许可证",
        outside_reason="情节严重，依法吊销许可证件",
    )
    actors = {Role.AGENCY_HEAD: head.user}
    for action in PATHS["prior_notice"]:
        actor = actors.get(ROLES.get(action), user)
        act(actor, case, action, **data_on(case, action, actor))
    review = reviews.request_review(user, case, reviewer=reviewer, grounds="拟吊销许可证件")
    reviews.give_opinion(
        reviewer.user, review, opinion=Opinion.AGREE, reasons="事实清楚，程序合法", checklist=ALL_OK
    )
    case.refresh_from_db()
    act(head.user, case, "submit_discussion")
    act(head.user, case, "conclude_discussion", opinion="经集体讨论，决定吊销许可证件")
    act(head.user, case, "decide")
    filing = MajorDecisionFiling.objects.get(case=case)
    due = f"{filing.due_on:%Y-%m-%d}" if filing.due_on else filing.due_problem
    return [f"重大行政处罚决定备案：1件待报备（{case}，期限{due}）"]
