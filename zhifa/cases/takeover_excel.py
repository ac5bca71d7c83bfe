"""The 历史案件 import file (接收历史案件, :mod:`zhifa.cases.services.takeover`): one row per case
opened before the platform, in the core kit's format (:mod:`zhifa.core.excel`). The import itself
is :mod:`zhifa.cases.services.takeover_import`."""

from __future__ import annotations

from typing import Any

from zhifa.cases.models import CaseSource, CaseStatus, Procedure, ServiceMethod
from zhifa.cases.models.decisions import Measure
from zhifa.cases.services.takeover import TAKEN_OVER_STATES
from zhifa.core.excel import Sheet, template_workbook

#: A city's open cases come in files of a few hundred rows; each row runs the whole service.
MAX_TAKEOVER_ROWS = 2_000

STATE_LABELS = tuple(CaseStatus(s).label for s in TAKEN_OVER_STATES)

TAKEOVER = Sheet(
    kind="cases_taken_over",
    title="历史案件",
    measure="件",
    columns=(
        "原案号",
        "案由",
        "程序",
        "案件来源",
        "当前状态",
        "承办机构",
        "主办执法人员执法证号",
        "协办执法人员执法证号",
        "当事人",
        "执法事项编码",
        "发现日期",
        "立案日期",
        "事先告知日期",
        "决定日期",
        "处罚种类",
        "罚款金额（元）",
        "裁量说明",
        "送达日期",
        "送达方式",
        "受送达人",
        "已缴金额（元）",
        "缴款日期",
        "缴款票据号",
        "接收理由",
    ),
    widths=(
        26,
        36,
        10,
        10,
        14,
        16,
        20,
        24,
        30,
        16,
        12,
        12,
        12,
        12,
        20,
        12,
        24,
        12,
        12,
        16,
        12,
        12,
        20,
        40,
    ),
    text=frozenset(
        {"原案号", "主办执法人员执法证号", "协办执法人员执法证号", "当事人", "执法事项编码"}
    ),
    dates=frozenset({"发现日期", "立案日期", "事先告知日期", "决定日期", "送达日期", "缴款日期"}),
    choices={
        "程序": tuple(Procedure.labels),
        "案件来源": tuple(CaseSource.labels),
        "当前状态": STATE_LABELS,
        "送达方式": tuple(ServiceMethod.labels),
    },
    notes=(
        "每行一件平台启用前已立案的案件（接收历史案件）；第1行表头请勿改动。"
        "只有执法主体的信息管理员可以导入，案件归入其所在执法主体。",
        "原案号：原系统或纸质案卷的案号，本执法主体内不得重复。",
        "当前状态：" + "、".join(STATE_LABELS) + "之一；尚未作出决定的，决定、送达、缴款各列不填。",
        "主办执法人员执法证号：一个执法证号；协办执法人员执法证号：一个或多个，以“、”分隔。",
        "当事人：统一社会信用代码或已登记当事人的名称，多个以“、”分隔；执法事项编码：多个以“、”分隔。",
        "日期须依次不早于前一项：发现日期 ≤ 立案日期 ≤ 决定日期 ≤ 送达日期 ≤ 缴款日期 ≤ 今天。",
        "处罚种类：" + "、".join(Measure.labels) + "，多个以“、”分隔；有罚款的填写罚款金额；"
        "处罚超出裁量基准的，在“裁量说明”中写明理由。",
        "已作出决定的填写决定日期和处罚内容；已送达的再填写送达日期和送达方式，"
        "已缴款的填写已缴金额、缴款日期和缴款票据号（或银行流水号），一笔。",
        "文件中任何一行有误，整个文件都不会导入；请按提示逐行改正后重新上传。",
    ),
)


def takeover_template(user: Any = None) -> bytes:
    """The blank 历史案件 import file."""
    return template_workbook(TAKEOVER)
