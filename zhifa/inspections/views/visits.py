"""Officer pages for the visit (事中登记), made for a phone: today's visits, the on-site record (its
details, photos and outcome, with the rating QR code once submitted), the offline checklist, and a
photo streamed to those who may see the record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zhifa.core import images, referrals
from zhifa.core import workflow as wf
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE, permits
from zhifa.inspections.models import CheckResult, ImpactLevel, OnSiteRecord, Outcome, RecordState
from zhifa.inspections.models.filings import Inspection
from zhifa.inspections.qr import qr_svg
from zhifa.inspections.services import visits
from zhifa.inspections.services.outcome import RECORDABLE
from zhifa.org.models import Role
from zhifa.registry.models import Officer

YES_NO = [("true", "是"), ("false", "否")]


class DetailsForm(forms.Form):
    present = forms.CharField(
        label="在场人员",
        required=False,
        help_text="企业在场人员的姓名、职务",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    badges_shown = forms.BooleanField(label="已出示执法证件（亮证）", required=False)
    recording_on = forms.BooleanField(label="已全程音像记录", required=False)
    policy_officer_note = forms.CharField(
        label="企业政策官意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    liaison_leader_note = forms.CharField(
        label="包保领导干部意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label="现场照片",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png", "capture": "environment"}
        ),
    )
    caption = forms.CharField(label="说明", max_length=200, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="检查结果", choices=Outcome.choices, widget=forms.RadioSelect)
    findings = forms.CharField(
        label="检查情况",
        required=False,
        help_text="发现的问题；未发现问题的可不填",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    correction_due = forms.DateField(
        label="整改期限",
        required=False,
        help_text="责令限期改正时填写，到期复查",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    facts = forms.CharField(
        label="涉嫌违法事实",
        required=False,
        help_text="移送立案时填写",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    measures = forms.CharField(
        label="拟采取的措施",
        required=False,
        help_text="责令改正或移送立案时，须作经济影响评估",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    level = forms.ChoiceField(
        label="对生产经营的影响程度",
        required=False,
        choices=[("", "请选择"), *ImpactLevel.choices],
    )
    effect = forms.CharField(
        label="对生产经营的影响", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    mitigation = forms.CharField(
        label="减少影响的安排", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(
        label="我已核对检查要点、照片和检查结果，提交后现场检查记录不能再修改",
        error_messages={"required": "请确认后再提交"},
    )


class RecheckForm(forms.Form):
    corrected = forms.ChoiceField(label="是否已整改", choices=YES_NO, widget=forms.RadioSelect)
    note = forms.CharField(label="复查情况", widget=forms.Textarea(attrs={"rows": 2}))


def _record(user: Any, pk: int) -> OnSiteRecord:
    return get_object_or_404(
        OnSiteRecord.objects.visible_to(user).select_related(
            "inspection__party", "inspection__lead_agency"
        ),
        pk=pk,
    )


@login_required
def visits_today(request: HttpRequest) -> HttpResponse:
    """The officer's visits of today: approved inspections whose window holds today."""
    user = request.user
    if not (user.has_role(Role.OFFICER) or Officer.objects.filter(user=user).exists()):
        raise PermissionDenied("只有执法人员可以查看今日检查")
    today = timezone.localdate()
    inspections = (
        Inspection.objects.restrict(user)
        .filter(officers__user=user, window_start__lte=today, window_end__gte=today)
        .filter(status__in=[*RECORDABLE, "recorded"])
        .select_related("party", "lead_agency")
        .prefetch_related("matters")
        .order_by("window_start", "pk")
        .distinct()
    )
    rows = []
    for inspection in inspections:
        record = OnSiteRecord.objects.restrict(user).filter(inspection=inspection).first()
        rows.append({"inspection": inspection, "record": record})
    return render(request, "inspections/visits_today.html", {"rows": rows, "today": today})


