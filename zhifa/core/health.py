"""``/healthz`` for the load balancer and monitoring: is this instance able to serve?

It answers without signing in and tells nothing but ok or not (no versions, no counts, no
error texts: those stay in the log, under the request id).
"""

from __future__ import annotations

import logging
from contextlib import nullcontext

from django.db import DatabaseError, InterfaceError, connection, transaction
from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from zhifa.core.models import LedgerHead

logger = logging.getLogger(__name__)

DATABASE_DOWN = "数据库无法连接"
LEDGER_UNREADABLE = "全过程记录台账无法读取"


def _answer(status: int, body: dict[str, str]) -> JsonResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    add_never_cache_headers(response)
    return response


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 ``{"status": "ok"}`` when the database answers and the ledger's head can be read;
    otherwise 503 with a Chinese message saying which."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (DatabaseError, InterfaceError):
        logger.exception("health check: database unreachable")
        return _answer(503, {"status": "unavailable", "detail": DATABASE_DOWN})
    # Plain reads: an atomic block would take SQLite's write lock (BEGIN IMMEDIATE) and make the
    # probe queue behind writers. Only inside an enclosing transaction (tests) a savepoint keeps
    # a failed read from spoiling it.
    guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with guard:
            LedgerHead.objects.filter(id=1).values_list("seq", flat=True).first()
    except (DatabaseError, InterfaceError):
        logger.exception("health check: ledger head unreadable")
        return _answer(503, {"status": "unavailable", "detail": LEDGER_UNREADABLE})
    return _answer(200, {"status": "ok", "database": "ok", "ledger": "ok"})
