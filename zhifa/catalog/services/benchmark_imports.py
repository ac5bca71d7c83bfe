"""Import of discretion benchmarks from Excel (one row per grade, :data:`BENCHMARKS` layout), all or
nothing, with the core kit's pieces (:mod:`zhifa.core.excel`).

Each 事项编码 in the file is one benchmark: its rows are read as the editor's rows
(:mod:`zhifa.catalog.services.benchmark_editor`) and checked by every rule of a save
(``benchmarks.validate_content``: both bounds of a range, inside the statutory range, no gap and no
overlap between grades; 处罚法 art. 34, seed 000 (九)), plus what only a file can get wrong (an
unknown matter, one of another agency, a cell that is not a date, a fact or comparison that cannot
be read). Any problem: :class:`ImportFailed` with each by row and column, nothing written;
otherwise each benchmark is saved as a new draft version of its matter by ``save_draft`` (one
``catalog.benchmark.save`` ledger entry each), in one transaction. Only an agency's 信息管理员
imports, and only for that agency's 行政处罚 matters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from zhifa.catalog.benchmark_excel import (
    BENCHMARKS,
    FACTS_COLUMN,
    GRADE_COLUMNS,
    HEAD_COLUMNS,
    parse_conditions,
    parse_facts,
)
from zhifa.catalog.models import Matter, MatterCategory, MultipleBase
from zhifa.catalog.services import benchmarks
from zhifa.catalog.services.benchmark_editor import fact_specs, from_rows
from zhifa.core.excel import (
    ImportResult,
    RowErrors,
    all_or_nothing,
    blank,
    choice_cell,
    chunks,
    parse_cell,
    read_rows,
    to_bool,
    to_date,
)
from zhifa.core.excel import text as cell_text
from zhifa.org.permissions import importer_agencies

COLUMN_OF = {field: column for column, field in {**HEAD_COLUMNS, **GRADE_COLUMNS}.items()}
BASE_BY_LABEL = {label: value for value, label in MultipleBase.choices}
_GRADE_MESSAGE = re.compile(r"“(?P<name>[^”]+)”：")

Cells = dict[str, Any]


def import_benchmarks(actor: Any, file: Any) -> ImportResult:
    """Save every benchmark of an .xlsx file of :data:`BENCHMARKS` rows as a draft, or none."""
    keeper = importer_agencies(actor)
    rows = read_rows(file, BENCHMARKS)
    with all_or_nothing():
        errors = RowErrors(BENCHMARKS)
        groups: dict[str, list[tuple[int, Cells]]] = {}
        for row, cells in rows:
            code = cell_text(cells["事项编码"])
            if not code:
                errors.add(row, "事项编码", "请填写事项编码")
                continue
            groups.setdefault(code, []).append((row, cells))
        matters: dict[str, Matter] = {}
        for chunk in chunks(sorted(groups)):
            for matter in Matter.objects.filter(code__in=chunk).select_related("agency"):
                matters[matter.code] = matter
        drafts = []
        for code, members in groups.items():
            matter = _matter(errors, members[0][0], matters.get(code), code, keeper)
            drafts.append((matter, _benchmark(errors, members)))
        errors.raise_any()
        for matter, content in drafts:
            benchmarks.save_draft(actor, matter, **content)
    return ImportResult(BENCHMARKS, len(drafts))


def _matter(
    errors: RowErrors, row: int, matter: Matter | None, code: str, keeper: Mapping[int, Any]
) -> Matter | None:
    if matter is None:
        errors.add(row, "事项编码", f"未找到编码为“{code}”的执法事项")
    elif matter.agency_id not in keeper:
        errors.add(row, "事项编码", f"您不是{matter.agency.name}的信息管理员，不能导入其裁量基准")
    elif matter.category != MatterCategory.PENALTY:
        errors.add(row, "事项编码", "裁量基准只适用于行政处罚事项")
    else:
        return matter
    return None


def _head(errors: RowErrors, members: list[tuple[int, Cells]]) -> dict[str, Any]:
    """The benchmark's own columns from its first row; a later row repeating them differently is
    an error on that row."""
    first, cells = members[0]
    for row, later in members[1:]:
        for column in (*HEAD_COLUMNS, FACTS_COLUMN):
            if not blank(later[column]) and cell_text(later[column]) != cell_text(cells[column]):
                errors.add(row, column, f"与第{first}行不一致；同一裁量基准的这一列只需填在第一行")
    head: dict[str, Any] = {
        field: cell_text(cells[column])
        for column, field in HEAD_COLUMNS.items()
        if field not in ("multiple_base", "mitigation_to_warning", "effective_on")
    }
    head["multiple_base"] = (
        choice_cell(errors, first, "罚款倍数的计算基数", cells["罚款倍数的计算基数"], BASE_BY_LABEL)
        or MultipleBase.ILLEGAL_INCOME
    )
    column = "减轻处罚可以给予警告"
    head["mitigation_to_warning"] = bool(
        parse_cell(errors, first, column, lambda: to_bool(cells[column], False))
    )
    head["effective_on"] = parse_cell(errors, first, "施行日期", lambda: to_date(cells["施行日期"]))
    return head


def _benchmark(errors: RowErrors, members: list[tuple[int, Cells]]) -> dict[str, Any]:
    """One benchmark's rows as ``save_draft``'s arguments, its problems added to ``errors``."""
    first, cells = members[0]
    head = _head(errors, members)
    fact_rows = parse_cell(
        errors, first, FACTS_COLUMN, lambda: parse_facts(cell_text(cells[FACTS_COLUMN]))
    )
    if fact_rows is None:
        return {}  # conditions name the facts: they are read once the facts can be
    named = from_rows(head, fact_rows, [])
    for row, fact in zip(fact_rows, named.facts, strict=False):
        row["key"] = fact["key"]
    specs = fact_specs(head, named.facts)
    grade_rows = []
    for row, grade_cells in members:
        if blank(grade_cells["裁量阶次"]):
            errors.add(row, "裁量阶次", "请填写裁量阶次的名称，如：轻微、一般、较重、严重")
        grade = {
            field: cell_text(grade_cells[column])
            for column, field in GRADE_COLUMNS.items()
            if field != "conditions"
        }
        text = cell_text(grade_cells["适用条件"])
        grade["conditions"] = (
            parse_cell(errors, row, "适用条件", lambda t=text: parse_conditions(t, specs)) or []
        )
        grade_rows.append(grade)
    translation = from_rows(head, fact_rows, grade_rows)
    for key, messages in translation.errors.items():
        row, column = _cell(key, first, members)
        for message in messages:
            if not errors.has(row, column):
                errors.add(row, column, message)
    if errors.has(first) or any(errors.has(row) for row, _ in members):
        return {}
    problems = benchmarks.validate_content(head, translation.facts, translation.grades)
    names = {g["name"]: row for g, (row, _) in zip(translation.grades, members, strict=False)}
    for field, messages in problems.items():
        for message in messages:
            if field == "grades":
                row, column = _grade_cell(message, first, names)
            elif field == "facts":
                row, column = first, FACTS_COLUMN
            else:
                row, column = first, COLUMN_OF.get(field, "")
            errors.add(row, column, message)
    return {"facts": translation.facts, "grades": translation.grades, **head}


def _cell(key: str, first: int, members: list[tuple[int, Cells]]) -> tuple[int, str]:
    """An editor error key (``grades-2-fine_max``) as the row and column of the file."""
    parts = key.split("-")
    if parts[0] == "grades" and len(parts) >= 3 and parts[1].isdigit():
        row = members[int(parts[1])][0]
        return row, "适用条件" if parts[2] == "conditions" else COLUMN_OF.get(parts[2], "")
    return first, FACTS_COLUMN


def _grade_cell(message: str, first: int, names: Mapping[str, int]) -> tuple[int, str]:
    """A save's message about a grade (“较重”：罚款幅度超出法定幅度…) on that grade's row, in the
    column it is about; gaps and overlaps on the benchmark's first row."""
    match = _GRADE_MESSAGE.match(message)
    if not match or match["name"] not in names:
        return first, "适用条件"
    rest = message[match.end() :]
    if "倍数" in rest:
        column = "倍数上限"
    elif "罚款" in rest:
        column = "罚款上限（元）"
    elif "条件" in rest:
        column = "适用条件"
    else:
        column = "裁量阶次"
    return names[match["name"]], column
