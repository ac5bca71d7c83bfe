"""Cases API (``/api/v1/cases/``): the list (same filter and order as the page), one case with the
actions its workflow table allows the user now, recording a lead, a summary decision on the spot,
and every step of the table through ``act`` — the same services as the pages (Chinese field errors,
400; a step the user may not take, 403; outsiders, 404).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.cases.api_takeover import TakeOverFields
from zhifa.cases.filters import DEFAULT_ORDER, CaseFilter, deadlines_first
from zhifa.cases.models import (
    Case,
    CaseEvent,
    CaseOfficer,
    CaseSource,
    CaseStatus,
    Procedure,
    ServiceMethod,
    SummaryMeasure,
)
from zhifa.cases.services import leads, summary, takeover
from zhifa.cases.workflows import EXECUTION_ACTIONS
from zhifa.catalog.models import Matter
from zhifa.core import workflow
from zhifa.core.api import May, ScopedRelatedField, ScopedViewSetMixin, valid_data
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.org.models import Agency, Role, Unit
from zhifa.parties.models import Party
from zhifa.registry.models import Officer

RECORDERS_ONLY = "只有执法主体的执法人员或负责人可以登记案件"
ADMINS_ONLY = "只有执法主体的信息管理员可以接收历史案件"
HANDLERS_ONLY = "只有执法主体的执法人员、法制审核人员或负责人可以办理案件"
_PROCEDURES = dict(Procedure.choices)
_STATUSES = dict(CaseStatus.choices)
_SOURCES = dict(CaseSource.choices)


class CaseSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    procedure_label = serializers.CharField(source="get_procedure_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "title",
            "agency",
            "agency_name",
            "unit",
            "procedure",
            "procedure_label",
            "status",
            "status_label",
            "source",
            "source_label",
            "source_reference",
            "discovered_on",
            "opened_on",
            "decided_on",
            "closed_on",
        ]
        read_only_fields = fields

    def to_representation(self, case: Case) -> dict[str, Any]:
        """The list's rows as plain values (the labels from dictionaries made once: Django's
        ``get_FOO_display`` re-flattens and hashes the choices on every call, a quarter of the
        request's time on a page of 50) (read only: no field machinery per row, the list of
        10,000 cases reads in the time of its query, issue 10 "Speed")."""
        if type(self) is not CaseSerializer:
            return super().to_representation(case)

        def day(value: Any) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": case.pk,
            "number": case.number,
            "title": case.title,
            "agency": case.agency_id,
            "agency_name": case.agency.name,
            "unit": case.unit_id,
            "procedure": case.procedure,
            "procedure_label": _PROCEDURES.get(case.procedure, case.procedure),
            "status": case.status,
            "status_label": _STATUSES.get(case.status, case.status),
            "source": case.source,
            "source_label": _SOURCES.get(case.source, case.source),
            "source_reference": case.source_reference,
            "discovered_on": day(case.discovered_on),
            "opened_on": day(case.opened_on),
            "decided_on": day(case.decided_on),
            "closed_on": day(case.closed_on),
        }


class CaseOfficerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="officer.name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = CaseOfficer
        fields = ["officer", "name", "role", "role_label"]
        read_only_fields = fields


class CaseEventSerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(source="actor.full_name", read_only=True)

    class Meta:
        model = CaseEvent
        fields = ["action", "label", "actor", "actor_name", "at", "opinion"]
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    officers = CaseOfficerSerializer(many=True, read_only=True)
    parties = serializers.SerializerMethodField()
    matters = serializers.SerializerMethodField()
    events = CaseEventSerializer(many=True, read_only=True)
    actions = AvailableActionsField()

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "facts",
            "violation_began",
            "violation_ended",
            "safety_harm",
            "notified_on",
            "outcome",
            "served_on",
            "service_method",
            "end_reason",
            "transferred_to",
            "archived_on",
            "review_grounds",
            "officers",
            "parties",
            "matters",
            "events",
            "actions",
        ]
        read_only_fields = fields

    def get_parties(self, case: Case) -> list[int]:
        return [p.party_id for p in case.parties.all()]

    def get_matters(self, case: Case) -> list[int]:
        return [m.matter_id for m in case.matters.all()]


class LeadSerializer(serializers.Serializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all(), help_text="执法主体")
    unit = ScopedRelatedField(queryset=Unit.objects.all(), help_text="承办机构")
    title = serializers.CharField(max_length=200, help_text="案由")
    source = serializers.ChoiceField(
        choices=CaseSource.choices,
        required=False,
        help_text="案件来源（由移送立案登记时为检查发现）",
    )
    source_reference = serializers.CharField(max_length=100, required=False, allow_blank=True)
    referral = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="移送立案（如 inspection:12）：当事人、执法事项、案情和发现日期未填的，取自检查",
    )
    officers = ScopedRelatedField(
        queryset=Officer.objects.all(),
        many=True,
        allow_empty=True,
        help_text="承办人员，第一位为主办",
    )
    parties = ScopedRelatedField(
        queryset=Party.objects.all(), many=True, allow_empty=True, required=False
    )
    matters = ScopedRelatedField(
        queryset=Matter.objects.all(), many=True, allow_empty=True, required=False
    )
    discovered_on = serializers.DateField(required=False)
    violation_began = serializers.DateField(required=False, allow_null=True)
    violation_ended = serializers.DateField(required=False, allow_null=True)
    safety_harm = serializers.BooleanField(default=False)
    facts = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class TakeOverSerializer(TakeOverFields, LeadSerializer):
    """接收历史案件: the lead plus the case's number, state and past."""


