"""The case list as an Excel workbook (core's kit: formula-like text kept as text)."""

from __future__ import annotations

from django.db.models import QuerySet

from zhifa.cases.models import Case
from zhifa.core.excel import Sheet, write_workbook

CASES = Sheet(
    kind="cases",
    title="行政处罚案件",
    measure="件",
    columns=(
        "案号",
        "案由",
        "当事人",
        "执法主体",
        "承办机构",
        "程序",
        "案件来源",
        "状态",
        "承办人员",
        "发现日期",
        "立案日期",
        "决定日期",
        "结案日期",
    ),
    widths=(26, 40, 36, 28, 16, 10, 10, 12, 24, 12, 12, 12, 12),
)


def _day(value: object) -> str:
    return value.isoformat() if value else ""


def export_cases_xlsx(cases: QuerySet[Case]) -> bytes:
    """``cases`` (already scoped, filtered and ordered by the caller), one per row."""
    rows = (
        (
            c.number or "（线索）",
            c.title,
            "、".join(p.party.name for p in c.parties.all()),
            c.agency.name,
            c.unit.name,
            c.get_procedure_display(),
            c.get_source_display(),
            c.get_status_display(),
            "、".join(o.officer.name for o in c.officers.all()),
            _day(c.discovered_on),
            _day(c.opened_on),
            _day(c.decided_on),
            _day(c.closed_on),
        )
        for c in cases.select_related("agency", "unit").prefetch_related(
            "parties__party", "officers__officer"
        )
    )
    return write_workbook(CASES, rows)
