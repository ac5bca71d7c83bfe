"""Registry serializers: output shapes, and input parsers that only parse types.

Every rule (a valid ID number, exams passed before a certificate, …) is checked by the services,
which answer in Chinese; related objects a client may name are limited to what they can see, so an
unseen officer or agency is "not found" rather than forbidden.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from zhifa.core.api import ScopedRelatedField
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.org.models import Agency, EnforcementField, Unit
from zhifa.registry.models import (
    Assessment,
    Certificate,
    CertificateReview,
    CertificateState,
    ExamKind,
    ExamResult,
    IndicatorSet,
    Officer,
    OfficerStatus,
    Suspension,
    TrainingKind,
    TrainingRecord,
)


def field_codes(**kwargs: Any) -> serializers.SlugRelatedField:
    """执法领域 by code (``"01"`` 市场监管, …)."""
    if not kwargs.get("read_only"):
        kwargs.setdefault("queryset", EnforcementField.objects.all())
        kwargs.setdefault(
            "error_messages",
            {"does_not_exist": "没有代码为{value}的执法领域", "invalid": "请填写执法领域代码"},
        )
    return serializers.SlugRelatedField(slug_field="code", **kwargs)


# --- officers ---


class OfficerSerializer(serializers.ModelSerializer):
    """An officer as clients see it: the ID number only ever masked."""

    id_number_masked = serializers.CharField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, default="")
    fields = field_codes(many=True, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    has_photo = serializers.BooleanField(
        read_only=True, help_text="是否有照片（照片仅在登记系统页面查看，不经API或公示页面提供）"
    )

    class Meta:
        model = Officer
        fields = [
            "id",
            "name",
            "id_number_masked",
            "agency",
            "agency_name",
            "unit",
            "unit_name",
            "post",
            "in_enforcement_post",
            "fields",
            "status",
            "status_display",
            "is_legal_reviewer",
            "has_legal_qualification",
            "has_photo",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class OfficerCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(write_only=True, help_text="18位身份证号码，只写不读")
    agency = ScopedRelatedField(queryset=Agency.objects.all())
    unit = ScopedRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    post = serializers.CharField(max_length=50, required=False, allow_blank=True)
    in_enforcement_post = serializers.BooleanField(default=True)
    fields = field_codes(many=True, required=False, help_text="执法领域代码")
    status = serializers.ChoiceField(choices=OfficerStatus.choices, default=OfficerStatus.ON_DUTY)
    is_legal_reviewer = serializers.BooleanField(default=False)
    has_legal_qualification = serializers.BooleanField(default=False)


class OfficerUpdateSerializer(serializers.Serializer):
    """A partial change: only the fields sent are changed (the ID number and agency never)."""

    name = serializers.CharField(max_length=50, required=False)
    unit = ScopedRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    post = serializers.CharField(max_length=50, required=False, allow_blank=True)
    in_enforcement_post = serializers.BooleanField(required=False)
    fields = field_codes(many=True, required=False, help_text="执法领域代码")
    status = serializers.ChoiceField(choices=OfficerStatus.choices, required=False)
    is_legal_reviewer = serializers.BooleanField(required=False)
    has_legal_qualification = serializers.BooleanField(required=False)
    reason = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="离岗时收回证件的原因",
    )


class OfficerTransferSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.filter(is_active=True), help_text="调入的执法主体"
    )
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.filter(is_active=True), required=False, allow_null=True
    )
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class EligibilityQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="日期，默认今天")
    field = field_codes(
        required=False, help_text="执法领域代码（如01市场监管）：只认该领域的证件；默认任一领域"
    )


class EligibilitySerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    certificate = serializers.IntegerField(allow_null=True, help_text="据以执法的有效证件id")
    certificate_number = serializers.CharField(allow_null=True)
    notices = serializers.ListField(
        child=serializers.CharField(), help_text="可以执法但须注意的事项，如年审截止日期和剩余天数"
    )


# --- certificates ---


class SuspensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suspension
        fields = ["id", "reason", "starts_on", "ends_on", "lifted_on"]
        read_only_fields = fields


class ReviewBriefSerializer(serializers.ModelSerializer):
    result_display = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = CertificateReview
        fields = ["id", "year", "result", "result_display", "reasons", "reviewed_on"]
        read_only_fields = fields


class CertificateSerializer(serializers.ModelSerializer):
    """A certificate with its state today (suspension and expiry follow from the dates)."""

    officer_name = serializers.CharField(source="officer.name", read_only=True)
    agency = serializers.IntegerField(source="officer.agency_id", read_only=True)
    agency_name = serializers.CharField(source="officer.agency.name", read_only=True)
    field = field_codes(read_only=True)
    field_name = serializers.CharField(source="field.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    state = serializers.SerializerMethodField()
    state_display = serializers.SerializerMethodField()
    suspensions = SuspensionSerializer(many=True, read_only=True)
    reviews = ReviewBriefSerializer(many=True, read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "officer",
            "officer_name",
            "agency",
            "agency_name",
            "issuing_authority",
            "field",
            "field_name",
            "issued_on",
            "expires_on",
            "status",
            "status_display",
            "ended_on",
            "end_reason",
            "state",
            "state_display",
            "suspensions",
            "reviews",
            "actions",
        ]
        read_only_fields = fields

    def _state(self, certificate: Certificate) -> CertificateState:
        return certificate.state_on(timezone.localdate())

    @extend_schema_field(serializers.ChoiceField(choices=CertificateState.choices))
    def get_state(self, certificate: Certificate) -> str:
        return self._state(certificate).value

    @extend_schema_field(serializers.CharField())
    def get_state_display(self, certificate: Certificate) -> str:
        return self._state(certificate).label


class CertificateCreateSerializer(serializers.Serializer):
    officer = ScopedRelatedField(queryset=Officer.objects.all())
    number = serializers.CharField(max_length=30)
    issuing_authority = serializers.CharField(max_length=100)
    field = field_codes(help_text="执法领域代码")
    issued_on = serializers.DateField()
    expires_on = serializers.DateField()


class SuspendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, allow_blank=True, default="")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class SuspensionOfCertificateField(serializers.PrimaryKeyRelatedField):
    """A suspension of the certificate being acted on (in the serializer's context)."""

    def get_queryset(self) -> Any:
        return self.context["certificate"].suspensions.all()


class LiftSerializer(serializers.Serializer):
    suspension = SuspensionOfCertificateField(queryset=Suspension.objects.all())
    lifted_on = serializers.DateField(default=timezone.localdate, help_text="发还日期，默认今天")


class EndSerializer(serializers.Serializer):
    """收缴 or 注销."""

    reason = serializers.CharField(max_length=200, allow_blank=True, default="")
    on = serializers.DateField(default=timezone.localdate, help_text="日期，默认今天")


class ReviewActionSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    defer = serializers.BooleanField(default=False, help_text="暂缓年审（须说明理由）")
    reasons = serializers.CharField(allow_blank=True, default="")


class CertificateReviewSerializer(serializers.ModelSerializer):
    certificate_number = serializers.CharField(source="certificate.number", read_only=True)
    officer = serializers.IntegerField(source="certificate.officer_id", read_only=True)
    officer_name = serializers.CharField(source="certificate.officer.name", read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = CertificateReview
        fields = [
            "id",
            "certificate",
            "certificate_number",
            "officer",
            "officer_name",
            "year",
            "result",
            "result_display",
            "reasons",
            "reviewed_on",
        ]
        read_only_fields = fields


# --- training and exams ---


class TrainingRecordSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "officer",
            "officer_name",
            "kind",
            "kind_display",
            "course",
            "held_on",
            "hours",
            "campaign",
        ]
        read_only_fields = fields


class CourseSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TrainingKind.choices)
    course = serializers.CharField(max_length=100)
    held_on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)
    campaign = serializers.CharField(max_length=100, required=False, allow_blank=True)


