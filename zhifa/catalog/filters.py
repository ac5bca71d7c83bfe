"""One filter class per model, serving both the public catalogue pages and the API.

The catalogue is public (matters always, lists and benchmarks once published), so an agency is a
valid choice whoever asks: the rows themselves are limited by ``visible_to`` (or, on the public
pages, to what is published).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    ListKind,
    ListVersion,
    Matter,
    MatterCategory,
    MatterLevel,
    MatterStatus,
)
from zhifa.org.models import Agency, Role
from zhifa.org.scope import scope_of

MINE, ALL = "mine", "all"


def active_agencies(request=None) -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("region__code", "name")


def own_agencies(user: Any) -> QuerySet[Agency]:
    """The user's own agencies, or for a supervisor those of the region (none for the others)."""
    if not getattr(user, "is_authenticated", False) or scope_of(user).sees_all_organisations:
        return Agency.objects.none()
    return Agency.objects.visible_to(user).filter(is_active=True)


class MatterFilter(django_filters.FilterSet):
    """The catalogue's one filter: the matter list page, its Excel export and the API.

    ``scope=mine`` keeps the user's own agencies (a supervisor: the region's) unless an agency is
    chosen; the staff page assumes it when the request does not say, the API and the public page
    do not (so "全部执法主体" comes first, and is what a form without the default shows)."""

    q = django_filters.CharFilter(method="search", label="编码、名称或依据")
    scope = django_filters.ChoiceFilter(
        method="in_scope",
        choices=[(ALL, "全部执法主体"), (MINE, "本单位")],
        empty_label=None,
        label="范围",
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=active_agencies, label="实施主体", empty_label="全部"
    )
    category = django_filters.ChoiceFilter(
        choices=MatterCategory.choices, label="职权类别", empty_label="全部"
    )
    level = django_filters.ChoiceFilter(
        choices=MatterLevel.choices, label="行使层级", empty_label="全部"
    )
    status = django_filters.ChoiceFilter(
        choices=MatterStatus.choices, label="状态", empty_label="全部"
    )

    class Meta:
        model = Matter
        fields = ["q", "scope", "agency", "category", "level", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.own = own_agencies(user)
        if not self.own.exists():
            del self.filters["scope"]  # nothing of one's own: the whole catalogue
        elif user.has_role(Role.SUPERVISOR):
            scope = self.filters["scope"]
            scope.extra["choices"] = [(ALL, "全部执法主体"), (MINE, "本辖区执法主体")]
            # django-filter builds a filter's form field once and keeps it (``_field``); the
            # base filter's may already be built (by the schema generator), so build it again.
            scope.__dict__.pop("_field", None)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """By code, name, law or article (the page, the export and the API alike)."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__icontains=value)
            | Q(name__contains=value)
            | Q(law__contains=value)
            | Q(article__contains=value)
        )

    def in_scope(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value != MINE or self.form.cleaned_data.get("agency"):
            return queryset
        return queryset.filter(agency__in=self.own)


class ListVersionFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(queryset=active_agencies, label="执法主体")
    kind = django_filters.ChoiceFilter(choices=ListKind.choices, label="清单")
    published = django_filters.BooleanFilter(
        field_name="published_at", lookup_expr="isnull", exclude=True, label="已发布"
    )

    class Meta:
        model = ListVersion
        fields = ["agency", "kind", "published"]


class FilingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=FilingStatus.choices, label="报备状态")
    agency = django_filters.ModelChoiceFilter(
        queryset=active_agencies, field_name="agency", label="报备单位"
    )
    kind = django_filters.ChoiceFilter(
        choices=[*ListKind.choices, ("benchmark", "行政裁量权基准")],
        method="filter_kind",
        label="清单或基准",
    )

    class Meta:
        model = Filing
        fields = ["status", "agency", "kind"]

    def filter_kind(self, queryset: Any, name: str, value: str) -> Any:
        """A list's filings by its kind; ``benchmark``: the benchmarks' (seed 000 (九))."""
        if value == "benchmark":
            return queryset.filter(benchmark__isnull=False)
        return queryset.filter(version__kind=value)


class BenchmarkFilter(django_filters.FilterSet):
    matter = django_filters.NumberFilter(field_name="matter_id", label="处罚事项")
    agency = django_filters.ModelChoiceFilter(
        queryset=active_agencies, field_name="matter__agency", label="执法主体"
    )
    status = django_filters.ChoiceFilter(choices=BenchmarkStatus.choices, label="状态")

    class Meta:
        model = DiscretionBenchmark
        fields = ["matter", "agency", "status"]
