"""Writing .xlsx files: the blank import template of a sheet (header row formatted, drop-down
lists for the choices, a 填写说明 sheet) and the write-only export workbook."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from zhifa.core.excel.sheets import MAX_ROWS, Sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F2")


def _to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_workbook(sheet: Sheet, rows: Iterable[Sequence[Any]]) -> bytes:
    """A write-only workbook (exports of tens of thousands of rows) with the sheet's header."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(sheet.title)
    for i, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, value=column)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        header.append(cell)
    ws.append(header)
    for row in rows:
        ws.append([as_text_cell(ws, value) for value in row])
    return _to_bytes(workbook)


#: A text cell starting with one of these is a formula to a spreadsheet (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@")


def as_text_cell(ws: Any, value: Any) -> Any:
    """``value`` as written to an export: text that would start a formula (``=HYPERLINK(…)``,
    ``+1``, ``@SUM``) is kept as text with Excel's quote prefix, never evaluated (OWASP CSV
    injection); other values are written as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def template_workbook(sheet: Sheet, extra: Sequence[tuple[str, bool]] = ()) -> bytes:
    """A blank import file for ``sheet``: the header row (text and date columns formatted,
    drop-down lists for the choices) and a second sheet, 填写说明, with the sheet's notes, the
    expected header and the ``extra`` lines ((text, bold))."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet.title
    ws.append(list(sheet.columns))
    for i, (column, width) in enumerate(zip(sheet.columns, sheet.widths, strict=True), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        header = ws.cell(row=1, column=i)
        header.font, header.fill = _HEADER_FONT, _HEADER_FILL
        if column in sheet.text:
            ws.column_dimensions[letter].number_format = "@"
        if column in sheet.dates:
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        if column in sheet.choices:
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(sheet.choices[column]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="取值无效",
                error="请从下拉列表中选择",
            )
            rule.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            ws.add_data_validation(rule)
    ws.freeze_panes = "A2"

    notes = workbook.create_sheet("填写说明")
    notes.column_dimensions["A"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    lines: list[tuple[str, bool]] = [(f"{sheet.title}导入说明", True)]
    lines += [(f"{n}. {note}", False) for n, note in enumerate(sheet.notes, start=1)]
    lines.append(("", False))
    lines.append(("第1行应依次为：" + "、".join(sheet.columns), False))
    lines += extra
    for row, (line, bold) in enumerate(lines, start=1):
        cell = notes.cell(row=row, column=1, value=line)
        cell.alignment = wrap
        if bold:
            cell.font = _HEADER_FONT
    return _to_bytes(workbook)
