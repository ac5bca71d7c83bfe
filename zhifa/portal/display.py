"""The larger-text mode (大字版): a switch in every page's header, kept in a cookie.

The 适老化 rules for government sites (工业和信息化部《互联网应用适老化及无障碍改造专项行动方案》,
工信部信管〔2020〕200号, and its 《互联网网站适老化通用设计规范》) ask for a mode with larger type and
larger controls that an older visitor can switch on once and keep. The switch is an ordinary form
(it works without JavaScript); the choice is a cookie, so it holds for anonymous visitors too, and
the server marks ``<html class="text-large">`` when it renders the page (no flash of small text).
A display preference, not business data: nothing is written to the database or the ledger.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

COOKIE = "zhifa_text"
LARGE = "large"
NORMAL = "normal"
COOKIE_AGE = 365 * 24 * 3600  # a year: the visitor chose it once


def is_large(request: HttpRequest) -> bool:
    return request.COOKIES.get(COOKIE) == LARGE


def text_size(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``text_large`` (the ``<html>`` class and the switch's wording)."""
    return {"text_large": is_large(request)}


def _back(request: HttpRequest) -> str:
    """Where the switch was pressed (the same page), or the home page for any other address."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_POST
def text_size_switch(request: HttpRequest) -> HttpResponse:
    """Switch 大字版 on (``size=large``) or off (``size=normal``) and go back to the page."""
    size = request.POST.get("size", "")
    if size not in (LARGE, NORMAL):
        return HttpResponseBadRequest(
            "字号只能选择“大字版”或“标准字号”。".encode(), content_type="text/plain; charset=utf-8"
        )
    response = HttpResponseRedirect(_back(request))
    if size == LARGE:
        response.set_cookie(
            COOKIE,
            LARGE,
            max_age=COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
