"""The API of major-decision filings and transfers: the same services as the pages.

- ``/api/v1/major-filings/``: list/read in scope (the justice bureau's supervisors: their region's;
  the agency: its own); ``file``, ``accept``, ``clear``, ``correct`` and ``respond`` are the
  workflow's actions (the object lists them under ``actions``).
- ``/api/v1/case-transfers/``: list/read in scope; ``POST`` transfers a case (the agency head,
  with the evidence list); ``receipt`` and ``outcome`` record the receiver's answers.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.cases.filing_filters import FilingApiFilter, TransferFilter
from zhifa.cases.models import (
    Case,
    MajorDecisionFiling,
    RecipientKind,
    Transfer,
    TransferOutcome,
)
from zhifa.cases.services import filings, transfers
from zhifa.core import workflow
from zhifa.core.api import May, ScopedViewSetMixin, valid_data
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.org.roles import Role

AGENCY_ONLY = "只有本案承办人员或机关负责人可以办理"
BUREAU_ONLY = "只有本地区司法行政部门的执法监督人员可以审查备案"


class MajorFilingSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    agency_name = serializers.CharField(source="case.agency.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = MajorDecisionFiling
        fields = [
            "id",
            "case",
            "case_number",
            "agency_name",
            "status",
            "status_label",
            "grounds",
            "decided_on",
            "due_on",
            "due_problem",
            "document",
            "explanation",
            "filed_on",
            "late",
            "late_reason",
            "accepted_on",
            "reviewed_on",
            "opinion",
            "response",
            "responded_on",
            "actions",
        ]
        read_only_fields = fields


class FilingFileInput(serializers.Serializer):
    document = serializers.CharField(allow_blank=True, help_text="处罚决定书文号")
    explanation = serializers.CharField(allow_blank=True, help_text="备案说明")
    late_reason = serializers.CharField(required=False, allow_blank=True, help_text="逾期的原因")


class FilingOpinionInput(serializers.Serializer):
    opinion = serializers.CharField(required=False, allow_blank=True)


class ResponseInput(serializers.Serializer):
    response = serializers.CharField(allow_blank=True)


class EmptyInput(serializers.Serializer):
    pass


@extend_schema_view(
    list=extend_schema(summary="重大行政处罚决定备案列表（本人可见范围）"),
    retrieve=extend_schema(summary="重大行政处罚决定备案详情（含可办理的操作）"),
)
class FilingViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    model = MajorDecisionFiling
    serializer_class = MajorFilingSerializer
    filterset_class = FilingApiFilter
    may = {
        "file": May(step="file", message=AGENCY_ONLY),
        "accept": May(step="accept", message=BUREAU_ONLY),
        "clear": May(step="clear", message=BUREAU_ONLY),
        "correct": May(step="correct", message=BUREAU_ONLY),
        "respond_to": May(step="respond", message=AGENCY_ONLY),
    }

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("case__agency")

    def _take(self, step: str, service: Any, given: type) -> Response:
        filing = self.get_object()
        workflow.require_role(filing, step, self.request.user)  # 403 before the body is read
        data = valid_data(given, self.request)
        return self.respond(service(self.request.user, filing, **data))

    @extend_schema(summary="报司法局备案（本案承办人员或机关负责人）", request=FilingFileInput)
    @action(detail=True, methods=["post"])
    def file(self, request: Any, pk: Any = None) -> Response:
        return self._take("file", filings.file_filing, FilingFileInput)

    @extend_schema(summary="受理备案（司法行政部门执法监督人员）", request=EmptyInput)
    @action(detail=True, methods=["post"])
    def accept(self, request: Any, pk: Any = None) -> Response:
        return self._take("accept", filings.accept, EmptyInput)

    @extend_schema(summary="审查无异议", request=FilingOpinionInput)
    @action(detail=True, methods=["post"])
    def clear(self, request: Any, pk: Any = None) -> Response:
        return self._take("clear", filings.clear, FilingOpinionInput)

    @extend_schema(summary="提出纠正意见", request=FilingOpinionInput)
    @action(detail=True, methods=["post"])
    def correct(self, request: Any, pk: Any = None) -> Response:
        return self._take("correct", filings.correct, FilingOpinionInput)

    @extend_schema(summary="反馈纠正情况（本案承办人员或机关负责人）", request=ResponseInput)
    @action(detail=True, methods=["post"], url_path="respond", url_name="respond")
    def respond_to(self, request: Any, pk: Any = None) -> Response:
        return self._take("respond", filings.respond, ResponseInput)


class TransferSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = Transfer
        fields = [
            "id",
            "case",
            "case_number",
            "status",
            "status_label",
            "recipient_kind",
            "recipient",
            "reason",
            "letter_number",
            "letter_on",
            "evidence",
            "received_on",
            "receiver",
            "outcome",
            "outcome_on",
            "outcome_note",
            "returned_on",
            "actions",
        ]
        read_only_fields = fields


class CaseTransferInput(serializers.Serializer):
    case = serializers.IntegerField(help_text="案件编号")
    recipient_kind = serializers.ChoiceField(choices=RecipientKind.choices)
    recipient = serializers.CharField(allow_blank=True, help_text="接收机关")
    reason = serializers.CharField(allow_blank=True, help_text="移送理由")
    evidence = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=True, help_text="随案移送的证据（证据编号）"
    )
    letter_on = serializers.DateField(required=False, allow_null=True)
    letter_number = serializers.CharField(required=False, allow_blank=True)


class ReceiptInput(serializers.Serializer):
    received_on = serializers.DateField(allow_null=True)
    receiver = serializers.CharField(allow_blank=True)


class OutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=TransferOutcome.choices)
    outcome_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="案件移送列表（本人可见范围）"),
    retrieve=extend_schema(summary="案件移送详情（证据清单、回执、处理结果）"),
)
class TransferViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    model = Transfer
    serializer_class = TransferSerializer
    filterset_class = TransferFilter
    may = {
        "create": May(roles=(Role.AGENCY_HEAD,), message=AGENCY_ONLY),
        "receipt": May(step="receive", message=AGENCY_ONLY),
        "outcome": May(step="conclude", message=AGENCY_ONLY),
    }

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("case").prefetch_related("evidence")

    @extend_schema(summary="移送案件（机关负责人，附证据清单）", request=CaseTransferInput)
    def create(self, request: Any) -> Response:
        data = valid_data(CaseTransferInput, request)
        case = Case.objects.visible_to(request.user).filter(pk=data.pop("case")).first()
        if case is None:
            raise serializers.ValidationError({"case": ["没有这个案件"]})
        made = transfers.transfer_case(request.user, case, **data)
        return self.respond(made, status.HTTP_201_CREATED)

    @extend_schema(summary="登记回执", request=ReceiptInput)
    @action(detail=True, methods=["post"])
    def receipt(self, request: Any, pk: Any = None) -> Response:
        found = self.get_object()
        workflow.require_role(found, "receive", request.user)
        data = valid_data(ReceiptInput, request)
        return self.respond(transfers.record_receipt(request.user, found, **data))

    @extend_schema(summary="登记处理结果（立案或不予立案）", request=OutcomeInput)
    @action(detail=True, methods=["post"])
    def outcome(self, request: Any, pk: Any = None) -> Response:
        found = self.get_object()
        workflow.require_role(found, "conclude", request.user)
        data = valid_data(OutcomeInput, request)
        return self.respond(transfers.record_outcome(request.user, found, **data))


def register(router: BaseRouter) -> None:
    router.register("major-filings", FilingViewSet, basename="major-filing")
    router.register("case-transfers", TransferViewSet, basename="case-transfer")
