"""Error pages that depend on where the request went: the API answers in its JSON error shape."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from zhifa.core.api import error_body

API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: an unknown address under /api/ is a JSON 404, not the HTML page."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            error_body("未找到该接口地址或对象", "not_found"),
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.page_not_found(request, exception)
