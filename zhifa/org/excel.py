"""Excel (.xlsx) export of the 执法主体 list: the agencies the user sees, with the list's filters
(the core kit writes the workbook, :mod:`zhifa.core.excel`)."""

from __future__ import annotations

from django.db.models import QuerySet

from zhifa.core.excel import NO, YES, Sheet, write_workbook
from zhifa.org.models import Agency

AGENCIES = Sheet(
    kind="agencies",
    title="执法主体",
    measure="个",
    columns=(
        "名称",
        "简称",
        "主体类型",
        "所属区划",
        "统一社会信用代码",
        "法定代表人/负责人",
        "地址",
        "投诉电话",
        "有效",
    ),
    widths=(34, 16, 16, 16, 22, 14, 40, 16, 6),
    text=frozenset({"统一社会信用代码", "投诉电话"}),
)


def export_agencies(agencies: QuerySet[Agency]) -> bytes:
    """``agencies`` (already scoped and filtered by the caller) in the sheet's columns."""
    rows = (
        (
            a.name,
            a.short_name,
            a.get_kind_display(),
            a.region.name,
            a.uscc,
            a.legal_representative,
            a.address,
            a.complaint_phone,
            YES if a.is_active else NO,
        )
        for a in agencies.select_related("region").iterator(chunk_size=2000)
    )
    return write_workbook(AGENCIES, rows)
