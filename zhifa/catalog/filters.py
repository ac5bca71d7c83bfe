"""One filter class per model, serving both the public catalogue pages and the API.

The catalogue is public (matters always, lists and benchmarks once published), so an agency is a
valid choice whoever asks: the rows themselves are limited by ``visible_to`` (or, on the public
pages, to what is published).
"""

from __future__ import annotations

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
from zhifa.org.models import Agency


def active_agencies(request=None) -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("region__code", "name")


class MatterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="事项名称或编码")
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
        fields = ["q", "agency", "category", "level", "status"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(code__icontains=value))


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
        queryset=active_agencies, field_name="version__agency", label="报备单位"
    )
    kind = django_filters.ChoiceFilter(
        choices=ListKind.choices, field_name="version__kind", label="清单"
    )

    class Meta:
        model = Filing
        fields = ["status", "agency", "kind"]


class BenchmarkFilter(django_filters.FilterSet):
    matter = django_filters.NumberFilter(field_name="matter_id", label="处罚事项")
    agency = django_filters.ModelChoiceFilter(
        queryset=active_agencies, field_name="matter__agency", label="执法主体"
    )
    status = django_filters.ChoiceFilter(choices=BenchmarkStatus.choices, label="状态")

    class Meta:
        model = DiscretionBenchmark
        fields = ["matter", "agency", "status"]
