"""The steps that take a lead to each state of the ordinary procedure, with who takes them and
plain data: for the demo city and the tests' factories (never for a user's work).

A path goes only where the law lets a user go: into legal review through a review round requested
from a reviewer of the legal review unit (处罚法 art. 58), to a penalty decision only after its
content and discretion are recorded (arts. 34, 59). Those two are not rows of the case's table but
the services before them: :data:`REQUEST_REVIEW` and :data:`RECORD_DECISION` in a path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.cases.models import Case
from zhifa.cases.models import CaseStatus as S
from zhifa.cases.models.decisions import DecisionKind, Measure
from zhifa.cases.services import decisions, reviews
from zhifa.cases.services.procedure import act
from zhifa.org.models import Role, UnitKind
from zhifa.registry.models import Officer, OfficerStatus

#: A legal review round requested by the lead officer (the case follows it into review).
REQUEST_REVIEW = "request_review"
#: The decided penalty with its discretion, recorded by the lead officer before ``decide``.
RECORD_DECISION = "record_decision"
#: The decision executed before closing: the fine paid in full on the day (处罚法 art. 67), the
#: other measures recorded as carried out.
EXECUTE = "execute"

#: The intended penalty recorded before the prior notice (处罚法 arts. 44, 45); the hearing path's
#: one carries the right to a hearing (art. 63).
RECORD_INTENDED = "record_intended"
RECORD_HEARING_INTENDED = "record_hearing_intended"

_NOTIFIED = ("submit_opening", "open", "notify")
_DECIDING = (*_NOTIFIED, "submit_decision")
_DECIDED = (*_DECIDING, RECORD_DECISION, "decide")

PATHS: dict[str, tuple[str, ...]] = {
    S.LEAD: (),
    S.OPENING: ("submit_opening",),
    S.INVESTIGATION: ("submit_opening", "open"),
    S.PRIOR_NOTICE: _NOTIFIED,
    S.HEARING: ("submit_opening", "open", RECORD_HEARING_INTENDED, "notify", "request_hearing"),
    S.LEGAL_REVIEW: (*_NOTIFIED, REQUEST_REVIEW),
    S.DECIDING: _DECIDING,
    S.DISCUSSION: (*_DECIDING, "submit_discussion"),
    S.DECIDED: _DECIDED,
    S.EXECUTION: (*_DECIDED, "serve"),
    S.CLOSED: (*_DECIDED, "serve", EXECUTE, "close"),
    S.ARCHIVED: (*_DECIDED, "serve", EXECUTE, "close", "archive"),
    S.NOT_OPENED: ("submit_opening", "not_open"),
    S.WITHDRAWN: ("submit_opening", "open", "withdraw"),
    S.TRANSFERRED: ("submit_opening", "open", "transfer"),
}

#: Who takes each step (the rest: the case's lead officer).
ROLES = {
    "open": Role.AGENCY_HEAD,
    "send_back": Role.AGENCY_HEAD,
    "not_open": Role.AGENCY_HEAD,
    "submit_discussion": Role.AGENCY_HEAD,
    "conclude_discussion": Role.AGENCY_HEAD,
    "decide": Role.AGENCY_HEAD,
    "decide_no_penalty": Role.AGENCY_HEAD,
    "close": Role.AGENCY_HEAD,
    "withdraw": Role.AGENCY_HEAD,
    "transfer": Role.AGENCY_HEAD,
}


def data_for(action: str) -> dict[str, Any]:
    """Plain data for ``action`` (what a user would type)."""
    return {
        "send_back": {"opinion": "请补充现场检查笔录"},
        "not_open": {"reason": "违法事实不能成立"},
        "return_review": {"opinion": "证据不足，补充后再审"},
        "conclude_discussion": {"opinion": "经集体讨论，同意承办机构意见"},
        "decide_no_penalty": {"reason": "初次违法且危害后果轻微并及时改正（第三十三条第一款）"},
        "serve": {"served_on": timezone.localdate(), "method": "direct"},
        "withdraw": {"reason": "违法事实不能成立"},
        "transfer": {
            "recipient_kind": "police",
            "recipient": "示范市公安局",
            "reason": "涉嫌生产销售伪劣产品罪",
        },
    }.get(action, {})


#: The evidence a transfer takes along when the case has none yet (a small made-up PDF).
TRANSFER_EVIDENCE = b"%PDF-1.4\n1 0 obj<<>>endobj\n% demo: inquiry record\n%%EOF\n"


def data_on(case: Any, action: str, actor: Any) -> dict[str, Any]:
    """:func:`data_for` on ``case``: a transfer takes the case's evidence list along (seed 000
    (十五)), so a case without evidence first gets the record of questioning, added through the
    evidence service by ``actor`` (the head taking the step)."""
    data = data_for(action)
    if action != "transfer":
        return data
    if not case.evidence.exists():
        _add_questioning_record(case, actor)
    return {**data, "evidence": list(case.evidence.values_list("pk", flat=True))}


def _add_questioning_record(case: Any, actor: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhifa.cases.rules import enforcing
    from zhifa.cases.services import evidence

    today = timezone.localdate()
    officers = [o.officer for o in case.officers.select_related("officer")]
    able, _ = enforcing(officers, [m.matter for m in case.matters.select_related("matter")], today)
    evidence.add_evidence(
        actor,
        case,
        kind="party_statement",
        title="对当事人的询问笔录",
        source="执法人员询问当事人制作，经当事人核对签字",
        collected_on=today,
        collected_by=able[:2],
        upload=SimpleUploadedFile("inquiry.pdf", TRANSFER_EVIDENCE, "application/pdf"),
    )


def reviewers(agency: Any) -> Any:
    """The agency's legal reviewers who could be named on a review (the rest is per case)."""
    return (
        Officer.objects.filter(
            agency=agency,
            is_legal_reviewer=True,
            status=OfficerStatus.ON_DUTY,
            user__isnull=False,
            unit__kind=UnitKind.LEGAL_REVIEW,
        )
        .select_related("unit")
        .order_by("pk")
    )


