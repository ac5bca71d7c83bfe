"""API plumbing every app shares: one error shape, roles, who may ever write (:class:`MayWrite`,
asked before the body is parsed), parsing a body, and the scoped viewset
(reads through ``visible_to``, writes through a service, answers with the object re-read in
scope) with its scoped related field. The core endpoints (calendar, ledger) are in
:mod:`zhifa.core.api_views`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response

from zhifa.core import workflow
from zhifa.core.api_input import BodyTooLarge
from zhifa.core.scoping import permits

logger = logging.getLogger(__name__)

_MESSAGES = {
    status.HTTP_401_UNAUTHORIZED: "未登录或登录已过期",
    status.HTTP_403_FORBIDDEN: "您无权执行此操作",
    status.HTTP_404_NOT_FOUND: "未找到该对象",
    status.HTTP_405_METHOD_NOT_ALLOWED: "不支持该请求方法",
    status.HTTP_429_TOO_MANY_REQUESTS: "请求过于频繁，请稍后再试",
}


#: DRF's messages that its zh-hans catalogue lacks or garbles, by their code.
_CHINESE_BY_CODE = {
    "null": "请提供请求内容（JSON对象）",
    "null_characters_not_allowed": "不能包含控制字符或改变文字方向的字符",
    "surrogate_characters_not_allowed": "不能包含无效的Unicode字符",
    "max_string_length": "数值超出范围",
    "not_a_list": "应为列表",
    "not_a_dict": "应为JSON对象",
    "parse_error": "请求内容不是有效的JSON",
}


def _chinese(message: Any) -> str:
    """A message in Chinese: ours as they are, DRF's English (or garbled) ones by their code."""
    code = getattr(message, "code", None)
    if code in _CHINESE_BY_CODE:
        return _CHINESE_BY_CODE[code]
    text = str(message)
    return text if not text.isascii() else "输入有误"


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [
            m for v in value for m in (_as_list(v) if isinstance(v, list | dict) else [_chinese(v)])
        ]
    if isinstance(value, dict):  # a nested serializer's errors: "field: message"
        return [f"{k}：{m}" for k, msgs in value.items() for m in _as_list(msgs)]
    return [_chinese(value)]


def error_body(detail: str, code: str, errors: dict[str, list[str]] | None = None) -> dict:
    """The one error shape: ``{"detail", "code", "errors": {field: [messages]}}``."""
    return {"detail": detail, "code": code, "errors": errors or {}}


def exception_handler(exc: Exception, context: dict) -> Response:
    """Turn every exception into the one JSON error shape, in Chinese, without stack traces."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = dict(exc.message_dict)
            first_error = next(iter(exc.error_dict.values()))[0]
        else:
            errors = {"non_field_errors": exc.messages}
            first_error = exc.error_list[0]
        first = next(iter(errors.values()))[0]
        return Response(error_body(first, first_error.code or "invalid", errors), status=400)
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            errors = {field: _as_list(msgs) for field, msgs in detail.items()}
        else:
            errors = {"non_field_errors": _as_list(detail)}
        first = next(iter(errors.values()), ["输入有误"])[0]
        return Response(error_body(first, "invalid", errors), status=400)
    if isinstance(exc, RequestDataTooBig):
        exc = BodyTooLarge()
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(error_body(_MESSAGES[404], "not_found"), status=404)
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or _MESSAGES[403]
        return Response(error_body(message, "permission_denied"), status=403)
    if isinstance(exc, exceptions.APIException):
        code = exc.status_code
        # DRF's own messages are English; ours are Chinese and say more than the generic one.
        own = isinstance(exc.detail, str) and not exc.detail.isascii()
        message = str(exc.detail) if own else _MESSAGES.get(code) or _chinese(exc.detail)
        if message == "输入有误":
            message = "请求有误"
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        return Response(error_body(message, exc.default_code), status=code, headers=headers)
    logger.exception("unhandled API error")
    return Response(error_body("服务器内部错误，请稍后再试", "server_error"), status=500)


class HasRole(permissions.BasePermission):
    """Allow users holding one of ``roles``; use as ``HasRole.of("audit_admin")``."""

    roles: tuple[str, ...] = ()
    message = "您无权执行此操作"

    @classmethod
    def of(cls, *roles: str) -> type[HasRole]:
        return type(f"HasRole_{'_'.join(roles)}", (cls,), {"roles": roles})

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(*self.roles))


@dataclass(frozen=True)
class May:
    """Who may ever make a write (architecture invariant 1: a refused action is 403, asked before
    the body is read). ``roles``: the user holds one of them somewhere (the service then checks
    where); ``action``: on a detail route, the object (read in view scope, 404 otherwise) is in
    the model's ``restrict(user, action)`` scope. ``message``: the Chinese refusal."""

    roles: tuple[str, ...] = ()
    action: str | None = None
    message: str = _MESSAGES[status.HTTP_403_FORBIDDEN]
    #: a workflow step of the view's model (``zhifa.core.workflow``): its roles, as ``roles``
    step: str | None = None

    def roles_of(self, view: Any) -> tuple[str, ...]:
        if self.step is None:
            return self.roles
        return workflow.latest(view.model).step(self.step).roles


