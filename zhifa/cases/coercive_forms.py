"""The forms of the coercive measure pages (types only: the services validate the rest)."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.cases.models import Case
from zhifa.cases.models.coercive import AppraisalKind, CoerciveKind, LiftReason
from zhifa.registry.models import Officer, OfficerStatus

TEXTAREA = forms.Textarea(attrs={"rows": 3})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def parse_items(text: str) -> list[dict[str, str]]:
    """The list (清单) typed one line per item: 名称|数量|存放地点|备注 (the last two optional)."""
    found = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("｜", "|").split("|")] + ["", "", ""]
        found.append(dict(zip(("name", "quantity", "place", "note"), parts[:4], strict=True)))
    return found


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label="措施种类", choices=CoerciveKind.choices, required=False)
    emergency = forms.BooleanField(
        label="情况紧急，已当场实施（应在24小时内向负责人报告）", required=False
    )
    carried_out_at = forms.DateTimeField(
        label="当场实施时间",
        required=False,
        widget=MOMENT,
        input_formats=MOMENT_FORMATS,
        help_text="当场实施的填写；不填为现在",
    )
    place = forms.CharField(label="实施地点", required=False, max_length=200)
    reason = forms.CharField(label="理由和依据", required=False, widget=TEXTAREA)
    officers = forms.ModelMultipleChoiceField(
        label="实施人员（两名以上）",
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    items = forms.CharField(
        label="清单",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "过期饼干|20箱|仓库A|"}),
        help_text="每行一项：名称|数量|存放地点|备注（存放地点、备注可不填）",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = Officer.objects.filter(
            agency=case.agency, status=OfficerStatus.ON_DUTY
        ).order_by("name")
        if not self.is_bound:
            self.initial["officers"] = list(case.officers.values_list("officer_id", flat=True))

    def item_rows(self) -> list[dict[str, str]]:
        return parse_items(self.cleaned_data.get("items", ""))


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="负责人意见", required=False, widget=TEXTAREA)


class RefusalForm(forms.Form):
    opinion = forms.CharField(label="不予批准的理由", required=False, widget=TEXTAREA)


class CarryOutForm(forms.Form):
    carried_out_at = forms.DateTimeField(
        label="实施时间",
        required=False,
        widget=MOMENT,
        input_formats=MOMENT_FORMATS,
        help_text="不填为现在；期限自实施之日起计算",
    )


class ReportForm(forms.Form):
    report = forms.CharField(label="报告内容", required=False, widget=TEXTAREA)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长天数（不超过30日）", required=False)
    reason = forms.CharField(label="延长理由（书面告知当事人）", required=False, widget=TEXTAREA)

    def clean_days(self) -> Any:
        days = self.cleaned_data.get("days")
        return 0 if days is None else days


LIFT_REASONS = [c for c in LiftReason.choices if c[0] != "not_approved"]
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposeLiftForm(forms.Form):
    reason = forms.ChoiceField(
        label="解除理由", choices=[("", "请选择"), *LIFT_REASONS], required=False
    )
    note = forms.CharField(label="说明", required=False, widget=TEXTAREA)


class LiftForm(forms.Form):
    reason = forms.ChoiceField(
        label="解除理由",
        choices=[("", "同提请解除的理由"), *LIFT_REASONS],
        required=False,
    )
    note = forms.CharField(label="说明", required=False, widget=TEXTAREA)
    opinion = forms.CharField(label="负责人意见", required=False, widget=TEXTAREA)
    items_returned = forms.BooleanField(label="财物已退还（或存款已解冻）", required=False)


class DeclineLiftForm(forms.Form):
    opinion = forms.CharField(label="不予解除的理由", required=False, widget=TEXTAREA)


class ItemsForm(forms.Form):
    items = forms.CharField(
        label="清单",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一项：名称|数量|存放地点|备注；实施前可以更正，实施后不能更正",
    )

    def item_rows(self) -> list[dict[str, str]]:
        return parse_items(self.cleaned_data.get("items", ""))


class AppraisalForm(forms.Form):
    kind = forms.ChoiceField(
        label="事项", choices=[("", "请选择"), *AppraisalKind.choices], required=False
    )
    starts_on = forms.DateField(label="起始日", required=False, widget=DAY)
    ends_on = forms.DateField(label="截止日", required=False, widget=DAY)
    notified_on = forms.DateField(label="书面告知当事人日期", required=False, widget=DAY)
    note = forms.CharField(label="说明", required=False, max_length=300)


FORMS: dict[str, type[forms.Form]] = {
    "approve": OpinionForm,
    "refuse": RefusalForm,
    "carry_out": CarryOutForm,
    "report": ReportForm,
    "ratify": OpinionForm,
    "annul": RefusalForm,
    "extend": ExtensionForm,
    "correct_items": ItemsForm,
    "record_appraisal": AppraisalForm,
    "propose_lift": ProposeLiftForm,
    "lift": LiftForm,
    "decline_lift": DeclineLiftForm,
}
