"""Business parameters: each rule's number has a national default and may be configured locally.

rules.md: "Where a number differs by place, it is configuration with the national default below,
editable by an administrator, with its change recorded." Apps declare their parameters here with
:func:`declare`; :func:`get` reads the configured value or the default; :func:`set_value` is the
system administrator's service, validated and written to the ledger.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from zhifa.core import ledger
from zhifa.core.errors import field_error
from zhifa.core.models import Parameter
from zhifa.core.permissions import require_role


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    default: Any
    kind: type  # int, Decimal or bool
    minimum: Any = None
    maximum: Any = None
    source: str = ""


REGISTRY: dict[str, Definition] = {}

#: Within :func:`remembered`, the values read so far (None outside it).
_remembered: ContextVar[dict[str, Any] | None] = ContextVar("zhifa_parameters", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within the block each parameter is read from the database once: for a computation that
    asks for the same numbers many times (a pre-filing's checks call ``can_enforce`` for every
    officer and day, each reading the review window). A change made inside the block is seen."""
    token = _remembered.set({}) if _remembered.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _remembered.reset(token)


def declare(definition: Definition) -> Definition:
    REGISTRY[definition.key] = definition
    return definition


def _coerce(definition: Definition, raw: Any) -> Any:
    try:
        if definition.kind is bool:
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() in ("true", "1", "是"):
                return True
            if str(raw).lower() in ("false", "0", "否"):
                return False
            raise ValueError
        if definition.kind is int:
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            return int(str(raw).strip())
        if definition.kind is Decimal:
            return Decimal(str(raw).strip())
    except (ValueError, InvalidOperation):
        pass
    kind = {bool: "是或否", int: "整数", Decimal: "数字"}[definition.kind]
    raise field_error("value", f"{definition.label}应为{kind}")


def get(key: str) -> Any:
    """The configured value of a parameter, or its national default."""
    memo = _remembered.get()
    if memo is not None and key in memo:
        return memo[key]
    definition = REGISTRY[key]
    stored = Parameter.objects.filter(key=key).values_list("value", flat=True).first()
    value = definition.default if stored is None else _coerce(definition, stored)
    if memo is not None:
        memo[key] = value
    return value


@transaction.atomic
def set_value(actor: Any, key: str, raw: Any) -> Any:
    """Configure a parameter (system administrator); the change goes to the ledger."""
    require_role(actor, "system_admin", message="只有系统管理员可以修改业务参数")
    definition = REGISTRY.get(key)
    if definition is None:
        raise field_error("key", "没有这个业务参数")
    value = _coerce(definition, raw)
    if definition.minimum is not None and value < definition.minimum:
        raise field_error("value", f"{definition.label}不能小于{definition.minimum}")
    if definition.maximum is not None and value > definition.maximum:
        raise field_error("value", f"{definition.label}不能大于{definition.maximum}")
    previous = get(key)
    stored = str(value) if isinstance(value, Decimal) else value
    Parameter.objects.update_or_create(key=key, defaults={"value": stored})
    memo = _remembered.get()
    if memo is not None:
        memo[key] = value
    ledger.append(
        actor=actor,
        action="core.parameter.set",
        object_type="core.parameter",
        object_id=key,
        before={"value": previous},
        after={"value": value},
    )
    return value
