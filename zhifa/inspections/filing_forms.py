"""The pre-filing's forms: types only; the rules are the service's (its Chinese errors land on the
fields they name)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from zhifa.catalog.models import ListEntry, ListKind, Matter
from zhifa.catalog.services.lists import as_of
from zhifa.inspections.models import InspectionKind
from zhifa.org.models import Agency
from zhifa.parties.models import Party
from zhifa.registry.forms import DateInput
from zhifa.registry.models import Officer, OfficerStatus


class OfficerChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Officer) -> str:
        unit = f"（{obj.unit.name}）" if obj.unit_id else ""
        return f"{obj.name}{unit}"


class MatterChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Matter) -> str:
        return f"{obj.name}（{obj.code}）"


def listed_matters(agency: Agency) -> Any:
    """The agency's matters on its enterprise-inspection list in force today (the form offers
    these; the service checks the list in force on the visit's dates)."""
    version = as_of(agency, ListKind.ENTERPRISE_INSPECTION, timezone.localdate())
    if version is None:
        return Matter.objects.none()
    ids = ListEntry.objects.filter(version=version, matter__isnull=False).values("matter_id")
    return Matter.objects.filter(pk__in=ids).order_by("code")


class FilingForm(forms.Form):
    kind = forms.ChoiceField(label="检查类型", choices=InspectionKind.choices)
    party = forms.CharField(
        label="检查对象",
        max_length=200,
        help_text="填写企业的统一社会信用代码（18位）或登记的全称",
    )
    window_start = forms.DateField(label="检查起始日", widget=DateInput)
    window_end = forms.DateField(label="检查截止日", widget=DateInput)
    officers = OfficerChoices(
        label="检查人员（至少2人）", queryset=Officer.objects.none(), required=False
    )
    matters = MatterChoices(
        label="检查事项（涉企检查事项清单内）", queryset=Matter.objects.none(), required=False
    )
    basis = forms.CharField(
        label="检查依据及内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    emergency = forms.BooleanField(label="紧急检查（已先行检查，事后补办备案）", required=False)
    emergency_reason = forms.CharField(
        label="紧急情况说明",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, agency: Agency, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency, self.user = agency, user
        self.fields["officers"].queryset = (
            Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY)
            .select_related("unit")
            .order_by("name", "pk")
        )
        self.fields["matters"].queryset = listed_matters(agency)

    def clean_party(self) -> Party:
        text = self.cleaned_data["party"].strip()
        visible = Party.objects.restrict(self.user)
        found = list(visible.filter(uscc=text.upper())[:1]) or list(visible.filter(name=text)[:2])
        if not found:
            raise forms.ValidationError("没有找到该企业：请填写已登记的统一社会信用代码或全称")
        if len(found) > 1:
            raise forms.ValidationError("有多个同名的当事人，请填写统一社会信用代码")
        return found[0]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["officers"] = list(data["officers"])
        data["matters"] = list(data["matters"])
        return data


class DecisionForm(forms.Form):
    opinion = forms.CharField(
        label="审批意见", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