class OnSpotSerializer(serializers.Serializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all(), help_text="执法主体")
    unit = ScopedRelatedField(queryset=Unit.objects.all(), help_text="承办机构")
    title = serializers.CharField(max_length=200)
    officers = ScopedRelatedField(queryset=Officer.objects.all(), many=True, allow_empty=True)
    parties = ScopedRelatedField(queryset=Party.objects.all(), many=True, allow_empty=True)
    matters = ScopedRelatedField(queryset=Matter.objects.all(), many=True, allow_empty=True)
    measure = serializers.ChoiceField(choices=SummaryMeasure.choices)
    fine = serializers.CharField(required=False, allow_blank=True, help_text="罚款金额（元）")
    place = serializers.CharField(max_length=200, allow_blank=True)
    facts = serializers.CharField(max_length=5000, allow_blank=True)
    basis = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="处罚依据（法律、法规、规章的名称和条款）；不填写的，为执法事项的依据",
    )
    violation_began = serializers.DateField(required=False, allow_null=True)


class ActSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="流程表中的操作名（见案件详情的 actions）")
    state = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="选择操作时看到的案件状态（status）；案件已变为其他状态的，拒绝办理",
    )
    opinion = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    recipient = serializers.CharField(max_length=100, required=False, allow_blank=True)
    served_on = serializers.DateField(required=False, allow_null=True)
    method = serializers.ChoiceField(
        choices=ServiceMethod.choices, required=False, allow_blank=True
    )
    receiver = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="受送达人（默认为当事人）"
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="送达情况（留置送达必填）"
    )
    consent = serializers.BooleanField(
        required=False, default=False, help_text="当事人同意电子送达并已签订确认书"
    )
    amount = serializers.CharField(required=False, allow_blank=True, help_text="当场收缴金额（元）")
    filed_on = serializers.DateField(
        required=False, allow_null=True, help_text="当场处罚决定报备日期（默认今天）"
    )
    document = serializers.IntegerField(
        required=False, allow_null=True, help_text="报备的当场行政处罚决定书（默认最近出具的）"
    )
    receipt_number = serializers.CharField(max_length=50, required=False, allow_blank=True)
    grounds = serializers.DictField(
        child=serializers.CharField(max_length=500, allow_blank=True),
        required=False,
        help_text="《行政处罚法》第五十八条第一款情形：{public_interest|major_rights|complex|"
        "other_law: 具体情况}（mark_review_grounds）",
    )


