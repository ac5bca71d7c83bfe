"""Documents of coercive measures: 查封（扣押、冻结）决定书 with its 清单 (强制法 art. 24: the party's
name and address, the reason and basis, the places, facilities or things and their list, the time
limit, the rights to reconsideration and to sue, the agency's name, seal and date) and the
延长期限决定书 (art. 25: the extension is served on the party in writing, with its reason)."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.cases.documents import common
from zhifa.cases.documents.kinds import Inputs, Kind, register
from zhifa.cases.models import FINISHED, Case, CaseStatus
from zhifa.cases.models.coercive import CoerciveMeasure, CoerciveStatus
from zhifa.cases.services import coercive
from zhifa.core.docx_kit import Builder
from zhifa.core.workdays import YearDataMissing

S = CoerciveStatus
#: A measure may be taken (and its documents made) while the case is not over.
OPEN_STATES = frozenset(s.value for s in CaseStatus if s not in FINISHED)
DECIDED = (S.APPROVED, S.EMERGENCY, S.REPORTED, S.IN_FORCE, S.EXTENDED)


class MeasureInputs(Inputs):
    statuses: tuple[str, ...] = DECIDED
    measure = forms.ModelChoiceField(
        label="行政强制措施",
        queryset=CoerciveMeasure.objects.none(),
        error_messages={
            "required": "请选择行政强制措施",
            "invalid_choice": "请选择本案已批准或已实施的行政强制措施",
        },
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["measure"].queryset = CoerciveMeasure.objects.filter(
            case=case, status__in=self.statuses
        )


class ExtensionInputs(MeasureInputs):
    statuses = (S.EXTENDED,)


def _limit(measure: CoerciveMeasure) -> str:
    try:
        end = coercive.last_day(measure)
    except YearDataMissing as missing:
        return f"自实施之日起30日（{missing}）"
    if end is None:
        return "自实施之日起30日"
    return end.explanation


def _items(doc: Builder, measure: CoerciveMeasure) -> None:
    doc.heading(f"{measure.get_kind_display()}清单")
    rows = [
        (f"{n}. {i.name}", f"数量：{i.quantity}；存放地点：{i.place or '—'}；{i.note or ''}")
        for n, i in enumerate(measure.items.all(), start=1)
    ]
    doc.fields(rows)


def decision(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    """查封（扣押、冻结）决定书 with its 清单 (强制法 art. 24)."""
    measure: CoerciveMeasure = data["measure"]
    kind = measure.get_kind_display()
    doc = common.builder(case, f"{kind}决定书")
    doc.fields(
        [
            *common.party_rows(case),
            ("措施", kind + ("（情况紧急，当场实施）" if measure.emergency else "")),
            ("实施地点", measure.place),
            ("期限", _limit(measure)),
        ]
    )
    doc.heading("理由和依据")
    doc.paragraph(measure.reason)
    _items(doc, measure)
    doc.paragraph(
        f"如不服本决定，可以在收到本决定书之日起六十日内向{common.appeal_organ(case)}申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。"
    )
    doc.signature(common.chinese_date(measure.carried_out_on or measure.approved_on))
    return doc


def extension(case: Case, actor: Any, data: dict[str, Any]) -> Builder:
    """延长查封（扣押、冻结）期限决定书 (强制法 art. 25: in writing, with the reason)."""
    measure: CoerciveMeasure = data["measure"]
    kind = measure.get_kind_display()
    doc = common.builder(case, f"延长{kind}期限决定书")
    doc.fields(
        [
            *common.party_rows(case),
            ("原决定实施日期", common.chinese_date(measure.carried_out_on)),
            ("延长期限", f"{measure.extension_days}日"),
            ("延长后期限", _limit(measure)),
        ]
    )
    doc.heading("延长理由")
    doc.paragraph(measure.extension_reason)
    _items(doc, measure)
    doc.signature(common.chinese_date(measure.extended_on))
    return doc


register(
    Kind(
        "coercive_decision",
        "查封（扣押、冻结）决定书",
        OPEN_STATES,
        decision,
        MeasureInputs,
        help="行政强制法第二十四条：决定书和清单当场交付当事人",
    ),
    Kind(
        "coercive_extension",
        "延长查封（扣押、冻结）期限决定书",
        OPEN_STATES,
        extension,
        ExtensionInputs,
        help="行政强制法第二十五条：延长决定应当书面告知当事人并说明理由",
    ),
)