@require_POST
@login_required
def record_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the on-site record of inspection ``pk`` (one of its officers, on a day of its window)."""
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    try:
        record = wf.start(
            OnSiteRecord, "open", request.user, agency=inspection, inspection=inspection
        )
    except ValidationError as refused:
        for error in refused.messages:
            messages.error(request, error)
        return redirect("visits:visits_today")
    return redirect("visits:record_checklist", pk=record.pk)


def rating_url(request: HttpRequest, record: OnSiteRecord) -> str:
    return request.build_absolute_uri(reverse("rate", args=[record.rating_token]))


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The on-site record: its details, photos and outcome; once submitted, the rating QR code."""
    user = request.user
    record = _record(user, pk)
    may_edit = record.is_open and permits(user, record, CHANGE)
    details = DetailsForm(initial={f: getattr(record, f) for f in DetailsForm.base_fields})
    photo_form, recheck_form = PhotoForm(), RecheckForm()
    outcome_form = OutcomeForm(initial={"findings": record.findings})
    if request.method == "POST":
        if not permits(user, record, CHANGE):
            raise PermissionDenied(visits.OFFICERS_ONLY)
        act = request.POST.get("act")
        done = None
        if act == "details":
            details = DetailsForm(request.POST)
            if details.is_valid():
                done = call_service(
                    details, visits.save_details, user, record, **details.cleaned_data
                )
                message = "已保存"
        elif act == "photo":
            photo_form = PhotoForm(request.POST, request.FILES)
            if photo_form.is_valid():
                done = call_service(
                    photo_form,
                    visits.add_photo,
                    user,
                    record,
                    photo_form.cleaned_data["photo"],
                    photo_form.cleaned_data["caption"],
                )
                message = "已上传照片"
        elif act == "submit":
            outcome_form = OutcomeForm(request.POST)
            if outcome_form.is_valid():
                data = {
                    k: v
                    for k, v in outcome_form.cleaned_data.items()
                    if v not in ("", None) and k != "confirm"
                }
                done = call_service(outcome_form, wf.transition, record, "submit", user, **data)
                message = "已提交检查结果，请请企业扫码评价"
        elif act == "recheck":
            recheck_form = RecheckForm(request.POST)
            if recheck_form.is_valid():
                done = call_service(
                    recheck_form,
                    wf.transition,
                    record,
                    "recheck",
                    user,
                    corrected=recheck_form.cleaned_data["corrected"] == "true",
                    note=recheck_form.cleaned_data["note"],
                )
                message = "已登记复查"
        else:
            raise PermissionDenied("未知的操作")
        if done is not None:
            messages.success(request, message)
            return redirect("visits:record_detail", pk=record.pk)
    submitted = record.state == RecordState.SUBMITTED
    referral = getattr(record, "referral", None) if record.outcome == Outcome.CASE else None
    context = {
        "record": record,
        "referral": referral,
        # The case it became, linked only for those who see that case (zhifa.core.referrals).
        "referral_case_url": referrals.case_links(user, [referral.case_pk]).get(referral.case_pk)
        if referral is not None
        else "",
        "inspection": record.inspection,
        "results": record.results.select_related("matter"),
        "photos": record.photos.all(),
        "may_edit": may_edit,
        "may_recheck": "recheck" in wf.allowed_actions(record, user),
        "details": details,
        "photo_form": photo_form,
        "outcome_form": outcome_form,
        "recheck_form": recheck_form,
        "photo_limit_mb": visits.photo_limit() // (1024 * 1024),
        "rating_link": rating_url(request, record)
        if submitted and may_see_link(user, record)
        else "",
        "qr": qr_svg(rating_url(request, record))
        if submitted and may_see_link(user, record)
        else "",
    }
    return render(request, "inspections/record_detail.html", context)


def may_see_link(user: Any, record: OnSiteRecord) -> bool:
    """The rating link is printed for the enterprise by the officers who went (and the
    enterprise's own account may open it too)."""
    return (
        permits(user, record, CHANGE) or record.inspection.party.accounts.filter(user=user).exists()
    )


@login_required
def record_checklist(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone checklist: each answer kept on the phone until the server has it."""
    record = _record(request.user, pk)
    if not permits(request.user, record, CHANGE):
        raise PermissionDenied(visits.OFFICERS_ONLY)
    context = {
        "record": record,
        "inspection": record.inspection,
        "results": record.results.select_related("matter"),
        "choices": CheckResult.choices,
        "endpoint": reverse("onsite-record-entries", args=[record.pk]),
    }
    return render(request, "inspections/record_checklist.html", context)


@require_safe
@login_required
def record_photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    record = _record(request.user, pk)
    found = get_object_or_404(record.photos, pk=photo)
    try:
        handle = found.file.open("rb")
    except OSError as exc:
        raise Http404("照片文件不存在") from exc
    kind = images.image_format(handle.read(16))
    handle.seek(0)
    if kind is None:
        handle.close()
        raise Http404("照片格式无效")
    response = FileResponse(handle, content_type=kind[1], filename=f"visit-{photo}.{kind[0]}")
    response["Cache-Control"] = "private, no-store"
    return response
