"""Excel (.xlsx) files of the catalogue: the 执法事项 sheet, its blank template and the export.

The generic pieces — reading an upload and checking its header, errors by row and column, the
formatted template and the write-only export workbook — are the core kit's
(:mod:`zhifa.core.excel`); this module only defines the sheet and what fills it.

The catalogue is public (``Matter.objects.visible_to`` is everyone signed in), so the export has
nothing to mask and is exactly the template's columns: an export re-imports as it is, once its
codes are free (a matter code is unique across the platform).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from zhifa.catalog.models import Filing, Matter, MatterCategory, MatterLevel, MatterStatus
from zhifa.core.excel import Sheet, template_workbook, write_workbook
from zhifa.org.permissions import keeper_agencies

CATEGORY_LABELS = tuple(MatterCategory.labels)
LEVEL_LABELS = tuple(MatterLevel.labels)
STATUS_LABELS = tuple(MatterStatus.labels)

MATTERS = Sheet(
    kind="matters",
    title="执法事项",
    measure="项",
    columns=(
        "事项编码",
        "事项名称",
        "职权类别",
        "实施主体",
        "行使层级",
        "执法领域",
        "法律依据",
        "条款",
        "条文内容",
        "状态",
    ),
    widths=(18, 40, 12, 34, 14, 16, 34, 24, 60, 10),
    text=frozenset({"事项编码"}),
    choices={"职权类别": CATEGORY_LABELS, "行使层级": LEVEL_LABELS, "状态": STATUS_LABELS},
    notes=(
        "每行一项执法事项；第1行表头请勿改动。",
        "事项编码：不得与已登记的事项或文件中其他行重复；请保持该列为文本格式（以0开头的编码不会丢失）。",
        "职权类别：" + "、".join(CATEGORY_LABELS) + "。",
        "实施主体：填写全称（或简称），只能导入您担任信息管理员的执法主体的事项。",
        "行使层级：" + "、".join(LEVEL_LABELS) + "。",
        "执法领域：填写名称，如市场监管、生态环境；执法证件只能用于其执法领域内的事项，"
        "未填写的事项无法核对证件。",
        "清单之外无事项：法律依据（法律、法规或规章名称，不加书名号）、条款和条文内容都须填写。",
        "状态：" + "、".join(STATUS_LABELS) + "；不填视为有效。",
        "文件中任何一行有误，整个文件都不会导入；请按提示逐行改正后重新上传。",
    ),
)


def template_xlsx(user: Any = None) -> bytes:
    """The blank import file, its 填写说明 listing the agencies ``user`` may import into."""
    lines: list[tuple[str, bool]] = []
    agencies = keeper_agencies(user)
    if agencies:
        lines.append(("", False))
        lines.append(("您可导入执法事项的执法主体：", True))
        lines += [(a.name, False) for a in agencies]
    return template_workbook(MATTERS, lines)


def export_xlsx(matters: QuerySet[Matter]) -> bytes:
    """``matters`` (already scoped and filtered by the caller) in the template's columns."""
    rows = (
        (
            m.code,
            m.name,
            m.get_category_display(),
            m.agency.name,
            m.get_level_display(),
            m.field.name if m.field else "",
            m.law,
            m.article,
            m.article_text,
            m.get_status_display(),
        )
        for m in matters.select_related("agency", "field").iterator(chunk_size=2000)
    )
    return write_workbook(MATTERS, rows)


FILINGS = Sheet(
    kind="filings",
    title="清单报备",
    measure="件",
    columns=(
        "清单",
        "版本",
        "执法主体",
        "状态",
        "受理机关",
        "报送时间",
        "审查意见",
        "处理人",
        "处理时间",
    ),
    widths=(24, 8, 34, 10, 30, 18, 40, 12, 18),
)


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def export_filings_xlsx(filings: QuerySet[Filing]) -> bytes:
    """``filings`` (already scoped, filtered and ordered by the caller), one per row."""
    rows = (
        (
            f.kind_label,
            f.number,
            f.agency.name,
            f.get_status_display(),
            f.justice_bureau.name,
            _when(f.created_at),
            f.opinion,
            f.handled_by.full_name if f.handled_by else "",
            _when(f.handled_at),
        )
        for f in filings.select_related(
            "agency", "version", "benchmark", "justice_bureau", "handled_by"
        )
    )
    return write_workbook(FILINGS, rows)
