"""Role checks used by services (the roles themselves are defined by the org app's user model)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


def require_role(actor: Any, *roles: str, message: str = "您无权执行此操作") -> None:
    """Refuse unless ``actor`` is an active user holding one of ``roles``."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录")
    if not actor.has_role(*roles):
        raise PermissionDenied(message)
