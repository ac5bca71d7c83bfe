"""One filter for the pre-filed inspections, serving the list page, its Excel export and the API;
and the flags the supervisors read (emergency, cap reached, joint offers)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear

from zhifa.inspections import history
from zhifa.inspections.models import (
    STANDING,
    Inspection,
    InspectionKind,
    InspectionStatus,
    JointOffer,
    JointOfferStatus,
)
from zhifa.org.models import Agency

MINE, ALL = "mine", "all"
EMERGENCY, CAP, JOINT = "emergency", "cap", "joint"
FLAGS = [
    (EMERGENCY, "紧急检查（事后补办）"),
    (CAP, "已达年度检查次数上限"),
    (JOINT, "联合检查或撮合中"),
]


def with_flags(rows: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """``rows`` annotated with ``year_count`` (the lead agency's counted visits to the party that
    year) and ``offering`` (an open joint offer)."""
    same_year = (
        Inspection.objects.filter(
            party=OuterRef("party"),
            agencies=OuterRef("lead_agency"),
            status__in=STANDING,
            kind__in=history.counted_kinds(),
            window_start__year=OuterRef("start_year"),
        )
        .order_by()
        .values("party")
        .annotate(n=Count("pk"))
        .values("n")
    )
    offers = JointOffer.objects.filter(
        Q(first=OuterRef("pk")) | Q(second=OuterRef("pk")), status=JointOfferStatus.OPEN
    )
    taking_part = (
        Inspection.agencies.through.objects.filter(inspection=OuterRef("pk"))
        .order_by()
        .values("inspection")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return rows.annotate(
        start_year=ExtractYear("window_start"),
        year_count=Subquery(same_year),
        offering=Exists(offers),
        agency_count=Subquery(taking_part),
    )


class InspectionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="企业名称或统一社会信用代码")
    scope = django_filters.ChoiceFilter(
        method="in_scope", choices=[(MINE, "我经办的")], label="范围", empty_label="全部"
    )
    status = django_filters.ChoiceFilter(choices=InspectionStatus.choices, label="状态")
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices, label="检查类型")
    agency = django_filters.ModelChoiceFilter(
        queryset=lambda request: Agency.objects.filter(is_active=True).order_by(
            "region__code", "name"
        ),
        field_name="agencies",
        label="执法主体",
    )
    flag = django_filters.ChoiceFilter(method="flagged", choices=FLAGS, label="标记")
    since = django_filters.DateFilter(
        field_name="window_end", lookup_expr="gte", label="检查截止日不早于"
    )

    class Meta:
        model = Inspection
        fields = ["q", "scope", "status", "kind", "agency", "flag", "since"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        words = value.strip()
        if not words:
            return queryset
        return queryset.filter(Q(party__name__icontains=words) | Q(party__uscc=words.upper()))

    def in_scope(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        user = getattr(self.request, "user", None)
        if value != MINE or user is None:
            return queryset
        mine = Inspection.objects.filter(Q(filed_by=user) | Q(officers__user=user))
        return queryset.filter(pk__in=mine.values("pk"))

    def flagged(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == EMERGENCY:
            return queryset.filter(emergency=True)
        if value == JOINT:
            return with_flags(queryset).filter(Q(offering=True) | Q(agency_count__gt=1))
        if value == CAP:
            return with_flags(queryset).filter(
                status__in=STANDING, year_count__gte=history.yearly_cap()
            )
        return queryset


class JointOfferFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=JointOfferStatus.choices, label="状态")

    class Meta:
        model = JointOffer
        fields = ["status"]


def describe_flags(inspection: Any, cap: int) -> list[str]:
    """The flags of one row annotated by :func:`with_flags`, in Chinese."""
    found = []
    if inspection.emergency:
        found.append("紧急检查")
    if inspection.status in STANDING and (inspection.year_count or 0) >= cap:
        found.append(f"已达年度上限{cap}次")
    if getattr(inspection, "agency_count", 1) > 1:
        found.append("联合检查")
    if getattr(inspection, "offering", False):
        found.append("撮合中")
    return found
