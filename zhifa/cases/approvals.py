"""The head's approvals (单位负责人待办): everything across the agency's cases that waits for the
head's decision, oldest first, with the days it has waited.

Each kind is a step of a cases workflow table that only the agency head may take
(``roles == (AGENCY_HEAD,)``): the objects waiting are those in the step's source states (read
from the table, so a changed table changes the list), narrowed where the wait is a request inside
the state (a deferral applied for, a lifting proposed). ``tests/test_approvals`` checks that
every head-only step of every cases table is either a kind here or named in :data:`INITIATIVE`
(steps the head takes at their own initiative, on which nobody waits).

- 立案审批 (处罚法 art. 54), 集体讨论 and 处罚决定 (arts. 57, 58), 暂缓或分期缴纳罚款 (art. 66),
  a transfer answered 不予立案 and returned (art. 27; seed 000 (十五)), an on-the-spot decision
  filed with the agency (art. 52);
- 行政强制措施 批准 (强制法 art. 18), 紧急措施补办批准 (art. 19), 解除 (art. 28);
- 法制审核异议协调 (国办发〔2018〕118号).
The decision's time limit is extended by the head on the case's deadlines panel (art. 60) without
a request to wait on, so it is not a kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import CharField, Max, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from zhifa.cases.models import Case, OnSpotDecision, OnSpotFilingStatus
from zhifa.cases.models.coercive import CoerciveMeasure
from zhifa.cases.models.execution import ArrangementStatus, PaymentArrangement
from zhifa.cases.models.filings import Transfer, TransferStatus
from zhifa.cases.models.reviews import LegalReview
from zhifa.core import workflow
from zhifa.core.models import LedgerEntry
from zhifa.org.models import Role

APPROVE = "approve"
#: ``since`` read from the object's last ledger entry (the objection to a review's opinion).
LEDGER = "waiting_since"
HEAD_ONLY = (Role.AGENCY_HEAD,)


@dataclass(frozen=True)
class Kind:
    """A decision the head owes: ``action`` on ``table_model``'s table; the rows are
    ``model`` objects (the table's own, or a request recorded on it) in the step's source
    states, narrowed by ``pending``; ``since`` the field saying since when it waits."""

    key: str
    label: str
    table_model: type[Model]
    action: str
    since: str
    link: Callable[[Any], str]
    model: type[Model] | None = None
    case_path: str = "case"
    pending: Q = field(default_factory=Q)

    @property
    def rows_model(self) -> type[Model]:
        return self.model or self.table_model

    def states(self) -> tuple[str, ...]:
        """The states the table opens the head's step from."""
        return tuple(str(s) for s in workflow.latest(self.table_model).step(self.action).sources)

    def rows(self, user: Any) -> QuerySet:
        """The objects waiting, within what ``user`` may approve (the agency head's cases)."""
        prefix = "" if self.rows_model is self.table_model else f"{self.case_path}__"
        in_state = Q(**{f"{prefix}status__in": self.states()})
        approvable = Case.objects.restrict(user, APPROVE).values("pk")
        scope = Q(pk__in=approvable) if self.rows_model is Case else Q(case__in=approvable)
        rows = self.rows_model._default_manager.filter(scope, in_state, self.pending)
        if self.rows_model is Case:
            return rows.annotate(waiting_since=Max("events__at"))
        if self.since == LEDGER:
            rows = rows.annotate(waiting_since=_last_entry(self.rows_model))
        return rows.select_related("case")


def _last_entry(model: type[Model]) -> Subquery:
    """When the object's last ledger entry was written (its last transition)."""
    entries = LedgerEntry.objects.filter(
        object_type=model._meta.label_lower, object_id=Cast(OuterRef("pk"), CharField())
    )
    return Subquery(entries.order_by("-seq").values("created_at")[:1])


def _case_page(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


KINDS: tuple[Kind, ...] = (
    Kind("open", "立案审批", Case, "open", "waiting_since", _case_page, case_path=""),
    Kind(
        "discussion",
        "集体讨论",
        Case,
        "conclude_discussion",
        "waiting_since",
        _case_page,
        case_path="",
    ),
    Kind("decide", "作出处理决定", Case, "decide", "waiting_since", _case_page, case_path=""),
    Kind(
        "arrangement",
        "暂缓或分期缴纳罚款申请",
        Case,
        "approve_arrangement",
        "applied_on",
        lambda a: _case_page(a.case),
        model=PaymentArrangement,
        pending=Q(status=ArrangementStatus.APPLIED),
    ),
    Kind(
        "returned",
        "移送退回后继续办理",
        Case,
        "resume_after_transfer",
        "returned_on",
        lambda t: _case_page(t.case),
        model=Transfer,
        pending=Q(status=TransferStatus.DECLINED),
    ),
    Kind(
        "on_spot_filing",
        "当场处罚决定备案",
        Case,
        "acknowledge_filing",
        "filed_on",
        lambda d: _case_page(d.case),
        model=OnSpotDecision,
        pending=Q(filing_status=OnSpotFilingStatus.FILED),
    ),
    Kind(
        "coercive",
        "行政强制措施审批",
        CoerciveMeasure,
        "approve",
        "created_at",
        lambda m: reverse("coercive:detail", args=[m.pk]),
    ),
    Kind(
        "ratify",
        "紧急措施补办批准",
        CoerciveMeasure,
        "ratify",
        "reported_at",
        lambda m: reverse("coercive:detail", args=[m.pk]),
    ),
    Kind(
        "lift",
        "解除行政强制措施",
        CoerciveMeasure,
        "lift",
        "lift_proposed_on",
        lambda m: reverse("coercive:detail", args=[m.pk]),
        pending=Q(lift_proposed_on__isnull=False),
    ),
    Kind(
        "objection",
        "法制审核异议协调",
        LegalReview,
        "rule",
        LEDGER,
        lambda r: reverse("reviews:detail", args=[r.pk]),
    ),
)
BY_KEY = {k.key: k for k in KINDS}

#: Head-only steps on which nobody waits: the head takes them at their own initiative (or they
#: answer the same request as a kind above: its other outcome).
INITIATIVE = {
    "cases.case": {
        "send_back",  # 立案审批's other outcomes
        "not_open",
        "submit_discussion",  # 作出处理决定's
        "decide_no_penalty",
        "refuse_arrangement",  # 暂缓或分期's
        "withdraw",  # at any time
        "transfer",
        "close",  # once executed: the case page's 结案
        "apply_court",  # execution, on the officers' record
        "end_execution",
        "resume_lead_after_transfer",  # 移送退回's other outcome (a lead transferred unopened)
        "return_filing",  # 当场处罚决定备案's other outcome
    },
    "cases.coercive_measure": {"refuse", "annul", "decline_lift", "extend"},
    "cases.legal_review": set(),
    "cases.filing": {"open"},
}


@dataclass(frozen=True)
class Waiting:
    """One row of the head's approvals."""

    kind: Kind
    obj: Any
    case: Case
    since: date | None
    days: int | None

    @property
    def url(self) -> str:
        return self.kind.link(self.obj)


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


def waiting(user: Any, kinds: tuple[Kind, ...] = KINDS, q: str = "") -> list[Waiting]:
    """What waits for ``user`` as agency head, oldest first (one query per kind)."""
    today = timezone.localdate()
    found: list[Waiting] = []
    text = q.strip()
    for kind in kinds:
        rows = kind.rows(user)
        if text:
            prefix = "" if kind.rows_model is Case else "case__"
            rows = rows.filter(
                Q(**{f"{prefix}number__icontains": text}) | Q(**{f"{prefix}title__icontains": text})
            )
        for obj in rows:
            case = obj if isinstance(obj, Case) else obj.case
            since = _day(getattr(obj, kind.since))
            days = (today - since).days if since else None
            found.append(Waiting(kind, obj, case, since, days))
    found.sort(key=lambda w: (w.since or date.min, KINDS.index(w.kind), w.obj.pk))
    return found


def count(user: Any) -> int:
    """How many decisions wait for ``user`` (the 工作台's count): one query per kind."""
    return sum(kind.rows(user).count() for kind in KINDS)
