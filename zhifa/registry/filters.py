"""One filter class per model, serving both the registry pages and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhifa.org.filters import visible_agencies
from zhifa.org.models import Agency, EnforcementField
from zhifa.registry import queries
from zhifa.registry.models import (
    Assessment,
    Certificate,
    CertificateReview,
    CertificateStatus,
    Drill,
    ExamKind,
    ExamResult,
    IndicatorSet,
    Officer,
    OfficerStatus,
    ReviewResult,
    TrainingKind,
    TrainingRecord,
)


class OfficerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="姓名或证件编号")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label="执法主体")
    status = django_filters.ChoiceFilter(choices=OfficerStatus.choices, label="状态")
    field = django_filters.ModelChoiceFilter(
        queryset=EnforcementField.objects.all(), field_name="fields", label="执法领域"
    )
    in_enforcement_post = django_filters.BooleanFilter(label="执法岗位")
    is_legal_reviewer = django_filters.BooleanFilter(label="法制审核人员")
    short = django_filters.BooleanFilter(
        method="short_of_training", label="本年度学时不足", widget=forms.CheckboxInput
    )

    class Meta:
        model = Officer
        fields = ["agency", "status", "field", "in_enforcement_post", "is_legal_reviewer", "short"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__contains=value.strip()) | Q(certificates__number__icontains=value.strip())
        ).distinct()

    def short_of_training(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        """Officers with fewer training hours this year than the yearly requirement (业务参数
        ``registry.training_hours_per_year``, 60 by default: 国办发〔2023〕27号); unticked, all."""
        if not value:
            return queryset
        year = timezone.localdate().year
        trained = queries.with_training(Officer.objects.filter(pk__in=queryset.values("pk")), year)
        short = trained.filter(hours__lt=queries.required_training_hours())
        return queryset.filter(pk__in=short.values("pk"))


def public_agencies(request=None) -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("region__code", "name")


class PublicOfficerFilter(django_filters.FilterSet):
    """亮证核验 (the public officer search): by name, or by certificate number as printed or
    typed without its prefix (``queries.certificate_q``), within an agency or a field."""

    q = django_filters.CharFilter(
        method="search", label="姓名或执法证件编号", min_length=2, max_length=50
    )
    agency = django_filters.ModelChoiceFilter(queryset=public_agencies, label="执法主体")
    field = django_filters.ModelChoiceFilter(
        queryset=EnforcementField.objects.all(), field_name="fields", label="执法领域"
    )

    class Meta:
        model = Officer
        fields = ["q", "agency", "field"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        found = queryset.filter(Q(name__contains=value.strip()) | queries.certificate_q(value))
        return queryset.filter(pk__in=found.values("pk"))


class CertificateFilter(django_filters.FilterSet):
    officer = django_filters.NumberFilter(field_name="officer_id")
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices, label="登记状态")
    expires_before = django_filters.DateFilter(field_name="expires_on", lookup_expr="lte")

    class Meta:
        model = Certificate
        fields = ["officer", "status", "field", "expires_before"]


class TrainingFilter(django_filters.FilterSet):
    officer = django_filters.NumberFilter(field_name="officer_id")
    year = django_filters.NumberFilter(field_name="held_on", lookup_expr="year", label="年度")
    kind = django_filters.ChoiceFilter(choices=TrainingKind.choices, label="培训类别")

    class Meta:
        model = TrainingRecord
        fields = ["officer", "year", "kind"]


class CertificateReviewFilter(django_filters.FilterSet):
    certificate = django_filters.NumberFilter(field_name="certificate_id")
    officer = django_filters.NumberFilter(field_name="certificate__officer_id")
    year = django_filters.NumberFilter(label="年度")
    result = django_filters.ChoiceFilter(choices=ReviewResult.choices, label="结论")

    class Meta:
        model = CertificateReview
        fields = ["certificate", "officer", "year", "result"]


class ExamFilter(django_filters.FilterSet):
    officer = django_filters.NumberFilter(field_name="officer_id")
    kind = django_filters.ChoiceFilter(choices=ExamKind.choices, label="考试类别")
    passed = django_filters.BooleanFilter(label="合格")

    class Meta:
        model = ExamResult
        fields = ["officer", "kind", "passed"]


class IndicatorSetFilter(django_filters.FilterSet):
    agency = django_filters.NumberFilter(field_name="agency_id", label="执法主体")

    class Meta:
        model = IndicatorSet
        fields = ["agency"]


class AssessmentFilter(django_filters.FilterSet):
    officer = django_filters.NumberFilter(field_name="officer_id", label="执法人员")
    agency = django_filters.NumberFilter(field_name="officer__agency_id", label="执法主体")
    indicator_set = django_filters.NumberFilter(field_name="indicator_set_id", label="指标体系")
    year = django_filters.NumberFilter(label="年度")
    period = django_filters.CharFilter(label="考核期")
    passed = django_filters.BooleanFilter(label="合格")

    class Meta:
        model = Assessment
        fields = ["officer", "agency", "indicator_set", "year", "period", "passed"]


class AssessmentResultFilter(AssessmentFilter):
    """The 日常考核 results page: the API's AssessmentFilter (same parameters, same rows) with
    drop-downs for the agency (those the user sees) and the periods recorded."""

    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, field_name="officer__agency", label="执法主体"
    )
    period = django_filters.ChoiceFilter(choices=[], label="考核期")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("officer", "indicator_set"):  # the page filters by agency and period
            del self.filters[name]
        periods = sorted(set(self.queryset.values_list("period", flat=True)))
        self.filters["period"].extra["choices"] = [(p, p) for p in periods]


class DrillFilter(django_filters.FilterSet):
    """岗位练兵 on the training page (and its export): by year, agency and project."""

    q = django_filters.CharFilter(field_name="title", lookup_expr="contains", label="练兵项目")
    year = django_filters.NumberFilter(field_name="held_on", lookup_expr="year", label="年度")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label="执法主体")

    class Meta:
        model = Drill
        fields = ["q", "year", "agency"]
