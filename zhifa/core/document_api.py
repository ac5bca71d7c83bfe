"""Document API: issued documents for those who may see what they belong to (list, read,
download), and the public check (the facts of a code; a file's SM3 compared, rate-limited)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhifa.core import documents, filestore, ratelimit
from zhifa.core.api import ScopedViewSetMixin
from zhifa.core.models import IssuedDocument


class Tampered(exceptions.APIException):
    status_code = 409
    default_detail = "文书文件校验未通过，已拒绝提供"
    default_code = "tampered"


class IssuedDocumentSerializer(serializers.ModelSerializer):
    sm3 = serializers.CharField(source="file.sm3", read_only=True)
    size = serializers.IntegerField(source="file.size", read_only=True)
    media_type = serializers.CharField(source="file.content_type", read_only=True)
    owner_type = serializers.CharField(source="content_type.model", read_only=True)
    verification_code = serializers.CharField(source="display_code", read_only=True)
    issued_by_name = serializers.CharField(source="issued_by.full_name", read_only=True)

    class Meta:
        model = IssuedDocument
        fields = [
            "id",
            "kind",
            "kind_name",
            "title",
            "number",
            "agency_name",
            "owner_type",
            "object_id",
            "issued_at",
            "issued_by_name",
            "verification_code",
            "sm3",
            "size",
            "media_type",
            "file_name",
        ]


class IssuedDocumentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Issued documents (文书) the user may see: those of the objects (cases) they may see."""

    model = IssuedDocument
    serializer_class = IssuedDocumentSerializer

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("content_type", "issued_by", "file")

    @extend_schema(
        summary="下载文书（出具时的原件）", responses={(200, "application/octet-stream"): bytes}
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Any, pk: str | None = None) -> HttpResponse:
        document = self.get_object()
        try:
            content = documents.stored_content(document)
        except filestore.FileProblem as exc:
            raise Tampered(exc.message) from None
        response = HttpResponse(content, content_type=document.media_type)
        response["Content-Disposition"] = f'attachment; filename="document-{document.pk}.docx"'
        response["Cache-Control"] = "private, no-store"
        return response


class CheckInput(serializers.Serializer):
    file = serializers.FileField(
        error_messages={"required": "请上传要核验的文件", "invalid": "请上传要核验的文件"}
    )

    def validate_file(self, upload: Any) -> Any:
        limit = settings.DOCUMENT_CHECK_MAX_BYTES
        if upload.size > limit:
            raise serializers.ValidationError(f"文件不能超过{limit // (1024 * 1024)}MB")
        return upload


def _facts(document: IssuedDocument) -> dict[str, Any]:
    """What the public may know of a document: no title, no party, no personal data."""
    return {
        "verification_code": document.display_code,
        "agency": document.agency_name,
        "kind": document.kind_name,
        "number": document.number,
        "issued_on": document.issued_at.date().isoformat(),
        "sm3": document.sm3,
        "size": document.size,
    }


FACTS = inline_serializer(
    "PublicDocument",
    {
        "verification_code": serializers.CharField(),
        "agency": serializers.CharField(),
        "kind": serializers.CharField(),
        "number": serializers.CharField(),
        "issued_on": serializers.DateField(),
        "sm3": serializers.CharField(),
        "size": serializers.IntegerField(),
    },
)


class PublicDocumentView(APIView):
    """Public: the facts of the document a verification code names, and the check of a file."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    parser_classes = [MultiPartParser]

    def _found(self, request: Any, code: str, *, check: bool) -> IssuedDocument:
        scope, limit = (
            ("document-check", settings.PUBLIC_DOCUMENT_CHECKS)
            if check
            else ("document-lookup", settings.PUBLIC_DOCUMENT_LOOKUPS)
        )
        window = settings.PUBLIC_RATE_WINDOW_SECONDS
        if not ratelimit.allow(request, scope, limit=limit, window=window):
            raise exceptions.Throttled(wait=window, detail=ratelimit.TOO_MANY)
        document = documents.find(code)
        if document is None:
            raise Http404
        return document

    @extend_schema(summary="文书核验：验证码对应的出具记录", responses=FACTS)
    def get(self, request: Any, code: str) -> Response:
        return Response(_facts(self._found(request, code, check=False)))

    @extend_schema(
        summary="文书核验：上传文件比对SM3",
        request={"multipart/form-data": CheckInput},
        responses=inline_serializer(
            "DocumentCheck",
            {
                "matches": serializers.BooleanField(),
                "sm3": serializers.CharField(),
                "size": serializers.IntegerField(),
                "document": FACTS,
            },
        ),
    )
    def post(self, request: Any, code: str) -> Response:
        document = self._found(request, code, check=True)
        data = CheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        result = documents.check(document, data.validated_data["file"].chunks())
        return Response(
            {
                "matches": result.matches,
                "sm3": result.sm3,
                "size": result.size,
                "document": _facts(document),
            }
        )


def register(router: Any) -> None:
    router.register("documents", IssuedDocumentViewSet, basename="document")


__all__ = ["PublicDocumentView", "register"]
