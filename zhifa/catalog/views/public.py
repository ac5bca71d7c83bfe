"""Public catalogue pages (mounted at /public/catalog/, no login).

执法事项 of every agency with their legal basis; for each matter the lists it is on and its
published 行政裁量权基准 with the grade table, and a form that computes a penalty from facts as the
API does (so the public can see how a penalty is reached); each agency's published lists, their
history and the version in force on a given day.

Only what is published is ever shown here: list versions with ``published_at`` set, benchmarks
with status 已发布. Drafts do not exist for these pages (404).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from zhifa.catalog.filters import MatterFilter, active_agencies
from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    FactKind,
    ListEntry,
    ListKind,
    ListVersion,
    Matter,
)
from zhifa.catalog.models.lists import LENIENCY_KINDS
from zhifa.catalog.public_search import with_benchmark_mark
from zhifa.catalog.rules import CIRCUMSTANCES, Fact, describe
from zhifa.catalog.services.benchmarks import fact_map
from zhifa.catalog.services.discretion import STATUTORY, BenchmarkOutcome, apply_benchmark
from zhifa.catalog.views.pages import MATTER_LIST
from zhifa.core.listing import ListPage
from zhifa.org.models import Agency

#: The four lists in the order the law names them.
FOUR_LISTS = [k for k in ListKind if k in LENIENCY_KINDS]
CIRCUMSTANCE_FACTS = {f.key: f for f in CIRCUMSTANCES}


def published_versions() -> QuerySet[ListVersion]:
    return ListVersion.objects.filter(published_at__isnull=False)


def published_benchmarks() -> QuerySet[DiscretionBenchmark]:
    return DiscretionBenchmark.objects.filter(status=BenchmarkStatus.PUBLISHED)


def versions_in_force(day: date, **filters: Any) -> dict[tuple[int, str], ListVersion]:
    """The published version of each (agency, list) in force on ``day`` (as ``lists.as_of``)."""
    current: dict[tuple[int, str], ListVersion] = {}
    rows = (
        published_versions()
        .filter(effective_on__lte=day, **filters)
        .select_related("agency")
        .annotate(entry_count=Count("entries"))
        .order_by("-effective_on", "-number")
    )
    for version in rows:
        current.setdefault((version.agency_id, version.kind), version)
    return current


def _described(conditions: list, facts: dict[str, Fact]) -> list[str]:
    try:
        return [describe(c, facts) for c in conditions]
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return []


def _entry_rows(entries: list[ListEntry]) -> list[ListEntry]:
    for entry in entries:
        entry.conditions_text = _described(entry.conditions, CIRCUMSTANCE_FACTS)
    return entries


# --- 执法事项 ---


#: The public matter list: the staff list's filter, columns and order, every matter, no default.
PUBLIC_MATTER_LIST = ListPage(
    filterset=MatterFilter,
    columns=MATTER_LIST.columns,
    default_order=MATTER_LIST.default_order,
)


def matter_list(request: HttpRequest) -> HttpResponse:
    listing = PUBLIC_MATTER_LIST.bind(request, Matter.objects.all())
    rows = with_benchmark_mark(listing.filtered.select_related("agency"))
    page = listing.paginate(listing.order(rows))
    full, partial = "public_catalog/matters.html", "public_catalog/_matter_rows.html"
    return listing.render(full, partial, {"page": page})


def _num(value: Decimal | None) -> str:
    return f"{(value or Decimal(0)).normalize():f}"


def range_text(item: Any) -> str:
    """A penalty range as a person reads it: “警告；罚款10000至50000元”."""
    parts = list(getattr(item, "penalty_kinds", None) or [])
    if item.fine_max is not None:
        parts.append(f"罚款{_num(item.fine_min)}至{_num(item.fine_max)}元")
    if item.multiple_max is not None:
        parts.append(f"违法所得{_num(item.multiple_min)}至{_num(item.multiple_max)}倍的罚款")
    if getattr(item, "other_measures", ""):
        parts.append(item.other_measures)
    return "；".join(parts) or "—"


def _grade_rows(benchmark: DiscretionBenchmark) -> list[Any]:
    facts = fact_map(benchmark)
    grades = list(benchmark.grades.all())
    for grade in grades:
        grade.conditions_text = _described(grade.conditions, facts)
        grade.range_text = range_text(grade)
    return grades


class ApplyBenchmarkForm(forms.Form):
    """One input per fact of a benchmark: its own facts, then the circumstances the law names.

    Fields are named ``fact-<key>``; what is left empty (or unticked) is not stated, exactly as a
    fact left out of the API's ``facts`` object.
    """

    on = forms.DateField(
        label="决定日期",
        required=False,
        help_text="按当日施行的四张清单计算，默认今天",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, benchmark: DiscretionBenchmark, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.facts = fact_map(benchmark)
        self.own: list[str] = []
        self.circumstances: list[str] = []
        for key, fact in self.facts.items():
            name = f"fact-{key}"
            label = f"{fact.label}（{fact.unit}）" if fact.unit else fact.label
            if key in CIRCUMSTANCE_FACTS:
                self.fields[name] = forms.BooleanField(label=label, required=False)
                self.circumstances.append(name)
                continue
            if fact.kind == FactKind.NUMBER:
                field: forms.Field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            elif fact.kind == FactKind.BOOLEAN:
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[("", "请选择"), ("true", "是"), ("false", "否")],
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[("", "请选择"), *((c, c) for c in fact.choices)],
                )
            self.fields[name] = field
            self.own.append(name)
        self.order_fields([*self.own, *self.circumstances, "on"])

    def own_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.own]

    def circumstance_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.circumstances]

    def fact_values(self) -> dict[str, Any]:
        """The stated facts as the API takes them (strings for numbers: the service types them),
        in the form's order: the benchmark's own facts, then the circumstances the law names."""
        values: dict[str, Any] = {}
        for name in (*self.own, *self.circumstances):
            key = name.removeprefix("fact-")
            fact, value = self.facts[key], self.cleaned_data.get(name)
            if key in CIRCUMSTANCE_FACTS:
                if value:
                    values[key] = True
            elif value in (None, ""):
                continue
            elif fact.kind == FactKind.BOOLEAN:
                values[key] = value == "true"
            else:
                values[key] = str(value).strip()
        return values


def _apply(form: ApplyBenchmarkForm, benchmark: DiscretionBenchmark) -> BenchmarkOutcome | None:
    if not (form.is_bound and form.is_valid()):
        return None
    try:
        return apply_benchmark(benchmark, form.fact_values(), on=form.cleaned_data.get("on"))
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            name = f"fact-{key}"
            form.add_error(name if name in form.fields else None, messages)
        return None


def _facts_given(request: HttpRequest) -> bool:
    return any(k == "on" or k.startswith("fact-") for k in request.GET)


def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_object_or_404(Matter.objects.select_related("agency__region"), pk=pk)
    today = timezone.localdate()
    in_force = versions_in_force(today, agency=matter.agency)

    on_lists = []
    for kind in ListKind:
        version = in_force.get((matter.agency_id, kind))
        if version is None:
            continue
        entries = _entry_rows(list(version.entries.filter(matter=matter)))
        if entries:
            on_lists.append({"version": version, "entries": entries})

    benchmarks = list(
        published_benchmarks()
        .filter(matter=matter)
        .prefetch_related("facts", "grades")
        .order_by("-effective_on", "-version")
    )
    current = next((b for b in benchmarks if b.effective_on <= today), None)
    chosen = current or (benchmarks[0] if benchmarks else None)
    wanted = request.GET.get("benchmark", "")
    if wanted.isdigit():
        chosen = next((b for b in benchmarks if b.pk == int(wanted)), chosen)
    form = ApplyBenchmarkForm(chosen) if chosen else None

    four_lists = []
    for kind in FOUR_LISTS:
        version = in_force.get((matter.agency_id, kind))
        entries = []
        if version is not None:
            entries = _entry_rows(
                [e for e in version.entries.all() if e.matter_id in (None, matter.pk)]
            )
        four_lists.append({"kind": kind, "version": version, "entries": entries})
    statutory = [
        {
            "kind": ListKind(c.kind).label,
            "title": c.title,
            "basis": c.basis,
            "conditions": _described(c.clauses, CIRCUMSTANCE_FACTS),
        }
        for c in STATUTORY
    ]
    return render(
        request,
        "public_catalog/matter_detail.html",
        {
            "matter": matter,
            "today": today,
            "on_lists": on_lists,
            "benchmarks": benchmarks,
            "current": current,
            "benchmark": chosen,
            "grades": _grade_rows(chosen) if chosen else [],
            "form": form,
            "four_lists": four_lists,
            "statutory": statutory,
        },
    )


def benchmark_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Compute a penalty from facts with a published benchmark, as the API's apply does."""
    benchmark = get_object_or_404(
        published_benchmarks().select_related("matter__agency").prefetch_related("facts", "grades"),
        pk=pk,
    )
    form = ApplyBenchmarkForm(benchmark, request.GET if _facts_given(request) else None)
    result = _apply(form, benchmark)
    context = {
        "benchmark": benchmark,
        "matter": benchmark.matter,
        "grades": _grade_rows(benchmark),
        "form": form,
        "result": result,
    }
    if request.htmx:
        return render(request, "public_catalog/_benchmark_outcome.html", context)
    return render(request, "public_catalog/apply_benchmark.html", context)


