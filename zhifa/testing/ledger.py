"""Assertions about what an action wrote: "refused, and nothing written", "forbidden, and nothing
written", "recorded exactly these ledger entries" — once, for every app's tests.

"Nothing written" means: no new ledger entry, and the same number of rows of each model named.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

from zhifa.core.models import LedgerEntry


def last_seq() -> int:
    """The sequence number of the newest ledger entry (0 for an empty ledger)."""
    entry = LedgerEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


def ledger_count() -> int:
    return LedgerEntry.objects.count()


def ledger_actions(since: int = 0) -> list[str]:
    """The actions recorded after entry ``since`` (every action when 0), oldest first."""
    return list(
        LedgerEntry.objects.filter(seq__gt=since).order_by("seq").values_list("action", flat=True)
    )


def ledger_since(seen: int) -> list[LedgerEntry]:
    """The entries after the first ``seen`` of the ledger (``seen`` = an earlier count)."""
    return list(LedgerEntry.objects.order_by("seq")[seen:])


def entries(action: str) -> list[LedgerEntry]:
    return list(LedgerEntry.objects.filter(action=action).order_by("seq"))


def payload(entry: LedgerEntry) -> dict[str, Any]:
    return json.loads(entry.payload.body)


def ledger_text() -> str:
    """Every ledger entry's payload, as one string, to search for things never recorded."""
    return "\n".join(
        e.payload.body for e in LedgerEntry.objects.select_related("payload").order_by("seq")
    )


def _counts(models: tuple[type[Model], ...]) -> list[int]:
    return [last_seq(), LedgerEntry.objects.count()] + [m.objects.count() for m in models]


@contextmanager
def refused(
    message: str = "", *models: type[Model], field: str | None = None
) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """The block raises a ValidationError whose messages include ``message`` (under ``field`` when
    given) and writes nothing: no ledger entry, no row of ``models``."""
    before = _counts(models)
    with pytest.raises(ValidationError) as caught:
        yield caught
    error = caught.value
    shown = error.messages if field is None else error.message_dict.get(field, [])
    assert any(message in m for m in shown), shown
    assert _counts(models) == before, "a refused action wrote something"


@contextmanager
def forbidden(*models: type[Model], message: str = "") -> Iterator[None]:
    """The block raises PermissionDenied (its text including ``message``) and writes nothing."""
    before = _counts(models)
    with pytest.raises(PermissionDenied) as caught:
        yield
    assert message in str(caught.value)
    assert _counts(models) == before, "a forbidden action wrote something"


@contextmanager
def recorded(*actions: str) -> Iterator[None]:
    """The block appends exactly ``actions`` to the ledger, in order."""
    since = last_seq()
    yield
    assert ledger_actions(since) == list(actions)
