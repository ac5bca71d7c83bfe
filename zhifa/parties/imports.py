"""Bulk import of parties from Excel, all or nothing (the core kit's :mod:`zhifa.core.excel`).

Every row is checked by the rules the pages and the API use (:func:`services.clean_party`), plus
what only a file can get wrong (unknown regions or kinds, dates that are not dates, the same code
or ID number twice in the file); any problem refuses the whole file with every error by row and
column. Codes and ID numbers already registered are prefetched in chunks (by blind index: no ID
number is decrypted), regions once, so a city's register of hundreds of thousands of entities is
read in a few queries per thousand rows; rows are inserted in batches with one ledger entry each,
appended under one lock.

Only an agency's information administrator imports (they may also record, with the reason, a
code that fails the GB 32100 check as verified by the registration authority).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.core import excel as kit
from zhifa.core import ledger
from zhifa.core.crypto import blind_index
from zhifa.core.excel import (
    ImportResult,
    RowErrors,
    all_or_nothing,
    choice_cell,
    chunks,
    parse_cell,
    text_cell,
)
from zhifa.core.validators import validate_id_number
from zhifa.org.models import Region
from zhifa.parties import bulk, services
from zhifa.parties.excel import MAX_PARTY_ROWS, PARTIES
from zhifa.parties.models import Party, PartyKind, RiskClass, may_administer_parties

CONFLICT = "导入期间有其他用户同时登记了相同的当事人，本次未导入任何数据，请重新导入"

#: clean_party's fields → the sheet's columns.
COLUMNS = {
    "kind": "主体类型",
    "name": "名称（姓名）",
    "uscc": "统一社会信用代码",
    "id_number": "身份证号码",
    "legal_representative": "法定代表人（负责人）",
    "address": "住所（经营场所）",
    "region": "所在区划",
    "industry": "行业代码",
    "credit_grade": "信用等级",
    "credit_graded_on": "信用评级日期",
    "credit_source": "信用评级来源",
    "risk_class": "风险等级",
    "risk_classed_on": "风险分类日期",
    "risk_source": "风险分类来源",
    "policy_officer_name": "企业政策官",
    "policy_officer_phone": "企业政策官电话",
    "liaison_leader_name": "包保领导干部",
    "liaison_leader_phone": "包保领导干部电话",
}
KIND_BY_LABEL = {label: value for value, label in PartyKind.choices}
RISK_BY_LABEL = {label: value for value, label in RiskClass.choices}
MAX_LENGTHS = {
    "名称（姓名）": 200,
    "法定代表人（负责人）": 50,
    "住所（经营场所）": 200,
    "信用评级来源": 100,
    "风险分类来源": 100,
    "企业政策官": 50,
    "包保领导干部": 50,
}


def _index_of(number: str) -> str | None:
    try:
        return blind_index(validate_id_number(number))
    except ValidationError:
        return None


def _regions() -> dict[str, Region]:
    regions = list(Region.objects.all())
    by_key = {r.code: r for r in regions}
    names: dict[str, list[Region]] = {}
    for region in regions:
        names.setdefault(region.name, []).append(region)
    by_key.update({name: found[0] for name, found in names.items() if len(found) == 1})
    return by_key


def _parse(errors: RowErrors, row: int, cells: dict[str, Any], regions: dict) -> dict[str, Any]:
    """One row's cells as clean_party's data, reporting what cannot be read."""
    data: dict[str, Any] = {}
    data["kind"] = choice_cell(errors, row, "主体类型", cells["主体类型"], KIND_BY_LABEL)
    for field, column in COLUMNS.items():
        if column in MAX_LENGTHS:
            data[field] = text_cell(errors, row, column, cells[column], MAX_LENGTHS[column])
    data["uscc"] = kit.text(cells["统一社会信用代码"]).upper()
    number = parse_cell(errors, row, "身份证号码", lambda: kit.id_number_text(cells["身份证号码"]))
    data["id_number"] = number or ""
    region_key = kit.text(cells["所在区划"])
    data["region"] = regions.get(region_key)
    if region_key and data["region"] is None:
        errors.add(row, "所在区划", f"未找到行政区划“{region_key}”，请填写区划代码")
    data["industry"] = kit.text(cells["行业代码"])
    data["credit_grade"] = kit.text(cells["信用等级"]).upper()
    data["credit_graded_on"] = parse_cell(
        errors, row, "信用评级日期", lambda: kit.to_date(cells["信用评级日期"])
    )
    data["risk_class"] = choice_cell(errors, row, "风险等级", cells["风险等级"], RISK_BY_LABEL)
    data["risk_classed_on"] = parse_cell(
        errors, row, "风险分类日期", lambda: kit.to_date(cells["风险分类日期"])
    )
    for field in ("policy_officer_phone", "liaison_leader_phone"):
        data[field] = kit.text(cells[COLUMNS[field]])
    data["uscc_verified_reason"] = kit.text(cells["代码核实说明"])
    return data


def _taken(parsed: list[tuple[int, dict[str, Any]]]) -> dict[str, str]:
    """Codes and ID-number blind indexes of the file already registered → the party's name."""
    codes = [d["uscc"] for _, d in parsed if d["uscc"]]
    indexes = [i for _, d in parsed if d["id_number"] and (i := _index_of(d["id_number"]))]
    taken: dict[str, str] = {}
    for chunk in chunks(codes):
        taken.update(Party.objects.filter(uscc__in=chunk).values_list("uscc", "name"))
    for chunk in chunks(indexes):
        taken.update(
            Party.objects.filter(id_number_index__in=chunk).values_list("id_number_index", "name")
        )
    return taken


def import_parties(actor: Any, file: Any) -> ImportResult:
    """Register every party in an .xlsx file of :data:`PARTIES` columns, or none."""
    if not may_administer_parties(actor):
        raise PermissionDenied("只有执法主体的信息管理员可以导入当事人")
    rows = kit.read_rows(file, PARTIES, max_rows=MAX_PARTY_ROWS)
    with all_or_nothing(CONFLICT):
        regions = _regions()
        errors = RowErrors(PARTIES)
        parsed = [(row, _parse(errors, row, cells, regions)) for row, cells in rows]
        taken = _taken(parsed)
        seen: dict[str, int] = {}
        new: list[Party] = []
        for row, data in parsed:
            errors.merge(
                row,
                services.clean_party(data, instance=None, may_verify=True, taken=taken),
                COLUMNS,
            )
            key = data["uscc"] or (blind_index(data["id_number"]) if data["id_number"] else "")
            column = "统一社会信用代码" if data["uscc"] else "身份证号码"
            if key and not errors.has(row, column):
                if key in seen:
                    errors.add(row, column, f"与第{seen[key]}行重复")
                else:
                    seen[key] = row
            if not errors.has(row):
                new.append(services.build_party(data))
        errors.raise_any()
        bulk.insert_parties(new)
        ledger.append_many(
            actor=actor,
            action="parties.party.create",
            changes=[ledger.Change(obj=p, after=services.snapshot(p)) for p in new],
        )
    return ImportResult(PARTIES, len(new))
