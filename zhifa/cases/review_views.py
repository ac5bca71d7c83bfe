"""The legal review pages: the reviewer's queue (法制审核: filters, numbered pages, Excel export,
deadlines first), a review with the forms of the actions the user may take now (opinion with the
checklist, objection, the head's coordination), the request form on a case, and the case's
discretion page (the benchmark's answer for the officer's facts, the similar cases, the record of
the intended or decided penalty). The case page shows them as panels (``zhifa.cases.panels``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from zhifa.cases import page_reads
from zhifa.cases.decision_rules import decision_refusals
from zhifa.cases.decision_rules import review_grounds as review_grounds_of
from zhifa.cases.models import Case
from zhifa.cases.models.decisions import Decision, DecisionKind
from zhifa.cases.models.reviews import LegalReview
from zhifa.cases.review_filters import LegalReviewFilter
from zhifa.cases.review_forms import (
    DiscretionForm,
    ExtensionForm,
    GroundsForm,
    ObjectionForm,
    OpinionForm,
    RequestForm,
    RulingForm,
    candidate_facts,
)
from zhifa.cases.services import decisions, extensions, review_grounds, reviews
from zhifa.core import workflow
from zhifa.core.excel.sheets import Sheet
from zhifa.core.excel.writing import write_workbook
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, ListPage
from zhifa.core.scoping import CHANGE

QUEUE = ListPage(
    filterset=LegalReviewFilter,
    columns=(
        Column("case", "案件", ("case__number",)),
        Column("round", "轮次", ("round",)),
        Column("reviewer", "审核人员", ("reviewer__name",)),
        Column("requested_on", "提请日期", ("requested_on",)),
        Column("due_on", "审核期限", ("due_on",)),
        Column("status", "状态", ("status",)),
        Column("opinion", "审核意见"),
    ),
    default_order=("due_on",),
)
SHEET = Sheet(
    kind="legal_reviews",
    title="法制审核",
    measure="件",
    columns=(
        "案号",
        "案由",
        "轮次",
        "审核人员",
        "提请日期",
        "审核期限",
        "状态",
        "审核意见",
        "理由",
    ),
    widths=(24, 30, 6, 10, 12, 12, 16, 10, 40),
)
HANDLERS_ONLY = "只有本案承办人员或机关负责人可以办理"
FORMS = {"opine": OpinionForm, "object": ObjectionForm, "rule": RulingForm}


def _queue_rows(user: Any) -> QuerySet:
    return LegalReview.objects.restrict(user).select_related("case", "reviewer")


@require_safe
@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """法制审核: the reviews the user sees, the closest deadline first."""
    listing = QUEUE.bind(request, _queue_rows(request.user))
    context = {
        "page": listing.paginate(listing.order(listing.filtered)),
        "today": timezone.localdate(),
        "export_url": reverse("reviews:export") + listing.query(),
    }
    return listing.render("cases/reviews/queue.html", "cases/reviews/_rows.html", context)


@require_safe
@login_required
def review_export(request: HttpRequest) -> HttpResponse:
    listing = QUEUE.bind(request, _queue_rows(request.user))

    def write(rows: QuerySet) -> bytes:
        return write_workbook(
            SHEET,
            (
                (
                    r.case.number,
                    r.case.title,
                    r.round,
                    r.reviewer.name,
                    r.requested_on,
                    r.due_on,
                    r.get_status_display(),
                    r.get_opinion_display(),
                    r.reasons,
                )
                for r in rows
            ),
        )

    return listing.export(write, "法制审核.xlsx")


def _review(user: Any, pk: int) -> LegalReview:
    rows = LegalReview.objects.restrict(user).select_related("case__agency", "reviewer__unit")
    return get_object_or_404(rows, pk=pk)


def _detail(request: HttpRequest, review: LegalReview, bound: dict | None = None) -> HttpResponse:
    user = request.user
    available = [a for a in workflow.available_actions(review, user) if a.action in FORMS]
    forms_ = {a.action: (bound or {}).get(a.action) or FORMS[a.action]() for a in available}
    context = {
        "review": review,
        "case": review.case,
        "actions": [(a, forms_[a.action]) for a in available],
        "today": timezone.localdate(),
    }
    return render(request, "cases/reviews/detail.html", context, status=400 if bound else 200)


@require_safe
@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _review(request.user, pk))


@require_POST
@login_required
def review_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Take ``step`` (opine, object, rule) on the review, through the same services as the API."""
    review = _review(request.user, pk)
    if step not in FORMS:
        raise Http404("没有这一操作")
    workflow.require_role(review, step, request.user)  # 403 before the form is read
    if (
        step == "object"
        and not LegalReview.objects.restrict(request.user, CHANGE).filter(pk=review.pk).exists()
    ):
        raise PermissionDenied(HANDLERS_ONLY)
    form = FORMS[step](request.POST)
    done = None
    if form.is_valid():
        data = form.cleaned_data
        if step == "opine":
            done = call_service(
                form,
                reviews.give_opinion,
                request.user,
                review,
                opinion=data["opinion"],
                reasons=data["reasons"],
                checklist=form.checklist(),
            )
        elif step == "object":
            done = call_service(
                form, reviews.raise_objection, request.user, review, objection=data["objection"]
            )
        else:
            done = call_service(
                form,
                reviews.coordinate,
                request.user,
                review,
                ruling=data["ruling"],
                reasons=data["reasons"],
            )
    if done is None:
        return _detail(request, review, {step: form})
    messages.success(request, "已办理")
    return redirect("reviews:detail", pk=review.pk)


