"""Strict parsing of settings from the environment.

A value that is present but malformed raises ``ImproperlyConfigured`` at start-up, naming the
variable, instead of silently falling back to a default (the healthchecks way).
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false/1/0), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list without empty items")
    return items


def env_json_object(name: str, default: dict) -> dict:
    """A JSON object (``{"bucket_name": "zhifa"}``), for a backend's options."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = json.loads(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {raw!r}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {raw!r}")
    return value


def env_header(name: str) -> str | None:
    """An HTTP header name (``X-Forwarded-Proto``) as Django's ``request.META`` key, or None."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if not re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", value):
        raise ImproperlyConfigured(
            f"{name} must be an HTTP header name such as X-Forwarded-Proto, got {raw!r}"
        )
    return "HTTP_" + value.upper().replace("-", "_")


def env_hex_key(name: str, *, nbytes: int, keep_in: Path) -> bytes:
    """A binary key from a hex variable; if unset, generated once and kept in ``keep_in``.

    The kept file is for the demo and development; production sets the variable (or mounts the file
    from a secret store).
    """
    raw = os.environ.get(name)
    if raw is None:
        if keep_in.exists():
            raw = keep_in.read_text().strip()
        else:
            keep_in.parent.mkdir(parents=True, exist_ok=True)
            raw = secrets.token_hex(nbytes)
            keep_in.write_text(raw)
            keep_in.chmod(0o600)
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be hexadecimal") from None
    if len(key) != nbytes:
        raise ImproperlyConfigured(f"{name} must be {nbytes} bytes ({nbytes * 2} hex digits)")
    return key


def env_secret(name: str, *, keep_in: Path) -> str:
    """A secret string; if unset, generated once and kept in ``keep_in`` (demo/development)."""
    raw = os.environ.get(name)
    if raw is not None:
        if len(raw) < 32:
            raise ImproperlyConfigured(f"{name} must be at least 32 characters")
        return raw
    if keep_in.exists():
        return keep_in.read_text().strip()
    keep_in.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    keep_in.write_text(value)
    keep_in.chmod(0o600)
    return value