def reviewer_for(case: Case) -> Officer | None:
    """The first of the agency's legal reviewers the law lets review ``case`` (art. 58)."""
    return next((o for o in reviewers(case.agency) if not reviews.reviewer_refusal(case, o)), None)


def modest_facts(benchmark: Any) -> dict[str, Any]:
    """Modest facts for every fact the benchmark defines (numbers small, circumstances absent)."""
    facts: dict[str, Any] = {}
    for fact in benchmark.facts.all() if benchmark is not None else ():
        if fact.kind == "number":
            facts[fact.key] = 2000
        elif fact.kind == "integer":
            facts[fact.key] = 1
        elif fact.kind == "boolean":
            facts[fact.key] = False
        elif fact.choices:
            facts[fact.key] = fact.choices[0]
    return facts


def record_penalty(
    actor: Any, case: Case, kind: str = DecisionKind.FINAL, *, heavy: Any = None
) -> Any:
    """Record the lightest penalty the matter's benchmark allows for modest facts (a warning where
    it gives no fine), through the discretion service (处罚法 art. 34); ``heavy``: a measure added
    (e.g. one carrying the right to a hearing, art. 63)."""
    matter = decisions.first_matter(case)
    benchmark = None
    if matter is not None:
        benchmark = decisions.benchmark_in_force(
            matter, decisions.violation_day(case)
        ) or decisions.benchmark_in_force(matter, timezone.localdate())
    facts = modest_facts(benchmark)
    try:
        fine = decisions.assess(case, facts).allowed_min
    except ValidationError:
        fine = None
    fined = fine is not None and fine > 0
    return decisions.record_decision(
        actor,
        case,
        kind=kind,
        measures=([Measure.FINE] if fined else [Measure.WARNING]) + ([heavy] if heavy else []),
        fine=fine if fined else None,
        facts=facts,
        outside_reason="情节轻微，依法从轻处罚",
    )


def execute(actor: Any, case: Case) -> None:
    """Pay what the case owes today (with a receipt number), then record the other measures
    carried out, through the case's execution steps."""
    from zhifa.cases.models.execution import Execution
    from zhifa.cases.services.execution import account_of, execution_problem

    today = timezone.localdate()
    record = Execution.objects.filter(case=case).first()
    found = account_of(case, record) if record is not None else None
    if found is not None and found.owed > 0:
        act(actor, case, "pay", paid_on=today, amount_paid=found.owed, reference=f"FK{case.pk:08d}")
    if execution_problem(case):
        act(actor, case, "record_measures", done_on=today, note="处罚决定已执行完毕")


def take(case: Case, action: str, actor_of: Callable[[str | None], Any]) -> None:
    """Take one step of a path: ``actor_of(role)`` is who holds ``role`` (None: the lead officer)."""
    actor = actor_of(ROLES.get(action))
    if action == REQUEST_REVIEW:
        reviewer = reviewer_for(case)
        if reviewer is None:
            raise LookupError(f"{case.agency} has no legal reviewer who may review {case}")
        reviews.request_review(actor, case, reviewer=reviewer, grounds="依法提请法制审核")
    elif action == RECORD_DECISION:
        record_penalty(actor, case)
    elif action == RECORD_INTENDED:
        record_penalty(actor, case, DecisionKind.INTENDED)
    elif action == RECORD_HEARING_INTENDED:
        record_penalty(actor, case, DecisionKind.INTENDED, heavy=Measure.SUSPEND_BUSINESS)
    elif action == EXECUTE:
        execute(actor, case)
    else:
        act(actor, case, action, **data_on(case, action, actor))


def walk(case: Case, state: str, actor_of: Callable[[str | None], Any]) -> Case:
    """Take ``case`` (a lead) along :data:`PATHS` to ``state``."""
    for action in PATHS[state]:
        take(case, action, actor_of)
    case.refresh_from_db()
    return case
