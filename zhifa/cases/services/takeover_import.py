"""接收历史案件 from Excel (the 数据导入 page's 历史案件), all or nothing: every row of the file
(:data:`zhifa.cases.takeover_excel.TAKEOVER`) is taken over through :func:`takeover.take_over_case`
— the very checks of the take-over step (处罚法 arts. 60, 67, 72 for its days; the discretion,
service and payment services for its past) — inside one transaction; if any row is refused, the
whole file is, with every error by row and column, and nothing is written.

Only an agency's information administrator imports, into that agency (the take-over step's role).
Officers are named by their certificate number (执法证号), parties by their unified social credit
code or registered name, matters by code: all prefetched once for the file.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from zhifa.cases.models import CaseSource, CaseStatus, Procedure, ServiceMethod
from zhifa.cases.models.decisions import Measure
from zhifa.cases.services import takeover
from zhifa.cases.takeover_excel import MAX_TAKEOVER_ROWS, TAKEOVER
from zhifa.catalog.models import Matter
from zhifa.core import excel as kit
from zhifa.core.excel import (
    CellError,
    ImportFailed,
    ImportResult,
    RowErrors,
    all_or_nothing,
    choice_cell,
    parse_cell,
)
from zhifa.core.workdays import YearDataMissing
from zhifa.org.models import Agency, Unit
from zhifa.org.permissions import importer_agencies
from zhifa.parties.models import Party
from zhifa.registry.models import Certificate

ONE_AGENCY = "您是多个执法主体的信息管理员，请以所在执法主体的账号分别导入"

#: take_over's fields → the sheet's columns.
COLUMNS = {
    "number": "原案号",
    "title": "案由",
    "procedure": "程序",
    "source": "案件来源",
    "status": "当前状态",
    "unit": "承办机构",
    "officers": "主办执法人员执法证号",
    "parties": "当事人",
    "matters": "执法事项编码",
    "discovered_on": "发现日期",
    "opened_on": "立案日期",
    "notified_on": "事先告知日期",
    "decided_on": "决定日期",
    "penalty": "处罚种类",
    "served_on": "送达日期",
    "method": "送达方式",
    "payments": "缴款日期",
    "reason": "接收理由",
}
DATES = ("discovered_on", "opened_on", "notified_on", "decided_on", "served_on")
STATE_BY_LABEL = {CaseStatus(s).label: s for s in takeover.TAKEN_OVER_STATES}
MEASURE_BY_LABEL = {label: value for value, label in Measure.choices}


class _Lookups:
    """The file's officers, parties, matters and units, read once."""

    def __init__(self, agency: Agency, rows: list[tuple[int, dict[str, Any]]]) -> None:
        def names(column: str) -> list[str]:
            return [n for _, cells in rows for n in kit.split_names(cells[column])]

        certs = names("主办执法人员执法证号") + names("协办执法人员执法证号")
        self.officers = {
            c.number: c.officer
            for c in Certificate.objects.filter(number__in=certs).select_related("officer")
        }
        keys = names("当事人")
        parties = Party.objects.filter(uscc__in=keys) | Party.objects.filter(name__in=keys)
        self.parties: dict[str, Party] = {}
        by_name: dict[str, list[Party]] = {}
        for party in parties:
            if party.uscc:
                self.parties[party.uscc] = party
            by_name.setdefault(party.name, []).append(party)
        self.ambiguous = {name for name, found in by_name.items() if len(found) > 1}
        self.parties.update({n: found[0] for n, found in by_name.items() if len(found) == 1})
        self.matters = {m.code: m for m in Matter.objects.filter(code__in=names("执法事项编码"))}
        self.units = {u.name: u for u in Unit.objects.filter(agency=agency)}


def _many(errors: RowErrors, row: int, column: str, value: Any, found: dict, what: str) -> list:
    items = []
    for key in kit.split_names(value):
        if key in found:
            items.append(found[key])
        else:
            errors.add(row, column, f"未找到{what}“{key}”")
    return items


