"""Core pages: the deadline calculator (public), the ledger and its verification (audit
administrator), business parameters. Holiday data: :mod:`zhifa.core.calendar_views`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zhifa.core import calendar, parameters
from zhifa.core.forms import call_service
from zhifa.core.workdays import PeriodUnit

UNIT_CHOICES = [
    (PeriodUnit.WORKING.value, "工作日"),
    (PeriodUnit.CALENDAR.value, "日（自然日）"),
    (PeriodUnit.MONTHS.value, "个月"),
    (PeriodUnit.YEARS.value, "年"),
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
