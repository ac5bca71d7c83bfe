"""当场行政处罚决定书 (简易程序): every element 处罚法 art. 52 requires of the decision handed to the
party on the spot — the party's violation, the penalty's kind and basis, the fine, the time and
place, the ways and periods of appeal, the agency's name and the officers' signatures (their
certificates shown, arts. 42, 52) — and, where collected, the receipt (arts. 68–70)."""

from __future__ import annotations

from typing import Any

from zhifa.cases.documents import common
from zhifa.cases.documents.kinds import Inputs, Kind, register
from zhifa.cases.models import Case, CaseStatus, Procedure
from zhifa.core.docx_kit import Builder

S = CaseStatus


def on_spot_decision(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    decision = case.on_spot
    doc = common.builder(case, "当场行政处罚决定书")
    doc.fields(common.party_rows(case))
    doc.heading("违法行为")
    doc.paragraph(case.facts or "—")
    doc.heading("行政处罚的种类和依据")
    doc.fields([*common.matter_rows(case), ("处罚依据", decision.basis or common.bases(case))])
    fined = decision.fine is not None
    penalty = f"罚款人民币{common.yuan(decision.fine)}元" if fined else "警告"
    doc.paragraph(f"本机关依照《中华人民共和国行政处罚法》第五十一条的规定，当场决定：{penalty}。")
    doc.fields(
        [
            ("作出决定的时间", common.chinese_date(case.decided_on)),
            ("作出决定的地点", decision.place),
        ]
    )
    if decision.fine is not None:
        doc.heading("履行方式和期限")
        if decision.collected is not None:
            doc.paragraph(
                f"罚款{common.yuan(decision.collected)}元已于{common.chinese_date(decision.collected_on)}"
                f"当场收缴，出具罚没款收据，编号{decision.receipt_number}（《中华人民共和国行政处罚法》"
                "第六十八条、第六十九条）。"
            )
        else:
            doc.paragraph(
                "请自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款"
                "（《中华人民共和国行政处罚法》第六十七条）。到期不缴纳罚款的，每日按罚款数额的百分之三"
                "加处罚款，加处罚款的数额不超过罚款的数额（第七十二条）。"
            )
    doc.heading("救济途径和期限")
    doc.paragraph(
        f"如不服本处罚决定，可以在收到本决定书之日起六十日内向{common.appeal_organ(case)}申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政处罚法》第五十二条、第七十三条）。"
    )
    doc.heading("执法人员（已出示执法证件）")
    doc.paragraphs(common.officer_lines(case, case.decided_on))
    doc.paragraph("执法人员签名：                          ", indent=False)
    doc.signature(common.chinese_date(case.decided_on))
    doc.paragraph(
        "当事人签收：            年  月  日（本决定书当场交付当事人；执法人员应当在规定时间内"
        "报所属行政机关备案）",
        indent=False,
    )
    return doc


register(
    Kind(
        "on_spot_decision",
        "当场行政处罚决定书",
        frozenset({S.EXECUTION, S.CLOSED, S.ARCHIVED}),
        on_spot_decision,
        Inputs,
        help="简易程序：载明行政处罚法第五十二条规定的事项，当场交付当事人",
        procedure=Procedure.SUMMARY,
    ),
)
