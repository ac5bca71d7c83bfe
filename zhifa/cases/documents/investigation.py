"""Documents of the investigation (调查取证): 现场检查笔录 and 询问笔录 (处罚法 art. 55: at least two
officers show their certificates; the party is told of the right to state, defend and ask for a
recusal; the record is signed), and 先行登记保存证据通知书 (art. 56: evidence that may be lost is
registered and kept with the head's approval, and decided on within 7 working days, art. 85)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.documents import common
from zhifa.cases.documents.kinds import Inputs, Kind, register
from zhifa.cases.models import Case, CaseStatus
from zhifa.core.docx_kit import Builder

S = CaseStatus
INVESTIGATING = frozenset({S.INVESTIGATION, S.PRIOR_NOTICE, S.HEARING})
CERTIFICATES_SHOWN = (
    "执法人员已向被检查（询问）人出示行政执法证件，表明身份，告知其有如实回答询问、协助调查的义务，"
    "以及有陈述、申辩的权利；认为执法人员与本案有直接利害关系或者有其他关系可能影响公正执法的，"
    "有申请回避的权利（《中华人民共和国行政处罚法》第四十三条、第五十五条）。"
)
READ_BACK = "以上笔录已交被检查（询问）人核对（已向其宣读），与所述一致。"


def _at(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={
            "required": f"请填写{label}",
            "invalid": f"{label}格式应为YYYY-MM-DD HH:MM",
        },
    )


def _text(label: str, *, rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"请填写{label}"},
    )


class InspectionInputs(Inputs):
    started_at = _at("检查时间")
    place = forms.CharField(
        label="检查地点", max_length=200, error_messages={"required": "请填写检查地点"}
    )
    present = forms.CharField(
        label="在场人（当事人或其代表）",
        max_length=200,
        error_messages={"required": "请填写在场人"},
    )
    findings = _text("现场检查情况")

    def clean_started_at(self):
        started = self.cleaned_data["started_at"]
        if started > timezone.now():
            raise forms.ValidationError("检查时间不能晚于现在")
        return started


def _officers_block(doc: Builder, case: Case) -> None:
    doc.fields([("执法人员", "；".join(common.officer_lines(case)))])
    doc.paragraph(CERTIFICATES_SHOWN)


def _signatures(doc: Builder, *who: str) -> None:
    for person in who:
        doc.paragraph(f"{person}签名：            年  月  日", indent=False)


def inspection_record(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    doc = common.builder(case, "现场检查笔录")
    local = timezone.localtime(data["started_at"])
    doc.fields(
        [
            ("检查时间", f"{common.chinese_date(local.date())} {local:%H时%M分}"),
            ("检查地点", data["place"]),
            *common.party_rows(case),
            ("在场人", data["present"]),
        ]
    )
    _officers_block(doc, case)
    doc.heading("现场检查情况")
    doc.paragraphs(line for line in data["findings"].splitlines() if line.strip())
    doc.paragraph(READ_BACK)
    _signatures(doc, "被检查人（在场人）", "执法人员")
    return doc


class InterviewInputs(Inputs):
    started_at = _at("询问时间")
    place = forms.CharField(
        label="询问地点", max_length=200, error_messages={"required": "请填写询问地点"}
    )
    person = forms.CharField(
        label="被询问人", max_length=50, error_messages={"required": "请填写被询问人"}
    )
    relation = forms.CharField(
        label="与当事人关系或职务",
        max_length=100,
        error_messages={"required": "请填写与当事人关系或职务"},
    )
    record = _text("询问内容（问答）", rows=10)

    def clean_started_at(self):
        return InspectionInputs.clean_started_at(self)


def interview_record(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    doc = common.builder(case, "询问笔录")
    local = timezone.localtime(data["started_at"])
    doc.fields(
        [
            ("询问时间", f"{common.chinese_date(local.date())} {local:%H时%M分}"),
            ("询问地点", data["place"]),
            ("被询问人", data["person"]),
            ("与当事人关系或职务", data["relation"]),
            ("案由", case.title),
        ]
    )
    _officers_block(doc, case)
    doc.heading("询问内容")
    doc.paragraphs(line for line in data["record"].splitlines() if line.strip())
    doc.paragraph(READ_BACK)
    _signatures(doc, "被询问人", "询问人", "记录人")
    return doc


class PreservationInputs(Inputs):
    items = _text("先行登记保存的物品（每行一项：名称、规格、数量）")
    kept_at = forms.CharField(
        label="保存地点", max_length=200, error_messages={"required": "请填写保存地点"}
    )
    kept_by = forms.ChoiceField(
        label="保存方式",
        choices=[("就地保存", "就地由当事人保存"), ("异地保存", "异地由执法机关保存")],
        error_messages={"required": "请选择保存方式", "invalid_choice": "请选择保存方式"},
    )


def preservation_notice(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    """The notice names the 7-day limit within which the agency decides on the evidence kept
    (处罚法 art. 56), counted from today on the official calendar (``cases.deadlines``)."""
    today = timezone.localdate()
    due = deadlines.preservation_due(today)
    doc = common.builder(case, "先行登记保存证据通知书")
    doc.fields(common.party_rows(case))
    doc.paragraph(
        f"本机关在调查{case.title}过程中，因证据可能灭失或者以后难以取得，经本机关负责人批准，"
        f"依据《中华人民共和国行政处罚法》第五十六条的规定，决定对下列物品先行登记保存，"
        f"保存方式：{data['kept_by']}，保存地点：{data['kept_at']}。"
    )
    doc.heading("先行登记保存物品清单")
    doc.fields(
        [
            (str(n), line.strip())
            for n, line in enumerate(data["items"].splitlines(), 1)
            if line.strip()
        ]
    )
    doc.paragraph(
        f"本机关将在七个工作日内（{common.chinese_date(due.due)}前）对上述物品作出处理决定。"
        "在此期间，当事人或者有关人员不得销毁或者转移证据。"
    )
    doc.signature(common.chinese_date(today))
    _signatures(doc, "当事人")
    return doc


register(
    Kind(
        "inspection_record",
        "现场检查笔录",
        INVESTIGATING | frozenset({S.LEAD, S.OPENING}),
        inspection_record,
        InspectionInputs,
        help="现场检查（勘验）的经过和发现",
    ),
    Kind(
        "interview_record",
        "询问笔录",
        INVESTIGATING,
        interview_record,
        InterviewInputs,
        help="询问当事人或者证人的问答",
    ),
    Kind(
        "preservation_notice",
        "先行登记保存证据通知书",
        INVESTIGATING,
        preservation_notice,
        PreservationInputs,
        help="证据可能灭失时先行登记保存，七日内作出处理决定",
    ),
)
