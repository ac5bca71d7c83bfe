"""Reading an upload (core Excel kit, python-calamine): cells come back as the importers expect
them — blank cells None, whole numbers ints, Excel's row numbers kept across blank rows."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from zhifa.core.excel import ImportFailed, Sheet, read_rows

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


def _ods() -> bytes:
    """A minimal OpenDocument spreadsheet with the sheet's header and one row."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def row(*values: str) -> str:
        cells = "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in values
        )
        return f"<table:table-row>{cells}</table:table-row>"

    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">'
        f"{row(*SHEET.columns)}{row('甲', '1', '2024-01-31', '是')}"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def test_only_xlsx_workbooks_are_read():
    """The page asks for .xlsx; another spreadsheet format is refused with the hint to save it
    as an Excel workbook, even one the reader could parse."""
    with pytest.raises(ImportFailed) as refused:
        read_rows(_ods(), SHEET)
    assert refused.value.cell_errors[0].message.startswith("文件不是有效的Excel（.xlsx）文件")
