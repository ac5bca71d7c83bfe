"""The case page's appeals panel (复议、诉讼): the party's reconsiderations and lawsuits with their
outcomes, the forms to record one and its outcome (the case's officers and the agency head), and
the document's download. Services: :mod:`zhifa.cases.services.appeals`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from zhifa.cases import page_reads
from zhifa.cases.models import Case
from zhifa.cases.models.appeals import Appeal, AppealKind, AppealResult
from zhifa.cases.models.decisions import Measure
from zhifa.cases.services import appeals
from zhifa.core import filestore
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE, require_permission

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class FileForm(forms.Form):
    kind = forms.ChoiceField(label="救济途径", choices=AppealKind.choices, required=False)
    body = forms.CharField(label="复议机关或人民法院", required=False)
    filed_on = forms.DateField(label="申请或起诉日期", required=False)
    claim = forms.CharField(label="当事人的请求", required=False, widget=TEXTAREA)


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices, required=False)
    result_on = forms.DateField(label="结果日期", required=False)
    note = forms.CharField(label="结果说明", required=False, widget=TEXTAREA)
    document = forms.FileField(label="复议决定书或裁判文书", required=False)
    new_measures = forms.MultipleChoiceField(
        label="变更后的处罚种类", choices=Measure.choices, required=False
    )
    new_fine = forms.CharField(label="变更后的罚款（元）", required=False)
    new_terms = forms.CharField(label="变更后的其他处罚内容", required=False)


def _back(request: HttpRequest, form: forms.Form, case: Case, done: str | None) -> HttpResponse:
    if done:
        messages.success(request, done)
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)
    return redirect(reverse("cases:case_detail", args=[case.pk]) + "#appeals")


@require_POST
@login_required
def file_appeal(request: HttpRequest, case: int) -> HttpResponse:
    """登记行政复议或行政诉讼, from the case page."""
    found = get_object_or_404(Case.objects.visible_to(request.user), pk=case)
    require_permission(request.user, found, CHANGE, appeals.HANDLERS_ONLY)
    form = FileForm(request.POST)
    done = None
    if form.is_valid():
        made = call_service(form, appeals.file_appeal, request.user, found, **form.cleaned_data)
        if made is not None:
            done = f"已登记{made.get_kind_display()}" + ("（已超过法定期限）" if made.late else "")
    return _back(request, form, found, done)


@require_POST
@login_required
def record_result(request: HttpRequest, pk: int) -> HttpResponse:
    """登记复议、诉讼结果 (with the document when given)."""
    appeal = get_object_or_404(
        Appeal.objects.visible_to(request.user).select_related("case"), pk=pk
    )
    require_permission(request.user, appeal.case, CHANGE, appeals.HANDLERS_ONLY)
    form = ResultForm(request.POST, request.FILES)
    done = None
    if form.is_valid():
        data = dict(form.cleaned_data)
        made = call_service(form, appeals.record_result, request.user, appeal, **data)
        if made is not None:
            done = f"已登记{made.get_kind_display()}结果：{made.get_result_display()}"
    return _back(request, form, appeal.case, done)


@require_safe
@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The outcome's document, checked against its SM3 before it is served."""
    appeal = get_object_or_404(
        Appeal.objects.visible_to(request.user).select_related("document"),
        pk=pk,
        document__isnull=False,
    )
    try:
        handle = filestore.open_verified(appeal.document)
    except filestore.FileProblem as problem:
        return HttpResponse(problem.message, status=409, content_type="text/plain; charset=utf-8")
    extension = filestore.BY_NAME[appeal.document.format].extension
    response = FileResponse(
        handle,
        as_attachment=True,
        content_type=appeal.document.content_type,
        filename=f"{appeal.get_kind_display()}结果文书-{appeal.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The case page's appeals panel (``zhifa.cases.panels``). Appeals run from service: before
    it there is nothing to read (no query); after it, two, whatever the case's history."""
    served = case.served_on is not None
    rows = Appeal.objects.restrict(user).filter(case=case) if served else Appeal.objects.none()
    may_change = served and page_reads.may(case, user, CHANGE)
    return {
        "appeals": list(rows),
        "may_file": may_change,
        "may_change": may_change,
        "kinds": AppealKind.choices,
        "results": AppealResult.choices,
        "measures": Measure.choices,
    }
