"""Party workbooks for the import tests and the benchmark: rows in the sheet's columns."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

from zhifa.parties.excel import PARTIES
from zhifa.testing.factories import county_id_number, party_uscc


def party_row(n: int, **cells: Any) -> dict[str, Any]:
    """A valid row: an enterprise unless ``cells`` say otherwise (``主体类型="自然人"`` gets an
    ID number instead of a code)."""
    row: dict[str, Any] = dict.fromkeys(PARTIES.columns)
    row.update(
        {
            "主体类型": "企业",
            "名称（姓名）": f"示范市导入商贸有限公司{n}",
            "统一社会信用代码": party_uscc(n),
            "法定代表人（负责人）": "孙八",
            "住所（经营场所）": f"示范市东城区导入路{n}号",
            "所在区划": "990102",
            "行业代码": "F52",
        }
    )
    if cells.get("主体类型") == "自然人":
        row["统一社会信用代码"] = None
        row["身份证号码"] = county_id_number(n)
    row.update(cells)
    return row


def workbook(rows: Iterable[dict[str, Any]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(PARTIES.title)
    sheet.append(list(PARTIES.columns))
    for row in rows:
        sheet.append([row.get(column) for column in PARTIES.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
