"""Excel (.xlsx) sheets every app shares: what a sheet is (its Chinese columns, widths, text and
date columns, drop-down choices, notes), errors by row and column as the user sees them in Excel,
and reading an upload (the first worksheet, whose first row must be exactly the sheet's columns).

An app declares its sheets (``Sheet(...)``) and fills them; reading, checking the header, the
blank template (:mod:`zhifa.core.excel.writing`) and the all-or-nothing import
(:mod:`zhifa.core.excel.imports`) are here, once.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

YES, NO = "是", "否"
FIELD_SEPARATOR = "、"
MAX_ROWS = 50_000
NOT_EXCEL = "文件不是有效的Excel（.xlsx）文件"
NOT_EXCEL_HINT = "；如为.xls或.csv文件，请在Excel中“另存为”Excel工作簿（.xlsx）后再导入"


# --------------------------------------------------------------------------------------------
# Errors: by row and column, as the user sees them in Excel
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    """One problem: ``row`` as numbered in Excel (1 is the header row; None: the whole file),
    ``column`` its header ("" when the problem is the row or the file)."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.column:
            return f"第{self.row}行：{self.message}"
        return f"第{self.row}行“{self.column}”：{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportFailed(ValidationError):
    """The file was refused and nothing was written. A ValidationError, so pages and the API show
    its messages like any service's; ``cell_errors`` keeps them by row and column."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        self.cell_errors = list(errors)
        super().__init__([ValidationError(str(e), code="import_invalid") for e in self.cell_errors])


# --------------------------------------------------------------------------------------------
# The sheets
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    kind: str
    title: str  # the worksheet's name and what a row is
    measure: str  # counting word: 名执法人员, 张执法证件, 条培训记录
    columns: tuple[str, ...]
    widths: tuple[int, ...]
    text: frozenset[str] = frozenset()  # kept as text in the template (ID numbers, codes)
    dates: frozenset[str] = frozenset()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def count(self, n: int) -> str:
        return f"{n}{self.measure}{self.title}"


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as ``YYYY-MM-DD``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def id_number_text(value: Any) -> str:
    """A cell holding an ID number, as text; refuses numbers Excel has rounded and masked numbers
    (from an export)."""
    if isinstance(value, float):
        raise ValueError(
            "身份证号码被Excel存成了数字，后几位已丢失；请将该列设为文本格式后重新填写"
        )
    number = text(value)
    if "*" in number:
        raise ValueError("身份证号码已脱敏（导出文件中的号码不完整），请填写完整的身份证号码")
    return number


_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def to_date(value: Any) -> date | None:
    """A date cell, or text such as 2024-01-31, 2024/1/31, 2024年1月31日; None when blank."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.fullmatch(str(value).strip())
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError("日期格式不正确，应为2024-01-31这样的日期")


def to_bool(value: Any, default: bool | None = None) -> bool:
    """是/否 (or a TRUE/FALSE cell); blank is ``default``, or an error when there is none."""
    if isinstance(value, bool):
        return value
    word = text(value)
    if word == YES:
        return True
    if word == NO:
        return False
    if not word and default is not None:
        return default
    raise ValueError("应填写“是”或“否”")


def split_names(value: Any) -> list[str]:
    """Names separated by 、 (commas and semicolons are accepted too)."""
    return [n.strip() for n in re.split(r"[、，,；;]", text(value)) if n.strip()]


def _header_error(found: list[str], sheet: Sheet) -> CellError:
    missing = [c for c in sheet.columns if c not in found]
    extra = [c for c in found if c and c not in sheet.columns]
    problems = []
    if not any(found):
        problems.append("第1行没有表头")
    else:
        if missing:
            problems.append("缺少列：" + "、".join(missing))
        if extra:
            problems.append("多余的列：" + "、".join(extra))
        if not missing and not extra:
            problems.append("列的顺序不对，或有重复、空白的列")
    return CellError(
        1,
        "",
        f"表头不正确（{'；'.join(problems)}）。第1行应依次为：{'、'.join(sheet.columns)}。"
        f"请下载{sheet.title}导入模板填写",
    )


