"""What the API accepts before any view runs: a bounded JSON body that is an object, pages of a
bounded size, filter numbers a database column can hold. Hostile input gets a 4xx in Chinese, never
a 500 (GB/T 22239-2019 8.1.4.4 软件容错: 应提供数据有效性检验功能)."""

from __future__ import annotations

import codecs
from decimal import Decimal
from typing import Any

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, pagination, parsers, status
from rest_framework.settings import api_settings
from rest_framework.utils import json

#: The largest integer SQLite and PostgreSQL (bigint) hold.
MAX_INTEGER = 2**63 - 1


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        size = f"{limit / 2**20:g}MB" if limit >= 2**20 else f"{limit // 1024}KB"
        super().__init__(f"请求内容过大，不能超过{size}")


def body_limit() -> int | None:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class JSONObjectParser(parsers.JSONParser):
    """DRF's JSON parser, bounded: at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes (413 beyond, where
    DRF read any length), nesting too deep for Python is a parse error (DRF let RecursionError
    through as a 500), and the body must be a JSON object, as every endpoint takes one."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        if stream is None:
            return {}
        limit = body_limit()
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise BodyTooLarge()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.decode(raw, encoding)
            constant = json.strict_constant if api_settings.STRICT_JSON else None
            data = json.loads(text, parse_constant=constant)
        except RecursionError:
            raise exceptions.ParseError("请求内容的JSON嵌套层级过深") from None
        except (ValueError, UnicodeDecodeError):
            raise exceptions.ParseError("请求内容不是有效的JSON") from None
        if not isinstance(data, dict):
            raise exceptions.ParseError("请求内容应为JSON对象（{…}）")
        return data


class Pagination(pagination.LimitOffsetPagination):
    """Pages of at most 500 rows (``?limit=99999999999999999999999`` overflowed the database)."""

    max_limit = 500


def _check_range(low: int, high: int, message: str):
    def check(value: Any) -> None:
        if value is not None and not (low <= Decimal(value) <= high):
            raise ValidationError(message, code="out_of_range")

    return check


def bound_numbers(filterset: django_filters.FilterSet) -> django_filters.FilterSet:
    """Limit a filter set's number filters to what a query can use: a year 1–9999 (a ``year``
    lookup builds dates), any other number a 64-bit integer; beyond them a Chinese field error.
    Call it on a filter set before reading ``.qs`` (the API's filter backend does)."""
    form = filterset.form
    for name, flt in filterset.filters.items():
        field = form.fields.get(name)
        if field is None or not isinstance(flt, django_filters.NumberFilter):
            continue
        if flt.lookup_expr == "year" or name == "year":
            field.validators.append(_check_range(1, 9999, "年度应在1至9999之间"))
        else:
            field.validators.append(_check_range(-MAX_INTEGER, MAX_INTEGER, "数值超出范围"))
    return filterset


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend with :func:`bound_numbers` applied to every filter set."""

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        return None if filterset is None else bound_numbers(filterset)


def streams_upload(request: Any) -> bool:
    """Whether the request goes to a viewset action named in its ``non_atomic_actions``: an
    upload of a large file (evidence, up to gigabytes) is received and hashed while the client
    sends it, and must not hold the database's write lock meanwhile (SQLite's ``BEGIN
    IMMEDIATE``). Such an action's service opens its own transaction once the file is stored."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    view_class = getattr(match.func, "cls", None)
    actions = getattr(match.func, "actions", None) or {}
    action = actions.get(request.method.lower())
    return action is not None and action in getattr(view_class, "non_atomic_actions", ())


class AtomicAPIWritesMiddleware:
    """An API write is one transaction with its response: when anything after the service fails
    (re-reading, serialising) and the answer is a 5xx, the service's work is rolled back too, so
    the API never answers 500 over a committed change. Failed sign-ins (4xx) keep their audit
    entries. Reads are left alone (on SQLite a transaction would take the write lock)."""

    WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        if request.method not in self.WRITES or not request.path.startswith("/api/"):
            return self.get_response(request)
        if streams_upload(request):
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response
