"""A user whose password was reset by someone else changes it before doing anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from zhifa.core.api import error_body

MUST_CHANGE = "您的密码已被重置，请先修改密码"


class ForcePasswordChangeMiddleware:
    """After AuthenticationMiddleware: pages redirect to the change-password page, the API
    answers 403, until the user has chosen their own password (GB/T 22239-2019 8.1.4.1)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (reverse("password_change"), reverse("logout"), "/static/")
            if not request.path.startswith(allowed):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        error_body(MUST_CHANGE, "password_change_required"), status=403
                    )
                return redirect(f"{reverse('password_change')}?next={request.path}")
        return self.get_response(request)
