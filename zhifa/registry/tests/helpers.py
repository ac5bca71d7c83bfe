"""Helpers for the registry tests: valid ID numbers, dates, and "refused, and nothing written"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

from zhifa.core.models import LedgerEntry
from zhifa.core.validators import id_number_check_char

#: Exams passed on this day by the officers built in conftest; certificates are issued after it.
EXAM_DAY = date(2023, 1, 10)
ISSUE_DAY = date(2023, 3, 1)
EXPIRY_DAY = date(2028, 2, 29)


def id_number(n: int, birth: str = "19850301") -> str:
    """A valid 18-digit 身份证号码 (GB 11643-1999), distinct for each ``n``."""
    first17 = f"110105{birth}{n % 1000:03d}"  # 北京市朝阳区 (GB/T 2260)
    return first17 + id_number_check_char(first17)


def ledger_actions() -> list[str]:
    return list(LedgerEntry.objects.order_by("seq").values_list("action", flat=True))


def _counts(models: tuple[type[Model], ...]) -> list[int]:
    return [LedgerEntry.objects.count()] + [m.objects.count() for m in models]


@contextmanager
def refused(message: str, *models: type[Model], field: str | None = None) -> Iterator[None]:
    """The block raises a ValidationError whose messages include ``message`` (under ``field`` when
    given) and writes nothing: no ledger entry, no row of ``models``."""
    before = _counts(models)
    with pytest.raises(ValidationError) as caught:
        yield
    error = caught.value
    shown = error.messages if field is None else error.message_dict.get(field, [])
    assert any(message in m for m in shown), shown
    assert _counts(models) == before, "a refused action wrote something"


@contextmanager
def forbidden(*models: type[Model], message: str = "") -> Iterator[None]:
    """The block raises PermissionDenied and writes nothing."""
    before = _counts(models)
    with pytest.raises(PermissionDenied) as caught:
        yield
    assert message in str(caught.value)
    assert _counts(models) == before, "a forbidden action wrote something"


@contextmanager
def recorded(*actions: str) -> Iterator[None]:
    """The block appends exactly ``actions`` to the ledger, in order."""
    seen = LedgerEntry.objects.count()
    yield
    assert ledger_actions()[seen:] == list(actions)
