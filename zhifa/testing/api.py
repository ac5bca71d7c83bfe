"""API test helpers: sign an APIClient in as a user, and recognise the one error shape."""

from __future__ import annotations

from typing import Any

from zhifa.org.models import User


def login_api(client: Any, user: User | None) -> Any:
    """Authenticate an APIClient as ``user`` (session-less, as a token would; None signs out)."""
    client.force_authenticate(user=user)
    return client


as_user = login_api


def chinese_error(body: dict) -> bool:
    """The one error shape (``detail``, ``code``, ``errors`` by field), every message in Chinese."""
    if set(body) != {"detail", "code", "errors"} or body["detail"].isascii():
        return False
    return all(not m.isascii() for msgs in body["errors"].values() for m in msgs)
