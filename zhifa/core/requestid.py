"""The request id: one per HTTP request, in the response header, every log line and ledger entry.

A reverse proxy (nginx's ``$request_id``) may pass its own in ``X-Request-ID`` so that its access
log and ours agree; a value that is not a plain token (letters, digits, ``-``, ``_``, ``.``, ``:``,
at most 64 characters) is ignored and a fresh UUID4 is used instead, so nothing a client sends
can forge a log line or overflow the ledger's column.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
MAX_LENGTH = 64
NO_REQUEST = "-"
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")

_current: ContextVar[str] = ContextVar("zhifa_request_id", default="")


def current() -> str:
    """The id of the request being served, or ``""`` outside a request (commands, shell)."""
    return _current.get()


def new_id() -> str:
    return str(uuid.uuid4())


def accepted(incoming: str | None) -> str | None:
    """The incoming header's value if it is a sane token, else ``None``."""
    if incoming and _SANE.fullmatch(incoming):
        return incoming
    return None


class RequestIdMiddleware:
    """Assign the request id first, so every later middleware, view and log line sees it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        trusted = getattr(settings, "TRUST_REQUEST_ID", True)
        request_id = (trusted and accepted(request.headers.get(HEADER))) or new_id()
        request.request_id = request_id
        # Kept until the response is closed (not reset on the way out): Django logs a 4xx/5xx
        # answer after the middleware chain has returned, and that line needs the id too.
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget(**kwargs: object) -> None:
    """After the response: work done later in this thread (a test, a command) is not the request's."""
    _current.set("")


request_finished.connect(_forget, dispatch_uid="zhifa.core.requestid.forget")


class RequestIdFilter(logging.Filter):
    """Give every log record a ``request_id`` attribute (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current() or NO_REQUEST
        return True
