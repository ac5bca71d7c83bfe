"""Values checked against the columns that will hold them, before anything is saved.

SQLite stores a number of any size in a ``DecimalField`` and fails only when reading it back, and
PostgreSQL fails mid-transaction; either way the user got a 500 instead of a message. A service
calls :func:`column_errors` with the values it is about to save and reports them like any other
field error (in Chinese), so nothing that cannot be read back is ever written.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models


def _label(field: models.Field) -> str:
    name = str(field.verbose_name)
    return "" if name == field.name.replace("_", " ") else name


def decimal_problem(field: models.DecimalField, value: Any) -> str | None:
    """Why ``value`` does not fit ``field`` (its max_digits and decimal_places), or None."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "应为数字"
    if not number.is_finite():
        return "应为有限的数字"
    places = field.decimal_places or 0
    whole = (field.max_digits or 0) - places
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        return f"最多保留{places}位小数" if places else "应为整数"
    if abs(number) >= Decimal(10) ** whole:
        largest = Decimal(10) ** whole - Decimal(1).scaleb(-places)
        return f"不能超过{largest:f}"
    return None


def integer_problem(field: models.Field, value: Any) -> str | None:
    """Why ``value`` is not an integer the database column can hold, or None."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return "应为整数"
    if isinstance(value, float | Decimal) and number != value:
        return "应为整数"
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    if low is not None and number < low:
        return f"不能小于{low}"
    if high is not None and number > high:
        return f"不能超过{high}"
    return None


def column_errors(
    model: type[models.Model],
    values: Mapping[str, Any],
    *,
    prefix: str = "",
    labels: Mapping[str, str] | None = None,
) -> dict[str, list[str]]:
    """For each of ``values`` (field name → value about to be saved), the Chinese message when it
    does not fit its column: a DecimalField's digits and decimal places, an integer field's range,
    a CharField's max_length. ``None``, ``""`` and fields the model lacks are left alone. ``prefix``
    (e.g. "“从重”：") goes before each message, for rows inside one field; ``labels`` name fields
    whose verbose_name is not what the user calls them."""
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        if value is None or value == "":  # not given: whether it is required is the service's
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # not a column of this model
            continue
        problem = None
        if isinstance(field, models.DecimalField):
            problem = decimal_problem(field, value)
        elif isinstance(field, models.IntegerField) and not isinstance(field, models.AutoField):
            problem = integer_problem(field, value)
        elif isinstance(field, models.CharField) and len(str(value)) > (field.max_length or 0):
            problem = f"不能超过{field.max_length}个字符"
        if problem:
            label = (labels or {}).get(name, _label(field))
            errors.setdefault(name, []).append(f"{prefix}{label}{problem}")
    return errors
