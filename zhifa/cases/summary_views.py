"""当场处罚 (简易程序, 处罚法 arts. 51, 52, 68, 69) on the officer's phone: the decision form (one
column, large touch targets), then the case page's panel with the decision, its 当场行政处罚决定书
and the on-the-spot collection form. The same services as the API (``services.summary``): their
Chinese errors on the fields, nothing written when refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.cases import page_reads, spot_filing_views
from zhifa.cases.models import Case, Procedure
from zhifa.cases.rules import (
    ART_51,
    ON_SPOT_COLLECTION,
    SUMMARY_FINE_ORGANISATION,
    SUMMARY_FINE_PERSON,
)
from zhifa.cases.services import summary
from zhifa.cases.summary_forms import CollectForm, OnSpotForm
from zhifa.core import workflow
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE, chosen_or_first
from zhifa.org.models import Agency, Role, User
from zhifa.registry.models import Officer, OfficerStatus

DECIDERS = (Role.OFFICER, Role.AGENCY_HEAD)
NOT_OFFICER = "只有本机关在岗的执法人员可以当场作出行政处罚决定（《行政处罚法》第五十二条）"


#: The services' field names → the page's (a refusal lands beside what the officer chose).
PAGE_FIELDS = {"officers": "second_officer", "matters": "matter", "parties": "party"}


def _on_page(service: Callable[..., Case]) -> Callable[..., Case]:
    def call(*args: Any, **kwargs: Any) -> Case:
        try:
            return service(*args, **kwargs)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            named = {PAGE_FIELDS.get(f, f): m for f, m in exc.message_dict.items()}
            raise ValidationError(named) from None

    return call


def _officer(user: User, agency: Agency) -> Officer:
    officer = Officer.objects.filter(user=user, agency=agency, status=OfficerStatus.ON_DUTY).first()
    if officer is None:
        raise PermissionDenied(NOT_OFFICER)
    return officer


@login_required
def on_spot_new(request: HttpRequest) -> HttpResponse:
    """当场处罚: the officer on site is the first of the two officers; the second is chosen."""
    user = request.user
    agencies = Agency.objects.where_role(user, *DECIDERS).order_by("pk")
    if not agencies.exists():
        raise PermissionDenied(NOT_OFFICER)
    agency = chosen_or_first(request, agencies)
    officer = _officer(user, agency)
    form = OnSpotForm(
        request.POST or None, agency=agency, user=user, officer=officer, on=timezone.localdate()
    )
    if request.method == "POST" and form.is_valid():
        data, person = form.service_data(), form.person()
        if person is None:
            case = call_service(form, _on_page(summary.decide_on_spot), user, agency, **data)
        else:
            data.pop("parties")
            decide = _on_page(summary.decide_on_spot_for_person)
            case = call_service(form, decide, user, agency, person=person, **data)
        if case is not None:
            messages.success(request, f"已当场作出行政处罚决定：{case.number}")
            return redirect("cases:case_detail", pk=case.pk)
    context = {
        "form": form,
        "agency": agency,
        "agencies": agencies,
        "officer": officer,
        "limit_person": SUMMARY_FINE_PERSON,
        "limit_organisation": SUMMARY_FINE_ORGANISATION,
        "article": ART_51,
    }
    return render(request, "cases/on_spot.html", context, status=400 if form.errors else 200)


def _summary_case(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    if case.procedure != Procedure.SUMMARY:
        raise PermissionDenied("只有简易程序案件可以当场收缴罚款")
    return case


@require_POST
@login_required
def on_spot_collect(request: HttpRequest, pk: int) -> HttpResponse:
    """当场收缴罚款 (arts. 68, 69) from the case page's panel."""
    case = _summary_case(request, pk)
    workflow.require_role(case, "collect_on_spot", request.user)  # 403 before the form is read
    form = CollectForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            summary.collect_on_spot,
            request.user,
            case,
            amount_paid=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            receipt_number=form.cleaned_data["receipt_number"],
        )
        if done is not None:
            messages.success(request, "已登记当场收缴罚款")
            return redirect("cases:case_detail", pk=case.pk)
    context = {"case": case, "form": form}
    return render(request, "cases/on_spot_collect.html", context, status=400)


def panel_context(case: Case, user: Any) -> dict[str, Any] | None:
    """The case page's 当场处罚决定 panel (``zhifa.cases.panels``): summary cases only."""
    decision = getattr(case, "on_spot", None) if case.procedure == Procedure.SUMMARY else None
    if decision is None:
        return None
    may_change = page_reads.may(case, user, CHANGE)
    may_collect = (
        may_change
        and decision.fine is not None
        and decision.collected is None
        and not case.is_finished
    )
    initial = {"amount": decision.fine}
    return {
        "decision": decision,
        "may_change": may_change,
        "collect_form": CollectForm(initial=initial) if may_collect else None,
        "over_limit": decision.fine is not None and decision.fine > ON_SPOT_COLLECTION,
        "filing": spot_filing_views.filing_context(case, user, decision),
    }
