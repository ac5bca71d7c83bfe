"""The main menu and the user's role names, on every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from zhifa.org.models import Role
from zhifa.portal.collect import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {
        "nav_items": menu_for(user),
        "role_names": [Role(role).label for role in sorted(user.role_set)],
    }
