"""The ratings list as an Excel workbook (core's kit: formula-like text kept as text). The rater's
phone is not exported (it stays encrypted and is shown masked only)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.timezone import localtime

from zhifa.core.excel import Sheet, write_workbook
from zhifa.inspections.models import Rating

RATINGS = Sheet(
    kind="ratings",
    title="检查评价",
    measure="条",
    columns=(
        "被检查单位",
        "统一社会信用代码",
        "检查单位",
        "检查日期",
        "文明规范",
        "权益保障",
        "违规行为",
        "意见建议",
        "评价人",
        "评价时间",
        "监督",
        "跟进情况",
        "跟进时间",
    ),
    widths=(32, 22, 30, 12, 10, 10, 10, 50, 16, 18, 10, 50, 18),
)


def export_ratings_xlsx(ratings: QuerySet[Rating]) -> bytes:
    """``ratings`` (already scoped, filtered and ordered by the caller), one per row."""
    rows = (
        (
            r.record.inspection.party.name,
            r.record.inspection.party.uscc or "",
            r.record.inspection.lead_agency.name,
            r.record.visited_on.isoformat(),
            r.civility,
            r.rights,
            "有" if r.misconduct else "无",
            r.comment,
            "匿名" if r.anonymous else r.rater_name,
            f"{localtime(r.submitted_at):%Y-%m-%d %H:%M}",
            "提请监督·" + r.follow_up_label if r.flagged else "—",
            r.follow_up_note,
            f"{localtime(r.followed_up_at):%Y-%m-%d %H:%M}" if r.followed_up_at else "",
        )
        for r in ratings.select_related(
            "record__inspection__party", "record__inspection__lead_agency"
        )
    )
    return write_workbook(RATINGS, rows)
