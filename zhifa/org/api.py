"""Org endpoints: regions, agencies, units, users and roles, and the token sign-in.

Thin, on the core plumbing (:mod:`zhifa.core.api`): every read goes through ``visible_to``
(outsiders get 404), every related object named in a body is looked up in the user's scope
(``ScopedRelatedField``), and every write goes through a service function, which validates,
checks the role and writes the ledger.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.db import transaction
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from zhifa.core.api import May, ScopedRelatedField, ScopedViewSetMixin, error_body
from zhifa.core.scoping import CHANGE
from zhifa.org import filters
from zhifa.org.authentication import ExpiringTokenAuthentication, issue_token
from zhifa.org.models import Agency, Membership, Region, Role, Unit, User
from zhifa.org.permissions import UNIT_KEEPERS
from zhifa.org.services import accounts, organisation

NO_AGENCY = {"does_not_exist": "未找到该执法主体"}
NO_USER = {"does_not_exist": "未找到该用户"}


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "parent"]
        read_only_fields = ["level"]


class RegionViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    model = Region
    serializer_class = RegionSerializer
    may = {"create": May((Role.SYSTEM_ADMIN,), message="只有系统管理员可以维护行政区划")}
    filterset_class = filters.RegionFilter

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("parent")

    def perform_create(self, serializer: RegionSerializer) -> None:
        serializer.instance = organisation.create_region(
            self.request.user, **serializer.validated_data
        )


class AgencySerializer(serializers.ModelSerializer):
    # Related objects a user may name are limited to what they can see.
    parent = ScopedRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        label="上级机关",
        error_messages=NO_AGENCY,
    )
    delegating_agency = ScopedRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        label="委托机关",
        error_messages=NO_AGENCY,
    )
    region_name = serializers.CharField(source="region.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Agency
        fields = ["id", *organisation.AGENCY_FIELDS, "region_name", "kind_display"]
        extra_kwargs = {"name": {"validators": []}}


class AgencyViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    model = Agency
    serializer_class = AgencySerializer
    may = {
        "create": May((Role.SYSTEM_ADMIN,), message="只有系统管理员可以新增执法主体"),
        "update": May(action=CHANGE, message="您无权修改该执法主体"),
    }
    filterset_class = filters.AgencyFilter

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("region")

    def perform_create(self, serializer: AgencySerializer) -> None:
        serializer.instance = organisation.create_agency(
            self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: AgencySerializer) -> None:
        serializer.instance = organisation.update_agency(
            self.request.user, serializer.instance, **serializer.validated_data
        )


class UnitSerializer(serializers.ModelSerializer):
    agency = ScopedRelatedField(
        queryset=Agency.objects.all(), label="执法主体", error_messages=NO_AGENCY
    )
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "agency", "name", "kind", "kind_display", "phone", "is_active"]
        read_only_fields = ["is_active"]
        validators: list = []


class UnitViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    model = Unit
    serializer_class = UnitSerializer
    may = {
        "create": May((Role.SYSTEM_ADMIN, Role.AGENCY_ADMIN), message=UNIT_KEEPERS),
        "update": May(action=CHANGE, message=UNIT_KEEPERS),
    }
    filterset_class = filters.UnitFilter

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("agency")

    def perform_create(self, serializer: UnitSerializer) -> None:
        data = dict(serializer.validated_data)
        agency = data.pop("agency")
        serializer.instance = organisation.create_unit(self.request.user, agency, **data)

    def perform_update(self, serializer: UnitSerializer) -> None:
        unit = serializer.instance
        data = {"name": unit.name, "kind": unit.kind, "phone": unit.phone}
        data.update({k: v for k, v in serializer.validated_data.items() if k != "agency"})
        serializer.instance = organisation.update_unit(self.request.user, unit, **data)


class MembershipSerializer(serializers.ModelSerializer):
    user = ScopedRelatedField(queryset=User.objects.all(), label="用户", error_messages=NO_USER)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True, default="")

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "role_display", "agency", "agency_name", "unit"]
        validators: list = []


class UserSerializer(serializers.ModelSerializer):
    mobile = serializers.CharField(source="mobile_masked", read_only=True)
    roles = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "mobile", "is_active", "roles", "last_login"]
        read_only_fields = fields


class UserCreateSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    full_name = serializers.CharField(max_length=50)
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    mobile = serializers.CharField(required=False, allow_blank=True, default="")


class UserViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    model = User
    may = {
        "create": May((Role.SYSTEM_ADMIN,), message="只有系统管理员可以新建用户"),
        "active": May((Role.SYSTEM_ADMIN,), message="只有系统管理员可以停用或启用用户"),
    }
    filterset_class = filters.UserFilter

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("memberships__agency")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return UserCreateSerializer if self.action == "create" else UserSerializer

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = UserCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = accounts.create_user(request.user, **data.validated_data)
        return Response(UserSerializer(user).data, status=201)

    @extend_schema(request=inline_serializer("Active", {"active": serializers.BooleanField()}))
    @action(detail=True, methods=["post"])
    def active(self, request: Any, pk: str | None = None) -> Response:
        """Disable or re-enable the account."""
        flag = serializers.BooleanField().run_validation(request.data.get("active"))
        user = accounts.set_user_active(request.user, self.get_object(), active=flag)
        return Response(UserSerializer(user).data)


class MembershipViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Roles: the security administrator grants and revokes them."""

    model = Membership
    serializer_class = MembershipSerializer
    may = {"create": May((Role.SECURITY_ADMIN,), message="只有安全管理员可以分配角色")}
    filterset_fields = ["user", "role", "agency"]

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("agency", "user")

    def perform_create(self, serializer: MembershipSerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = accounts.grant_role(self.request.user, data.pop("user"), **data)

    def perform_destroy(self, instance: Membership) -> None:
        accounts.revoke_role(self.request.user, instance)


class TokenView(APIView):
    """Exchange a username and password for an API token (login throttling applies)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        summary="获取API令牌",
    )
    def post(self, request: Any) -> Response:
        username = str(request.data.get("username", "")).strip()
        password = str(request.data.get("password", ""))
        if not username or not password:
            errors = {}
            if not username:
                errors["username"] = ["请填写登录名"]
            if not password:
                errors["password"] = ["请填写密码"]
            return Response(error_body("请填写登录名和密码", "invalid", errors), status=400)
        user = authenticate(request._request, username=username, password=password)
        if getattr(request._request, "axes_locked_out", False):
            return Response(
                error_body("登录失败次数过多，账号已暂时锁定，请稍后再试", "locked"), status=403
            )
        if user is None:
            return Response(
                error_body(
                    "登录名或密码不正确", "invalid", {"non_field_errors": ["登录名或密码不正确"]}
                ),
                status=400,
            )
        if user.must_change_password:
            return Response(
                error_body("您的密码已被重置，请先登录页面修改密码", "password_change_required"),
                status=403,
            )
        with transaction.atomic():  # the token and its ledger entry stand or fall together
            token = issue_token(user)
            accounts.record_login(user, request._request, via="api")
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None}, summary="注销API令牌（退出登录）")
    def delete(self, request: Any) -> Response:
        """Sign out of the API: the caller's tokens are revoked (and the sign-out recorded)."""
        try:
            found = ExpiringTokenAuthentication().authenticate(request)
        except exceptions.AuthenticationFailed as exc:
            found, message = None, str(exc.detail)
        else:
            message = "未登录或登录已过期"
        if found is None:
            return Response(
                error_body(message, "not_authenticated"),
                status=401,
                headers={"WWW-Authenticate": "Token"},
            )
        accounts.record_logout(found[0], request._request)
        return Response(status=204)
