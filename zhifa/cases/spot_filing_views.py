"""报备 of an on-the-spot decision with the agency (处罚法 art. 52) on the case page's 当场处罚决定
panel: the officer's filing form (the latest issued 决定书, the day, a note), the filing's state,
its deadline (the platform's default period) and the head's opinion when returned. The head
acknowledges or returns it with the case page's buttons (``acknowledge_filing``,
``return_filing``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.cases.models import Case, OnSpotDecision, OnSpotFilingStatus, Procedure
from zhifa.cases.services import spot_filing
from zhifa.cases.summary_forms import FileForm
from zhifa.core import parameters, workflow
from zhifa.core.forms import call_service

STEP = "file_on_spot"


@require_POST
@login_required
def on_spot_file(request: HttpRequest, pk: int) -> HttpResponse:
    """报备当场处罚决定 (art. 52) from the case page's panel."""
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    if case.procedure != Procedure.SUMMARY:
        raise PermissionDenied("只有简易程序当场作出的处罚决定需要报备")
    workflow.require_role(case, STEP, request.user)  # 403 before the form is read
    form = FileForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            spot_filing.file_on_spot,
            request.user,
            case,
            filed_on=form.cleaned_data["filed_on"],
            note=form.cleaned_data["note"],
        )
        if done is not None:
            messages.success(request, "已报备当场处罚决定，等待负责人确认备案")
            return redirect("cases:case_detail", pk=case.pk)
    context = {"case": case, "form": form}
    return render(request, "cases/on_spot_file.html", context, status=400)


def filing_context(case: Case, user: Any, decision: OnSpotDecision) -> dict[str, Any]:
    """The panel's filing block: state, deadline (or why unknown), and the form when the user may
    file now."""
    status = decision.filing_status
    left, missing = (None, "")
    if status in (OnSpotFilingStatus.NOT_FILED, OnSpotFilingStatus.RETURNED):
        left, missing = spot_filing.days_left(case, timezone.localdate())
    may_file = (
        status in (OnSpotFilingStatus.NOT_FILED, OnSpotFilingStatus.RETURNED)
        and not case.is_finished
        and _may(case, user)
    )
    return {
        "status": decision.get_filing_status_display(),
        "waiting": status == OnSpotFilingStatus.FILED,
        "days_left": left if left is None or left >= 0 else None,
        "overdue": -left if left is not None and left < 0 else None,
        "working_days": parameters.get(spot_filing.FILING_WORKING_DAYS.key),
        "missing": missing,
        "form": FileForm(initial={"filed_on": timezone.localdate()}) if may_file else None,
    }


def _may(case: Case, user: Any) -> bool:
    try:
        workflow.require_role(case, STEP, user)
    except PermissionDenied:
        return False
    return True
