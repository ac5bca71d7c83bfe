"""Reading an upload (core Excel kit, python-calamine): cells come back as the importers expect
them — blank cells None, whole numbers ints, Excel's row numbers kept across blank rows."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import Workbook

from zhifa.core.excel import Sheet, read_rows

SHEET = Sheet(
    kind="probe",
    title="测试",
    measure="行",
    columns=("名称", "数量", "日期", "是否"),
    widths=(10, 10, 10, 10),
)


def _book(*rows: list[object]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(SHEET.columns))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_cells_read_as_typed_and_blank_rows_keep_excel_numbering():
    content = _book(
        ["甲", 12, date(2024, 1, 31), True],
        [None, None, None, None],
        ["乙", 2.5, datetime(2024, 2, 1, 8, 30), None],
    )
    rows = read_rows(content, SHEET)
    assert rows == [
        (2, {"名称": "甲", "数量": 12, "日期": date(2024, 1, 31), "是否": True}),
        (4, {"名称": "乙", "数量": 2.5, "日期": datetime(2024, 2, 1, 8, 30), "是否": None}),
    ]
    assert type(rows[0][1]["数量"]) is int


def test_numbers_excel_has_rounded_stay_floats():
    """An 18-digit ID number typed as a number is already rounded by Excel: it must stay a float
    so that the importers refuse it rather than store wrong digits."""
    rows = read_rows(_book(["甲", 110101199001011234, None, None]), SHEET)
    assert isinstance(rows[0][1]["数量"], float)
