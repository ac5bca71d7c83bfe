"""Case documents in the API: the case's documents (whoever sees the case) and generating one
(``POST {"kind": …, inputs…}``: its handling officers and the agency head), through the same
service as the page."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhifa.cases.models import Case
from zhifa.cases.services import documents
from zhifa.core.document_api import IssuedDocumentSerializer
from zhifa.core.documents import for_owner
from zhifa.core.scoping import CHANGE, permits


class GenerateInput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[],
        error_messages={"required": "请选择文书种类kind", "invalid_choice": "没有这种文书"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, v.name) for k, v in documents.KINDS.items()]


class CaseDocumentsView(APIView):
    """文书 of one case."""

    parser_classes = [JSONParser, FormParser]

    def _case(self, request: Any, pk: int) -> Case:
        return get_object_or_404(Case.objects.restrict(request.user), pk=pk)

    @extend_schema(summary="案件的文书", responses=IssuedDocumentSerializer(many=True))
    def get(self, request: Any, pk: int) -> Response:
        case = self._case(request, pk)
        rows = for_owner(case, request.user).select_related("content_type", "issued_by", "file")
        return Response(IssuedDocumentSerializer(rows, many=True).data)

    @extend_schema(
        summary="制作文书（种类及其填写项，见各文书的表单字段）",
        request=inline_serializer(
            "CaseDocumentRequest",
            {"kind": serializers.ChoiceField(choices=sorted(documents.KINDS))},
        ),
        responses={201: IssuedDocumentSerializer},
    )
    def post(self, request: Any, pk: int) -> Response:
        case = self._case(request, pk)
        if not permits(request.user, case, CHANGE):
            raise exceptions.PermissionDenied(documents.DENIED)
        parsed = GenerateInput(data=request.data)
        parsed.is_valid(raise_exception=True)
        data = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        issued = documents.generate(
            request.user,
            case,
            parsed.validated_data["kind"],
            data,
            base_url=request.build_absolute_uri("/"),
        )
        return Response(IssuedDocumentSerializer(issued).data, status=status.HTTP_201_CREATED)
