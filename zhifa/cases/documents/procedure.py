"""Documents of the procedure's milestones: 立案审批表 (处罚法 art. 54: 立案), 送达回证 (art. 61:
送达), 结案报告 (closing, seed 001 全过程记录)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from zhifa.cases.documents import common
from zhifa.cases.documents.kinds import Inputs, Kind, register
from zhifa.cases.models import Case, CaseStatus, Execution, ServiceMethod
from zhifa.core.docx_kit import Builder
from zhifa.core.models import IssuedDocument

S = CaseStatus
SIGN = "签名：            日期：    年  月  日"
#: The decision (``documents.penalty``), whose service the case records.
DECISION = "cases.decision"


class OpeningInputs(Inputs):
    opinion = forms.CharField(
        label="承办人意见",
        initial="当事人涉嫌违法，符合立案条件，建议立案调查。",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写承办人意见"},
    )


def opening_form(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    """立案审批表: what the head approves the opening on (处罚法 art. 54 para. 2: 符合立案标准的，
    应当及时立案)."""
    doc = common.builder(case, "立案审批表")
    doc.fields(
        [
            ("案由", case.title),
            ("案件来源", f"{case.get_source_display()} {case.source_reference}".strip()),
            ("发现日期", common.chinese_date(case.discovered_on)),
            ("违法行为发生日", common.chinese_date(case.violation_began)),
            *(
                [("违法行为终了日", common.chinese_date(case.violation_ended))]
                if case.violation_ended
                else []
            ),
            *common.party_rows(case),
            *common.matter_rows(case),
            ("承办机构", case.unit.name),
            ("承办人员", "；".join(common.officer_lines(case))),
        ]
    )
    doc.heading("案情摘要")
    doc.paragraph(case.facts or "—")
    doc.heading("承办人意见")
    doc.paragraph(data["opinion"])
    doc.paragraph(SIGN, indent=False)
    for opinion in ("承办机构负责人意见", "行政机关负责人审批意见"):
        doc.heading(opinion)
        doc.paragraph("", indent=False)
        doc.paragraph(SIGN, indent=False)
    return doc


#: The methods of service the case records (``ServiceMethod``), printed by their names.
METHODS = [(label, label) for label in ServiceMethod.labels]


class ServiceInputs(Inputs):
    document = forms.ModelChoiceField(
        label="送达的文书",
        queryset=IssuedDocument.objects.none(),
        error_messages={
            "required": "请选择要送达的文书",
            "invalid_choice": "请选择本案已出具的文书",
        },
    )
    recipient = forms.CharField(
        label="受送达人", max_length=200, error_messages={"required": "请填写受送达人"}
    )
    method = forms.ChoiceField(
        label="送达方式",
        choices=METHODS,
        error_messages={"required": "请选择送达方式", "invalid_choice": "请选择送达方式"},
    )
    place = forms.CharField(label="送达地点", max_length=200, required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["document"].queryset = (
            IssuedDocument.objects.filter(
                content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
            )
            .exclude(kind=f"cases.{SERVICE_RECEIPT}")
            .order_by("-issued_at", "-pk")
        )
        self.fields["document"].label_from_instance = lambda d: (
            f"{d.kind_name} {d.number}（{d.issued_at:%Y-%m-%d}，验证码{d.display_code}）"
        )
        self.fields["recipient"].initial = common.party_names(case)
        record = _service_record(case)
        if record is not None:  # the decision was served: its record fills the form
            decision = self.fields["document"].queryset.filter(kind=DECISION).first()
            self.fields["document"].initial = decision.pk if decision else None
            self.fields["recipient"].initial = record.receiver or common.party_names(case)
            self.fields["place"].initial = record.place
            self.fields["method"].initial = case.get_service_method_display()


def _service_record(case: Case, served: IssuedDocument | None = None) -> Execution | None:
    """The service record of the decision (``services.execution.record_service``), when the
    document served is the decision and it was served."""
    if case.served_on is None or (served is not None and served.kind != DECISION):
        return None
    return Execution.objects.filter(case=case).first()


def service_receipt(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    """送达回证 (处罚法 art. 61; 民事诉讼法 arts. 87–95 on the methods of service): which
    document, to whom, how, where, when, by whom; the recipient signs and dates it. The decision
    once served prints its service record: the day, and for 留置送达 (民事诉讼法 art. 89) why it
    was left and the witness or the record made."""
    served: IssuedDocument = data["document"]
    record = _service_record(case, served)
    blank = "                    年  月  日"
    left = record is not None and case.service_method == ServiceMethod.LEFT
    notes = []
    if record is not None and record.consent:
        notes.append("当事人同意电子送达并已签订确认书（行政处罚法第六十一条第二款）")
    if record is not None and record.service_flag:
        notes.append(record.service_flag)
    doc = common.builder(case, "送达回证")
    doc.fields(
        [
            ("送达文书名称及文号", f"{served.kind_name} {served.number}".strip()),
            ("文书验证码", served.display_code),
            ("受送达人", data["recipient"]),
            ("送达地点", data.get("place") or (record.place if record else "") or "—"),
            ("送达方式", data["method"]),
            ("送达日期", common.chinese_date(case.served_on) if record else blank),
            ("送达人", "；".join(common.officer_lines(case))),
            ("受送达人签名或者盖章", blank),
            ("见证人（留置送达时）", record.service_note if left else blank),
            ("备注", "；".join(notes)),
        ]
    )
    return doc


class ClosingInputs(Inputs):
    execution = forms.CharField(
        label="执行情况",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写执行情况（如罚款缴纳日期、票据号）"},
    )
    reason = forms.ChoiceField(
        label="结案理由",
        choices=[
            ("处罚决定已执行完毕", "处罚决定已执行完毕"),
            ("决定不予行政处罚", "决定不予行政处罚"),
            ("案件已移送", "案件已移送"),
            ("案件已撤销", "案件已撤销"),
            ("依法终结执行", "依法终结执行"),
        ],
        error_messages={"required": "请选择结案理由", "invalid_choice": "请选择结案理由"},
    )


def closing_report(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    """结案报告: the case from opening to execution, for the head's approval of closing."""
    doc = common.builder(case, "结案报告")
    final = case.decisions.filter(kind="final").order_by("-pk").first()
    doc.fields(
        [
            ("案由", case.title),
            *common.party_rows(case),
            ("立案日期", common.chinese_date(case.opened_on)),
            ("决定日期", common.chinese_date(case.decided_on)),
            ("处理结果", case.get_outcome_display() or "—"),
            ("处罚内容", final.summary if final else "—"),
            ("送达日期", common.chinese_date(case.served_on)),
            ("承办人员", "；".join(common.officer_lines(case))),
            ("结案理由", data["reason"]),
        ]
    )
    doc.heading("案件基本情况")
    doc.paragraph(case.facts or "—")
    doc.heading("执行情况")
    doc.paragraph(data["execution"])
    doc.heading("承办人意见")
    doc.paragraph(f"本案{data['reason']}，建议结案。")
    doc.paragraph(SIGN, indent=False)
    doc.heading("行政机关负责人审批意见")
    doc.paragraph("", indent=False)
    doc.paragraph(SIGN, indent=False)
    doc.signature(common.chinese_date(timezone.localdate()))
    return doc


OPENING_FORM = "opening_form"
SERVICE_RECEIPT = "service_receipt"
CLOSING_REPORT = "closing_report"
AFTER_DECISION = frozenset({S.DECIDED, S.EXECUTION})

register(
    Kind(
        OPENING_FORM,
        "立案审批表",
        frozenset({S.LEAD, S.OPENING}),
        opening_form,
        OpeningInputs,
        help="线索报请负责人批准立案",
    ),
    Kind(
        SERVICE_RECEIPT,
        "送达回证",
        frozenset(
            {S.INVESTIGATION, S.PRIOR_NOTICE, S.HEARING, S.LEGAL_REVIEW, S.DISCUSSION}
            | {S.DECIDING}
            | AFTER_DECISION
        ),
        service_receipt,
        ServiceInputs,
        help="送达本案已出具的文书时由受送达人签收",
    ),
    Kind(
        CLOSING_REPORT,
        "结案报告",
        AFTER_DECISION | frozenset({S.CLOSED}),
        closing_report,
        ClosingInputs,
        help="执行完毕后报请负责人批准结案",
    ),
)
