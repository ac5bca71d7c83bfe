"""The forms of the filing and transfer pages (types only: the services validate the rest)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from zhifa.cases.models import Case, Evidence, RecipientKind, TransferOutcome
from zhifa.registry.forms import DateInput

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class FileForm(forms.Form):
    document = forms.CharField(
        label="处罚决定书文号",
        required=False,
        max_length=200,
        help_text="如：示市监罚决〔2026〕12号",
    )
    explanation = forms.CharField(
        label="备案说明", required=False, widget=TEXTAREA, help_text="违法事实、处罚依据和裁量理由"
    )
    late_reason = forms.CharField(
        label="逾期报备的原因", required=False, widget=TEXTAREA, help_text="超过备案期限的必填"
    )


class AcceptForm(forms.Form):
    pass


class ClearForm(forms.Form):
    opinion = forms.CharField(label="审查意见", required=False, widget=TEXTAREA)


class CorrectForm(forms.Form):
    opinion = forms.CharField(label="纠正意见", required=False, widget=TEXTAREA)


class RespondForm(forms.Form):
    response = forms.CharField(label="纠正情况", required=False, widget=TEXTAREA)


class EvidenceChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Evidence) -> str:
        return f"证据{obj.number}：{obj.title}（{obj.get_kind_display()}）"


class TransferForm(forms.Form):
    recipient_kind = forms.ChoiceField(
        label="接收机关类别", required=False, choices=[("", "请选择"), *RecipientKind.choices]
    )
    recipient = forms.CharField(label="接收机关", required=False, max_length=100)
    reason = forms.CharField(
        label="移送理由", required=False, widget=TEXTAREA, help_text="涉嫌的罪名及主要事实"
    )
    letter_number = forms.CharField(label="移送函文号", required=False, max_length=60)
    letter_on = forms.DateField(label="移送函日期", required=False, widget=DateInput)
    evidence = EvidenceChoices(
        label="随案移送的证据（证据清单）", queryset=Evidence.objects.none(), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"letter_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Evidence.objects.filter(case=case).order_by("number")


class ReceiveForm(forms.Form):
    received_on = forms.DateField(label="回执日期", required=False, widget=DateInput)
    receiver = forms.CharField(label="接收人", required=False, max_length=100)
    receipt = forms.FileField(label="回执扫描件（可选）", required=False)


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="处理结果", required=False, choices=TransferOutcome.choices, widget=forms.RadioSelect
    )
    outcome_on = forms.DateField(label="处理结果日期", required=False, widget=DateInput)
    note = forms.CharField(
        label="说明",
        required=False,
        widget=TEXTAREA,
        help_text="不予立案的，写明理由；案件退回本机关",
    )