# --- 清单 ---


class ListsForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="执法主体", queryset=Agency.objects.none(), required=False, empty_label="全部"
    )
    date = forms.DateField(
        label="施行日期",
        required=False,
        help_text="查看某日施行的版本，默认今天",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies()


def list_index(request: HttpRequest) -> HttpResponse:
    """Each agency's published lists: the version in force on the day (today by default)."""
    form = ListsForm(request.GET or None)
    day, agency = timezone.localdate(), None
    if form.is_valid():
        day = form.cleaned_data["date"] or day
        agency = form.cleaned_data["agency"]
    published = published_versions()
    if agency is not None:
        published = published.filter(agency=agency)
    counts: dict[tuple[int, str], int] = {}
    for agency_id, kind in published.values_list("agency_id", "kind"):
        counts[(agency_id, kind)] = counts.get((agency_id, kind), 0) + 1
    in_force = versions_in_force(day, pk__in=published.values("pk"))
    agencies = Agency.objects.filter(pk__in={a for a, _ in counts}).order_by("region__code", "name")
    groups = []
    for a in agencies:
        rows = [
            {"kind": kind, "version": in_force.get((a.pk, kind)), "count": counts[(a.pk, kind)]}
            for kind in ListKind
            if (a.pk, kind) in counts
        ]
        groups.append({"agency": a, "rows": rows})
    return render(
        request,
        "public_catalog/lists.html",
        {
            "form": form,
            "groups": groups,
            "day": day,
            "today": timezone.localdate(),
            "date_param": request.GET.get("date", "") if form.is_valid() else "",
        },
    )


def list_history(request: HttpRequest, agency: int, kind: str) -> HttpResponse:
    """历史版本: every published version of one agency's list, and which is in force today."""
    if kind not in ListKind.values:
        raise Http404
    agency_obj = get_object_or_404(Agency, pk=agency)
    versions = list(
        published_versions()
        .filter(agency=agency_obj, kind=kind)
        .annotate(entry_count=Count("entries"))
        .order_by("-effective_on", "-number")
    )
    if not versions:
        raise Http404
    today = timezone.localdate()
    current = versions_in_force(today, agency=agency_obj, kind=kind).get((agency_obj.pk, kind))
    for v in versions:
        if current is not None and v.pk == current.pk:
            v.state = "施行中"
        elif v.effective_on > today:
            v.state = "尚未施行"
        else:
            v.state = "已被替代"
    return render(
        request,
        "public_catalog/list_history.html",
        {"agency": agency_obj, "kind": ListKind(kind), "versions": versions},
    )


def list_version(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(
        published_versions()
        .select_related("agency")
        .prefetch_related(
            Prefetch("entries", queryset=ListEntry.objects.select_related("matter").order_by("id"))
        ),
        pk=pk,
    )
    today = timezone.localdate()
    current = versions_in_force(today, agency=version.agency, kind=version.kind).get(
        (version.agency_id, version.kind)
    )
    return render(
        request,
        "public_catalog/list_version.html",
        {
            "version": version,
            "entries": _entry_rows(list(version.entries.all())),
            "leniency": version.kind in LENIENCY_KINDS,
            "current": current,
            "today": today,
        },
    )


urlpatterns: list = [
    path("", matter_list, name="matter_list"),
    path("matters/<int:pk>/", matter_detail, name="matter_detail"),
    path("benchmarks/<int:pk>/apply/", benchmark_apply, name="benchmark_apply"),
    path("lists/", list_index, name="list_index"),
    path("lists/versions/<int:pk>/", list_version, name="list_version"),
    path("lists/<int:agency>/<str:kind>/", list_history, name="list_history"),
]
