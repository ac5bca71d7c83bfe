"""Pre-filing API: the filings (事前备案) with their workflow actions, and the joint offers (撮合).

Thin, on core's plumbing: reads through ``restrict`` (outsiders 404), writes through the services
(Chinese field errors, 400), the same actions the pages offer (``actions`` from the table).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.catalog.models import Matter
from zhifa.core.api import May, ScopedRelatedField, ScopedViewSetMixin, valid_data
from zhifa.core.scoping import CHANGE
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.inspections.filing_filters import InspectionFilter, JointOfferFilter
from zhifa.inspections.models import APPROVE, Inspection, InspectionKind, InspectionPlan, JointOffer
from zhifa.inspections.services import filings, joint
from zhifa.org.models import Agency, Role
from zhifa.parties.models import Party
from zhifa.registry.models import Officer

FILERS_ONLY = "只有执法主体的执法人员或负责人可以备案涉企检查"
HEADS_ONLY = "只有牵头执法主体的负责人可以审批涉企检查备案"
ANSWERERS = "只有两个备案执法主体的执法人员或负责人可以回应联合检查撮合"


class InspectionSerializer(serializers.ModelSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "kind",
            "kind_label",
            "party",
            "party_name",
            "lead_agency",
            "agencies",
            "window_start",
            "window_end",
            "officers",
            "matters",
            "basis",
            "emergency",
            "emergency_reason",
            "plan",
            "status",
            "status_label",
            "submitted_at",
            "decided_at",
            "opinion",
            "merged_into",
            "actions",
        ]
        read_only_fields = fields


class InspectionCreateSerializer(serializers.Serializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all(), help_text="备案的执法主体")
    party = ScopedRelatedField(queryset=Party.objects.all(), help_text="检查对象")
    kind = serializers.ChoiceField(choices=InspectionKind.choices)
    window_start = serializers.DateField()
    window_end = serializers.DateField()
    officers = ScopedRelatedField(queryset=Officer.objects.all(), many=True, allow_empty=True)
    matters = ScopedRelatedField(queryset=Matter.objects.all(), many=True, allow_empty=True)
    basis = serializers.CharField(max_length=2000)
    emergency = serializers.BooleanField(default=False)
    emergency_reason = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    plan = ScopedRelatedField(
        queryset=InspectionPlan.objects.all(),
        required=False,
        allow_null=True,
        help_text="双随机抽查计划（检查对象由其抽取产生时）",
    )
    submit = serializers.BooleanField(default=True, help_text="false：只保存草稿")


class OpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True)


def _step(summary: str, request: Any = None) -> Any:
    return extend_schema(summary=summary, request=request, responses=InspectionSerializer)


@extend_schema_view(
    list=extend_schema(summary="涉企检查备案列表"),
    retrieve=extend_schema(summary="涉企检查备案详情"),
    create=extend_schema(
        summary="备案涉企检查（默认同时提交审批）",
        request=InspectionCreateSerializer,
        responses={201: InspectionSerializer},
    ),
)
class InspectionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """事前备案: an officer files and submits, the lead agency's head approves or refuses."""

    model = Inspection
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilter
    may = {
        "create": May(step="file", message=FILERS_ONLY),
        "submit": May(step="submit", action=CHANGE, message=FILERS_ONLY),
        "withdraw": May(step="withdraw", action=CHANGE, message=FILERS_ONLY),
        "approve": May(step="approve", action=APPROVE, message=HEADS_ONLY),
        "refuse": May(step="refuse", action=APPROVE, message=HEADS_ONLY),
    }

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("party", "lead_agency")
            .prefetch_related("agencies", "officers", "matters")
        )

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = valid_data(InspectionCreateSerializer, request)
        agency = data.pop("agency")
        created = filings.file_inspection(request.user, agency, **data)
        return self.respond(created, status.HTTP_201_CREATED)

    @_step("提交审批")
    @action(detail=True, methods=["post"])
    def submit(self, request: Any, pk: str | None = None) -> Response:
        inspection = self.get_object()
        filings.submit_inspection(request.user, inspection)
        return self.respond(inspection)

    @_step("批准（检查前由单位负责人批准）", OpinionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Any, pk: str | None = None) -> Response:
        inspection = self.get_object()
        data = valid_data(OpinionSerializer, request)
        filings.approve_inspection(request.user, inspection, **data)
        return self.respond(inspection)

    @_step("不予批准（须写明意见）", OpinionSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request: Any, pk: str | None = None) -> Response:
        inspection = self.get_object()
        data = valid_data(OpinionSerializer, request)
        filings.refuse_inspection(request.user, inspection, opinion=data.get("opinion", ""))
        return self.respond(inspection)

    @_step("撤回备案", WithdrawSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Any, pk: str | None = None) -> Response:
        inspection = self.get_object()
        data = valid_data(WithdrawSerializer, request)
        filings.withdraw_inspection(request.user, inspection, **data)
        return self.respond(inspection)


class JointOfferSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = JointOffer
        fields = [
            "id",
            "first",
            "second",
            "status",
            "status_label",
            "first_accepted_by",
            "second_accepted_by",
            "note",
            "created_at",
            "actions",
        ]
        read_only_fields = fields


class DeclineSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="联合检查撮合列表"),
    retrieve=extend_schema(summary="联合检查撮合详情"),
)
class JointOfferViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """撮合: each of the two agencies accepts (both: the filings merge) or declines."""

    model = JointOffer
    serializer_class = JointOfferSerializer
    filterset_class = JointOfferFilter
    may = {
        "accept": May(roles=(Role.OFFICER, Role.AGENCY_HEAD), action=CHANGE, message=ANSWERERS),
        "decline": May(roles=(Role.OFFICER, Role.AGENCY_HEAD), action=CHANGE, message=ANSWERERS),
    }

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("first__lead_agency", "second__lead_agency")

    @extend_schema(summary="同意合并为联合检查", request=None, responses=JointOfferSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Any, pk: str | None = None) -> Response:
        offer = self.get_object()
        joint.accept_offer(request.user, offer)
        return self.respond(offer)

    @extend_schema(
        summary="谢绝联合检查", request=DeclineSerializer, responses=JointOfferSerializer
    )
    @action(detail=True, methods=["post"])
    def decline(self, request: Any, pk: str | None = None) -> Response:
        offer = self.get_object()
        data = valid_data(DeclineSerializer, request)
        joint.decline_offer(request.user, offer, **data)
        return self.respond(offer)


def register(router: BaseRouter) -> None:
    router.register("inspections", InspectionViewSet, basename="inspection")
    router.register("joint-offers", JointOfferViewSet, basename="joint-offer")