class TrainingCreateSerializer(CourseSerializer):
    officer = ScopedRelatedField(queryset=Officer.objects.all())


class TrainingCampaignSerializer(CourseSerializer):
    """One course for many officers at once, all or nothing."""

    officers = ScopedRelatedField(queryset=Officer.objects.all(), many=True)


class ExamSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    field = field_codes(read_only=True, allow_null=True)
    field_name = serializers.CharField(source="field.name", read_only=True, default="")

    class Meta:
        model = ExamResult
        fields = [
            "id",
            "officer",
            "officer_name",
            "kind",
            "kind_display",
            "field",
            "field_name",
            "taken_on",
            "score",
            "passed",
        ]
        read_only_fields = fields


class ExamCreateSerializer(serializers.Serializer):
    officer = ScopedRelatedField(queryset=Officer.objects.all())
    kind = serializers.ChoiceField(choices=ExamKind.choices)
    field = field_codes(
        required=False, allow_null=True, default=None, help_text="专业法律知识考试的执法领域代码"
    )
    taken_on = serializers.DateField()
    score = serializers.DecimalField(max_digits=5, decimal_places=1)


# --- daily assessment (日常考核) ---


class IndicatorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="指标名称")
    max = serializers.DecimalField(max_digits=5, decimal_places=1, help_text="满分")


