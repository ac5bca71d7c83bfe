"""The evidence API: a case's evidence listed and read in scope (a read of one item is recorded in
its chain of custody), added by multipart upload (streamed, never held in memory, and outside the
API's write transaction while the file arrives), downloaded streamed after its SM3 is checked
(409 in Chinese when the stored file changed), and handed over to another custodian. The same
services as the pages."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.cases.evidence_filters import EvidenceApiFilter
from zhifa.cases.models import Case, Evidence, EvidenceKind
from zhifa.cases.services import evidence as service
from zhifa.core import filestore
from zhifa.core.api import May, ScopedRelatedField, ScopedViewSetMixin, error_body, valid_data
from zhifa.core.scoping import CHANGE
from zhifa.org.roles import Role
from zhifa.registry.models import Officer


class CollectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Officer
        fields = ["id", "name"]


class EvidenceSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    collected_by = CollectorSerializer(many=True, read_only=True)
    content_type = serializers.CharField(source="file.content_type", read_only=True)
    uploaded_by = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField(help_text="下载地址（先校验SM3）")

    class Meta:
        model = Evidence
        fields = [
            "id",
            "case",
            "number",
            "kind",
            "kind_label",
            "title",
            "source",
            "collected_on",
            "collected_by",
            "sm3",
            "size",
            "file_format",
            "content_type",
            "original_name",
            "custodian",
            "uploaded_by",
            "uploaded_at",
            "download",
        ]

    def get_uploaded_by(self, obj: Evidence) -> str:
        return obj.uploaded_by.full_name or obj.uploaded_by.username

    def get_download(self, obj: Evidence) -> str:
        return reverse("evidence-download", args=[obj.pk])


class CustodySerializer(serializers.Serializer):
    seq = serializers.IntegerField(source="entry.seq")
    at = serializers.DateTimeField()
    action = serializers.CharField()
    label = serializers.CharField()
    actor = serializers.CharField(source="entry.actor_name")


class EvidenceDetailSerializer(EvidenceSerializer):
    custody = serializers.SerializerMethodField(
        help_text="保管链：添加、查看、下载、移交的台账记录"
    )

    class Meta(EvidenceSerializer.Meta):
        fields = [*EvidenceSerializer.Meta.fields, "custody"]

    @extend_schema_field(CustodySerializer(many=True))
    def get_custody(self, obj: Evidence) -> list[dict[str, Any]]:
        return CustodySerializer(service.custody_trail(obj), many=True).data


class EvidenceInput(serializers.Serializer):
    case = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    title = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)
    collected_on = serializers.DateField()
    collected_by = ScopedRelatedField(
        many=True, queryset=Officer.objects.all(), help_text="取证人员（执法人员id，不少于两人）"
    )
    file = serializers.FileField(help_text="证据文件（multipart，按内容识别格式）")
    custodian = serializers.CharField(required=False, allow_blank=True)


class CustodyTransferInput(serializers.Serializer):
    recipient = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)


HANDLERS = May(action=CHANGE, message=service.HANDLERS_ONLY)


@extend_schema_view(
    list=extend_schema(summary="证据列表（本人可查看的案件证据，可按案件、种类筛选）"),
    retrieve=extend_schema(
        summary="证据详情与保管链（本次查看记入台账）", responses=EvidenceDetailSerializer
    ),
)
class EvidenceViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model = Evidence
    serializer_class = EvidenceSerializer
    filterset_class = EvidenceApiFilter
    #: received while the client sends it: not inside the API's write transaction
    non_atomic_actions = ("create",)
    may = {
        "create": May(roles=(Role.OFFICER, Role.AGENCY_HEAD), message=service.HANDLERS_ONLY),
        "transfer": HANDLERS,
    }

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("file", "uploaded_by")
            .prefetch_related("collected_by")
            .order_by("case", "number")
        )

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        service.record_view(request.user, item)
        return Response(EvidenceDetailSerializer(item).data)

    @extend_schema(summary="添加证据（multipart上传，接收时计算SM3）", request=EvidenceInput)
    def create(self, request: Any) -> Response:
        data = valid_data(EvidenceInput, request)
        case = Case.objects.visible_to(request.user).filter(pk=data.pop("case")).first()
        if case is None:
            raise serializers.ValidationError({"case": ["没有这个案件"]})
        item = service.add_evidence(request.user, case, upload=data.pop("file"), **data)
        return self.respond(item, status.HTTP_201_CREATED)

    @extend_schema(
        summary="下载证据文件（先校验SM3；文件被改动时拒绝，409）",
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            409: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="存证文件已被改动或缺失：拒绝下载（错误形状同其他错误，说明为中文）",
            ),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Any, pk: Any = None) -> Any:
        item = self.get_object()
        try:
            handle = service.open_download(request.user, item)
        except filestore.FileProblem as problem:
            return Response(error_body(problem.message, "file_changed"), status.HTTP_409_CONFLICT)
        extension = filestore.BY_NAME[item.file_format].extension
        response = FileResponse(
            handle,
            as_attachment=True,
            content_type=item.file.content_type,
            filename=f"evidence-{item.case_id}-{item.number}.{extension}",
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Evidence-SM3"] = item.sm3
        return response

    @extend_schema(summary="移交证据保管", request=CustodyTransferInput)
    @action(detail=True, methods=["post"])
    def transfer(self, request: Any, pk: Any = None) -> Response:
        item = self.get_object()
        data = valid_data(CustodyTransferInput, request)
        return self.respond(service.transfer_custody(request.user, item, **data))


def register(router: BaseRouter) -> None:
    router.register("evidence", EvidenceViewSet, basename="evidence")
