"""One filter for the filings list (the supervisor's queue page and the API alike), and the
transfers' filter for the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from zhifa.cases.models import FilingStatus, MajorDecisionFiling, Transfer, TransferStatus
from zhifa.cases.models.filings import UNFILED, WITH_BUREAU


class FilingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="案号、案由或执法主体")
    status = django_filters.ChoiceFilter(choices=FilingStatus.choices, label="状态")
    waiting = django_filters.BooleanFilter(method="with_bureau", label="待司法局受理或审查")
    overdue = django_filters.BooleanFilter(method="past_due", label="超过期限未报备")
    late = django_filters.BooleanFilter(label="逾期报备")

    class Meta:
        model = MajorDecisionFiling
        fields = ["q", "status", "waiting", "overdue", "late"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(case__number__icontains=value)
            | Q(case__title__icontains=value)
            | Q(case__agency__name__icontains=value)
        )

    def with_bureau(self, queryset, name, value):
        if value is None:
            return queryset
        waiting = Q(status__in=WITH_BUREAU)
        return queryset.filter(waiting) if value else queryset.exclude(waiting)

    def past_due(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=UNFILED, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class FilingApiFilter(FilingFilter):
    case = django_filters.NumberFilter(field_name="case_id", label="案件")

    class Meta(FilingFilter.Meta):
        fields = ["case", *FilingFilter.Meta.fields]


class TransferFilter(django_filters.FilterSet):
    case = django_filters.NumberFilter(field_name="case_id", label="案件")
    status = django_filters.ChoiceFilter(choices=TransferStatus.choices, label="状态")

    class Meta:
        model = Transfer
        fields = ["case", "status"]