@extend_schema_field(IndicatorSerializer(many=True))
class IndicatorListField(serializers.JSONField):
    """``[{"name": "办案质量", "max": 60}, …]``: only the shape here; the service checks names and
    maximum scores (and answers in Chinese)."""

    def to_internal_value(self, data: Any) -> Any:
        data = super().to_internal_value(data)
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise serializers.ValidationError('指标应为[{"name": 指标名称, "max": 满分}, …]的列表')
        return data


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "number"},
        "example": {"办案质量": 50, "执法纪律": 30},
    }
)
class ScoresField(serializers.DictField):
    """A score per indicator by name; the service checks each against its maximum."""


class IndicatorSetSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = IndicatorSet
        fields = ["id", "agency", "agency_name", "name", "indicators", "pass_score"]
        read_only_fields = fields


class IndicatorSetCreateSerializer(serializers.Serializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all())
    name = serializers.CharField(max_length=100, allow_blank=True)
    indicators = IndicatorListField()
    pass_score = serializers.DecimalField(max_digits=5, decimal_places=1, help_text="合格分")


class AssessmentSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    agency = serializers.IntegerField(source="officer.agency_id", read_only=True)
    agency_name = serializers.CharField(source="officer.agency.name", read_only=True)
    indicator_set_name = serializers.CharField(source="indicator_set.name", read_only=True)
    scores = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=1), read_only=True
    )
    pass_score = serializers.DecimalField(
        source="indicator_set.pass_score", max_digits=5, decimal_places=1, read_only=True
    )
    result_display = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "officer",
            "officer_name",
            "agency",
            "agency_name",
            "indicator_set",
            "indicator_set_name",
            "year",
            "period",
            "scores",
            "total",
            "pass_score",
            "passed",
            "result_display",
            "assessed_on",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_result_display(self, assessment: Assessment) -> str:
        return "合格" if assessment.passed else "不合格"


class AssessmentCreateSerializer(serializers.Serializer):
    officer = ScopedRelatedField(queryset=Officer.objects.all())
    indicator_set = ScopedRelatedField(queryset=IndicatorSet.objects.all())
    year = serializers.IntegerField(help_text="考核年度")
    period = serializers.CharField(max_length=30, allow_blank=True, help_text="考核期，如第3季度")
    scores = ScoresField(help_text="各项指标得分，以指标名称为键")
    assessed_on = serializers.DateField(default=timezone.localdate, help_text="考核日期，默认今天")


# --- staffing ---


class StaffingQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=1949,
        max_value=9999,
        help_text="年度，默认今年",
        error_messages={"invalid": "年度year应为整数"},
    )


class AgencyStaffingSerializer(serializers.Serializer):
    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    officers = serializers.IntegerField(help_text="在岗执法人员")
    reviewers = serializers.IntegerField(help_text="在岗法制审核人员")
    required = serializers.IntegerField(source="reviewers_required", help_text="应配法制审核人员")
    shortfall = serializers.IntegerField(source="reviewer_shortfall", help_text="法制审核人员缺额")
    short_of_training = serializers.IntegerField(help_text="培训学时不足的执法人员")
    drills = serializers.IntegerField(help_text="岗位练兵次数")
    drills_required = serializers.IntegerField()
    drill_shortfall = serializers.IntegerField()


@extend_schema_serializer(many=False)  # one object for the year, though served by a list action
class StaffingSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    results = AgencyStaffingSerializer(many=True)
