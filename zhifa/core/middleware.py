"""Response headers every page needs (the rest come from Django's SecurityMiddleware and
django-csp: see settings, "HTTPS and security headers")."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreWhenSignedInMiddleware:
    """A signed-in user's pages and API answers hold agency data and personal data: no browser
    or proxy may keep a copy (``Cache-Control: no-store``), so the back button on a shared office
    computer after 退出 shows nothing. Public pages stay cacheable.

    Placed after AuthenticationMiddleware; DRF sets ``request.user`` for token requests too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        already = "no-store" in response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not already:
            add_never_cache_headers(response)
        return response
