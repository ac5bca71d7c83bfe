"""The parties' one filter class, for the list page, its Excel export and the API."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from zhifa.core.crypto import blind_index
from zhifa.core.validators import validate_id_number
from zhifa.org.models import Region
from zhifa.org.regioncodes import code_prefix
from zhifa.parties.models import CreditGrade, Party, PartyKind, RiskClass


def regions(request=None) -> QuerySet[Region]:
    return Region.objects.order_by("code")


def search_q(value: str) -> Q:
    """Name (contains), 统一社会信用代码 (from its start), or a whole 身份证号码 through its
    blind index (an ID number is stored encrypted: only an exact number finds a person)."""
    words = value.strip()
    q = Q(name__contains=words)
    code = words.upper()
    if code.isalnum() and code.isascii():
        q |= Q(uscc__startswith=code)
    try:
        number = validate_id_number(words)
    except ValidationError:
        return q
    return q | Q(id_number_index=blind_index(number))


class PartyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search", label="名称、统一社会信用代码或身份证号码", max_length=100
    )
    region = django_filters.ModelChoiceFilter(
        queryset=regions, method="in_region", label="所在区划（含下级）"
    )
    industry = django_filters.CharFilter(
        method="in_industry", label="行业代码", max_length=5, help_text="如C、C13、F52"
    )
    kind = django_filters.ChoiceFilter(choices=PartyKind.choices, label="主体类型")
    risk_class = django_filters.ChoiceFilter(choices=RiskClass.choices, label="风险等级")
    credit_grade = django_filters.ChoiceFilter(choices=CreditGrade.choices, label="信用等级")

    class Meta:
        model = Party
        fields = ["region", "industry", "kind", "risk_class", "credit_grade"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(search_q(value)) if value.strip() else queryset

    def in_region(self, queryset: QuerySet, name: str, value: Region) -> QuerySet:
        return queryset.filter(region__code__startswith=code_prefix(value.code))

    def in_industry(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The section, division, group or class and everything under it ("C13" → C13xx)."""
        code = value.strip().upper()
        return queryset.filter(industry__startswith=code) if code else queryset
