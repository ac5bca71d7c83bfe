"""The API of appeals (复议、诉讼): the same services as the case page's panel.

``/api/v1/case-appeals``: list/read in scope (filter by ``case``, ``kind``, ``result``,
``pending``); ``POST`` records a reconsideration or lawsuit; ``result`` (multipart or JSON)
records its outcome, once; ``document`` downloads the outcome's document (SM3 checked first).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.cases.models import Case
from zhifa.cases.models.appeals import Appeal, AppealKind, AppealResult
from zhifa.cases.models.decisions import Measure
from zhifa.cases.services import appeals as service
from zhifa.core import filestore
from zhifa.core.api import May, ScopedViewSetMixin, error_body, valid_data
from zhifa.core.scoping import CHANGE
from zhifa.org.roles import Role


class AppealFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AppealKind.choices, label="救济途径")
    result = django_filters.ChoiceFilter(choices=AppealResult.choices, label="结果")
    pending = django_filters.BooleanFilter(method="only_pending", label="尚无结果")

    class Meta:
        model = Appeal
        fields = ["case", "kind", "result", "pending"]

    def only_pending(self, queryset: Any, name: str, value: Any) -> Any:
        if value is None:
            return queryset
        return queryset.filter(result="") if value else queryset.exclude(result="")


class AppealSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    new_penalty = serializers.CharField(read_only=True, help_text="变更后的处罚内容")
    has_document = serializers.SerializerMethodField(help_text="是否上传了结果文书")

    class Meta:
        model = Appeal
        fields = [
            "id",
            "case",
            "case_number",
            "kind",
            "body",
            "filed_on",
            "claim",
            "window_ends",
            "late",
            "result",
            "result_on",
            "result_note",
            "new_measures",
            "new_fine",
            "new_terms",
            "new_penalty",
            "has_document",
            "flags",
        ]

    def get_has_document(self, appeal: Appeal) -> bool:
        return appeal.document_id is not None


class AppealFileInput(serializers.Serializer):
    case = serializers.IntegerField(help_text="案件编号")
    kind = serializers.ChoiceField(choices=AppealKind.choices)
    body = serializers.CharField(allow_blank=True, help_text="复议机关或人民法院名称")
    filed_on = serializers.DateField(help_text="申请或起诉日期")
    claim = serializers.CharField(allow_blank=True, help_text="当事人的请求")


class ResultInput(serializers.Serializer):
    result = serializers.ChoiceField(choices=AppealResult.choices)
    result_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)
    document = serializers.FileField(required=False, help_text="复议决定书或裁判文书（可选）")
    new_measures = serializers.ListField(
        child=serializers.ChoiceField(choices=Measure.choices), required=False
    )
    new_fine = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    new_terms = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="行政复议、行政诉讼列表（本人可查看的案件）"),
    retrieve=extend_schema(summary="行政复议、行政诉讼详情"),
)
class AppealViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model = Appeal
    serializer_class = AppealSerializer
    filterset_class = AppealFilter
    #: the document is received while the client sends it: not inside the write transaction
    non_atomic_actions = ("result",)
    may = {
        "create": May(roles=(Role.OFFICER, Role.AGENCY_HEAD), message=service.HANDLERS_ONLY),
        "result": May(action=CHANGE, message=service.HANDLERS_ONLY),
    }

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("case").order_by("case", "filed_on", "pk")

    @extend_schema(summary="登记当事人申请行政复议或提起行政诉讼", request=AppealFileInput)
    def create(self, request: Any) -> Response:
        data = valid_data(AppealFileInput, request)
        case = Case.objects.visible_to(request.user).filter(pk=data.pop("case")).first()
        if case is None:
            raise serializers.ValidationError({"case": ["没有这个案件"]})
        return self.respond(
            service.file_appeal(request.user, case, **data), status.HTTP_201_CREATED
        )

    @extend_schema(summary="登记复议、诉讼结果（一次；可附结果文书）", request=ResultInput)
    @action(detail=True, methods=["post"])
    def result(self, request: Any, pk: Any = None) -> Response:
        appeal = self.get_object()
        data = valid_data(ResultInput, request)
        return self.respond(service.record_result(request.user, appeal, **data))

    @extend_schema(
        summary="下载结果文书（先校验SM3）",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def document(self, request: Any, pk: Any = None) -> Any:
        appeal = self.get_object()
        if appeal.document is None:
            return Response(error_body("没有上传结果文书", "not_found"), status.HTTP_404_NOT_FOUND)
        try:
            handle = filestore.open_verified(appeal.document)
        except filestore.FileProblem as problem:
            return Response(error_body(problem.message, "file_changed"), status.HTTP_409_CONFLICT)
        extension = filestore.BY_NAME[appeal.document.format].extension
        response = FileResponse(
            handle,
            as_attachment=True,
            content_type=appeal.document.content_type,
            filename=f"appeal-{appeal.case_id}-{appeal.pk}.{extension}",
        )
        response["Cache-Control"] = "private, no-store"
        return response


def register(router: BaseRouter) -> None:
    router.register("case-appeals", AppealViewSet, basename="case-appeal")