class MayWrite(permissions.BasePermission):
    """Refuses, before the body is parsed, a write the user may never make: the view's ``may``
    maps its action names (``create``, ``update``, ``transfer`` …) to a :class:`May`. Reads and
    undeclared actions pass (their service still decides)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        name = getattr(view, "action", None)
        if name == "partial_update" and "partial_update" not in getattr(view, "may", {}):
            name = "update"
        rule = getattr(view, "may", {}).get(name)
        if rule is None:
            return True
        user = request.user
        obj = None
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", None)
        if lookup and lookup in view.kwargs:
            obj = view.get_object()  # outside the user's sight: 404, before any refusal
        roles = rule.roles_of(view)
        if roles and not (user and user.is_authenticated and user.has_role(*roles)):
            raise exceptions.PermissionDenied(rule.message)
        if rule.action is not None and obj is not None and not permits(user, obj, rule.action):
            raise exceptions.PermissionDenied(rule.message)
        return True


def valid_data(serializer_class: type, request: Any, **context: Any) -> dict:
    """Parse a request body with a serializer (types only); the service validates the rest."""
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --------------------------------------------------------------------------------------------
# Scoped viewsets: reads through the model's scope, writes through a service
# --------------------------------------------------------------------------------------------


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object by id, among those the requesting user may see
    (``Model.objects.visible_to(user)``); an id outside the user's sight reads as not found."""

    def get_queryset(self) -> Any:
        return self.queryset.model.objects.visible_to(self.context["request"].user)


class RereadMixin:
    """Answers a write with the object re-read through the viewset's (scoped) queryset."""

    def respond(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        """``obj`` re-read through ``get_queryset()`` (its joins, prefetches and scope) and
        serialised; after a move out of the user's sight, the object as the service left it."""
        fresh = self.get_queryset().filter(pk=obj.pk).first() or obj
        return Response(self.get_serializer(fresh).data, code)


class ScopedViewSetMixin(RereadMixin):
    """Reads through the model's single scope function: ``queryset`` is
    ``model.objects.visible_to(request.user)``, so an object outside it is a 404 for every
    action, reads and writes alike."""

    model: type

    def get_queryset(self) -> Any:
        return self.model.objects.visible_to(self.request.user)


@dataclass(frozen=True)
class Write:
    """How an endpoint writes: ``input`` parses the body (types only, :func:`valid_data`),
    ``service`` validates, checks the role and writes the ledger. ``owner`` names the input field
    passed positionally after the user (``create_officer(user, agency, **data)``); an update
    passes the scoped object there instead."""

    input: type[serializers.Serializer]
    service: Callable[..., Any]
    owner: str | None = None


class ServiceCreateMixin(RereadMixin):
    """``POST`` on the collection: ``create_with``'s service, answered 201 with the created
    object re-read in scope (:meth:`RereadMixin.respond`)."""

    create_with: Write

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        write = self.create_with
        data = valid_data(write.input, request)
        owner = (data.pop(write.owner),) if write.owner else ()
        created = write.service(request.user, *owner, **data)
        return self.respond(created, status.HTTP_201_CREATED)


class ServiceUpdateMixin(RereadMixin):
    """``PATCH`` on an object the user sees (404 otherwise): ``update_with``'s service with the
    object, answered with the object re-read in scope."""

    update_with: Write

    def partial_update(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        data = valid_data(self.update_with.input, request)
        changed = self.update_with.service(request.user, obj, **data)
        return self.respond(changed if changed is not None else obj)
