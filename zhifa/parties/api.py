"""Parties API: reads through the scope (an enterprise sees only its own party; outsiders get
404), writes through the services (Chinese field errors, 400), answers re-read in scope."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.core.api import May, ScopedViewSetMixin, ServiceCreateMixin, ServiceUpdateMixin, Write
from zhifa.core.api import valid_data as _valid
from zhifa.core.errors import field_error
from zhifa.core.scoping import CHANGE
from zhifa.org.models import Role
from zhifa.parties import filters, services
from zhifa.parties import serializers as s
from zhifa.parties.imports import import_parties
from zhifa.parties.models import ADMINISTER, Party

ADMINS_ONLY = services.ADMIN_REFUSAL


@extend_schema_view(
    list=extend_schema(summary="当事人列表"),
    retrieve=extend_schema(summary="当事人详情"),
    create=extend_schema(
        summary="登记当事人", request=s.PartyCreateSerializer, responses={201: s.PartySerializer}
    ),
    partial_update=extend_schema(
        summary="修改当事人信息", request=s.PartyUpdateSerializer, responses=s.PartySerializer
    ),
)
class PartyViewSet(
    ScopedViewSetMixin, ServiceCreateMixin, ServiceUpdateMixin, viewsets.ReadOnlyModelViewSet
):
    """当事人: agency staff register and correct them; an information administrator verifies
    codes, grades credit, classes risk and binds enterprise accounts."""

    model = Party
    serializer_class = s.PartySerializer
    filterset_class = filters.PartyFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    may = {
        "create": May((Role.OFFICER, Role.AGENCY_ADMIN), message=services.CHANGE_REFUSAL),
        "update": May(action=CHANGE, message=services.CHANGE_REFUSAL),
        "verify": May(action=ADMINISTER, message=ADMINS_ONLY),
        "credit": May(action=ADMINISTER, message=ADMINS_ONLY),
        "risk": May(action=ADMINISTER, message=ADMINS_ONLY),
        "bind": May(action=ADMINISTER, message=ADMINS_ONLY),
        "unbind": May(action=ADMINISTER, message=ADMINS_ONLY),
        "upload": May((Role.AGENCY_ADMIN,), message="只有执法主体的信息管理员可以导入当事人"),
    }
    create_with = Write(s.PartyCreateSerializer, services.create_party)
    update_with = Write(s.PartyUpdateSerializer, services.update_party)

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("region")

    @extend_schema(summary="记录经登记机关核实的统一社会信用代码", request=s.VerifySerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Any, pk: str | None = None) -> Response:
        party = self.get_object()
        return self.respond(
            services.verify_uscc(request.user, party, **_valid(s.VerifySerializer, request))
        )

    @extend_schema(summary="信用分级", request=s.CreditSerializer)
    @action(detail=True, methods=["post"])
    def credit(self, request: Any, pk: str | None = None) -> Response:
        party = self.get_object()
        data = _valid(s.CreditSerializer, request)
        return self.respond(services.set_credit_grade(request.user, party, **data))

    @extend_schema(summary="风险分类", request=s.RiskSerializer)
    @action(detail=True, methods=["post"])
    def risk(self, request: Any, pk: str | None = None) -> Response:
        party = self.get_object()
        data = _valid(s.RiskSerializer, request)
        return self.respond(services.set_risk_class(request.user, party, **data))

    @extend_schema(
        summary="绑定企业账号",
        request=s.BindSerializer,
        responses={201: s.PartyAccountSerializer},
    )
    @action(detail=True, methods=["post"])
    def bind(self, request: Any, pk: str | None = None) -> Response:
        party = self.get_object()
        data = _valid(s.BindSerializer, request)
        account = services.bind_account(request.user, party, data["user"])
        return Response(s.PartyAccountSerializer(account).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="解除企业账号绑定", request=s.UnbindSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def unbind(self, request: Any, pk: str | None = None) -> Response:
        party = self.get_object()
        data = _valid(s.UnbindSerializer, request)
        account = party.accounts.filter(pk=data["account"]).first()
        if account is None:
            raise field_error("account", "该账号未绑定本当事人")
        services.unbind_account(request.user, account)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="从Excel导入当事人（全部无误才导入）",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={201: {"type": "object"}},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def upload(self, request: Any) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": ["请选择要导入的Excel文件"]})
        result = import_parties(request.user, upload)
        return Response({"created": result.created, "detail": str(result)}, status=201)


def register(router: BaseRouter) -> None:
    router.register("parties", PartyViewSet, basename="party")