def read_rows(
    file: Any, sheet: Sheet, *, max_rows: int = MAX_ROWS
) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of the first worksheet as (row number in Excel, {column: cell value}).

    Blank rows are skipped. Raises :class:`ImportFailed` when the file is not an .xlsx workbook,
    when the header row is not exactly the sheet's columns, when cells stand outside the columns,
    or when there is no data row or more than ``max_rows`` (:data:`MAX_ROWS` unless the sheet's
    importer allows more, as the parties' register of a whole city does).
    """
    if isinstance(file, bytes | bytearray):
        file = io.BytesIO(file)
    elif hasattr(file, "seek"):
        file.seek(0)
    try:
        _check_xlsx(file)
        workbook = CalamineWorkbook.from_filelike(file)
    except Exception:  # not a zip, not a workbook, a damaged one: calamine's errors
        raise ImportFailed([CellError(None, "", NOT_EXCEL + NOT_EXCEL_HINT)]) from None
    try:
        return _rows(workbook, sheet, max_rows)
    except ImportFailed:
        raise
    except Exception:  # a damaged worksheet inside an otherwise readable zip
        raise ImportFailed([CellError(None, "", NOT_EXCEL + NOT_EXCEL_HINT)]) from None
    finally:
        workbook.close()


def _check_xlsx(file: Any) -> None:
    """Only an .xlsx workbook (a zip holding ``xl/workbook.xml``), as the page says: calamine
    would also read .xls, .xlsb and .ods files, whose dates and numbers the importers were not
    checked against."""
    with zipfile.ZipFile(file) as archive:
        archive.getinfo("xl/workbook.xml")  # KeyError when it is another kind of zip
    file.seek(0)


_EXACT = float(2**53)  # below this a whole float is exactly the integer Excel shows


def _cells(values: list[Any]) -> tuple[Any, ...]:
    """A row as calamine reads it, in the values openpyxl gives: an empty cell is None (calamine
    says ""), a whole number an int (calamine reads every number as a float). Numbers beyond
    2**53 stay floats, as in openpyxl, where Excel has already rounded them (ID numbers typed as
    numbers), so :func:`id_number_text` still refuses them."""
    return tuple(
        None
        if v == ""
        else int(v)
        if v.__class__ is float and v.is_integer() and -_EXACT < v < _EXACT
        else v
        for v in values
    )


def _rows(workbook: Any, sheet: Sheet, max_rows: int) -> list[tuple[int, dict[str, Any]]]:
    """The first worksheet read with python-calamine (Rust; about ten times openpyxl's read-only
    row rate, which was the bulk of a large import's time: benchmarks/README.md,
    excel_parties.py)."""
    if not workbook.sheet_names:
        raise ImportFailed([CellError(None, "", NOT_EXCEL)])
    cells = iter(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))
    found = [text(v) for v in next(cells, None) or ()]
    while found and not found[-1]:
        found.pop()
    if found != list(sheet.columns):
        raise ImportFailed([_header_error(found, sheet)])
    width = len(sheet.columns)
    columns = sheet.columns
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[CellError] = []
    for number, raw in enumerate(cells, start=2):
        values = _cells(raw)
        if all(blank(v) for v in values):
            continue
        if len(values) > width:
            outside = [
                get_column_letter(i)
                for i, v in enumerate(values[width:], start=width + 1)
                if not blank(v)
            ]
            if outside:
                errors.append(
                    CellError(
                        number,
                        "",
                        f"表头以外的{'、'.join(outside)}列有内容，请删除或检查是否错列",
                    )
                )
        values = values[:width] + (None,) * (width - len(values))
        rows.append((number, dict(zip(columns, values, strict=True))))
        if len(rows) > max_rows:
            raise ImportFailed(
                [CellError(None, "", f"一个文件最多导入{max_rows}行，请分成几个文件导入")]
            )
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([CellError(None, "", "文件中除表头外没有数据行")])
    return rows
