"""办事指南 and 合规指导清单 pages.

Agency pages (namespace ``catalog``, mounted at /catalog/): the 信息管理员 edits a matter's service
guide with its flow steps, and keeps the agency's compliance guides (drafts, then published).
Public pages (namespace ``public_catalog``, mounted at /public/catalog/): published compliance
guides by industry; the service guide and its flow chart are on the matter's public page.

Steps and items are edited as lines of text, the columns separated by “｜” (or “|”), so a whole
procedure fits one text box and is saved whole by the service.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from zhifa.catalog.models import ComplianceGuide, Matter, ServiceGuide
from zhifa.catalog.services import guides
from zhifa.catalog.views.pages import admin_agencies, tabs_for
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE, permits, require_permission
from zhifa.org.models import Role
from zhifa.org.permissions import refusal

SEPARATOR = re.compile(r"\s*[|｜]\s*")


def parse_rows(text: str, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """One row per non-empty line, its columns split on ``｜``; missing columns are empty and
    extra ones are kept in the last column."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = SEPARATOR.split(line.strip(), maxsplit=len(keys) - 1)
        parts += [""] * (len(keys) - len(parts))
        rows.append(dict(zip(keys, parts, strict=True)))
    return rows


def rows_text(rows: Any, keys: tuple[str, ...]) -> str:
    """Rows (objects or dicts) back to lines, trailing empty columns dropped."""
    lines = []
    for row in rows:
        values = [str(row[k] if isinstance(row, dict) else getattr(row, k)) for k in keys]
        while values and not values[-1]:
            values.pop()
        lines.append("｜".join(values))
    return "\n".join(lines)


