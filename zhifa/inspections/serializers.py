"""API shapes of plans, draws and conflicts of interest (types only; the services validate)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from zhifa.catalog.models import Matter
from zhifa.core.api import ScopedRelatedField
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.inspections.models import ConflictOfInterest, Draw, InspectionPlan, PlanStratum
from zhifa.org.models import Agency, Region
from zhifa.parties.models import Party
from zhifa.registry.models import Officer


class StratumSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = PlanStratum
        fields = ["risk_class", "credit_grade", "ratio", "label"]


class StratumInputSerializer(serializers.Serializer):
    risk_class = serializers.CharField(allow_blank=True, default="", max_length=10)
    credit_grade = serializers.CharField(allow_blank=True, default="", max_length=1)
    ratio = serializers.DecimalField(max_digits=5, decimal_places=2)


class PlanSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    lead_agency_name = serializers.CharField(source="lead_agency.name", read_only=True)
    strata = StratumSerializer(many=True, read_only=True)
    draw = serializers.PrimaryKeyRelatedField(read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = InspectionPlan
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "lead_agency",
            "lead_agency_name",
            "agencies",
            "matters",
            "period_start",
            "period_end",
            "basis",
            "regions",
            "industries",
            "party_kinds",
            "strata",
            "justice_bureau",
            "filed_at",
            "opinion",
            "draw",
            "actions",
        ]
        read_only_fields = fields


class PlanInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.CharField(max_length=10)
    agencies = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), many=True, required=False, default=list
    )
    matters = serializers.PrimaryKeyRelatedField(queryset=Matter.objects.all(), many=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    basis = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)
    regions = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), many=True, required=False, default=list
    )
    industries = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False, default=list, max_length=50
    )
    party_kinds = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, default=list, max_length=10
    )
    strata = StratumInputSerializer(many=True)

    def validate_strata(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [dict(item) for item in value]


class PlanCreateSerializer(PlanInputSerializer):
    lead_agency = ScopedRelatedField(queryset=Agency.objects.all())


class OpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class VisitDaySerializer(serializers.Serializer):
    visit_on = serializers.DateField()


class NoInputSerializer(serializers.Serializer):
    pass


class DrawSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    plan_name = serializers.CharField(source="plan.name", read_only=True)
    seed = serializers.CharField(source="revealed_seed", read_only=True)
    inspector_seed = serializers.CharField(source="inspector_revealed_seed", read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = Draw
        fields = [
            "id",
            "plan",
            "plan_name",
            "status",
            "status_display",
            "commitment",
            "seed",
            "visit_on",
            "inspector_commitment",
            "inspector_seed",
            "frozen_at",
            "announced_at",
            "drawn_at",
            "published_at",
            "actions",
        ]
        read_only_fields = fields


class DrawCreateSerializer(serializers.Serializer):
    plan = ScopedRelatedField(queryset=InspectionPlan.objects.all())


class ConflictSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = ConflictOfInterest
        fields = [
            "id",
            "officer",
            "officer_name",
            "party",
            "party_name",
            "reason",
            "recorded_at",
            "is_active",
        ]
        read_only_fields = fields


class ConflictCreateSerializer(serializers.Serializer):
    officer = ScopedRelatedField(queryset=Officer.objects.all())
    party = ScopedRelatedField(queryset=Party.objects.all())
    reason = serializers.CharField(max_length=200)


class RefusedTargetSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="统一社会信用代码")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="不予备案的原因")


class TargetsFiledSerializer(serializers.Serializer):
    created = serializers.ListField(child=serializers.IntegerField(), help_text="新生成的备案")
    already = serializers.ListField(child=serializers.CharField(), help_text="此前已生成备案的对象")
    refused = RefusedTargetSerializer(many=True, help_text="未生成备案的对象及原因")
