"""One filter per list, for the page and the API alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from zhifa.catalog.filters import active_agencies
from zhifa.inspections.models import InspectionPlan, PlanKind, PlanStatus, Rating


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="计划名称")
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label="状态")
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices, label="检查类型")
    agency = django_filters.ModelChoiceFilter(
        queryset=active_agencies, method="by_agency", label="部门"
    )
    year = django_filters.NumberFilter(field_name="period_start__year", label="年度")

    class Meta:
        model = InspectionPlan
        fields = ["q", "status", "kind", "agency", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip()) if value.strip() else queryset

    def by_agency(self, queryset, name, value):
        ids = InspectionPlan.objects.filter(Q(lead_agency=value) | Q(agencies=value)).values("pk")
        return queryset.filter(pk__in=ids)


PENDING, DONE = "pending", "done"


class RatingFilter(django_filters.FilterSet):
    """The ratings list (page, export and API): 提请监督 and whether it has been followed up."""

    q = django_filters.CharFilter(method="search", label="企业名称或统一社会信用代码")
    follow_up = django_filters.ChoiceFilter(
        method="by_follow_up",
        choices=[(PENDING, "提请监督·待跟进"), (DONE, "提请监督·已跟进")],
        label="监督",
    )
    flagged = django_filters.BooleanFilter(field_name="flagged", label="提请监督")
    agency = django_filters.ModelChoiceFilter(
        queryset=active_agencies, field_name="record__inspection__lead_agency", label="检查单位"
    )
    since = django_filters.DateFilter(
        field_name="record__visited_on", lookup_expr="gte", label="检查日期不早于"
    )

    class Meta:
        model = Rating
        fields = ["q", "follow_up", "flagged", "agency", "since"]

    def search(self, queryset, name, value):
        words = value.strip()
        if not words:
            return queryset
        return queryset.filter(
            Q(record__inspection__party__name__icontains=words)
            | Q(record__inspection__party__uscc=words.upper())
        )

    def by_follow_up(self, queryset, name, value):
        if value == PENDING:
            return queryset.filter(flagged=True, followed_up_at__isnull=True)
        if value == DONE:
            return queryset.filter(flagged=True, followed_up_at__isnull=False)
        return queryset