class ServiceGuideForm(forms.Form):
    conditions = forms.CharField(label="办理条件", widget=forms.Textarea(attrs={"rows": 4}))
    materials = forms.CharField(
        label="申请材料", help_text="每行一项", widget=forms.Textarea(attrs={"rows": 5})
    )
    time_limit = forms.CharField(label="办理时限", max_length=100)
    fees = forms.CharField(
        label="收费标准", max_length=200, required=False, help_text="留空为不收费"
    )
    place = forms.CharField(label="办理地点", max_length=200)
    phone = forms.CharField(label="咨询电话", max_length=30)
    steps = forms.CharField(
        label="办理流程",
        help_text="每行一个环节，依次为：环节名称｜承办｜说明｜时限（后三项可省略），按办理顺序排列",
        widget=forms.Textarea(attrs={"rows": 7}),
    )

    def guide(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["steps"] = parse_rows(data["steps"], guides.STEP_FIELDS)
        return data


class ComplianceGuideForm(forms.Form):
    industry = forms.CharField(label="行业", max_length=40, help_text="如：食品经营、餐饮服务")
    title = forms.CharField(label="标题", max_length=100)
    items = forms.CharField(
        label="合规事项",
        help_text="每行一项，依次为：合规事项｜合规要求｜法律依据｜常见违法行为｜法律后果"
        "（后两项可省略）",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"] = forms.ModelChoiceField(
                label="制定机关", queryset=agencies, empty_label=None
            )
            self.order_fields(["agency", "industry", "title", "items"])

    def guide(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["items"] = parse_rows(data["items"], guides.ITEM_FIELDS)
        return data


def _guide_initial(guide: ServiceGuide | None) -> dict[str, Any]:
    if guide is None:
        return {"fees": guides.NO_FEE}
    initial = {k: getattr(guide, k) for k in guides.GUIDE_FIELDS}
    initial["steps"] = rows_text(guide.steps.all(), guides.STEP_FIELDS)
    return initial


def _compliance_initial(guide: ComplianceGuide) -> dict[str, Any]:
    return {
        "industry": guide.industry,
        "title": guide.title,
        "items": rows_text(guide.items.all(), guides.ITEM_FIELDS),
    }


# --- agency pages ---


@login_required
def service_guide_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    matter = get_object_or_404(
        Matter.objects.visible_to(user).select_related("agency__region"), pk=pk
    )
    require_permission(user, matter, CHANGE, refusal(matter.agency, Role.AGENCY_ADMIN))
    guide = ServiceGuide.objects.filter(matter=matter).first()
    form = ServiceGuideForm(request.POST or None, initial=_guide_initial(guide))
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, guides.save_service_guide, user, matter, **form.guide())
        if saved is not None:
            messages.success(request, "已保存办事指南，公众可在事项公示页面查看")
            return redirect("catalog:matter_detail", pk=matter.pk)
    context = {"matter": matter, "guide": guide, "form": form, **tabs_for(user)}
    return render(request, "catalog/guide_form.html", context)


@login_required
def compliance_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    agencies = admin_agencies(user)
    form = ComplianceGuideForm(request.POST or None, agencies=agencies, prefix="new")
    if request.method == "POST":
        if not agencies:
            raise PermissionDenied("只有信息管理员可以制定合规指导清单")
        if form.is_valid():
            data = form.guide()
            agency = data.pop("agency")
            guide = call_service(form, guides.save_compliance_guide, user, agency, **data)
            if guide is not None:
                messages.success(request, f"已保存{guide.title}（草稿）")
                return redirect("catalog:compliance_detail", pk=guide.pk)
    rows = (
        ComplianceGuide.objects.visible_to(user)
        .select_related("agency")
        .order_by("industry", "agency__name", "title")
    )
    context = {
        "guides": rows,
        "form": form if agencies else None,
        **tabs_for(user),
    }
    return render(request, "catalog/compliance_list.html", context)


@login_required
def compliance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    guide = get_object_or_404(
        ComplianceGuide.objects.visible_to(user).select_related("agency"), pk=pk
    )
    may_edit = permits(user, guide, CHANGE)
    form = ComplianceGuideForm(initial=_compliance_initial(guide), prefix="edit")
    publish_form = forms.Form()
    if request.method == "POST":
        require_permission(user, guide, CHANGE, refusal(guide.agency, Role.AGENCY_ADMIN))
        act = request.POST.get("act")
        if act == "save":
            form = ComplianceGuideForm(request.POST, prefix="edit")
            if form.is_valid() and call_service(
                form, guides.save_compliance_guide, user, guide=guide, **form.guide()
            ):
                messages.success(request, "已保存合规指导清单")
                return redirect("catalog:compliance_detail", pk=guide.pk)
        elif act == "publish":
            if call_service(publish_form, guides.publish_compliance_guide, user, guide):
                messages.success(request, f"已发布{guide.title}，公众可以查看")
                return redirect("catalog:compliance_detail", pk=guide.pk)
        else:
            raise PermissionDenied("未知的操作")
    context = {
        "guide": guide,
        "items": list(guide.items.all()),
        "may_edit": may_edit,
        "form": form,
        "publish_form": publish_form,
        **tabs_for(user),
    }
    return render(request, "catalog/compliance_detail.html", context)


# --- public pages ---


def published_compliance() -> Any:
    return ComplianceGuide.objects.filter(published_at__isnull=False)


def public_compliance_list(request: HttpRequest) -> HttpResponse:
    """Published compliance guides, grouped by industry."""
    rows = published_compliance().select_related("agency").order_by("industry", "agency__name")
    groups = [
        {"industry": industry, "guides": list(items)}
        for industry, items in groupby(rows, key=lambda g: g.industry)
    ]
    return render(request, "public_catalog/compliance_list.html", {"groups": groups})


def public_compliance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    guide = get_object_or_404(published_compliance().select_related("agency"), pk=pk)
    context = {"guide": guide, "items": list(guide.items.all())}
    return render(request, "public_catalog/compliance_detail.html", context)


urlpatterns = [
    path("matters/<int:pk>/guide/", service_guide_edit, name="service_guide_edit"),
    path("compliance/", compliance_list, name="compliance_list"),
    path("compliance/<int:pk>/", compliance_detail, name="compliance_detail"),
]

public_urlpatterns = [
    path("compliance/", public_compliance_list, name="compliance_list"),
    path("compliance/<int:pk>/", public_compliance_detail, name="compliance_detail"),
]
