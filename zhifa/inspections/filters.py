"""One filter per list, for the page and the API alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from zhifa.catalog.filters import active_agencies
from zhifa.inspections.models import InspectionPlan, PlanKind, PlanStatus


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