#: The data each step reads from ``act`` (the rest of the body is ignored).
STEP_DATA = {
    "not_open": ("reason",),
    "decide_no_penalty": ("reason",),
    "withdraw": ("reason",),
    "transfer": ("recipient", "reason"),
    "serve": ("served_on", "method", "receiver", "place", "note", "consent", "opinion"),
    "collect_on_spot": ("amount", "reason", "receipt_number"),
    "file_on_spot": ("filed_on", "document", "note"),
    "mark_review_grounds": ("grounds",),
}


@extend_schema_view(
    list=extend_schema(summary="行政处罚案件列表（期限在前）"),
    retrieve=extend_schema(summary="行政处罚案件详情（含当前可办理的操作）"),
    create=extend_schema(
        summary="登记案件线索", request=LeadSerializer, responses={201: CaseDetailSerializer}
    ),
)
class CaseViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """行政处罚案件: record a lead, take the table's steps, decide a summary case on the spot."""

    model = Case
    filterset_class = CaseFilter
    may = {
        "create": May(step="record", message=RECORDERS_ONLY),
        "on_spot": May(step="decide_on_spot", message=RECORDERS_ONLY),
        "take_over": May(step="take_over", message=ADMINS_ONLY),
        "act": May(
            roles=(Role.OFFICER, Role.AGENCY_HEAD, Role.LEGAL_REVIEWER), message=HANDLERS_ONLY
        ),
    }

    def get_serializer_class(self) -> Any:
        return CaseSerializer if self.action == "list" else CaseDetailSerializer

    def get_queryset(self) -> Any:
        rows = super().get_queryset().select_related("agency")
        if self.action == "list":
            return deadlines_first(rows).order_by(*DEFAULT_ORDER, "pk")
        return rows.prefetch_related("officers__officer", "parties", "matters", "events__actor")

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = valid_data(LeadSerializer, request)
        agency = data.pop("agency")
        created = leads.record_lead(request.user, agency, **data)
        return self.respond(created, status.HTTP_201_CREATED)

    @extend_schema(
        summary="简易程序当场处罚决定",
        request=OnSpotSerializer,
        responses={201: CaseDetailSerializer},
    )
    @action(detail=False, methods=["post"], url_path="on-spot")
    def on_spot(self, request: Any) -> Response:
        data = valid_data(OnSpotSerializer, request)
        agency = data.pop("agency")
        created = summary.decide_on_spot(request.user, agency, **data)
        return self.respond(created, status.HTTP_201_CREATED)

    @extend_schema(
        summary="接收历史案件（平台启用前已立案的案件）",
        request=TakeOverSerializer,
        responses={201: CaseDetailSerializer},
    )
    @action(detail=False, methods=["post"], url_path="take-over")
    def take_over(self, request: Any) -> Response:
        data = valid_data(TakeOverSerializer, request)
        agency = data.pop("agency")
        data.pop("referral", None)
        created = takeover.take_over_case(request.user, agency, **data)
        return self.respond(created, status.HTTP_201_CREATED)

    @extend_schema(
        summary="办理流程表中的一项操作", request=ActSerializer, responses=CaseDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def act(self, request: Any, pk: str | None = None) -> Response:
        case = self.get_object()
        data = valid_data(ActSerializer, request)
        step = data.pop("action")
        table = workflow.table_of(case)
        table.step(step)  # an unknown action: 400 in Chinese
        if workflow.INITIAL in table.step(step).sources:
            raise serializers.ValidationError({"action": ["该操作不在已有案件上办理"]})
        if step in EXECUTION_ACTIONS:
            raise serializers.ValidationError(
                {"action": ["执行事项请通过 /api/v1/case-executions/ 办理"]}
            )
        wanted = {k: data.get(k) for k in STEP_DATA.get(step, ("opinion",))}
        if step == "collect_on_spot":
            summary.collect_on_spot(
                request.user,
                case,
                amount_paid=wanted["amount"],
                reason=wanted["reason"] or "",
                receipt_number=wanted["receipt_number"] or "",
            )
        else:
            seen = data.get("state") or None
            workflow.transition(case, step, request.user, seen=seen, **wanted)
        return self.respond(case)


def register(router: BaseRouter) -> None:
    router.register("cases", CaseViewSet, basename="case")
