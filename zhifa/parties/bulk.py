"""The ledger's view of a party, built directly: the same dictionary
:func:`zhifa.core.ledger.snapshot` gives, without its JSON round trip (imports of a city's
register take one per row). Rows themselves go in through :func:`zhifa.core.bulk.insert`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from zhifa.core.bulk import insert
from zhifa.core.crypto import blind_index
from zhifa.parties.models import Party

_ENCODER = DjangoJSONEncoder()


def insert_parties(parties: list[Party]) -> None:
    """Insert new (unsaved) parties, setting their ids; inside the caller's transaction."""
    insert(parties)


def snapshot(party: Party) -> dict[str, Any]:
    """The ledger's view of a party: concrete fields by column name, encrypted ones by their keyed
    SM3 index, dates as text."""
    data: dict[str, Any] = {}
    for field in Party._meta.concrete_fields:
        value = field.value_from_object(party)
        if getattr(field, "encrypted", False):
            value = f"hmac-sm3:{blind_index(value)}" if value else ""
        elif isinstance(value, date | datetime):
            value = _ENCODER.default(value)
        data[field.attname] = value
    return data
