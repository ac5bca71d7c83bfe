"""The 当场处罚 page's forms (简易程序, 处罚法 arts. 51, 52, 68, 69): types and choices only; the
thresholds, the two officers and the collection rules are the services' (their Chinese errors land
on the fields they name)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from zhifa.cases.forms import OfficerChoice
from zhifa.cases.models import SummaryMeasure
from zhifa.cases.rules import ON_SPOT_COLLECTION, SUMMARY_FINE_ORGANISATION, SUMMARY_FINE_PERSON
from zhifa.catalog.models import Matter
from zhifa.org.models import Agency, Unit, UnitKind
from zhifa.parties.models import Party
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.forms import DateInput
from zhifa.registry.models import Officer, OfficerStatus

REGISTERED, PERSON = "registered", "person"
BIG = {"class": "touch"}


class MatterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Matter) -> str:
        return f"{obj.name}（{obj.code}）"


def enforceable_matters(officer: Officer, agency: Agency, on: date) -> list[int]:
    """The agency's matters ``officer`` may enforce on ``on`` (registry ``can_enforce``: one check
    per enforcement field, since the certificate's field decides)."""
    matters = Matter.objects.filter(agency__in=[agency.pk, agency.delegating_agency_id or 0])
    verdicts: dict[int | None, bool] = {}
    chosen = []
    for matter in matters.order_by("code"):
        if matter.field_id not in verdicts:
            verdicts[matter.field_id] = can_enforce(officer, on, matter).ok
        if verdicts[matter.field_id]:
            chosen.append(matter.pk)
    return chosen


class OnSpotForm(forms.Form):
    """当场处罚决定: one column on a phone, in the order the officer works on site."""

    party_mode = forms.ChoiceField(
        label="当事人",
        choices=[(REGISTERED, "查找已登记的当事人"), (PERSON, "现场登记自然人")],
        initial=REGISTERED,
        widget=forms.RadioSelect,
    )
    party = forms.CharField(
        label="统一社会信用代码或全称",
        max_length=200,
        required=False,
        help_text="已登记的企业、个体工商户等：填写18位代码或登记的全称",
        widget=forms.TextInput(attrs={**BIG, "autocomplete": "off"}),
    )
    person_name = forms.CharField(label="姓名", max_length=200, required=False)
    person_id_number = forms.CharField(
        label="身份证号码",
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    person_address = forms.CharField(label="住址", max_length=200, required=False)
    title = forms.CharField(label="案由", max_length=200, help_text="如：未按规定公示营业执照案")
    matter = MatterChoice(
        label="执法事项",
        queryset=Matter.objects.none(),
        error_messages={
            "invalid_choice": "您今天不能就该事项执法（须为本机关的事项，且持有该执法领域的有效执法证件）"
        },
    )
    facts = forms.CharField(
        label="违法事实", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    basis = forms.CharField(
        label="处罚依据",
        max_length=500,
        required=False,
        help_text="法律、法规、规章的名称和条款；不填写的，为所选执法事项的依据",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    measure = forms.ChoiceField(
        label="处罚种类", choices=SummaryMeasure.choices, widget=forms.RadioSelect
    )
    fine = forms.CharField(
        label="罚款金额（元）",
        max_length=20,
        required=False,
        help_text=(
            f"当场罚款限额：公民{SUMMARY_FINE_PERSON:,.0f}元以下，法人或者其他组织"
            f"{SUMMARY_FINE_ORGANISATION:,.0f}元以下（《行政处罚法》第五十一条）"
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    place = forms.CharField(label="作出决定地点", max_length=200)
    second_officer = OfficerChoice(label="另一名执法人员", queryset=Officer.objects.none())
    unit = forms.ModelChoiceField(label="承办机构", queryset=Unit.objects.none())

    def __init__(
        self, *args: Any, agency: Agency, user: Any, officer: Officer, on: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.agency, self.user, self.officer = agency, user, officer
        self.fields["matter"].queryset = Matter.objects.filter(
            pk__in=enforceable_matters(officer, agency, on)
        ).order_by("code")
        self.fields["second_officer"].queryset = (
            Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY)
            .exclude(pk=officer.pk)
            .select_related("unit")
            .order_by("name", "pk")
        )
        units = Unit.objects.filter(agency=agency, is_active=True, kind=UnitKind.HANDLING)
        self.fields["unit"].queryset = units.order_by("name")
        if officer.unit_id and units.filter(pk=officer.unit_id).exists():
            self.initial.setdefault("unit", officer.unit_id)
        elif units.count() == 1:
            self.initial.setdefault("unit", units.get().pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("party_mode") == PERSON:
            if not (data.get("person_name") or "").strip():
                self.add_error("person_name", "请填写当事人姓名")
            if not (data.get("person_id_number") or "").strip():
                self.add_error("person_id_number", "请填写身份证号码")
        elif data.get("party_mode") == REGISTERED:
            data["found_party"] = self._registered(data.get("party") or "")
        return data

    def _registered(self, text: str) -> Party | None:
        text = text.strip()
        if not text:
            self.add_error("party", "请填写当事人的统一社会信用代码或全称")
            return None
        visible = Party.objects.restrict(self.user)
        found = list(visible.filter(uscc=text.upper())[:1]) or list(visible.filter(name=text)[:2])
        if not found:
            self.add_error("party", "没有找到该当事人：请填写已登记的统一社会信用代码或全称")
            return None
        if len(found) > 1:
            self.add_error("party", "有多个同名的当事人，请填写统一社会信用代码")
            return None
        return found[0]

    def person(self) -> dict[str, Any] | None:
        """The person to register on the spot (``None``: a registered party was found)."""
        data = self.cleaned_data
        if data["party_mode"] != PERSON:
            return None
        return {
            "name": data["person_name"],
            "id_number": data["person_id_number"],
            "address": data["person_address"],
        }

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "title": data["title"],
            "officers": [self.officer, data["second_officer"]],
            "parties": [data["found_party"]] if data["party_mode"] == REGISTERED else [],
            "matters": [data["matter"]],
            "measure": data["measure"],
            "fine": data["fine"] if data["measure"] == SummaryMeasure.FINE else None,
            "place": data["place"],
            "facts": data["facts"],
            "basis": data["basis"],
        }


class CollectForm(forms.Form):
    """当场收缴罚款 (arts. 68, 69): the amount, the receipt, and the reason above 100 yuan."""

    amount = forms.CharField(
        label="收缴金额（元）",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    receipt_number = forms.CharField(
        label="罚没款收据编号",
        max_length=50,
        help_text="省、自治区、直辖市财政部门统一制发的专用票据（《行政处罚法》第七十条）",
    )
    reason = forms.CharField(
        label="当场收缴的理由",
        max_length=300,
        required=False,
        help_text=(
            f"罚款超过{ON_SPOT_COLLECTION:,.0f}元的必填：不当场收缴事后难以执行，或者在边远、水上、"
            "交通不便地区当事人提出（《行政处罚法》第六十八条）"
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FileForm(forms.Form):
    """报备 (art. 52): the day filed and an optional note; the 决定书 filed is the latest issued."""

    filed_on = forms.DateField(label="报备日期", required=False, widget=DateInput)
    note = forms.CharField(
        label="报备说明",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="退回后重新报备的，写明更正情况",
    )
