"""The penalty's documents: 行政处罚事先告知书 (处罚法 art. 44: the intended penalty, its facts,
reasons and basis, the party's rights to state and defend and, where art. 63 applies, to ask for
a hearing within 5 working days, art. 64(1)), 听证通知书 (art. 64: served 7 working days before
the hearing, presided over by someone who did not investigate the case) and 行政处罚决定书 (art.
59: every element it lists, the benchmark cited and the explanation, arts. 34, 59; architecture
invariant 7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.documents import common
from zhifa.cases.documents.kinds import Inputs, Kind, register
from zhifa.cases.models import Case, CaseStatus, Decision, DecisionKind, Measure
from zhifa.cases.rules import PERSON_KINDS
from zhifa.core.docx_kit import Builder
from zhifa.core.parameters import Definition, declare, get
from zhifa.registry.models import Officer

S = CaseStatus
HEARING_FINE_PERSON = declare(
    Definition(
        key="cases.hearing.fine_person",
        label="应告知听证权利的较大数额罚款：自然人（元）",
        default=Decimal("10000"),
        kind=Decimal,
        minimum=Decimal("0"),
        source="行政处罚法第六十三条（较大数额由各地各部门规定）；默认值参照《市场监督管理行政处罚"
        "听证办法》第五条",
    )
)
HEARING_FINE_ORGANISATION = declare(
    Definition(
        key="cases.hearing.fine_organisation",
        label="应告知听证权利的较大数额罚款：法人或者其他组织（元）",
        default=Decimal("100000"),
        kind=Decimal,
        minimum=Decimal("0"),
        source="行政处罚法第六十三条（较大数额由各地各部门规定）；默认值参照《市场监督管理行政处罚"
        "听证办法》第五条",
    )
)
HEARING_CONFISCATION_PERSON = declare(
    Definition(
        key="cases.hearing.confiscation_person",
        label="应告知听证权利的较大数额没收：自然人（元）",
        default=Decimal("10000"),
        kind=Decimal,
        minimum=Decimal("0"),
        source="行政处罚法第六十三条（没收较大数额违法所得、没收较大价值非法财物，由各地各部门规定）；"
        "默认值参照《市场监督管理行政处罚听证办法》第五条（没收违法所得和非法财物价值总额达到罚款的数额）",
    )
)
HEARING_CONFISCATION_ORGANISATION = declare(
    Definition(
        key="cases.hearing.confiscation_organisation",
        label="应告知听证权利的较大数额没收：法人或者其他组织（元）",
        default=Decimal("100000"),
        kind=Decimal,
        minimum=Decimal("0"),
        source="行政处罚法第六十三条（没收较大数额违法所得、没收较大价值非法财物，由各地各部门规定）；"
        "默认值参照《市场监督管理行政处罚听证办法》第五条（没收违法所得和非法财物价值总额达到罚款的数额）",
    )
)
#: Measures that always carry the right to a hearing (处罚法 art. 63(1) items 2–5).
HEARING_MEASURES = frozenset(
    {
        Measure.LOWER_QUALIFICATION,
        Measure.REVOKE_LICENCE,
        Measure.RESTRICT_BUSINESS,
        Measure.SUSPEND_BUSINESS,
        Measure.CLOSE,
        Measure.BAR_PRACTICE,
    }
)
NO_INTENDED = "请先录入拟处罚内容（事先告知），再制作事先告知书"
NO_FINAL = "请先录入处罚决定内容，再制作行政处罚决定书"


def _latest(case: Case, kind: str, message: str, field: str = "case") -> Decision:
    decision = case.decisions.filter(kind=kind).select_related("benchmark").order_by("-pk").first()
    if decision is None:
        raise ValidationError({field: [message]})
    return decision


def hearing_right(case: Case, decision: Decision) -> bool:
    """Whether the intended penalty carries the right to ask for a hearing (处罚法 art. 63): a
    heavy measure, a fine at the threshold, or a confiscation of a large amount (没收较大数额违法
    所得; the confiscated amount recorded on the decision) — thresholds configurable, per party
    kind (the lower ones when a natural person is a party)."""
    if HEARING_MEASURES & set(decision.measures):
        return True
    persons = any(link.party.kind in PERSON_KINDS for link in case.parties.select_related("party"))
    fine_limit = HEARING_FINE_PERSON if persons else HEARING_FINE_ORGANISATION
    seized_limit = HEARING_CONFISCATION_PERSON if persons else HEARING_CONFISCATION_ORGANISATION
    for amount, limit in ((decision.fine, fine_limit), (decision.confiscated, seized_limit)):
        if amount is not None and amount >= Decimal(str(get(limit.key))):
            return True
    return False


def _basis_rows(decision: Decision, case: Case) -> list[tuple[str, str]]:
    """The law applied and the benchmark cited (处罚法 arts. 34, 59(3))."""
    benchmark = decision.benchmark
    rows = [("违反的规定", benchmark.violation_basis if benchmark else common.bases(case))]
    rows.append(("处罚依据", benchmark.penalty_basis if benchmark else common.bases(case)))
    if benchmark is not None:
        rows.append(
            (
                "适用的裁量基准",
                f"{benchmark.source_document}（第{benchmark.version}版，"
                f"{common.chinese_date(benchmark.effective_on)}施行）：{benchmark.violation}",
            )
        )
        rows.append(("法定处罚幅度", benchmark.statutory_range))
    if decision.grade:
        rows.append(("裁量阶次", decision.grade))
    if decision.range_min is not None or decision.range_max is not None:
        rows.append(
            (
                "裁量幅度",
                f"{common.yuan(decision.range_min) or '—'}元至{common.yuan(decision.range_max) or '—'}元",
            )
        )
    return rows


def _explanation(doc: Builder, decision: Decision) -> None:
    doc.heading("裁量说明")
    doc.paragraphs(line for line in decision.explanation.splitlines() if line.strip())


def _evidence(doc: Builder, case: Case) -> None:
    items = list(case.evidence.order_by("number"))
    doc.heading("证据")
    if not items:
        doc.paragraph("（见案卷证据材料）")
        return
    doc.paragraphs(
        f"{e.number}. {e.get_kind_display()}：{e.title}（{e.source}，{common.chinese_date(e.collected_on)}取得）"
        for e in items
    )


class NoInputs(Inputs):
    pass


def prior_notice(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    decision = _latest(case, DecisionKind.INTENDED, NO_INTENDED)
    today = timezone.localdate()
    notified = case.notified_on or today
    doc = common.builder(case, "行政处罚事先告知书")
    doc.paragraph(f"{common.party_names(case)}：", indent=False)
    doc.paragraph(
        f"经查，{case.facts}本机关拟对你（单位）作出如下行政处罚：{decision.summary}。"
        "现依据《中华人民共和国行政处罚法》第四十四条的规定，将拟作出行政处罚的内容及事实、"
        "理由、依据告知如下。"
    )
    doc.fields(common.party_rows(case) + _basis_rows(decision, case))
    _evidence(doc, case)
    _explanation(doc, decision)
    doc.heading("当事人的权利")
    doc.paragraph(
        "你（单位）有权进行陈述和申辩。请于收到本告知书之日起五个工作日内向本机关提出陈述、"
        "申辩意见；逾期未提出的，视为放弃此权利。本机关不因你（单位）陈述、申辩而给予更重的"
        "处罚（《中华人民共和国行政处罚法》第四十五条）。"
    )
    if hearing_right(case, decision):
        due = deadlines.hearing_request_due(notified)
        doc.paragraph(
            "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求"
            f"举行听证。如要求听证，应当在收到本告知书之日起五个工作日内（{common.chinese_date(due.due)}"
            "前）向本机关提出；逾期未提出的，视为放弃听证权利。"
        )
    address = case.agency.address or "—"
    phone = case.unit.phone or case.agency.complaint_phone or "—"
    doc.paragraph(f"本机关地址：{address}；联系电话：{phone}。", indent=False)
    doc.signature(common.chinese_date(notified))
    doc.paragraph("当事人签收：            年  月  日", indent=False)
    return doc


class HearingInputs(Inputs):
    hearing_on = forms.DateField(
        label="听证日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写听证日期", "invalid": "听证日期格式应为YYYY-MM-DD"},
    )
    hearing_time = forms.TimeField(
        label="开始时间",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": "请填写开始时间", "invalid": "开始时间格式应为HH:MM"},
    )
    place = forms.CharField(
        label="听证地点", max_length=200, error_messages={"required": "请填写听证地点"}
    )
    presiding = forms.ModelChoiceField(
        label="听证主持人",
        queryset=Officer.objects.none(),
        error_messages={
            "required": "请选择听证主持人",
            "invalid_choice": "听证主持人应为本机关非本案调查人员的执法人员",
        },
    )
    public = forms.BooleanField(label="公开举行", required=False, initial=True)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        investigators = case.officers.values("officer")
        self.fields["presiding"].queryset = (
            Officer.objects.filter(agency=case.agency)
            .exclude(pk__in=investigators)
            .order_by("name")
        )

    def clean_hearing_on(self) -> date:
        """Served today, the notice leaves 7 working days before the hearing (art. 64(2))."""
        hearing_on = self.cleaned_data["hearing_on"]
        earliest = deadlines.earliest_hearing_date(timezone.localdate())
        if hearing_on < earliest.due:
            raise forms.ValidationError(
                f"听证应在通知送达七个工作日后举行，今天送达的最早听证日为"
                f"{common.chinese_date(earliest.due)}（行政处罚法第六十四条、第八十五条）"
            )
        return hearing_on


def hearing_notice(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    doc = common.builder(case, "听证通知书")
    doc.paragraph(f"{common.party_names(case)}：", indent=False)
    when = f"{common.chinese_date(data['hearing_on'])} {data['hearing_time']:%H时%M分}"
    doc.paragraph(
        f"根据你（单位）的听证要求，本机关决定于{when}在{data['place']}"
        f"{'公开' if data['public'] else '不公开'}举行听证，就{case.title}拟作出的行政处罚听取你（单位）"
        "的陈述、申辩和质证意见。"
    )
    doc.fields(
        [
            ("听证主持人", data["presiding"].name),
            ("本案调查人员", "；".join(common.officer_lines(case))),
        ]
    )
    doc.paragraph(
        "听证由本机关指定的非本案调查人员主持。你（单位）认为主持人与本案有直接利害关系的，有权"
        "申请回避。你（单位）可以亲自参加听证，也可以委托一至二人代理；委托代理人参加的，应当"
        "提交授权委托书。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利"
        "（《中华人民共和国行政处罚法》第六十四条）。"
    )
    doc.signature(common.chinese_date(timezone.localdate()))
    doc.paragraph("当事人签收：            年  月  日", indent=False)
    return doc


def decision_document(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    """行政处罚决定书 with every element of 处罚法 art. 59 in its order."""
    decision = _latest(case, DecisionKind.FINAL, NO_FINAL)
    decided_on = case.decided_on or timezone.localdate()
    doc = common.builder(case, "行政处罚决定书")
    doc.fields(common.party_rows(case))  # (一) 姓名或者名称、地址
    doc.heading("违法事实和证据")  # (二)
    doc.paragraph(case.facts or "—")
    _evidence(doc, case)
    doc.heading("行政处罚的种类和依据")  # (三)
    doc.fields(_basis_rows(decision, case))
    doc.paragraph(f"本机关决定对你（单位）作出如下行政处罚：{decision.summary}。")
    _explanation(doc, decision)
    doc.heading("履行方式和期限")  # (四)
    if decision.fine is not None or decision.confiscated is not None:
        doc.paragraph(
            "请自收到本决定书之日起十五日内，持本决定书到指定银行或者通过电子支付系统缴纳罚没款"
            "（《中华人民共和国行政处罚法》第六十七条）。到期不缴纳罚款的，本机关将每日按罚款数额的"
            "百分之三加处罚款，加处罚款的数额不超过罚款的数额，并依法申请人民法院强制执行"
            "（第七十二条）。"
        )
    else:
        doc.paragraph("本决定自送达之日起执行。")
    if decision.other_terms:
        doc.paragraph(f"其他处罚内容的履行：{decision.other_terms}。")
    doc.heading("救济途径和期限")  # (五)
    doc.paragraph(
        f"如不服本处罚决定，可以在收到本决定书之日起六十日内向{common.appeal_organ(case)}申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。行政复议或者行政诉讼期间，本决定不停止执行，"
        "法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条）。"
    )
    doc.signature(common.chinese_date(decided_on))  # (六) 行政机关名称和作出决定的日期
    return doc


register(
    Kind(
        "prior_notice",
        "行政处罚事先告知书",
        frozenset({S.INVESTIGATION, S.PRIOR_NOTICE}),
        prior_notice,
        NoInputs,
        help="告知拟作出的处罚及事实、理由、依据和陈述申辩（听证）权利",
    ),
    Kind(
        "hearing_notice",
        "听证通知书",
        frozenset({S.HEARING}),
        hearing_notice,
        HearingInputs,
        help="听证七个工作日前送达，主持人为非本案调查人员",
    ),
    Kind(
        "decision",
        "行政处罚决定书",
        frozenset({S.DECIDED, S.EXECUTION}),
        decision_document,
        NoInputs,
        help="载明行政处罚法第五十九条规定的全部事项、裁量基准和裁量说明",
    ),
)
