"""The case page's execution panel (送达与执行): the service record, the fine's account to the day
(owed, paid, late fee, days left), payments, deferral or instalments, the demand notice, the court
and closing's conditions; its forms post here and go through the case's workflow table
(:mod:`zhifa.cases.services.execution`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from zhifa.cases import page_reads
from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.execution import (
    ArrangementKind,
    ArrangementStatus,
    CourtRuling,
)
from zhifa.cases.services import execution
from zhifa.cases.workflows import EXECUTION_ACTIONS
from zhifa.core import workflow
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class ExecutionForm(forms.Form):
    """Every field an execution step may read; each step takes its own (:data:`FIELDS`)."""

    paid_on = forms.DateField(label="缴款日期", required=False)
    amount_paid = forms.CharField(label="缴款金额（元）", required=False)
    reference = forms.CharField(label="票据号或银行流水号", required=False)
    kind = forms.ChoiceField(label="申请事项", choices=ArrangementKind.choices, required=False)
    applied_on = forms.DateField(label="申请日期", required=False)
    reason = forms.CharField(label="理由", required=False, widget=TEXTAREA)
    deferred_to = forms.DateField(label="暂缓缴纳至", required=False)
    instalments = forms.CharField(
        label="分期计划", required=False, help_text="每行一期：缴款期限 金额，如 2026-07-15 400"
    )
    opinion = forms.CharField(label="意见", required=False, widget=TEXTAREA)
    served_on = forms.DateField(label="催告书送达日期", required=False)
    note = forms.CharField(label="情况说明", required=False, widget=TEXTAREA)
    court = forms.CharField(label="人民法院", required=False)
    ruling = forms.ChoiceField(label="裁定", choices=CourtRuling.choices, required=False)
    ruled_on = forms.DateField(label="裁定日期", required=False)
    done_on = forms.DateField(label="执行完毕日期", required=False)

    FIELDS = {
        "pay": ("paid_on", "amount_paid", "reference"),
        "apply_arrangement": ("kind", "applied_on", "reason", "deferred_to", "instalments"),
        "approve_arrangement": ("opinion",),
        "refuse_arrangement": ("opinion",),
        "demand": ("served_on", "note"),
        "apply_court": ("applied_on", "court"),
        "record_ruling": ("ruling", "ruled_on", "note"),
        "record_measures": ("done_on", "note"),
        "end_execution": ("reason",),
    }

    def data_for(self, action: str) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.FIELDS[action]}
        if "instalments" in data:
            rows = []
            for line in (data["instalments"] or "").splitlines():
                parts = line.split()
                if parts:
                    rows.append({"due": parts[0], "amount": parts[1] if len(parts) > 1 else ""})
            data["instalments"] = rows
        return data


@require_POST
@login_required
def act(request: HttpRequest, case: int, action: str) -> HttpResponse:
    """One execution step from the panel: 403 before the form is read when the user's roles do
    not allow it, the service's Chinese errors as messages."""
    if action not in EXECUTION_ACTIONS:
        raise Http404
    found = get_object_or_404(Case.objects.visible_to(request.user), pk=case)
    workflow.require_role(found, action, request.user)
    form = ExecutionForm(request.POST)
    if form.is_valid():
        data = form.data_for(action)
        made = call_service(form, workflow.transition, found, action, request.user, **data)
        if made is not None:
            messages.success(request, f"已{workflow.table_of(found).step(action).label}")
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)
    return redirect(reverse("cases:case_detail", args=[found.pk]) + "#execution")


urlpatterns = [
    path(f"<int:case>/execution/{name}", act, {"action": name}, name=name)
    for name in sorted(EXECUTION_ACTIONS)
]
app_name = "execution"


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    """Nothing before service (no query); after it, at most 2 queries whatever the history: the
    record comes with the page's case (``views.cases.page_case``), the payments and applications
    are prefetched, the calendar and the user's rights are the page's (``page_reads``). The
    user sees the case, so he sees its execution (their scope is the case's)."""
    if case.served_on is None:
        return {"served": False}
    record, payments, arrangements = page_reads.execution(case)
    found = None
    note = ""
    if record is not None and record.fine:
        oracle = page_reads.oracle(case)
        found = execution.account_of(case, record, payments=payments, oracle=oracle)
        _, note = execution.payment_last_day(case, oracle)
    open_ = case.status == CaseStatus.EXECUTION
    return {
        "served": True,
        "record": record,
        "account": found,
        "calendar_note": note,
        "overdue_days": -found.days_left if found is not None and found.overdue else 0,
        "payments": payments,
        "arrangements": arrangements,
        "pending": any(a.status == ArrangementStatus.APPLIED for a in arrangements),
        "may_change": open_ and page_reads.may(case, user, CHANGE),
        "may_approve": open_ and page_reads.may(case, user, "approve"),
        "kinds": ArrangementKind.choices,
        "rulings": CourtRuling.choices,
    }
