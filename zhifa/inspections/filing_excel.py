"""The filings list as an Excel workbook (core's kit: formula-like text kept as text)."""

from __future__ import annotations

from django.db.models import QuerySet

from zhifa.core.excel import Sheet, write_workbook
from zhifa.inspections.models import Inspection

INSPECTIONS = Sheet(
    kind="inspections",
    title="涉企检查备案",
    measure="件",
    columns=(
        "备案号",
        "检查对象",
        "统一社会信用代码",
        "检查类型",
        "牵头执法主体",
        "参加执法主体",
        "检查起始日",
        "检查截止日",
        "检查人员",
        "检查事项",
        "状态",
        "紧急检查",
    ),
    widths=(10, 32, 22, 10, 30, 40, 12, 12, 30, 50, 12, 10),
)


def export_inspections_xlsx(inspections: QuerySet[Inspection]) -> bytes:
    """``inspections`` (already scoped, filtered and ordered by the caller), one per row."""
    rows = (
        (
            i.pk,
            i.party.name,
            i.party.uscc or "",
            i.get_kind_display(),
            i.lead_agency.name,
            "、".join(a.name for a in i.agencies.all()),
            i.window_start.isoformat(),
            i.window_end.isoformat(),
            "、".join(o.name for o in i.officers.all()),
            "、".join(m.name for m in i.matters.all()),
            i.get_status_display(),
            "是" if i.emergency else "否",
        )
        for i in inspections.select_related("party", "lead_agency").prefetch_related(
            "agencies", "officers", "matters"
        )
    )
    return write_workbook(INSPECTIONS, rows)
