"""Extending the time limit for the decision (处罚法 art. 60: the decision within 90 days of
opening the case, unless a law, regulation or rule provides otherwise — departmental rules allow
the head to approve an extension, recorded with its reason)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.models import Case
from zhifa.cases.models.decisions import DecisionExtension
from zhifa.core import ledger
from zhifa.core.calendar import current_oracle
from zhifa.core.errors import collect

MAX_DAYS = 365
HEADS_ONLY = "只有执法主体负责人可以批准延长办案期限"


def decision_deadline(case: Case) -> deadlines.Deadline | None:
    """The decision's last day with the approved extensions (None before the case is opened)."""
    if case.opened_on is None:
        return None
    extensions = list(case.extensions.order_by("pk").values_list("days", flat=True))
    return deadlines.decision_due(case.opened_on, extensions, oracle=current_oracle())


def extend(actor: Any, case: Case, *, days: Any, reason: str) -> DecisionExtension:
    """The head approves an extension of ``days`` days, with its reason; recorded in the ledger."""
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise Http404("案件不存在或您无权查看")
    if not Case.objects.restrict(actor, "approve").filter(pk=case.pk).exists():
        raise PermissionDenied(HEADS_ONLY)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        errors: dict[str, list[str]] = {"days": [], "reason": [], "case": []}
        if locked.opened_on is None:
            errors["case"].append("案件尚未立案，没有办案期限可以延长")
        elif locked.decided_on is not None or locked.is_finished:
            errors["case"].append("案件已作出决定或已办结，不能再延长办案期限")
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            errors["days"].append(f"延长天数应为1至{MAX_DAYS}之间的整数")
        reason = (reason or "").strip()
        if not reason:
            errors["reason"].append("请填写延期理由")
        elif len(reason) > 2000:
            errors["reason"].append("延期理由不能超过2000字")
        collect(errors)
        extension = DecisionExtension.objects.create(
            case=locked,
            days=days,
            reason=reason,
            approved_by=actor,
            approved_on=timezone.localdate(),
        )
        ledger.append(
            actor=actor,
            action="cases.decision.extend",
            obj=extension,
            after=ledger.snapshot(extension),
        )
        return extension
