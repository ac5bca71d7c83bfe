"""Forms of the registry pages. They only shape input: every rule is checked by the services, whose
errors ``call_service`` puts back on these forms (so field names match the services' arguments)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from zhifa.org.models import Agency, EnforcementField, Unit
from zhifa.registry.models import (
    ExamKind,
    Officer,
    OfficerStatus,
    Suspension,
    TrainingKind,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput, **kwargs)


def reason_field(label: str, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=200, required=required)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return str(obj)


class OfficerChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Officer) -> str:
        unit = f"·{obj.unit.name}" if obj.unit_id else ""
        return f"{obj.name}（{obj.agency.short_name or obj.agency.name}{unit}）"


class _OfficerFields(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    unit = UnitChoiceField(label="所在科室", queryset=Unit.objects.none(), required=False)
    post = forms.CharField(label="岗位", max_length=50, required=False)
    fields = forms.ModelMultipleChoiceField(
        label="执法领域",
        queryset=EnforcementField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    in_enforcement_post = forms.BooleanField(label="在执法岗位", required=False, initial=True)
    is_legal_reviewer = forms.BooleanField(label="法制审核人员", required=False)
    has_legal_qualification = forms.BooleanField(label="取得国家统一法律职业资格", required=False)


class OfficerCreateForm(_OfficerFields):
    """Register an officer: the agency is one the user keeps the registry of."""

    agency = forms.ModelChoiceField(label="所在执法主体", queryset=Agency.objects.none())
    id_number = forms.CharField(
        label="身份证号码", max_length=30, help_text="18位居民身份证号码，保存后仅显示脱敏号码"
    )
    field_order = ["agency", "name", "id_number", "unit", "post", "fields"]

    def __init__(self, *args, agencies: QuerySet[Agency], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
        self.fields["unit"].queryset = Unit.objects.filter(
            agency__in=agencies, is_active=True
        ).select_related("agency")


class OfficerEditForm(_OfficerFields):
    status = forms.ChoiceField(label="人员状态", choices=OfficerStatus.choices)
    reason = reason_field("变更原因", required=False)
    field_order = ["name", "unit", "post", "status", "fields"]

    def __init__(self, *args, officer: Officer, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": officer.name,
                "unit": officer.unit_id,
                "post": officer.post,
                "status": officer.status,
                "fields": [f.pk for f in officer.fields.all()],
                "in_enforcement_post": officer.in_enforcement_post,
                "is_legal_reviewer": officer.is_legal_reviewer,
                "has_legal_qualification": officer.has_legal_qualification,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(
            agency=officer.agency_id, is_active=True
        ).select_related("agency")
        self.fields["reason"].help_text = "离岗、调离、退休或离开执法岗位时，在用证件将被注销"


class TransferForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="调入执法主体",
        queryset=Agency.objects.filter(is_active=True),
    )
    unit = UnitChoiceField(
        label="调入科室",
        queryset=Unit.objects.filter(is_active=True, agency__is_active=True).select_related(
            "agency"
        ),
        required=False,
    )
    reason = reason_field("调动原因", required=False)


class PhotoForm(forms.Form):
    """Upload an officer's photo (multipart); the service checks the format and size."""

    photo = forms.FileField(
        label="照片",
        help_text="JPEG或PNG格式，不超过2MB",
        error_messages={"required": "请选择照片"},
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class PhotoRemoveForm(forms.Form):
    """Remove an officer's photo: no fields, only the service's errors."""


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label="培训类别", choices=TrainingKind.choices)
    course = forms.CharField(label="课程", max_length=100)
    held_on = date_field("培训日期")
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, min_value=0)


class ExamForm(forms.Form):
    kind = forms.ChoiceField(label="考试类别", choices=ExamKind.choices)
    field = forms.ModelChoiceField(
        label="专业领域",
        queryset=EnforcementField.objects.all(),
        required=False,
        help_text="专业法律知识考试填写",
    )
    taken_on = date_field("考试日期")
    score = forms.DecimalField(label="成绩", max_digits=5, decimal_places=1)


class IssueForm(forms.Form):
    number = forms.CharField(label="证件编号", max_length=30)
    issuing_authority = forms.CharField(label="发证机关", max_length=100)
    field = forms.ModelChoiceField(label="执法领域", queryset=EnforcementField.objects.all())
    issued_on = date_field("发证日期")
    expires_on = date_field("有效期至")


class SuspendForm(forms.Form):
    reason = reason_field("暂扣原因")
    starts_on = date_field("暂扣起始日")
    ends_on = date_field("暂扣截止日")


class LiftForm(forms.Form):
    suspension = forms.ModelChoiceField(
        label="暂扣记录", queryset=Suspension.objects.none(), empty_label=None
    )
    lifted_on = date_field("发还日期")

    def __init__(self, *args, suspensions: QuerySet[Suspension], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["suspension"].queryset = suspensions
        self.fields["suspension"].label_from_instance = lambda s: (
            f"{s.starts_on:%Y-%m-%d}至{s.ends_on:%Y-%m-%d}：{s.reason}"
        )


class EndForm(forms.Form):
    """收缴 or 注销: a reason and a date."""

    reason = reason_field("原因")
    on = date_field("日期")


class ReviewForm(forms.Form):
    year = forms.IntegerField(label="年审年度", min_value=2000, max_value=2100)
    defer = forms.BooleanField(label="暂缓年审", required=False)
    reasons = forms.CharField(
        label="理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="年审结论由培训学时和日常考核记录得出；暂缓须说明理由",
    )


class _Participants(forms.Form):
    agency = forms.ModelChoiceField(label="执法主体", queryset=Agency.objects.none())
    everyone = forms.BooleanField(label="本单位全部在岗执法人员", required=False)

    def __init__(self, *args, agencies: QuerySet[Agency], officers: QuerySet[Officer], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
        self.fields[self.people].queryset = officers

    people = "officers"

    def chosen(self) -> list[Officer]:
        """The officers chosen, or all of the agency's active enforcers when 'everyone' is ticked."""
        data = self.cleaned_data
        if data.get("everyone"):
            return list(
                self.fields[self.people].queryset.filter(
                    agency=data["agency"],
                    status=OfficerStatus.ON_DUTY,
                    in_enforcement_post=True,
                )
            )
        return list(data.get(self.people) or [])


class CampaignForm(_Participants):
    """One course for many officers at once (all or nothing)."""

    officers = OfficerChoices(label="参加人员", queryset=Officer.objects.none(), required=False)
    kind = forms.ChoiceField(label="培训类别", choices=TrainingKind.choices)
    course = forms.CharField(label="课程", max_length=100)
    held_on = date_field("培训日期")
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, min_value=0)
    campaign = forms.CharField(label="培训活动", max_length=100, required=False)
    field_order = ["agency", "kind", "course", "held_on", "hours", "campaign", "everyone"]


class DrillForm(_Participants):
    people = "participants"
    participants = OfficerChoices(label="参加人员", queryset=Officer.objects.none(), required=False)
    title = forms.CharField(label="练兵项目", max_length=100)
    held_on = date_field("日期")
    field_order = ["agency", "title", "held_on", "everyone"]
