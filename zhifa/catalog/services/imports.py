"""Bulk import of 执法事项 from Excel, all or nothing, as the registry's imports
(:mod:`zhifa.registry.services.imports`), with the core kit's pieces (:mod:`zhifa.core.excel`).

Every row is read and checked by :func:`~zhifa.catalog.services.matters.clean_matter` — the rule
of the pages and the API (code, name, category, level, and the legal basis: law, article, text) —
plus what only a file can get wrong: labels that are not choices, unknown agencies or agencies the
importer does not keep, too long a cell, the same code twice in the file. Codes already registered
are looked up once (chunked ``IN``), not once per row. Any problem: :class:`ImportFailed` listing
each by row and column, and nothing is written; otherwise every matter is created in one
transaction with one ``catalog.matter.create`` ledger entry each (:func:`ledger.append_many`).

Only an agency's 信息管理员 imports, and only that agency's matters (as ``create_matter``).
"""

from __future__ import annotations

from typing import Any

from zhifa.catalog import excel
from zhifa.catalog.models import Matter, MatterCategory, MatterLevel, MatterStatus
from zhifa.catalog.services.matters import FIELDS, clean_matter
from zhifa.core import ledger
from zhifa.core.excel import (
    CHUNK,
    CellError,
    ImportFailed,
    ImportResult,
    RowErrors,
    all_or_nothing,
    choice_cell,
    chunks,
    read_rows,
    text_cell,
)
from zhifa.core.excel import text as cell_text
from zhifa.org.models import Agency, EnforcementField
from zhifa.org.permissions import importer_agencies

__all__ = ["CellError", "ImportFailed", "MatterImportResult", "import_matters"]

#: clean_matter's fields → the sheet's columns.
COLUMNS = {
    "code": "事项编码",
    "name": "事项名称",
    "category": "职权类别",
    "level": "行使层级",
    "field": "执法领域",
    "law": "法律依据",
    "article": "条款",
    "article_text": "条文内容",
    "status": "状态",
}
CATEGORY_BY_LABEL = {label: value for value, label in MatterCategory.choices}
LEVEL_BY_LABEL = {label: value for value, label in MatterLevel.choices}
STATUS_BY_LABEL = {label: value for value, label in MatterStatus.choices}
MAX_LENGTHS = {"事项编码": 40, "事项名称": 200, "法律依据": 200, "条款": 100}
CONFLICT = "导入期间有其他用户同时登记了相同编码的执法事项，本次未导入任何数据，请重新导入"


#: The name this module's callers know; every import returns the core kit's result.
MatterImportResult = ImportResult


def import_matters(actor: Any, file: Any) -> MatterImportResult:
    """Create every matter in an .xlsx file of :data:`excel.MATTERS` columns, or none."""
    keeper = importer_agencies(actor)
    sheet = excel.MATTERS
    rows = read_rows(file, sheet)
    with all_or_nothing(CONFLICT):
        agencies = list(Agency.objects.all())
        by_name = {a.short_name: a for a in agencies if a.short_name}
        by_name.update({a.name: a for a in agencies})
        fields = {f.name: f for f in EnforcementField.objects.all()}
        codes = sorted({cell_text(cells["事项编码"]) for _, cells in rows} - {""})
        taken: set[str] = set()
        for chunk in chunks(codes):
            taken.update(Matter.objects.filter(code__in=chunk).values_list("code", flat=True))

        errors = RowErrors(sheet)
        seen: dict[str, int] = {}
        new: list[Matter] = []
        for row, cells in rows:
            agency = _agency(errors, row, cells["实施主体"], by_name, keeper)
            data = _data(errors, row, cells)
            data["field"] = _field(errors, row, cells["执法领域"], fields)
            errors.merge(row, clean_matter(data, None, taken_codes=taken), COLUMNS)
            code = data["code"]
            if code and not errors.has(row, "事项编码"):
                if code in seen:
                    errors.add(row, "事项编码", f"与第{seen[code]}行的事项编码重复")
                else:
                    seen[code] = row
            if not errors.has(row):
                new.append(Matter(agency=agency, **{k: data[k] for k in FIELDS}))
        errors.raise_any()

        Matter.objects.bulk_create(new, batch_size=CHUNK)
        ledger.append_many(
            actor=actor,
            action="catalog.matter.create",
            changes=[ledger.Change(obj=m, after=ledger.snapshot(m)) for m in new],
        )
    return ImportResult(sheet, len(new))


def _agency(
    errors: RowErrors, row: int, value: Any, agencies: dict[str, Agency], keeper: dict[int, Agency]
) -> Agency | None:
    name = cell_text(value)
    agency = agencies.get(name)
    if not name:
        errors.add(row, "实施主体", "请填写实施主体")
    elif agency is None:
        errors.add(row, "实施主体", f"未找到执法主体“{name}”，请填写全称")
    elif agency.pk not in keeper:
        errors.add(row, "实施主体", f"您不是{agency.name}的信息管理员，不能导入该单位的执法事项")
        return None
    return agency


_choice = choice_cell


def _field(
    errors: RowErrors, row: int, value: Any, fields: dict[str, EnforcementField]
) -> EnforcementField | None:
    """The 执法领域 named in the cell (may be left blank: the matter is not yet classified)."""
    name = cell_text(value)
    if name and name not in fields:
        errors.add(row, "执法领域", f"未找到执法领域“{name}”，可填写：{'、'.join(fields)}")
    return fields.get(name)


def _data(errors: RowErrors, row: int, cells: dict[str, Any]) -> dict[str, Any]:
    """One row's cells as clean_matter's data, reporting what cannot be read."""
    data: dict[str, Any] = {
        key: text_cell(errors, row, column, cells[column], MAX_LENGTHS[column])
        for key, column in COLUMNS.items()
        if column in MAX_LENGTHS
    }
    data["article_text"] = cell_text(cells["条文内容"])
    data["category"] = _choice(errors, row, "职权类别", cells["职权类别"], CATEGORY_BY_LABEL)
    data["level"] = _choice(errors, row, "行使层级", cells["行使层级"], LEVEL_BY_LABEL)
    status = _choice(errors, row, "状态", cells["状态"], STATUS_BY_LABEL)
    data["status"] = status or MatterStatus.ACTIVE
    return data