def _case(user: Any, pk: int, action: str | None = None) -> Case:
    case = get_object_or_404(Case.objects.visible_to(user).select_related("agency", "unit"), pk=pk)
    if action and not Case.objects.restrict(user, action).filter(pk=case.pk).exists():
        raise PermissionDenied(HANDLERS_ONLY)
    return case


@login_required
def review_request(request: HttpRequest, case: int) -> HttpResponse:
    """提请法制审核 on a case (its officers or the agency head)."""
    found = _case(request.user, case, CHANGE)
    form = RequestForm(request.POST or None, case=found)
    if request.method == "POST" and form.is_valid():
        made = call_service(
            form,
            reviews.request_review,
            request.user,
            found,
            reviewer=form.cleaned_data["reviewer"],
            grounds=form.cleaned_data["grounds"],
        )
        if made is not None:
            messages.success(request, f"已提请法制审核，审核期限至{made.due_on:%Y-%m-%d}")
            return redirect("reviews:detail", pk=made.pk)
    context = {"case": found, "form": form, "grounds": review_grounds_of(found)}
    status = 400 if form.errors else 200
    return render(request, "cases/reviews/request.html", context, status=status)


@login_required
def grounds(request: HttpRequest, case: int) -> HttpResponse:
    """The case's grounds of 处罚法 art. 58(1) for a legal review, ticked with their reasons
    (its officers or the agency head, until the decision)."""
    found = _case(request.user, case, CHANGE if request.method == "POST" else None)
    form = GroundsForm(request.POST or None, case=found)
    if request.method == "POST" and form.is_valid():
        data = form.grounds()
        if call_service(form, review_grounds.mark_grounds, request.user, found, grounds=data):
            messages.success(request, "已保存法制审核情形")
            return redirect("cases:case_detail", pk=found.pk)
    context = {"case": found, "form": form, "grounds": review_grounds_of(found)}
    status = 400 if form.errors else 200
    return render(request, "cases/reviews/grounds.html", context, status=status)


@login_required
def discretion(request: HttpRequest, case: int) -> HttpResponse:
    """The case's discretion: the officer's facts → the benchmark's grade, range and explanation,
    the similar cases; recording the intended (事先告知) or decided penalty."""
    user = request.user
    found = _case(user, case)
    may_record = Case.objects.restrict(user, CHANGE).filter(pk=found.pk).exists()
    if request.method == "POST" and not may_record:
        raise PermissionDenied(HANDLERS_ONLY)
    today = timezone.localdate()
    facts = candidate_facts(found, decisions.first_matter(found), today)
    form = DiscretionForm(request.POST or None, facts=facts)
    assessment = None
    if request.method == "POST" and form.is_valid():
        if "record" in request.POST:
            data = form.cleaned_data
            made = call_service(
                form,
                decisions.record_decision,
                user,
                found,
                kind=data["kind"],
                measures=data["measures"],
                facts=form.facts(),
                fine=data["fine"],
                confiscated=data["confiscated"],
                other_terms=data["other_terms"],
                outside_reason=data["outside_reason"],
            )
            if made is not None:
                messages.success(request, f"已录入{made.get_kind_display()}：{made.summary}")
                return redirect("reviews:discretion", case=found.pk)
        else:
            assessment = call_service(form, decisions.assess, found, form.facts(), today=today)
    context = {
        "case": found,
        "form": form,
        "may_record": may_record,
        "assessment": assessment,
        "records": Decision.objects.restrict(user).filter(case=found).order_by("-pk"),
        "refusals": decision_refusals(found),
    }
    return render(
        request, "cases/reviews/discretion.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def extend_deadline(request: HttpRequest, case: int) -> HttpResponse:
    """The head approves an extension of the decision's time limit (处罚法 art. 60), from the
    case page's deadlines panel; back to where the form was."""
    found = _case(request.user, case, "approve")
    form = ExtensionForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            extensions.extend,
            request.user,
            found,
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            messages.success(request, f"已批准延长办案期限{done.days}日")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("reviews:discretion", args=[found.pk])
    return redirect(back)


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The case page's legal review and discretion panel (``zhifa.cases.panels``)."""
    rounds = LegalReview.objects.restrict(user).filter(case=case).select_related("reviewer")
    return {
        "reviews": list(rounds.order_by("-round")),
        "grounds": review_grounds_of(case),
        "refusals": decision_refusals(case),
        "intended": decisions.latest(case, DecisionKind.INTENDED),
        "final": decisions.latest(case, DecisionKind.FINAL),
        "may_change": page_reads.may(case, user, CHANGE),
        "today": timezone.localdate(),
    }
