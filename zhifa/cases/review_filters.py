"""One filter for the legal review list (the reviewer's queue page and the API alike)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from zhifa.cases.models.decisions import Decision, DecisionKind
from zhifa.cases.models.reviews import OPEN, LegalReview, ReviewStatus


class LegalReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="案号或案由")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, label="状态")
    mine = django_filters.BooleanFilter(method="assigned", label="由我审核")
    overdue = django_filters.BooleanFilter(method="late", label="已超过审核期限")

    class Meta:
        model = LegalReview
        fields = ["q", "status", "mine", "overdue"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(case__number__icontains=value) | Q(case__title__icontains=value))

    def assigned(self, queryset, name, value):
        if value is None or self.request is None:
            return queryset
        mine = Q(reviewer__user=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def late(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=OPEN, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class LegalReviewApiFilter(LegalReviewFilter):
    case = django_filters.NumberFilter(field_name="case_id", label="案件")

    class Meta(LegalReviewFilter.Meta):
        fields = ["case", "q", "status", "mine", "overdue"]


class DecisionFilter(django_filters.FilterSet):
    """The discretion records: a case's, of one kind, those outside the range or flagged for
    supervision (a fine outside the benchmark, far from similar cases, no benchmark)."""

    case = django_filters.NumberFilter(field_name="case_id", label="案件")
    kind = django_filters.ChoiceFilter(choices=DecisionKind.choices, label="类别")
    outside_range = django_filters.BooleanFilter(label="超出裁量幅度")
    flagged = django_filters.BooleanFilter(method="with_flags", label="有监督提示")

    class Meta:
        model = Decision
        fields = ["case", "kind", "outside_range", "flagged"]

    def with_flags(self, queryset, name, value):
        if value is None:
            return queryset
        empty = Q(flags=[])
        return queryset.exclude(empty) if value else queryset.filter(empty)
