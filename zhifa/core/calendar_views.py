"""Holiday data pages (system administrator): the year's notice entered as it reads, shown as a
calendar and marked complete; single-day corrections of years the package knows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.core import calendar, holidays
from zhifa.core.forms import add_service_errors, call_service
from zhifa.core.models import CalendarOverride, HolidayNotice
from zhifa.core.permissions import require_role

DATE = forms.DateInput(attrs={"type": "date"})
PERIOD_ROWS = 9  # 元旦、春节、清明、劳动、端午、中秋、国庆, and spares
WORKDAY_ROWS = 8


class OverrideForm(forms.Form):
    day = forms.DateField(label="日期", widget=DATE)
    is_working_day = forms.TypedChoiceField(
        label="安排",
        choices=[("0", "放假/休息"), ("1", "调休上班")],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label="说明", max_length=100, required=False)


class NewNoticeForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="通知名称及文号", max_length=200)


class NoticeForm(forms.Form):
    title = forms.CharField(label="通知名称及文号", max_length=200)
    reason = forms.CharField(
        label="更正理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodForm(forms.Form):
    name = forms.CharField(label="节日", max_length=20, required=False)
    first_day = forms.DateField(label="放假首日", required=False, widget=DATE)
    last_day = forms.DateField(label="放假末日", required=False, widget=DATE)

    def row(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        return data if any(data.get(k) for k in ("name", "first_day", "last_day")) else None


class WorkdayForm(forms.Form):
    day = forms.DateField(label="调休上班日", required=False, widget=DATE)
    note = forms.CharField(label="说明", max_length=20, required=False)

    def row(self) -> dict[str, Any] | None:
        return self.cleaned_data if self.cleaned_data.get("day") else None


PeriodFormSet = forms.formset_factory(PeriodForm, extra=0, max_num=20, absolute_max=20)
WorkdayFormSet = forms.formset_factory(WorkdayForm, extra=0, max_num=20, absolute_max=20)


def _require_sysadmin(request: HttpRequest) -> None:
    require_role(request.user, holidays.SYSTEM_ADMIN, message=holidays.DENIED)


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    _require_sysadmin(request)
    override_form = OverrideForm(prefix="o")
    notice_form = NewNoticeForm(prefix="n")
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
            notice_form = NewNoticeForm(request.POST, prefix="n")
            if notice_form.is_valid():
                notice = call_service(
                    notice_form,
                    holidays.save_notice,
                    request.user,
                    new=True,
                    **notice_form.cleaned_data,
                )
                if notice:
                    messages.success(request, "已登记通知，请逐项录入放假安排和调休上班日")
                    return redirect("calendar_notice", year=notice.year)
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
            "notices": HolidayNotice.objects.prefetch_related("periods", "workdays"),
        },
    )


def _formsets(notice: HolidayNotice, data: Any = None) -> tuple[Any, Any]:
    periods, workdays = holidays.notice_rows(notice)
    if data is not None:
        return PeriodFormSet(data, prefix="p"), WorkdayFormSet(data, prefix="w")
    periods += [{}] * max(PERIOD_ROWS - len(periods), 2)
    workdays += [{}] * max(WORKDAY_ROWS - len(workdays), 2)
    return (
        PeriodFormSet(initial=periods, prefix="p"),
        WorkdayFormSet(initial=workdays, prefix="w"),
    )


def _save(request: HttpRequest, notice: HolidayNotice) -> tuple[bool, Any, Any, Any]:
    form = NoticeForm(request.POST)
    period_set, workday_set = _formsets(notice, request.POST)
    if not (form.is_valid() and period_set.is_valid() and workday_set.is_valid()):
        form.is_valid()
        if not (period_set.is_valid() and workday_set.is_valid()):
            form.add_error(None, "日期格式有误，请按年-月-日填写")
        return False, form, period_set, workday_set
    try:
        holidays.save_notice(
            request.user,
            year=notice.year,
            title=form.cleaned_data["title"],
            reason=form.cleaned_data["reason"],
            periods=[r for f in period_set.forms if (r := f.row())],
            workdays=[r for f in workday_set.forms if (r := f.row())],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False, form, period_set, workday_set
    return True, form, period_set, workday_set


@login_required
def notice_page(request: HttpRequest, year: int) -> HttpResponse:
    """One year's notice: its holidays and 调休 days, the year as a calendar, and completion."""
    _require_sysadmin(request)
    notice = get_object_or_404(
        HolidayNotice.objects.prefetch_related("periods", "workdays"), year=year
    )
    form = NoticeForm(initial={"title": notice.title})
    period_set, workday_set = _formsets(notice)
    if request.method == "POST":
        act = request.POST.get("act")
        if act == "save":
            saved, form, period_set, workday_set = _save(request, notice)
            if saved:
                messages.success(request, "已保存。请对照日历核对，无误后确认录入完毕")
                return redirect("calendar_notice", year=year)
        elif act == "complete":
            try:
                holidays.complete_notice(request.user, notice)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"{year}年的节假日安排已确认录入完毕，期限计算即日起使用")
                return redirect("calendar_notice", year=year)
    return render(
        request,
        "core/holiday_notice.html",
        {
            "notice": notice,
            "form": form,
            "period_set": period_set,
            "workday_set": workday_set,
            "months": holidays.year_calendar(notice),
        },
    )
