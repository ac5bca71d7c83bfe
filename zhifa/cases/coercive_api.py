"""The API of coercive measures (行政强制措施): the same services as the pages.

``/api/v1/coercive-measures/``: list/read in scope (with the list 清单, the last day and the days
left, and the actions the user may take now); ``POST`` requests a measure of the head, or records
one carried out on the spot (``emergency: true``, 强制法 art. 19); ``approve``, ``refuse``,
``carry-out``, ``report``, ``ratify``, ``annul``, ``extend``, ``correct-items``, ``record-appraisal``,
``propose-lift``, ``lift`` and ``decline-lift`` are the workflow's steps.
Bad input: 400 with the field errors, nothing written.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.cases.coercive_filters import CoerciveApiFilter
from zhifa.cases.coercive_views import timing
from zhifa.cases.models import Case
from zhifa.cases.models.coercive import (
    AppraisalKind,
    AppraisalPeriod,
    CoerciveItem,
    CoerciveKind,
    CoerciveMeasure,
    LiftReason,
)
from zhifa.cases.services import coercive
from zhifa.cases.services import coercive_changes as changes
from zhifa.core.api import May, ScopedViewSetMixin, valid_data
from zhifa.core.calendar import current_oracle
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.registry.models import Officer

HANDLERS_ONLY = "只有本案承办人员或机关负责人可以办理"
HEADS_ONLY = "只有机关负责人可以审批"


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = CoerciveItem
        fields = ["name", "quantity", "place", "note"]


class AppraisalSerializer(serializers.ModelSerializer):
    class Meta:
        model = AppraisalPeriod
        fields = ["kind", "starts_on", "ends_on", "notified_on", "note"]


class MeasureSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    items = ItemSerializer(many=True, read_only=True)
    appraisal_periods = AppraisalSerializer(many=True, read_only=True)
    officers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    last_day = serializers.SerializerMethodField(help_text="期限届满日、剩余天数、是否逾期")
    actions = AvailableActionsField()

    class Meta:
        model = CoerciveMeasure
        fields = [
            "id",
            "case",
            "case_number",
            "kind",
            "emergency",
            "status",
            "place",
            "reason",
            "officers",
            "items",
            "requested_on",
            "approved_on",
            "approval_opinion",
            "carried_out_at",
            "reported_at",
            "late_report",
            "extension_days",
            "extension_reason",
            "extended_on",
            "appraisal_periods",
            "lift_proposed_on",
            "lift_opinion",
            "lifted_on",
            "lift_reason",
            "lift_note",
            "items_returned",
            "last_day",
            "actions",
        ]

    def get_last_day(self, measure: CoerciveMeasure) -> dict[str, Any]:
        found = timing(measure, timezone.localdate(), current_oracle())
        found.pop("explanation", None)
        if "due" in found:
            found["due"] = found["due"].isoformat()
        return found


class ItemInput(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    quantity = serializers.CharField(allow_blank=True)
    place = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class MeasureInput(serializers.Serializer):
    case = serializers.IntegerField(help_text="案件编号")
    kind = serializers.ChoiceField(choices=CoerciveKind.choices)
    emergency = serializers.BooleanField(default=False, help_text="情况紧急，已当场实施")
    carried_out_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="当场实施时间（默认现在）"
    )
    place = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True, help_text="理由和依据")
    officers = serializers.ListField(child=serializers.IntegerField(), help_text="实施人员编号")
    items = serializers.ListField(child=ItemInput(), allow_empty=True, help_text="清单")


class CoerciveOpinionInput(serializers.Serializer):
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class CarryOutInput(serializers.Serializer):
    carried_out_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ReportInput(serializers.Serializer):
    report = serializers.CharField(allow_blank=True)


class ExtendInput(serializers.Serializer):
    days = serializers.IntegerField(help_text="延长天数（不超过30日）")
    reason = serializers.CharField(allow_blank=True)


class ProposeLiftInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=LiftReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LiftInput(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=LiftReason.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    items_returned = serializers.BooleanField(default=True)


class DeclineLiftInput(serializers.Serializer):
    opinion = serializers.CharField(allow_blank=True)


class ItemsInput(serializers.Serializer):
    items = serializers.ListField(child=ItemInput(), allow_empty=True, help_text="清单")


class AppraisalInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AppraisalKind.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    notified_on = serializers.DateField(help_text="书面告知当事人日期")
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _case(request: Any, pk: Any) -> Case:
    found = Case.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise serializers.ValidationError({"case": ["没有这个案件"]})
    return found


def _officers(case: Case, ids: list[int]) -> list[Officer]:
    found = list(Officer.objects.filter(pk__in=ids, agency=case.agency))
    if len(found) != len(set(ids)):
        raise serializers.ValidationError({"officers": ["实施人员应为本机关的执法人员"]})
    return found


@extend_schema_view(
    list=extend_schema(summary="行政强制措施列表（本人可见范围）"),
    retrieve=extend_schema(summary="行政强制措施详情（清单、期限、可办理的操作）"),
)
class CoerciveMeasureViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    model = CoerciveMeasure
    serializer_class = MeasureSerializer
    filterset_class = CoerciveApiFilter
    may = {
        "create": May(step="request", message=HANDLERS_ONLY),
        "approve": May(step="approve", message=HEADS_ONLY),
        "refuse": May(step="refuse", message=HEADS_ONLY),
        "carry_out": May(step="carry_out", message=HANDLERS_ONLY),
        "report": May(step="report", message=HANDLERS_ONLY),
        "ratify": May(step="ratify", message=HEADS_ONLY),
        "annul": May(step="annul", message=HEADS_ONLY),
        "extend": May(step="extend", message=HEADS_ONLY),
        "correct_items": May(step="correct_items", message=HANDLERS_ONLY),
        "record_appraisal": May(step="record_appraisal", message=HANDLERS_ONLY),
        "propose_lift": May(step="propose_lift", message=HANDLERS_ONLY),
        "lift": May(step="lift", message=HEADS_ONLY),
        "decline_lift": May(step="decline_lift", message=HEADS_ONLY),
    }

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("case__agency")
            .prefetch_related("items", "officers", "appraisal_periods")
        )

    @extend_schema(
        summary="提请采取行政强制措施，或登记当场实施的措施（emergency）", request=MeasureInput
    )
    def create(self, request: Any) -> Response:
        data = valid_data(MeasureInput, request)
        case = _case(request, data.pop("case"))
        data["officers"] = _officers(case, data["officers"])
        data["items"] = [dict(i) for i in data["items"]]
        if data.pop("emergency"):
            made = coercive.carry_out_on_spot(request.user, case, **data)
        else:
            data.pop("carried_out_at", None)
            made = coercive.request_measure(request.user, case, **data)
        return self.respond(made, status.HTTP_201_CREATED)

    def _step(self, request: Any, service: Any, schema: type, **fixed: Any) -> Response:
        measure = self.get_object()
        data = valid_data(schema, request)
        return self.respond(service(request.user, measure, **data, **fixed))

    @extend_schema(summary="负责人批准", request=CoerciveOpinionInput)
    @action(detail=True, methods=["post"])
    def approve(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, coercive.approve, CoerciveOpinionInput)

    @extend_schema(summary="负责人不予批准（写明理由）", request=CoerciveOpinionInput)
    @action(detail=True, methods=["post"])
    def refuse(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, coercive.refuse, CoerciveOpinionInput)

    @extend_schema(summary="实施（期限自实施之日起计算）", request=CarryOutInput)
    @action(detail=True, methods=["post"], url_path="carry-out")
    def carry_out(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, coercive.carry_out, CarryOutInput)

    @extend_schema(summary="当场实施后向负责人报告（24小时内）", request=ReportInput)
    @action(detail=True, methods=["post"])
    def report(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, coercive.report, ReportInput)

    @extend_schema(summary="负责人补办批准当场实施的措施", request=CoerciveOpinionInput)
    @action(detail=True, methods=["post"])
    def ratify(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, coercive.ratify, CoerciveOpinionInput)

    @extend_schema(summary="负责人不予批准当场实施的措施（立即解除）", request=CoerciveOpinionInput)
    @action(detail=True, methods=["post"])
    def annul(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, coercive.annul, CoerciveOpinionInput)

    @extend_schema(summary="负责人批准延长期限（一次，不超过30日）", request=ExtendInput)
    @action(detail=True, methods=["post"])
    def extend(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, coercive.extend, ExtendInput)

    @extend_schema(summary="实施前更正清单", request=ItemsInput)
    @action(detail=True, methods=["post"], url_path="correct-items")
    def correct_items(self, request: Any, pk: Any = None) -> Response:
        measure = self.get_object()
        data = valid_data(ItemsInput, request)
        items = [dict(i) for i in data["items"]]
        return self.respond(changes.correct_items(request.user, measure, items=items))

    @extend_schema(
        summary="登记检测、检验、检疫或者技术鉴定期间（不计入期限）", request=AppraisalInput
    )
    @action(detail=True, methods=["post"], url_path="record-appraisal")
    def record_appraisal(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, changes.record_appraisal, AppraisalInput)

    @extend_schema(summary="承办人员提请解除", request=ProposeLiftInput)
    @action(detail=True, methods=["post"], url_path="propose-lift")
    def propose_lift(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, changes.propose_lift, ProposeLiftInput)

    @extend_schema(summary="负责人批准解除（退还财物）", request=LiftInput)
    @action(detail=True, methods=["post"])
    def lift(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, changes.lift, LiftInput)

    @extend_schema(summary="负责人不予解除（写明理由）", request=DeclineLiftInput)
    @action(detail=True, methods=["post"], url_path="decline-lift")
    def decline_lift(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, changes.decline_lift, DeclineLiftInput)


def register(router: BaseRouter) -> None:
    router.register("coercive-measures", CoerciveMeasureViewSet, basename="coercive-measure")
