"""Excel (.xlsx) files of the parties' register: the sheet and its Chinese columns, the blank
template, and the export (the list's filtered rows, ID numbers and phones masked, GB/T
35273-2020). Reading, errors by row and column and writing are the core kit's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from zhifa.core.excel import Sheet, template_workbook, write_workbook
from zhifa.org.models import Region
from zhifa.parties.models import CreditGrade, Party, PartyKind, RiskClass

#: A city's register is imported in files of up to this many rows (the core kit's default is
#: 50,000; 500,000 entities come in five files).
MAX_PARTY_ROWS = 100_000

PARTIES = Sheet(
    kind="parties",
    title="当事人",
    measure="个",
    columns=(
        "主体类型",
        "名称（姓名）",
        "统一社会信用代码",
        "身份证号码",
        "法定代表人（负责人）",
        "住所（经营场所）",
        "所在区划",
        "行业代码",
        "信用等级",
        "信用评级日期",
        "信用评级来源",
        "风险等级",
        "风险分类日期",
        "风险分类来源",
        "企业政策官",
        "企业政策官电话",
        "包保领导干部",
        "包保领导干部电话",
        "代码核实说明",
    ),
    widths=(14, 34, 22, 22, 14, 34, 12, 10, 8, 12, 20, 8, 12, 20, 10, 16, 12, 16, 30),
    text=frozenset(
        {"统一社会信用代码", "身份证号码", "所在区划", "企业政策官电话", "包保领导干部电话"}
    ),
    dates=frozenset({"信用评级日期", "风险分类日期"}),
    choices={
        "主体类型": tuple(PartyKind.labels),
        "信用等级": tuple(CreditGrade.values),
        "风险等级": tuple(RiskClass.labels),
    },
    notes=(
        "每行一个当事人；第1行表头请勿改动。只有执法主体的信息管理员可以导入。",
        "主体类型：企业、个体工商户、农民专业合作社、社会组织、自然人或其他。",
        "统一社会信用代码：18位（GB 32100-2015），企业、个体工商户、农民专业合作社、社会组织必填，"
        "自然人不填；校验位不符的代码将被拒绝并提示正确的校验位，"
        "如经登记机关核实无误，请在“代码核实说明”中写明核实情况。",
        "身份证号码：仅自然人填写，18位，请保持该列为文本格式（否则Excel会截断后几位）。",
        "所在区划：填写行政区划代码（如990102）或区划名称。",
        "行业代码：国民经济行业分类（GB/T 4754-2017），门类字母加2至4位数字，如C1311、F52。",
        "信用等级A、B、C、D，风险等级低、中、高；填写等级时须同时填写评定日期和来源。",
        "电话：手机号码或带区号的固定电话。",
        "文件中任何一行有误，整个文件都不会导入；请按提示逐行改正后重新上传。",
    ),
)


def parties_template(user: Any = None) -> bytes:
    """The blank import file, with the regions one may name on its 填写说明 sheet."""
    regions = "、".join(f"{r.code} {r.name}" for r in Region.objects.order_by("code"))
    return template_workbook(PARTIES, [("", False), ("所在区划代码：", True), (regions, False)])


def _rows(parties: QuerySet[Party]) -> Iterator[list[Any]]:
    kinds = dict(PartyKind.choices)
    risks = dict(RiskClass.choices)
    for p in parties.select_related("region").iterator(chunk_size=2000):
        yield [
            kinds.get(p.kind, p.kind),
            p.name,
            p.uscc or "",
            p.id_number_masked,
            p.legal_representative,
            p.address,
            p.region.code,
            p.industry,
            p.credit_grade,
            p.credit_graded_on,
            p.credit_source,
            risks.get(p.risk_class, ""),
            p.risk_classed_on,
            p.risk_source,
            p.policy_officer_name,
            p.policy_officer_phone_masked,
            p.liaison_leader_name,
            p.liaison_leader_phone_masked,
            p.uscc_verified_reason,
        ]


def export_parties(parties: QuerySet[Party]) -> bytes:
    """The parties (already scoped and filtered), in the template's columns, personal data
    masked: an export leaves the encryption and the scope behind, so it never holds them."""
    return write_workbook(PARTIES, _rows(parties))
