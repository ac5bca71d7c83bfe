"""Inserting many new rows of one model fast: imports of a city's registers, the demo, the
ledger's entries for them.

The rows go in as Django's ``bulk_create`` sends them (one multi-row ``INSERT … RETURNING id``
per batch, the ids set on the objects), but each column's values are prepared by one function
chosen once per column — encrypted columns encrypted, dates adapted, plain text, numbers and
keys as they are — instead of the ORM compiling every value, which at 100,000 rows costs more
than the database does. Fields this module does not know are prepared by Django itself
(``get_db_prep_save``), so the result is the same either way; a backend that cannot return the
ids of a multi-row insert gets ``bulk_create``. No signals are sent (as with ``bulk_create``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models
from django.utils import timezone

#: Values per statement, under SQLite's 32,766 variables (and PostgreSQL's 65,535).
MAX_PARAMS = 30_000
MAX_ROWS = 500

#: Exactly these field classes (not subclasses, which may prepare otherwise) take their Python
#: value as the database's: text, booleans, integers, and keys (an instance's ``…_id``).
_AS_IS = frozenset(
    {
        models.CharField,
        models.TextField,
        models.BooleanField,
        models.IntegerField,
        models.BigIntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveBigIntegerField,
        models.PositiveSmallIntegerField,
        models.ForeignKey,
        models.OneToOneField,
    }
)


def _preparer(field: models.Field, connection: Any) -> Callable[[Any], Any]:
    if getattr(field, "encrypted", False):
        return field.get_prep_value
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if type(field) in _AS_IS:
        return _same
    return lambda value: field.get_db_prep_save(value, connection)


def _same(value: Any) -> Any:
    return value


def _auto_now(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def insert(objs: Sequence[models.Model]) -> None:
    """Insert new (unsaved) instances of one model, in the caller's transaction; a model with
    an automatic primary key gets its ids set on the instances."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    connection = connections[model._default_manager.db]
    auto_pk = isinstance(meta.pk, models.AutoField)
    if auto_pk and not connection.features.can_return_rows_from_bulk_insert:
        model._default_manager.bulk_create(objs, batch_size=MAX_ROWS)
        return
    fields = [f for f in meta.concrete_fields if not (auto_pk and f.primary_key)]
    columns = [(f.attname, _preparer(f, connection)) for f in fields]
    stamped = [f.attname for f in fields if _auto_now(f)]
    now = timezone.now()
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f" RETURNING {quote(meta.pk.column)}" if auto_pk else ""
    size = max(1, min(MAX_ROWS, MAX_PARAMS // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params: list[Any] = []
            for obj in batch:
                for name in stamped:
                    setattr(obj, name, now)
                params.extend(prepare(getattr(obj, name)) for name, prepare in columns)
            cursor.execute(f"{head} VALUES {', '.join([row] * len(batch))}{returning}", params)
            if auto_pk:
                for obj, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                    obj.pk = pk
            for obj in batch:
                obj._state.adding = False
                obj._state.db = connection.alias
