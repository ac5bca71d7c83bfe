"""The all-or-nothing import every app's importer follows.

An importer reads the whole file (:func:`zhifa.core.excel.read_rows`), checks every row by the
rules its pages and API use, plus what only a file can get wrong (cells that are not dates,
unknown names, the same key twice in the file), and collects every problem by row and column
(:class:`RowErrors`). If there is any, it raises :class:`ImportFailed` and writes nothing;
otherwise it creates every row in one transaction (:func:`all_or_nothing`), with one ledger entry
per row appended under one lock (:func:`zhifa.core.ledger.append_many`).

Lookups are prefetched into dictionaries in chunks (:func:`chunks`), so the number of queries
does not grow with the rows except for the chunked ``IN`` lookups and the batched inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from zhifa.core.excel.sheets import CellError, ImportFailed, Sheet, text

CHUNK = 500  # rows per INSERT, values per IN (well under SQLite's variable limit)
CONFLICT = "导入期间有其他用户同时登记了相同的数据，本次未导入任何数据，请重新导入"


@dataclass(frozen=True)
class ImportResult:
    """What an import created: ``created`` rows of ``sheet``."""

    sheet: Sheet
    created: int

    @property
    def kind(self) -> str:
        return self.sheet.kind

    def __str__(self) -> str:
        return f"已导入{self.sheet.count(self.created)}"


class RowErrors:
    """Problems by row and column; a column keeps only its first kind of problem (a cell that is
    not a date is not also reported as missing)."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.items: list[CellError] = []
        self._cells: set[tuple[int, str]] = set()
        self._rows: set[int] = set()

    def add(self, row: int, column: str, message: str) -> None:
        self.items.append(CellError(row, column, message))
        self._cells.add((row, column))
        self._rows.add(row)

    def has(self, row: int, column: str = "") -> bool:
        """Whether the row (or one of its cells) has a problem already."""
        return (row, column) in self._cells if column else row in self._rows

    def merge(self, row: int, found: dict[str, list[str]], columns: dict[str, str]) -> None:
        """A clean_* function's errors by field, put in the columns ``columns`` maps them to."""
        for name, messages in found.items():
            column = columns[name]
            if messages and not self.has(row, column):
                for message in messages:
                    self.add(row, column, message)

    def raise_any(self) -> None:
        if self.items:
            order = {c: i for i, c in enumerate(self.sheet.columns)}
            self.items.sort(key=lambda e: (e.row or 0, order.get(e.column, -1)))
            raise ImportFailed(self.items)


@contextmanager
def all_or_nothing(conflict: str = CONFLICT) -> Iterator[None]:
    """One transaction for checking and writing. A unique constraint broken by someone writing
    the same person or number at the same moment refuses the file (all rolled back, with the
    ``conflict`` message) rather than failing with a server error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ImportFailed([CellError(None, "", conflict)]) from None


def parse_cell(errors: RowErrors, row: int, column: str, parse: Callable[[], Any]) -> Any:
    """Parse a cell; a ValueError's message becomes the cell's error and the value None."""
    try:
        return parse()
    except ValueError as exc:
        errors.add(row, column, str(exc))
        return None


def text_cell(errors: RowErrors, row: int, column: str, value: Any, max_length: int) -> str:
    value = text(value)
    if len(value) > max_length:
        errors.add(row, column, f"不能超过{max_length}个字")
    return value


def chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def choice_cell(
    errors: RowErrors, row: int, column: str, value: Any, by_label: dict[str, str]
) -> str | None:
    """A label's stored value; blank is None (the service asks for it), an unknown label an
    error naming the choices. The stored value itself is accepted too."""
    label = text(value)
    if not label:
        return None
    if label in by_label:
        return by_label[label]
    if label in by_label.values():
        return label
    errors.add(row, column, f"{column}应为{'、'.join(by_label)}之一")
    return None
