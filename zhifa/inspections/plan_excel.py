"""The plans list as an Excel workbook (core's kit: formula-like text kept as text)."""

from __future__ import annotations

from django.db.models import QuerySet

from zhifa.core.excel import Sheet, write_workbook
from zhifa.inspections.models import InspectionPlan

PLANS = Sheet(
    kind="inspection_plans",
    title="抽查计划",
    measure="项",
    columns=(
        "计划名称",
        "检查类型",
        "牵头部门",
        "参与部门",
        "抽查事项",
        "检查开始日期",
        "检查结束日期",
        "状态",
        "抽取",
        "抽中对象数",
    ),
    widths=(36, 10, 30, 40, 50, 12, 12, 10, 16, 10),
)


def export_plans_xlsx(plans: QuerySet[InspectionPlan]) -> bytes:
    """``plans`` (already scoped, filtered and ordered by the caller), one per row."""
    rows = []
    for p in plans.select_related("lead_agency", "draw").prefetch_related(
        "agencies", "matters", "draw__targets"
    ):
        draw = getattr(p, "draw", None)
        rows.append(
            (
                p.name,
                p.get_kind_display(),
                p.lead_agency.name,
                "、".join(a.name for a in p.agencies.all()),
                "、".join(m.name for m in p.matters.all()),
                p.period_start.isoformat(),
                p.period_end.isoformat(),
                p.get_status_display(),
                draw.get_status_display() if draw else "未抽取",
                len(draw.targets.all()) if draw else 0,
            )
        )
    return write_workbook(PLANS, rows)
