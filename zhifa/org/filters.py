"""One filter class per model, serving both the list page and the API (the NetBox way)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from zhifa.org.models import Agency, AgencyKind, Region, Role, Unit, UnitKind, User


def visible_agencies(request: HttpRequest | None) -> QuerySet:
    """Filter choices are limited to what the user may see: an unseen agency is not a choice."""
    if request is None:
        return Agency.objects.none()
    return Agency.objects.visible_to(request.user)


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="名称或代码")

    class Meta:
        model = Region
        fields = ["level", "parent"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__contains=value) | Q(code__startswith=value))


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="名称")
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices, label="主体类型")
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), method="in_region", label="所属区划（含下级）"
    )

    class Meta:
        model = Agency
        fields = ["kind", "region", "is_active"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__contains=value) | Q(short_name__contains=value))

    def in_region(self, queryset: QuerySet, name: str, value: Region) -> QuerySet:
        return queryset.filter(region__code__startswith=value.code_prefix)


class PublicAgencyFilter(AgencyFilter):
    """The public 执法主体 list: the API's AgencyFilter without "有效" (only active agencies are
    published)."""

    class Meta(AgencyFilter.Meta):
        fields = ["kind", "region"]


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label="类别")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label="所属主体")

    class Meta:
        model = Unit
        fields = ["agency", "kind"]


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="登录名或姓名")
    role = django_filters.ChoiceFilter(
        choices=Role.choices, field_name="memberships__role", label="角色"
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, field_name="memberships__agency", label="所在主体"
    )

    class Meta:
        model = User
        fields = ["is_active", "role", "agency"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(username__icontains=value) | Q(full_name__contains=value))
