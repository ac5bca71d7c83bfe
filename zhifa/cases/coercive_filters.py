"""One filter for the coercive measure list (the page and the API alike)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from zhifa.cases.models.coercive import RUNNING, CoerciveKind, CoerciveMeasure, CoerciveStatus


class CoerciveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="案号或案由")
    kind = django_filters.ChoiceFilter(choices=CoerciveKind.choices, label="措施种类")
    status = django_filters.ChoiceFilter(choices=CoerciveStatus.choices, label="状态")
    running = django_filters.BooleanFilter(method="in_force", label="正在实施")
    emergency = django_filters.BooleanFilter(label="当场实施")
    late_report = django_filters.BooleanFilter(label="超过24小时报告")
    flagged = django_filters.BooleanFilter(method="with_signals", label="有监督提示")
    lift_proposed = django_filters.BooleanFilter(method="proposed", label="已提请解除待决定")

    class Meta:
        model = CoerciveMeasure
        fields = [
            "q",
            "kind",
            "status",
            "running",
            "emergency",
            "late_report",
            "lift_proposed",
            "flagged",
        ]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(case__number__icontains=value) | Q(case__title__icontains=value))

    def in_force(self, queryset, name, value):
        if value is None:
            return queryset
        running = Q(status__in=RUNNING)
        return queryset.filter(running) if value else queryset.exclude(running)

    def with_signals(self, queryset, name, value):
        """A late emergency report (强制法 art. 19) or a measure past its last day (art. 25)."""
        if value is None:
            return queryset
        from zhifa.cases.coercive_queries import late_report_q, overdue_pks

        today = timezone.localdate()
        flagged = late_report_q(timezone.now()) | Q(pk__in=overdue_pks(queryset, today))
        return queryset.filter(flagged) if value else queryset.exclude(flagged)

    def proposed(self, queryset, name, value):
        if value is None:
            return queryset
        pending = Q(status__in=RUNNING, lift_proposed_on__isnull=False)
        return queryset.filter(pending) if value else queryset.exclude(pending)


class CoerciveApiFilter(CoerciveFilter):
    case = django_filters.NumberFilter(field_name="case_id", label="案件")

    class Meta(CoerciveFilter.Meta):
        fields = ["case", *CoerciveFilter.Meta.fields]
