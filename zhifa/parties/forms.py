"""Forms of the parties' pages: they parse, the services check (their Chinese errors land here)."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.org.models import Region
from zhifa.parties.models import CreditGrade, Party, PartyKind, RiskClass


class DateInput(forms.DateInput):
    input_type = "date"


def _text(
    label: str, max_length: int = 50, required: bool = False, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.code} {obj.name}"


class _PartyFields(forms.Form):
    name = _text("名称（姓名）", 200, required=True)
    legal_representative = _text("法定代表人（负责人）")
    address = _text("住所（经营场所）", 200)
    region = RegionChoiceField(label="所在区划", queryset=Region.objects.order_by("code"))
    industry = _text("行业代码", 5, help_text="国民经济行业分类（GB/T 4754-2017），如C1311、F52")
    policy_officer_name = _text("企业政策官")
    policy_officer_phone = _text(
        "企业政策官电话", 30, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    liaison_leader_name = _text("包保领导干部")
    liaison_leader_phone = _text(
        "包保领导干部电话", 30, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )


class PartyCreateForm(_PartyFields):
    kind = forms.ChoiceField(label="主体类型", choices=PartyKind.choices)
    uscc = _text("统一社会信用代码", 30, help_text="18位（GB 32100-2015）；自然人不填")
    id_number = _text("身份证号码", 30, help_text="仅自然人填写；保存后仅显示脱敏号码")
    uscc_verified_reason = _text(
        "代码核实说明",
        500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="仅信息管理员填写：代码校验位不符但经登记机关核实无误时，写明核实情况",
    )
    field_order = ["kind", "name", "uscc", "id_number", "uscc_verified_reason"]

    def __init__(self, *args: Any, may_verify: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_verify:
            del self.fields["uscc_verified_reason"]


class PartyEditForm(_PartyFields):
    """The details as registered, except the phones: personal data is never put back on a page
    in clear (only masked, in the help text); a phone left blank stays as it is."""

    PHONES = ("policy_officer_phone", "liaison_leader_phone")

    def __init__(self, *args: Any, party: Party, **kwargs: Any) -> None:
        initial = {
            name: getattr(party, name)
            for name in self.base_fields
            if name not in ("region", *self.PHONES)
        }
        kwargs.setdefault("initial", initial | {"region": party.region_id})
        super().__init__(*args, **kwargs)
        for name in self.PHONES:
            masked = getattr(party, f"{name}_masked")
            self.fields[name].help_text = f"已登记{masked}；不修改请留空" if masked else ""

    def changes(self) -> dict[str, Any]:
        """The cleaned data, without the phones left blank (unchanged)."""
        data = dict(self.cleaned_data)
        for name in self.PHONES:
            if not data.get(name):
                data.pop(name, None)
        return data


class VerifyForm(forms.Form):
    code = _text("统一社会信用代码", 30, required=True)
    reason = _text("登记机关核实说明", 500, required=True, widget=forms.Textarea(attrs={"rows": 2}))


class CreditForm(forms.Form):
    grade = forms.ChoiceField(label="信用等级", choices=CreditGrade.choices)
    graded_on = forms.DateField(label="评定日期", widget=DateInput)
    source = _text("来源", 100, required=True, help_text="如：示范市公共信用信息平台")


class RiskForm(forms.Form):
    risk = forms.ChoiceField(label="风险等级", choices=RiskClass.choices)
    classed_on = forms.DateField(label="分类日期", widget=DateInput)
    source = _text("来源", 100, required=True, help_text="如：市市场监管局风险分类")


class BindForm(forms.Form):
    username = _text(
        "企业用户账号", 150, required=True, help_text="身份已经政务服务平台核验的企业用户"
    )


class UnbindForm(forms.Form):
    account = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="我确认解除该账号与当事人的绑定（解除后该账号将看不到本企业的信息）",
        error_messages={"required": "请勾选确认后再解除绑定"},
    )
