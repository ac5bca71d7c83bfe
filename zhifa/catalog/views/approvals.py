"""The approval steps of list versions and benchmarks on the pages (mounted at /catalog/): the
panel on each draft's page offers the steps the workflow table opens to the user (the same table
the API's ``actions`` comes from); each posts here. A refused step shows its form again with the
Chinese reasons; a step the user's role does not allow is 403, an object out of sight 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from zhifa.catalog.approval_forms import FORMS, RefileForm, form_for, service_data
from zhifa.catalog.models import DiscretionBenchmark, Filing, FilingStatus, ListVersion
from zhifa.catalog.services import approvals
from zhifa.core import workflow
from zhifa.core.forms import call_service

#: The steps the approval panel offers (editing and the version-1 publication stay on the pages).
PANEL_STEPS = tuple(FORMS)
KINDS: dict[str, type[ListVersion] | type[DiscretionBenchmark]] = {
    "list": ListVersion,
    "benchmark": DiscretionBenchmark,
}


def rule_url(rule: Any) -> str:
    if isinstance(rule, ListVersion):
        return reverse("catalog:list_version", args=[rule.pk])
    return reverse("catalog:benchmark_detail", args=[rule.pk])


def _rules(kind: str, user: Any) -> QuerySet:
    model = KINDS.get(kind)
    if model is None:
        raise PermissionDenied("未知的对象")
    related = "agency__region" if model is ListVersion else "matter__agency__region"
    return model.objects.visible_to(user).select_related(related)


def panel(user: Any, rule: Any) -> dict[str, Any]:
    """What the approval panel shows: the record of reviews and approvals, and the steps open
    to ``user`` now with a form each (or the reasons a guard gives)."""
    table = workflow.table_of(rule)
    today = {"effective_on": max(rule.effective_on, timezone.localdate())}
    steps = []
    if table.version >= 2:
        for available in workflow.available_actions(rule, user):
            if available.action not in PANEL_STEPS:
                continue
            initial = today if available.action == "publish" else {}
            if available.action in ("approve", "disapprove"):
                initial = {"discussed_on": timezone.localdate()}
            steps.append((available, form_for(available.action, initial=initial)))
    return {
        "rule": rule,
        "kind": "list" if isinstance(rule, ListVersion) else "benchmark",
        "status": rule.get_status_display(),
        "records": list(rule.approvals.select_related("actor")),
        "steps": steps,
        "follows_approval": table.version >= 2,
        "corrects": rule.corrects,
    }


@login_required
def rule_act(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """One approval step (``act``) on a list version or a benchmark."""
    user = request.user
    rule = get_object_or_404(_rules(kind, user), pk=pk)
    if request.method != "POST":
        return redirect(rule_url(rule))
    action = request.POST.get("act", "")
    if action not in PANEL_STEPS:
        raise PermissionDenied("未知的操作")
    workflow.require_role(rule, action, user)
    form = form_for(action, request.POST)
    if form.is_valid():
        data = service_data(action, form.cleaned_data)
        if call_service(form, approvals.act, rule, action, user, **data) is not None:
            rule.refresh_from_db()
            label = workflow.table_of(rule).step(action).label
            messages.success(request, f"{label}：已办理，当前状态为{rule.get_status_display()}")
            return redirect(rule_url(rule))
    label = workflow.table_of(rule).step(action).label
    context = {"rule": rule, "rule_url": rule_url(rule), "form": form, "action": action}
    context["label"] = label
    return render(request, "catalog/approval_act.html", context, status=400)


@login_required
def filing_refile(request: HttpRequest, pk: int) -> HttpResponse:
    """修改后重新报送: a returned filing's content becomes a new version in one action."""
    user = request.user
    filing = get_object_or_404(
        Filing.objects.restrict(user).select_related("agency", "justice_bureau"), pk=pk
    )
    if request.method != "POST":
        return redirect("catalog:filing_detail", pk=filing.pk)
    workflow.require_role(filing, "refile", user)
    form = RefileForm(request.POST, prefix="refile")
    if form.is_valid():
        new = call_service(form, approvals.refile_filing, user, filing, **form.cleaned_data)
        if new is not None:
            where = "已送法制审核" if new.status != "draft" else "请修改后送法制审核"
            messages.success(request, f"已按审查意见新建第{_number(new)}版，{where}")
            return redirect(rule_url(new))
    context = {
        "rule": filing.subject,
        "rule_url": reverse("catalog:filing_detail", args=[filing.pk]),
        "form": form,
        "action": "refile",
        "label": "修改后重新报送",
    }
    return render(request, "catalog/approval_act.html", context, status=400)


def refile_form(user: Any, filing: Filing) -> RefileForm | None:
    """The refile form when ``user`` may refile ``filing`` now."""
    if filing.status != FilingStatus.RETURNED:
        return None
    if "refile" not in workflow.allowed_actions(filing, user):
        return None
    today = timezone.localdate()
    return RefileForm(prefix="refile", initial={"effective_on": today})


def _number(rule: Any) -> int:
    return rule.number if isinstance(rule, ListVersion) else rule.version


urlpatterns = [
    path("approvals/<str:kind>/<int:pk>/", rule_act, name="rule_act"),
    path("filings/<int:pk>/refile/", filing_refile, name="filing_refile"),
]
