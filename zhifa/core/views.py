"""Core pages: the deadline calculator (public), holiday data (system administrator), the
ledger and its verification (audit administrator)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.core import calendar, ledger, parameters
from zhifa.core.forms import call_service
from zhifa.core.models import CalendarOverride, HolidayNotice, LedgerEntry
from zhifa.core.workdays import Unit

UNIT_CHOICES = [
    (Unit.WORKING.value, "工作日"),
    (Unit.CALENDAR.value, "日（自然日）"),
    (Unit.MONTHS.value, "个月"),
    (Unit.YEARS.value, "年"),
]


class DeadlineForm(forms.Form):
    start = forms.DateField(
        label="起算日（当日不计入）", widget=forms.DateInput(attrs={"type": "date"})
    )
    days = forms.IntegerField(label="期间", min_value=1)
    unit = forms.ChoiceField(label="单位", choices=UNIT_CHOICES)


def deadline(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.GET or None)
    due = None
    if form.is_bound and form.is_valid():
        due = call_service(form, calendar.compute_deadline, **form.cleaned_data)
    template = "core/_deadline_result.html" if request.htmx else "core/deadline.html"
    return render(request, template, {"form": form, "due": due})


class OverrideForm(forms.Form):
    day = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    is_working_day = forms.TypedChoiceField(
        label="安排",
        choices=[("0", "放假/休息"), ("1", "调休上班")],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label="说明", max_length=100, required=False)


class NoticeForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="通知名称及文号", max_length=200)


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role("system_admin"):
        raise PermissionDenied("只有系统管理员可以维护节假日数据")
    override_form = OverrideForm(prefix="o")
    notice_form = NoticeForm(prefix="n")
    if request.method == "POST":
        act = request.POST.get("act")
        if act == "override":
            override_form = OverrideForm(request.POST, prefix="o")
            if override_form.is_valid() and call_service(
                override_form, calendar.set_override, request.user, **override_form.cleaned_data
            ):
                messages.success(request, "已保存日期安排")
                return redirect("calendar")
        elif act == "notice":
            notice_form = NoticeForm(request.POST, prefix="n")
            if notice_form.is_valid() and call_service(
                notice_form, calendar.add_holiday_notice, request.user, **notice_form.cleaned_data
            ):
                messages.success(request, "已登记节假日安排通知")
                return redirect("calendar")
        elif act == "remove":
            override = get_object_or_404(CalendarOverride, pk=request.POST.get("override"))
            calendar.remove_override(request.user, override)
            messages.success(request, "已删除日期安排")
            return redirect("calendar")
    return render(
        request,
        "core/calendar.html",
        {
            "override_form": override_form,
            "notice_form": notice_form,
            "overrides": CalendarOverride.objects.all(),
            "notices": HolidayNotice.objects.all(),
        },
    )


@login_required
def ledger_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role("audit_admin"):
        raise PermissionDenied("只有审计管理员可以查看审计台账")
    entries = LedgerEntry.objects.order_by("-seq")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    verification = ledger.verify() if request.GET.get("verify") else None
    return render(
        request,
        "core/ledger.html",
        {"page": page, "action": action, "verification": verification},
    )


class ParameterForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    value = forms.CharField(label="取值", max_length=20)


@login_required
def parameters_page(request: HttpRequest) -> HttpResponse:
    """业务参数: each rule's number, its national default and source; the system administrator
    changes it (rules.md: configuration with the national default, change recorded)."""
    if not request.user.has_role("system_admin"):
        raise PermissionDenied("只有系统管理员可以修改业务参数")
    failed: dict[str, forms.Form] = {}
    if request.method == "POST":
        form = ParameterForm(request.POST)
        if form.is_valid() and call_service(
            form,
            parameters.set_value,
            request.user,
            form.cleaned_data["key"],
            form.cleaned_data["value"],
        ):
            messages.success(request, "已保存业务参数")
            return redirect("parameters")
        failed[request.POST.get("key", "")] = form
    rows = [
        {"definition": d, "value": parameters.get(key), "form": failed.get(key)}
        for key, d in sorted(parameters.REGISTRY.items())
    ]
    return render(request, "core/parameters.html", {"rows": rows})
