"""A database that cannot write or cannot be reached answers 503 with a clear Chinese message.

A read-only database (a replica promoted too late, a disk remounted read-only, SQLite's file
made read-only), a full disk, an unreachable server or a lock held too long is an outage, not a
bug: the user is told what happened and that nothing was saved, and the service recovers by
itself when the cause is gone (nothing is remembered between requests; Django drops a broken
connection at the end of the request and opens a new one for the next). Any other database error
(a missing table, a bad query) stays a 500, so the fuzzer and the logs still see real bugs.

Pages: :class:`DatabaseUnavailableMiddleware` answers for errors raised in views, and
:func:`server_error` (``handler500``) and :func:`bad_request` (``handler400``: Django's session
store reports a failed save as ``SessionInterrupted``) for errors raised later, such as the
session being saved after the view. API: :func:`api_exception_handler` answers before core.api's exception handler.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, InterfaceError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults
from rest_framework.response import Response

from zhifa.core.api import error_body, exception_handler

READ_ONLY = (
    "数据库当前为只读状态，本次操作未能保存（已保存的数据不受影响）。请稍后再试，或联系系统管理员。"
)
FULL = "数据库存储空间已满，本次操作未能保存（已保存的数据不受影响）。请联系系统管理员清理空间。"
UNREACHABLE = "暂时无法连接数据库，本次操作未能完成。请稍后再试；如问题持续，请联系系统管理员。"
BUSY = "数据库繁忙，本次操作未能完成。请稍后再试。"
RETRY_AFTER_SECONDS = 30

# SQLite's messages (sqlite3.OperationalError has no code on Python 3.11) and PostgreSQL's
# SQLSTATE codes (psycopg's errors carry ``sqlstate``), each with what the user is told.
_SQLITE = [
    ("readonly database", READ_ONLY),
    ("database or disk is full", FULL),
    ("disk i/o error", UNREACHABLE),
    ("unable to open database file", UNREACHABLE),
    ("database is locked", BUSY),
]
_SQLSTATE_PREFIXES = [
    ("25006", READ_ONLY),  # read_only_sql_transaction (a standby, default_transaction_read_only)
    ("53100", FULL),  # disk_full
    ("53", UNREACHABLE),  # insufficient resources: out of memory, too many connections
    ("08", UNREACHABLE),  # connection exceptions
    ("57P", UNREACHABLE),  # admin/crash shutdown, cannot connect now
    ("58", UNREACHABLE),  # system errors: I/O
    ("55P03", BUSY),  # lock_not_available
    ("57014", BUSY),  # query_canceled (statement timeout)
]
_MESSAGES = [
    *_SQLITE,
    ("read-only transaction", READ_ONLY),
    ("no space left on device", FULL),
    ("connection already closed", UNREACHABLE),
    ("server closed the connection", UNREACHABLE),
    ("could not connect", UNREACHABLE),
    ("connection refused", UNREACHABLE),
]


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def unavailable_message(exc: BaseException | None) -> str | None:
    """The Chinese message for a database outage, or ``None`` if ``exc`` is something else.

    The exceptions ``exc`` was raised from count too: Django's session store turns a failed save
    into ``SessionInterrupted`` (a 400) raised from the database's error.
    """
    if exc is None:
        return None
    for error in _chain(exc):
        if not isinstance(error, DatabaseError | InterfaceError) and not hasattr(error, "sqlstate"):
            continue
        sqlstate = getattr(error, "sqlstate", None) or ""
        for prefix, message in _SQLSTATE_PREFIXES:
            if sqlstate.startswith(prefix):
                return message
        text = str(error).lower()
        for needle, message in _MESSAGES:
            if needle in text:
                return message
    return None


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def unavailable_response(request: HttpRequest, message: str) -> HttpResponse:
    """503 with the message: JSON in the API's error shape, or a page that needs no database."""
    if _wants_json(request):
        response: HttpResponse = JsonResponse(
            {"detail": message, "code": "database_unavailable", "errors": {}},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        # No RequestContext: the menu's context processor would ask the database again.
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turn an outage raised in a view into the 503 answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        message = unavailable_message(exception)
        return unavailable_response(request, message) if message else None


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """``handler500``: an outage raised outside a view (a middleware saving the session) is a
    503 as well; anything else is Django's own 500 page."""
    message = unavailable_message(sys.exc_info()[1])
    if message:
        return unavailable_response(request, message)
    return defaults.server_error(request, *args, **kwargs)


def bad_request(
    request: HttpRequest, exception: Exception, *args: Any, **kwargs: Any
) -> HttpResponse:
    """``handler400``: the session that could not be saved because of an outage is a 503."""
    message = unavailable_message(exception)
    if message:
        return unavailable_response(request, message)
    return defaults.bad_request(request, exception, *args, **kwargs)


def api_exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's exception handler: an outage is a 503; everything else goes to core.api's."""
    message = unavailable_message(exc)
    if message:
        return Response(
            error_body(message, "database_unavailable"),
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return exception_handler(exc, context)
