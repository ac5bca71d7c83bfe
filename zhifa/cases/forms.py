"""The cases' forms: types only; the rules are the services' (their Chinese errors land on the
fields they name)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from zhifa.cases.models import CaseSource, ServiceMethod
from zhifa.catalog.models import Matter
from zhifa.org.models import Agency, Unit, UnitKind
from zhifa.parties.models import Party
from zhifa.registry.forms import DateInput
from zhifa.registry.models import Officer, OfficerStatus


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        unit = f"（{obj.unit.name}）" if obj.unit_id else ""
        return f"{obj.name}{unit}"


class OfficerChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Officer) -> str:
        unit = f"（{obj.unit.name}）" if obj.unit_id else ""
        return f"{obj.name}{unit}"


class MatterChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Matter) -> str:
        return f"{obj.name}（{obj.code}）"


class LeadForm(forms.Form):
    """登记线索: the officers (主办 first), the party, the matters and what is known so far."""

    title = forms.CharField(
        label="案由", max_length=200, help_text="如：涉嫌经营超过保质期的食品案"
    )
    source = forms.ChoiceField(label="案件来源", choices=CaseSource.choices)
    source_reference = forms.CharField(
        label="来源编号",
        max_length=100,
        required=False,
        help_text="如检查移送立案的检查记录编号、投诉举报编号、移送函文号",
    )
    unit = forms.ModelChoiceField(label="承办机构", queryset=Unit.objects.none())
    lead_officer = OfficerChoice(label="主办人员", queryset=Officer.objects.none())
    officers = OfficerChoices(
        label="协办人员（调查取证至少2人）", queryset=Officer.objects.none(), required=False
    )
    party = forms.CharField(
        label="当事人",
        max_length=200,
        help_text="填写统一社会信用代码（18位）或登记的全称",
    )
    matters = MatterChoices(
        label="执法事项",
        queryset=Matter.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    discovered_on = forms.DateField(label="发现日期", widget=DateInput)
    violation_began = forms.DateField(label="违法行为发生日", widget=DateInput, required=False)
    violation_ended = forms.DateField(
        label="违法行为终了日（连续或继续状态的）", widget=DateInput, required=False
    )
    safety_harm = forms.BooleanField(
        label="涉及公民生命健康安全、金融安全且有危害后果（追责期限五年）", required=False
    )
    facts = forms.CharField(
        label="案情摘要", max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    referral = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, agency: Agency, user: Any, referral: Any = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"discovered_on": timezone.localdate()})
        if referral is not None:  # a visit's 移送立案: what the inspection knows, prefilled
            party = Party.objects.filter(pk=referral.party_id).first()
            kwargs["initial"].update(
                referral=referral.key,
                source=CaseSource.INSPECTION,
                source_reference=referral.reference,
                party=(party.uscc or party.name) if party else "",
                matters=list(referral.matter_ids),
                facts=referral.facts,
                discovered_on=referral.found_on,
            )
        super().__init__(*args, **kwargs)
        self.agency, self.user = agency, user
        officers = (
            Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY)
            .select_related("unit")
            .order_by("name", "pk")
        )
        self.fields["lead_officer"].queryset = officers
        self.fields["officers"].queryset = officers
        own = officers.filter(user=user).first()
        if own is not None:
            self.initial.setdefault("lead_officer", own.pk)
        self.fields["unit"].queryset = Unit.objects.filter(
            agency=agency, is_active=True, kind=UnitKind.HANDLING
        ).order_by("name")
        self.fields["matters"].queryset = Matter.objects.filter(
            agency__in=[agency.pk, agency.delegating_agency_id or 0]
        ).order_by("code")

    def clean_party(self) -> Party:
        text = self.cleaned_data["party"].strip()
        visible = Party.objects.restrict(self.user)
        found = list(visible.filter(uscc=text.upper())[:1]) or list(visible.filter(name=text)[:2])
        if not found:
            raise forms.ValidationError("没有找到该当事人：请填写已登记的统一社会信用代码或全称")
        if len(found) > 1:
            raise forms.ValidationError("有多个同名的当事人，请填写统一社会信用代码")
        return found[0]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        lead = data.pop("lead_officer")
        data["officers"] = [lead, *[o for o in data["officers"] if o.pk != lead.pk]]
        data["parties"] = [data.pop("party")]
        data["matters"] = list(data["matters"])
        return data


class ActionForm(forms.Form):
    """What a step may ask: an opinion or a reason, the receiving authority of a transfer, the
    day and method of service. Each step reads only its own (the service checks them)."""

    opinion = forms.CharField(
        label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label="理由或依据",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不予立案、不予处罚、撤销立案、移送时必填",
    )
    recipient = forms.CharField(
        label="接收移送的机关", required=False, max_length=100, help_text="移送时必填"
    )
    served_on = forms.DateField(label="送达日期", required=False, widget=DateInput)
    method = forms.ChoiceField(
        label="送达方式", required=False, choices=[("", "—"), *ServiceMethod.choices]
    )
    receiver = forms.CharField(
        label="受送达人", required=False, max_length=200, help_text="不填写的，为本案当事人"
    )
    place = forms.CharField(label="送达地点", required=False, max_length=200)
    note = forms.CharField(
        label="送达情况",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="留置送达的，写明拒收事由、见证人或拍照录像情况",
    )
    consent = forms.BooleanField(
        label="当事人同意电子送达并已签订确认书", required=False, help_text="电子送达时必选"
    )

    #: The fields each step reads.
    FIELDS = {
        "not_open": ("reason",),
        "decide_no_penalty": ("reason",),
        "withdraw": ("reason",),
        "transfer": ("recipient", "reason"),
        "serve": ("served_on", "method", "receiver", "place", "note", "consent", "opinion"),
    }

    def data_for(self, action: str) -> dict[str, Any]:
        names = self.FIELDS.get(action, ("opinion",))
        return {name: self.cleaned_data.get(name) for name in names}
