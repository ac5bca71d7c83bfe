"""Catalogue pages (mounted at /catalog/): 执法事项, the versioned lists and their filing (报备),
discretion benchmarks applied to facts (apply_benchmark).

The agency's 信息管理员 keeps its matters, lists and benchmarks: lists and benchmarks are edited as
drafts and published as versions that never change; publishing a list files it with the justice
bureau, whose 执法监督人员 acknowledge it (备案) or return it with an opinion.

Reads go through ``visible_to`` (what the user may not see is a 404); writes go through the
services with ``call_service`` (their Chinese errors land on the forms). A write by someone the
service would refuse is refused here first with the same check, so it is a 403 whatever the form
holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, QuerySet, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from zhifa.catalog.filters import MINE, FilingFilter, MatterFilter, own_agencies
from zhifa.catalog.forms import (
    ApplyBenchmarkForm,
    ConditionRows,
    DraftForm,
    EntryForm,
    HandleForm,
    MatterForm,
    PublishForm,
)
from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    Grade,
    ListEntry,
    ListKind,
    ListVersion,
    Matter,
    MatterCategory,
)
from zhifa.catalog.models.lists import LENIENCY_KINDS
from zhifa.catalog.models.lists import REVIEW as FILING_REVIEW
from zhifa.catalog.rules import CIRCUMSTANCES, describe
from zhifa.catalog.services import benchmarks, discretion, lists, matters
from zhifa.catalog.views import five_year_review
from zhifa.core import workflow
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, Listing, ListPage
from zhifa.core.scoping import CHANGE, permits, require_permission
from zhifa.org.models import Agency, Role, User
from zhifa.org.permissions import refusal

#: Who sees filings (报备): the agency's head and administrator, and the supervisors.
FILING_READERS = (Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR)
LAW_FACTS = {f.key: f for f in CIRCUMSTANCES}


def admin_agencies(user: User) -> QuerySet[Agency]:
    """The agencies whose catalogue the user keeps (信息管理员)."""
    return Agency.objects.where_role(user, Role.AGENCY_ADMIN)


def visible_filings(user: User) -> QuerySet[Filing]:
    """Filings of the agencies the user heads or keeps, or supervises (``Filing`` scope)."""
    return Filing.objects.restrict(user).select_related(
        "agency", "version", "benchmark", "justice_bureau", "handled_by"
    )


def tabs_for(user: User) -> dict[str, Any]:
    return {
        "is_catalog_admin": user.has_role(Role.AGENCY_ADMIN),
        "sees_filings": user.has_role(*FILING_READERS),
    }


def clauses_text(conditions: list[dict[str, Any]], facts: dict) -> list[str]:
    """Conditions in Chinese (a clause over an unknown fact is shown as it is stored)."""
    found = []
    for clause in conditions:
        try:
            found.append(describe(clause, facts))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            found.append(str(clause))
    return found


# ---------------------------------------------------------------------------------------------
# 执法事项
# ---------------------------------------------------------------------------------------------


MATTER_LIST = ListPage(
    filterset=MatterFilter,
    columns=(
        Column("code", "事项编码", ("code",)),
        Column("name", "事项名称", ("name",)),
        Column("category", "职权类别", ("category",)),
        Column("agency", "实施主体", ("agency__region__code", "agency__name")),
        Column("level", "行使层级", ("level",)),
        Column("law", "法律依据", ("law", "article")),
        Column("status", "状态", ("status",)),
    ),
    default_order=("agency__region__code", "agency__name", "code"),
    defaults={"scope": MINE},
)


def matter_listing(request: HttpRequest) -> Listing:
    """The matter list for this request: the API's MatterFilter over the matters the user sees
    (by default the user's own agencies or region); the list and its Excel export share it."""
    return MATTER_LIST.bind(request, Matter.objects.visible_to(request.user))


@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    listing = matter_listing(request)
    rows = listing.filtered.select_related("agency").annotate(
        published_benchmarks=Count(
            "benchmarks", filter=Q(benchmarks__status=BenchmarkStatus.PUBLISHED)
        )
    )
    context = {
        "page": listing.paginate(listing.order(rows)),
        "export_url": reverse("catalog:matter_export"),
        **tabs_for(request.user),
    }
    return listing.render("catalog/matter_list.html", "catalog/_matter_rows.html", context)


def _matter_data(form: forms.Form) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("agency", None)
    return data


@login_required
def matter_create(request: HttpRequest) -> HttpResponse:
    agencies = admin_agencies(request.user)
    if not agencies:
        raise PermissionDenied("只有信息管理员可以登记执法事项")
    form = MatterForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        matter = call_service(
            form, matters.create_matter, request.user, agency, **_matter_data(form)
        )
        if matter is not None:
            messages.success(request, f"已登记执法事项{matter.code} {matter.name}")
            return redirect("catalog:matter_detail", pk=matter.pk)
    return render(request, "catalog/matter_form.html", {"form": form, **tabs_for(request.user)})


@login_required
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    matter = get_object_or_404(
        Matter.objects.visible_to(user).select_related("agency__region"), pk=pk
    )
    may_edit = permits(user, matter, CHANGE)
    form = MatterForm(matter=matter, prefix="edit") if may_edit else None
    if request.method == "POST":
        require_permission(user, matter, CHANGE, refusal(matter.agency, Role.AGENCY_ADMIN))
        form = MatterForm(request.POST, matter=matter, prefix="edit")
        if form.is_valid() and call_service(
            form, matters.update_matter, user, matter, **_matter_data(form)
        ):
            messages.success(request, "已保存执法事项")
            return redirect("catalog:matter_detail", pk=matter.pk)
    entries = (
        ListEntry.objects.filter(matter=matter, version__in=ListVersion.objects.visible_to(user))
        .select_related("version__agency")
        .order_by("version__kind", "-version__number")
    )
    context = {
        "matter": matter,
        "form": form,
        "may_edit": may_edit,
        "may_draft_benchmark": may_edit and matter.category == MatterCategory.PENALTY,
        "benchmarks": DiscretionBenchmark.objects.visible_to(user).filter(matter=matter),
        "entries": entries,
        **tabs_for(user),
    }
    return render(request, "catalog/matter_detail.html", context)


# ---------------------------------------------------------------------------------------------
# 清单: versions per agency and kind, drafts, entries, publishing
# ---------------------------------------------------------------------------------------------


@dataclass
class ListRow:
    kind: str
    label: str
    current: ListVersion | None
    upcoming: list[ListVersion]
    drafts: list[ListVersion]
    count: int


def _chosen_agency(request: HttpRequest, user: User) -> tuple[Agency | None, QuerySet[Agency]]:
    choices = Agency.objects.filter(is_active=True).select_related("region")
    wanted = request.GET.get("agency") or request.POST.get("agency")
    if wanted and str(wanted).isdigit():
        return get_object_or_404(choices, pk=wanted), choices
    default = admin_agencies(user).first() or own_agencies(user).first() or choices.first()
    return default, choices


@login_required
def list_index(request: HttpRequest) -> HttpResponse:
    user = request.user
    agency, agencies = _chosen_agency(request, user)
    may_edit = agency is not None and admin_agencies(user).filter(pk=agency.pk).exists()
    form = DraftForm(prefix="draft", initial={"effective_on": timezone.localdate()})
    if request.method == "POST":
        if agency is None:
            raise PermissionDenied("请选择执法主体")
        if not may_edit:
            raise PermissionDenied(refusal(agency, Role.AGENCY_ADMIN))
        form = DraftForm(request.POST, prefix="draft")
        if form.is_valid():
            version = call_service(form, lists.draft_version, user, agency, **form.cleaned_data)
            if version is not None:
                messages.success(request, f"已新建{version}（草稿）")
                return redirect("catalog:list_version", pk=version.pk)
    today = timezone.localdate()
    rows: list[ListRow] = []
    if agency is not None:
        versions = list(
            ListVersion.objects.visible_to(user)
            .filter(agency=agency)
            .select_related("agency", "filing")
            .annotate(entry_count=Count("entries"))
            .order_by("kind", "-number")
        )
        for kind in ListKind:
            mine = [v for v in versions if v.kind == kind]
            published = [v for v in mine if v.is_published]
            in_force = [v for v in published if v.effective_on <= today]
            current = max(in_force, key=lambda v: (v.effective_on, v.number), default=None)
            rows.append(
                ListRow(
                    kind=kind.value,
                    label=kind.label,
                    current=current,
                    upcoming=[v for v in published if v.effective_on > today],
                    drafts=[v for v in mine if not v.is_published],
                    count=len(mine),
                )
            )
    context = {
        "agency": agency,
        "agencies": agencies,
        "rows": rows,
        "may_edit": may_edit,
        "form": form,
        "sees_filing_status": agency is not None
        and Filing.objects.restrict(user).filter(agency=agency).exists(),
        **tabs_for(user),
    }
    return render(request, "catalog/list_index.html", context)


def _entry_forms(version: ListVersion, data: Any = None) -> tuple[EntryForm, Any]:
    leniency = version.kind in LENIENCY_KINDS
    form = EntryForm(
        data,
        prefix="entry",
        matters=Matter.objects.filter(agency=version.agency).order_by("code"),
        leniency=leniency,
    )
    rows = ConditionRows(data, prefix="cond") if leniency else None
    return form, rows


def _add_entry(request: HttpRequest, version: ListVersion) -> tuple[EntryForm, Any] | None:
    form, rows = _entry_forms(version, request.POST)
    rows_ok = rows is None or rows.is_valid()
    if form.is_valid() and rows_ok:
        both = (
            rows is not None
            and form.cleaned_data["conditions"] is not None
            and any(row.clause() for row in rows)
        )
        if both:
            form.add_error("conditions", "请在条件表格和JSON中择一填写适用条件")
            return form, rows
        if call_service(form, lists.add_entry, request.user, version, **form.entry(rows)):
            messages.success(request, "已添加清单条目")
            return None
    return form, rows


@login_required
def list_version(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    version = get_object_or_404(
        ListVersion.objects.visible_to(user).select_related("agency__region"), pk=pk
    )
    actions = {a.action: a for a in workflow.available_actions(version, user)}
    may_edit = "add_entry" in actions
    entry_form, rows = _entry_forms(version) if may_edit else (None, None)
    publish_form = PublishForm(prefix="publish")
    if request.method == "POST":
        act = request.POST.get("act")
        step = {"entry": "add_entry", "publish": "publish"}.get(act or "")
        if step is None:
            raise PermissionDenied("未知的操作")
        workflow.require_role(version, step, user)
        if act == "entry":
            result = _add_entry(request, version)
            if result is None:
                return redirect("catalog:list_version", pk=version.pk)
            entry_form, rows = result
        elif act == "publish":
            publish_form = PublishForm(request.POST, prefix="publish")
            filing = call_service(publish_form, lists.publish_version, user, version)
            if filing is not None:
                messages.success(
                    request,
                    f"已发布{version}，已报送{filing.justice_bureau.name}备案"
                    f"（{filing.get_status_display()}）",
                )
                return redirect("catalog:list_version", pk=version.pk)
        else:
            raise PermissionDenied("未知的操作")
    leniency = version.kind in LENIENCY_KINDS
    entries = list(version.entries.select_related("matter"))
    for entry in entries:
        entry.clauses = clauses_text(entry.conditions, LAW_FACTS)
        entry.may = bool(entry.attrs.get("may")) if leniency else False
        entry.items = [] if leniency else list(entry.attrs.items())
    context = {
        "version": version,
        "leniency": leniency,
        "entries": entries,
        "filing": visible_filings(user).filter(version=version).first(),
        "history": ListVersion.objects.visible_to(user)
        .filter(agency=version.agency, kind=version.kind)
        .order_by("-number"),
        "may_edit": may_edit,
        "publish": actions.get("publish"),
        "entry_form": entry_form,
        "rows": rows,
        "publish_form": publish_form,
        **tabs_for(user),
    }
    return render(request, "catalog/list_version.html", context)


# ---------------------------------------------------------------------------------------------
# 裁量基准
# ---------------------------------------------------------------------------------------------


def _money(value: Decimal | None) -> str:
    return f"{(value or Decimal(0)).normalize():f}"


def range_text(grade: Grade | DiscretionBenchmark) -> str:
    """A penalty range as read: 警告；罚款1万元至3万元 → “罚款10000元至30000元”."""
    parts = list(getattr(grade, "penalty_kinds", []) or [])
    if grade.fine_max is not None:
        parts.append(f"罚款{_money(grade.fine_min)}元至{_money(grade.fine_max)}元")
    elif grade.fine_min is not None:
        parts.append(f"罚款{_money(grade.fine_min)}元以上")
    if grade.multiple_max is not None:
        parts.append(f"违法所得{_money(grade.multiple_min)}倍至{_money(grade.multiple_max)}倍罚款")
    if getattr(grade, "other_measures", ""):
        parts.append(grade.other_measures)
    return "；".join(parts) or "—"


def _benchmark_context(
    user: User,
    benchmark: DiscretionBenchmark,
    *,
    publish_form: PublishForm | None = None,
    apply_form: ApplyBenchmarkForm | None = None,
    result: Any = None,
) -> dict[str, Any]:
    facts = benchmarks.fact_map(benchmark)
    grades = list(benchmark.grades.all())
    for grade in grades:
        grade.clauses = clauses_text(grade.conditions, facts)
        grade.range = range_text(grade)
    may_keep = permits(user, benchmark, CHANGE)
    may_publish = "publish" in workflow.allowed_actions(benchmark, user)
    draft = benchmark.status == BenchmarkStatus.DRAFT
    versions = DiscretionBenchmark.objects.visible_to(user).filter(matter=benchmark.matter)
    if apply_form is None:
        apply_form = _apply_form(benchmark, facts, grades)
    return {
        "benchmark": benchmark,
        "matter": benchmark.matter,
        "facts": list(benchmark.facts.all()),
        "grades": grades,
        "statutory": range_text(benchmark),
        "draft": draft,
        "may_keep": may_keep,
        "may_publish": may_publish,
        "versions": versions,
        "open_draft": next((v for v in versions if v.status == BenchmarkStatus.DRAFT), None),
        "publish_form": publish_form or PublishForm(prefix="publish"),
        "apply_form": apply_form,
        "fact_groups": _fact_groups(apply_form),
        "result": result,
        **tabs_for(user),
    }


def _apply_form(
    benchmark: DiscretionBenchmark, facts: dict, grades: list[Grade], data: Any = None
) -> ApplyBenchmarkForm:
    needed = {c.get("fact") for g in grades for c in g.conditions if isinstance(c, dict)}
    return ApplyBenchmarkForm(data, facts=facts, needed=needed)


def _fact_groups(form: ApplyBenchmarkForm) -> list[tuple[str, list]]:
    return [
        (title, [form[name] for name in names])
        for title, names in (
            ("认定事实", form.main),
            ("法定从轻、减轻、不予处罚情形（有则填写）", form.circumstances),
        )
        if names
    ]


def _apply(request: HttpRequest, benchmark: DiscretionBenchmark) -> tuple[ApplyBenchmarkForm, Any]:
    facts = benchmarks.fact_map(benchmark)
    form = _apply_form(benchmark, facts, list(benchmark.grades.all()), request.GET)
    result = None
    if form.is_valid():
        result = call_service(form, discretion.apply_benchmark, benchmark, form.values())
    return form, result


def _benchmark_post(
    request: HttpRequest, benchmark: DiscretionBenchmark
) -> HttpResponse | dict[str, Any]:
    user, matter = request.user, benchmark.matter
    require_permission(user, benchmark, CHANGE, refusal(matter.agency, Role.AGENCY_ADMIN))
    act = request.POST.get("act")
    form = PublishForm(request.POST, prefix="publish")
    if act == "publish":
        if call_service(form, benchmarks.publish_benchmark, user, benchmark):
            messages.success(request, f"已发布第{benchmark.version}版，自即日起不再修改")
            return redirect("catalog:benchmark_detail", pk=benchmark.pk)
    elif act == "new_version":
        if benchmark.status != BenchmarkStatus.PUBLISHED:
            form.add_error(None, "草稿可以直接修改，无需新建版本")
        else:
            draft = call_service(
                form, benchmarks.save_draft, user, matter, **benchmarks.content_of(benchmark)
            )
            if draft is not None:
                messages.success(request, f"已新建第{draft.version}版草稿，修改后发布")
                return redirect("catalog:benchmark_detail", pk=draft.pk)
    else:
        raise PermissionDenied("未知的操作")
    return {"publish_form": form}


@login_required
def benchmark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    benchmark = get_object_or_404(
        DiscretionBenchmark.objects.visible_to(user).select_related("matter__agency__region"),
        pk=pk,
    )
    bound: dict[str, Any] = {}
    if request.method == "POST":
        result = _benchmark_post(request, benchmark)
        if isinstance(result, HttpResponse):
            return result
        bound = result
    elif request.GET.get("apply"):
        form, outcome = _apply(request, benchmark)
        if request.htmx:
            context = {
                "benchmark": benchmark,
                "apply_form": form,
                "fact_groups": _fact_groups(form),
                "result": outcome,
            }
            return render(request, "catalog/_benchmark_outcome.html", context)
        bound = {"apply_form": form, "result": outcome}
    context = _benchmark_context(user, benchmark, **bound)
    return render(request, "catalog/benchmark_detail.html", context)


# ---------------------------------------------------------------------------------------------
# 报备
# ---------------------------------------------------------------------------------------------


def _require_filing_reader(user: User) -> None:
    if not user.has_role(*FILING_READERS):
        raise PermissionDenied("您的角色无权查看清单报备")


FILING_LIST = ListPage(
    filterset=FilingFilter,
    columns=(
        Column("version", "清单或基准", ("version__kind", "version__number")),
        Column("agency", "执法主体", ("agency__name",)),
        Column("status", "状态", ("queue", "status")),
        Column("bureau", "受理机关", ("justice_bureau__name",)),
        Column("created", "报送时间", ("created_at",)),
        Column("opinion", "审查意见"),
        Column("handled_by", "处理人"),
        Column("handled", "处理时间", ("handled_at",)),
        Column("act", ""),
    ),
    default_order=("queue", "-created_at"),
)


def filing_listing(request: HttpRequest) -> Listing:
    """The filings the user sees with the API's FilingFilter (``status``, ``agency``, ``kind``);
    pending ones first (the review queue), then the latest. The page and its export share it."""
    _require_filing_reader(request.user)
    rows = visible_filings(request.user).annotate(
        queue=Case(When(status=FilingStatus.PENDING, then=0), default=1)
    )
    return FILING_LIST.bind(request, rows)


@login_required
def filing_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    listing = filing_listing(request)
    page = listing.paginate(listing.order(listing.filtered))
    shown = [f.pk for f in page]
    reviewable = Filing.objects.restrict(user, FILING_REVIEW).filter(pk__in=shown)
    mine = set(reviewable.values_list("pk", flat=True))
    for filing in page:
        filing.mine = filing.status == FilingStatus.PENDING and filing.pk in mine
    context = {
        "supervisor": user.has_role(Role.SUPERVISOR),
        "pending_count": visible_filings(user).filter(status=FilingStatus.PENDING).count(),
        "page": page,
        "export_url": reverse("catalog:filing_export"),
        **tabs_for(user),
    }
    return listing.render("catalog/filing_list.html", "catalog/_filing_rows.html", context)


def may_handle(user: User, filing: Filing) -> bool:
    """The receiving bureau's supervisors review a filing (the filing's workflow table says)."""
    return bool(workflow.allowed_actions(filing, user))


@login_required
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One filing, for those its scope shows it to (404 for the others, as in the API)."""
    user = request.user
    filing = get_object_or_404(
        visible_filings(user).select_related("agency__region", "benchmark"), pk=pk
    )
    form = HandleForm(prefix="handle")
    if request.method == "POST":
        act = request.POST.get("act")
        if act not in ("acknowledge", "return"):
            workflow.require_role(filing, "acknowledge", user)
            raise PermissionDenied("未知的操作")
        workflow.require_role(filing, act, user)
        form = HandleForm(request.POST, prefix="handle")
        if form.is_valid() and call_service(
            form,
            lists.handle_filing,
            user,
            filing,
            acknowledge=act == "acknowledge",
            opinion=form.cleaned_data["opinion"],
        ):
            filing.refresh_from_db()
            messages.success(request, f"{filing.subject_label}：{filing.get_status_display()}")
            return redirect("catalog:filing_detail", pk=filing.pk)
    version = filing.version
    leniency = version is not None and version.kind in LENIENCY_KINDS
    entries = list(version.entries.select_related("matter")) if version else []
    for entry in entries:
        entry.clauses = clauses_text(entry.conditions, LAW_FACTS)
        entry.items = [] if leniency else list(entry.attrs.items())
    context = {
        "filing": filing,
        "version": version,
        "leniency": leniency,
        "entries": entries,
        "may_handle": may_handle(user, filing),
        "form": form,
        **tabs_for(user),
    }
    return render(request, "catalog/filing_detail.html", context)


urlpatterns = [
    path("matters/", matter_list, name="matter_list"),
    path("matters/new/", matter_create, name="matter_create"),
    path("matters/<int:pk>/", matter_detail, name="matter_detail"),
    path("lists/", list_index, name="list_index"),
    path("lists/<int:pk>/", list_version, name="list_version"),
    path("benchmarks/<int:pk>/", benchmark_detail, name="benchmark_detail"),
    path("filings/", filing_list, name="filing_list"),
    path("filings/<int:pk>/", filing_detail, name="filing_detail"),
    path("review/", five_year_review.review, name="review"),
]