def _parse(errors: RowErrors, row: int, cells: dict[str, Any], seen: _Lookups) -> dict[str, Any]:
    """One row's cells as take_over_case's data, reporting what cannot be read."""
    data: dict[str, Any] = {
        "number": kit.text(cells["原案号"]),
        "title": kit.text(cells["案由"]),
        "reason": kit.text(cells["接收理由"]),
        "procedure": choice_cell(
            errors, row, "程序", cells["程序"], dict(map(reversed, Procedure.choices))
        )
        or Procedure.ORDINARY,
        "source": choice_cell(
            errors, row, "案件来源", cells["案件来源"], dict(map(reversed, CaseSource.choices))
        ),
        "status": choice_cell(errors, row, "当前状态", cells["当前状态"], STATE_BY_LABEL),
    }
    for field in DATES:
        column = COLUMNS[field]
        data[field] = parse_cell(errors, row, column, lambda c=column: kit.to_date(cells[c]))
    unit_name = kit.text(cells["承办机构"])
    data["unit"] = seen.units.get(unit_name)
    if unit_name and data["unit"] is None:
        errors.add(row, "承办机构", f"本执法主体没有承办机构“{unit_name}”")
    lead = kit.split_names(cells["主办执法人员执法证号"])
    if len(lead) > 1:
        errors.add(row, "主办执法人员执法证号", "主办执法人员只填一个执法证号")
    data["officers"] = _many(
        errors, row, "主办执法人员执法证号", "、".join(lead[:1]), seen.officers, "执法证号"
    ) + _many(
        errors,
        row,
        "协办执法人员执法证号",
        cells["协办执法人员执法证号"],
        seen.officers,
        "执法证号",
    )
    for key in kit.split_names(cells["当事人"]):
        if key in seen.ambiguous and key not in seen.parties:
            errors.add(row, "当事人", f"名称为“{key}”的当事人不止一个，请填写统一社会信用代码")
    data["parties"] = _many(errors, row, "当事人", cells["当事人"], seen.parties, "当事人")
    data["matters"] = _many(
        errors, row, "执法事项编码", cells["执法事项编码"], seen.matters, "执法事项"
    )
    measures = [
        choice_cell(errors, row, "处罚种类", label, MEASURE_BY_LABEL)
        for label in kit.split_names(cells["处罚种类"])
    ]
    fine = kit.text(cells["罚款金额（元）"])
    if measures or fine:
        data["penalty"] = {
            "measures": [m for m in measures if m],
            "fine": fine or None,
            "outside_reason": kit.text(cells["裁量说明"]),
        }
    method = choice_cell(
        errors, row, "送达方式", cells["送达方式"], dict(map(reversed, ServiceMethod.choices))
    )
    if method:
        data["service"] = {"method": method, "receiver": kit.text(cells["受送达人"])}
    paid_on = parse_cell(errors, row, "缴款日期", lambda: kit.to_date(cells["缴款日期"]))
    amount = kit.text(cells["已缴金额（元）"])
    if amount or paid_on:
        reference = kit.text(cells["缴款票据号"])
        data["payments"] = [{"paid_on": paid_on, "amount": amount or None, "reference": reference}]
    return data


def _refused(errors: RowErrors, row: int, exc: ValidationError) -> None:
    found = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    for field, messages in found.items():
        column = COLUMNS.get(field, "")
        for message in messages:
            errors.add(row, column, message)


def import_taken_over_cases(actor: Any, file: Any) -> ImportResult:
    """Take over every case in an .xlsx file of :data:`TAKEOVER` columns, or none."""
    agencies = list(importer_agencies(actor).values())
    if len(agencies) > 1:
        raise ImportFailed([CellError(None, "", ONE_AGENCY)])
    (agency,) = agencies
    rows = kit.read_rows(file, TAKEOVER, max_rows=MAX_TAKEOVER_ROWS)
    errors = RowErrors(TAKEOVER)
    created = 0
    with all_or_nothing():
        seen = _Lookups(agency, rows)
        for row, cells in rows:
            data = _parse(errors, row, cells, seen)
            if errors.has(row):
                continue
            try:
                takeover.take_over_case(actor, agency, **data)
            except ValidationError as exc:
                _refused(errors, row, exc)
            except YearDataMissing as exc:
                errors.add(row, "", str(exc))
            else:
                created += 1
        errors.raise_any()
    return ImportResult(TAKEOVER, created)
