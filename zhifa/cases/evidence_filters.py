"""One filter for the evidence list, for the page (one case's evidence) and the API alike."""

from __future__ import annotations

import django_filters

from zhifa.cases.models import Evidence, EvidenceKind


class EvidenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="证据名称或SM3")
    kind = django_filters.ChoiceFilter(choices=EvidenceKind.choices, label="证据种类")

    class Meta:
        model = Evidence
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if len(value) >= 8 and all(c in "0123456789abcdef" for c in value.lower()):
            return queryset.filter(sm3__startswith=value.lower())
        return queryset.filter(title__icontains=value)


class EvidenceApiFilter(EvidenceFilter):
    case = django_filters.NumberFilter(field_name="case_id", label="案件")

    class Meta(EvidenceFilter.Meta):
        fields = ["case", "q", "kind"]
