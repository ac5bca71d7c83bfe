"""Read endpoints for 办事指南 (with the flow steps) and 合规指导清单.

Service guides are public, like their matters. Compliance guides are seen once published by
everyone signed in; drafts by the agency and its supervisors only (``visible_to``). Writes are done
on the agency pages through :mod:`zhifa.catalog.services.guides`.
"""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import BaseRouter

from zhifa.catalog.filters import active_agencies
from zhifa.catalog.models import (
    ComplianceGuide,
    ComplianceItem,
    FlowStep,
    Matter,
    ServiceGuide,
)
from zhifa.core.api import ScopedViewSetMixin

# --- serializers ---


class FlowStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = FlowStep
        fields = ["order", "title", "actor", "description", "time_limit"]
        read_only_fields = fields


class ServiceGuideSerializer(serializers.ModelSerializer):
    matter_code = serializers.CharField(source="matter.code", read_only=True)
    matter_name = serializers.CharField(source="matter.name", read_only=True)
    agency = serializers.IntegerField(source="matter.agency_id", read_only=True)
    agency_name = serializers.CharField(source="matter.agency.name", read_only=True)
    materials = serializers.ListField(
        source="material_list", child=serializers.CharField(), read_only=True, help_text="申请材料"
    )
    steps = FlowStepSerializer(many=True, read_only=True, help_text="办理流程（按顺序）")

    class Meta:
        model = ServiceGuide
        fields = [
            "id",
            "matter",
            "matter_code",
            "matter_name",
            "agency",
            "agency_name",
            "conditions",
            "materials",
            "time_limit",
            "fees",
            "place",
            "phone",
            "updated_at",
            "steps",
        ]
        read_only_fields = fields


class ComplianceItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ComplianceItem
        fields = ["order", "topic", "requirement", "basis", "violation", "consequence"]
        read_only_fields = fields


class ComplianceGuideSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    is_published = serializers.BooleanField(read_only=True, help_text="是否已发布")
    items = ComplianceItemSerializer(many=True, read_only=True)

    class Meta:
        model = ComplianceGuide
        fields = [
            "id",
            "agency",
            "agency_name",
            "industry",
            "title",
            "is_published",
            "published_at",
            "updated_at",
            "items",
        ]
        read_only_fields = fields


# --- filters ---


class ServiceGuideFilter(django_filters.FilterSet):
    matter = django_filters.ModelChoiceFilter(queryset=Matter.objects.all(), label="执法事项")
    agency = django_filters.ModelChoiceFilter(
        field_name="matter__agency", queryset=active_agencies, label="实施主体"
    )

    class Meta:
        model = ServiceGuide
        fields = ["matter", "agency"]


class ComplianceGuideFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(queryset=active_agencies, label="制定机关")
    industry = django_filters.CharFilter(label="行业")
    published = django_filters.BooleanFilter(
        field_name="published_at", lookup_expr="isnull", exclude=True, label="已发布"
    )

    class Meta:
        model = ComplianceGuide
        fields = ["agency", "industry", "published"]


# --- viewsets ---


@extend_schema_view(
    list=extend_schema(summary="办事指南列表（含办理流程）"),
    retrieve=extend_schema(summary="办事指南详情（含办理流程）"),
)
class ServiceGuideViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """办事指南 of a matter: conditions, materials, time limit, fees, place, phone, and the
    procedure as ordered steps. Filter by ``matter`` for one matter's guide."""

    model = ServiceGuide
    serializer_class = ServiceGuideSerializer
    filterset_class = ServiceGuideFilter

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("matter__agency").prefetch_related("steps")


@extend_schema_view(
    list=extend_schema(summary="合规指导清单列表（已发布的；本单位的草稿）"),
    retrieve=extend_schema(summary="合规指导清单详情"),
)
class ComplianceGuideViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """合规指导清单 per industry: published ones for everyone, drafts for the agency and its
    supervisors."""

    model = ComplianceGuide
    serializer_class = ComplianceGuideSerializer
    filterset_class = ComplianceGuideFilter

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("agency")
            .prefetch_related("items")
            .order_by("industry", "agency", "title", "pk")
        )


def register(router: BaseRouter) -> None:
    router.register("service-guides", ServiceGuideViewSet, basename="service-guide")
    router.register("compliance-guides", ComplianceGuideViewSet, basename="compliance-guide")
