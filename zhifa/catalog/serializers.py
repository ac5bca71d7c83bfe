"""Catalogue serializers: output shapes, and input parsers that only parse types.

Every rule (a legal basis for each matter, grades without gaps or overlaps, facts of the right
type, …) is checked by the services, which answer in Chinese by field. Related objects a client
may name are limited to what they can see.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhifa.catalog.models import (
    DiscretionBenchmark,
    FactDefinition,
    FactKind,
    Filing,
    Grade,
    ListEntry,
    ListKind,
    ListVersion,
    Matter,
    MatterCategory,
    MatterLevel,
    MatterStatus,
    MultipleBase,
)
from zhifa.catalog.rules import CIRCUMSTANCES, describe
from zhifa.catalog.services.benchmarks import fact_map
from zhifa.core.api import ScopedRelatedField
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.org.models import Agency, EnforcementField


def _conditions_text(conditions: list, facts: dict) -> list[str]:
    try:
        return [describe(c, facts) for c in conditions]
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return []


# --- matters ---


class MatterSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    basis = serializers.CharField(read_only=True, help_text="法律依据：《法律名称》条款")
    field = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="执法领域代码（如01市场监管）"
    )
    field_name = serializers.CharField(source="field.name", read_only=True, default=None)

    class Meta:
        model = Matter
        fields = [
            "id",
            "code",
            "name",
            "category",
            "category_display",
            "agency",
            "agency_name",
            "level",
            "level_display",
            "field",
            "field_name",
            "law",
            "article",
            "article_text",
            "basis",
            "status",
            "status_display",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MatterUpdateSerializer(serializers.Serializer):
    """A partial change: only the fields sent are changed (the agency never)."""

    code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=MatterCategory.choices, required=False)
    level = serializers.ChoiceField(choices=MatterLevel.choices, required=False)
    field = serializers.SlugRelatedField(
        slug_field="code",
        queryset=EnforcementField.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "没有代码为{value}的执法领域"},
        help_text="执法领域代码（如01市场监管）；执法证件只能用于其领域内的事项",
    )
    law = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="法律、法规或规章名称"
    )
    article = serializers.CharField(max_length=100, required=False, allow_blank=True)
    article_text = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=MatterStatus.choices, required=False)


class MatterCreateSerializer(MatterUpdateSerializer):
    """Blank texts are let through: the service says, in Chinese, what a matter still needs."""

    agency = ScopedRelatedField(queryset=Agency.objects.all())
    code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(
        choices=MatterCategory.choices, required=False, allow_blank=True, default=""
    )
    level = serializers.ChoiceField(
        choices=MatterLevel.choices, required=False, allow_blank=True, default=""
    )
    law = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="法律、法规或规章名称（必填：清单之外无事项）",
    )
    article = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    article_text = serializers.CharField(required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=MatterStatus.choices, default=MatterStatus.ACTIVE)


# --- lists, versions, entries, filings ---


class ListEntrySerializer(serializers.ModelSerializer):
    matter_code = serializers.CharField(source="matter.code", read_only=True, default="")
    matter_name = serializers.CharField(source="matter.name", read_only=True, default="")
    conditions_text = serializers.SerializerMethodField(help_text="适用条件（中文）")

    class Meta:
        model = ListEntry
        fields = [
            "id",
            "matter",
            "matter_code",
            "matter_name",
            "title",
            "attrs",
            "conditions",
            "conditions_text",
            "basis",
        ]
        read_only_fields = fields

    def get_conditions_text(self, entry: ListEntry) -> list[str]:
        return _conditions_text(entry.conditions, {f.key: f for f in CIRCUMSTANCES})


class FilingBriefSerializer(serializers.ModelSerializer):
    justice_bureau_name = serializers.CharField(source="justice_bureau.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Filing
        fields = [
            "id",
            "justice_bureau",
            "justice_bureau_name",
            "status",
            "status_display",
            "opinion",
            "handled_at",
        ]
        read_only_fields = fields


class ListVersionSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_published = serializers.BooleanField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    entries = ListEntrySerializer(many=True, read_only=True)
    filing = serializers.SerializerMethodField()
    actions = AvailableActionsField()

    class Meta:
        model = ListVersion
        fields = [
            "id",
            "agency",
            "agency_name",
            "kind",
            "kind_display",
            "number",
            "effective_on",
            "note",
            "status",
            "status_display",
            "is_published",
            "published_at",
            "created_at",
            "filing",
            "entries",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(FilingBriefSerializer(allow_null=True))
    def get_filing(self, version: ListVersion) -> dict | None:
        filing = getattr(version, "filing", None)
        return FilingBriefSerializer(filing).data if filing is not None else None


class ListVersionCreateSerializer(serializers.Serializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all())
    kind = serializers.ChoiceField(choices=ListKind.choices)
    effective_on = serializers.DateField(help_text="施行日期")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    copy_from_current = serializers.BooleanField(
        default=True, help_text="复制施行中版本的条目，以便在其基础上调整"
    )


class ListEntryCreateSerializer(serializers.Serializer):
    matter = serializers.PrimaryKeyRelatedField(
        queryset=Matter.objects.all(), required=False, allow_null=True, default=None
    )
    title = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="情形（四张清单）"
    )
    attrs = serializers.DictField(required=False, default=dict, help_text="清单内容（各列）")
    conditions = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        default=list,
        help_text='适用条件，如 [{"fact": "first_violation", "op": "eq", "value": true}]',
    )
    basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class FilingVersionSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ListVersion
        fields = [
            "id",
            "agency",
            "agency_name",
            "kind",
            "kind_display",
            "number",
            "effective_on",
            "note",
            "published_at",
        ]
        read_only_fields = fields


class FilingSerializer(serializers.ModelSerializer):
    version = FilingVersionSerializer(read_only=True)
    justice_bureau_name = serializers.CharField(source="justice_bureau.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    handled_by_name = serializers.CharField(
        source="handled_by.full_name", read_only=True, default=""
    )
    subject = serializers.CharField(source="subject_label", read_only=True)
    actions = AvailableActionsField()

    class Meta:
        model = Filing
        fields = [
            "id",
            "agency",
            "subject",
            "version",
            "benchmark",
            "justice_bureau",
            "justice_bureau_name",
            "status",
            "status_display",
            "opinion",
            "handled_by_name",
            "handled_at",
            "created_at",
            "actions",
        ]
        read_only_fields = fields


class FilingActionSerializer(serializers.Serializer):
    opinion = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="审查意见（退回时必填）"
    )


# --- benchmarks ---


class FactSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = FactDefinition
        fields = ["key", "label", "kind", "kind_display", "unit", "choices"]
        read_only_fields = fields


class GradeSerializer(serializers.ModelSerializer):
    conditions_text = serializers.SerializerMethodField(help_text="适用条件（中文）")

    class Meta:
        model = Grade
        fields = [
            "order",
            "name",
            "conditions",
            "conditions_text",
            "penalty_kinds",
            "fine_min",
            "fine_max",
            "multiple_min",
            "multiple_max",
            "other_measures",
        ]
        read_only_fields = fields

    def get_conditions_text(self, grade: Grade) -> list[str]:
        facts = self.context.get("facts")
        if facts is None:
            facts = fact_map(grade.benchmark)
        return _conditions_text(grade.conditions, facts)


class BenchmarkSerializer(serializers.ModelSerializer):
    matter_code = serializers.CharField(source="matter.code", read_only=True)
    matter_name = serializers.CharField(source="matter.name", read_only=True)
    agency = serializers.IntegerField(source="matter.agency_id", read_only=True)
    agency_name = serializers.CharField(source="matter.agency.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    facts = FactSerializer(many=True, read_only=True)
    grades = serializers.SerializerMethodField()
    actions = AvailableActionsField()

    class Meta:
        model = DiscretionBenchmark
        fields = [
            "id",
            "matter",
            "matter_code",
            "matter_name",
            "agency",
            "agency_name",
            "version",
            "status",
            "status_display",
            "effective_on",
            "source_document",
            "violation",
            "violation_basis",
            "penalty_basis",
            "statutory_range",
            "fine_min",
            "fine_max",
            "multiple_min",
            "multiple_max",
            "multiple_base",
            "mitigation_floor",
            "mitigation_to_warning",
            "published_at",
            "facts",
            "grades",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(GradeSerializer(many=True))
    def get_grades(self, benchmark: DiscretionBenchmark) -> list[dict]:
        facts = fact_map(benchmark)
        return GradeSerializer(benchmark.grades.all(), many=True, context={"facts": facts}).data


class FactInputSerializer(serializers.Serializer):
    """Documents one fact of a benchmark (the service checks it)."""

    key = serializers.SlugField(max_length=40, help_text="标识，如 illegal_income")
    label = serializers.CharField(max_length=60, help_text="名称，如 违法所得")
    kind = serializers.ChoiceField(choices=FactKind.choices)
    unit = serializers.CharField(max_length=10, required=False, allow_blank=True)
    choices = serializers.ListField(child=serializers.CharField(), required=False)


class GradeInputSerializer(serializers.Serializer):
    """Documents one grade of a benchmark (the service checks it)."""

    name = serializers.CharField(max_length=20, help_text="裁量阶次，如 较轻")
    conditions = serializers.ListField(
        child=serializers.DictField(),
        help_text='适用条件（全部满足），如 [{"fact": "illegal_income", "op": "lt", "value": 10000}]',
    )
    penalty_kinds = serializers.ListField(child=serializers.CharField(), required=False)
    fine_min = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    fine_max = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    multiple_min = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    multiple_max = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    other_measures = serializers.CharField(max_length=200, required=False, allow_blank=True)


class _ObjectsField(serializers.ListField):
    """A list of objects whose members, when given, have the right JSON types. Everything else
    (required members, known kinds, gaps and overlaps) is the service's to check."""

    child = serializers.DictField()
    what = ""
    texts: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()

    def to_internal_value(self, data: Any) -> list[dict]:
        items = super().to_internal_value(data)
        problems = []
        for number, item in enumerate(items, start=1):
            for key in self.texts:
                if item.get(key) is not None and not isinstance(item[key], str):
                    problems.append(f"第{number}个{self.what}的“{key}”应为文字")
            for key in self.lists:
                if item.get(key) is not None and not isinstance(item[key], list):
                    problems.append(f"第{number}个{self.what}的“{key}”应为列表")
        if problems:
            raise serializers.ValidationError(problems)
        return items


@extend_schema_field(FactInputSerializer(many=True))
class FactsField(_ObjectsField):
    """A list of fact objects: the service reports missing or unknown parts in Chinese."""

    what = "事实"
    texts = ("key", "label", "kind", "unit")
    lists = ("choices",)


@extend_schema_field(GradeInputSerializer(many=True))
class GradesField(_ObjectsField):
    """A list of grade objects: the service checks conditions, ranges, gaps and overlaps."""

    what = "裁量阶次"
    texts = ("name", "other_measures")
    lists = ("conditions", "penalty_kinds")


@extend_schema_field(OpenApiTypes.DECIMAL)
class AmountField(serializers.CharField):
    """An amount or multiple, as a number or a string; the service checks it (≥ 0)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool):
            self.fail("invalid")
        return None if data in ("", None) else str(data)


class BenchmarkUpdateSerializer(serializers.Serializer):
    """A draft's content; on a change only the parts sent replace the draft's."""

    effective_on = serializers.DateField(required=False, allow_null=True, help_text="施行日期")
    source_document = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="制定文件"
    )
    violation = serializers.CharField(max_length=300, required=False, allow_blank=True)
    violation_basis = serializers.CharField(max_length=300, required=False, allow_blank=True)
    penalty_basis = serializers.CharField(max_length=300, required=False, allow_blank=True)
    statutory_range = serializers.CharField(required=False, allow_blank=True)
    fine_min = AmountField(help_text="法定罚款下限（元）")
    fine_max = AmountField(help_text="法定罚款上限（元）")
    multiple_min = AmountField(help_text="法定罚款下限（倍数）")
    multiple_max = AmountField(help_text="法定罚款上限（倍数）")
    multiple_base = serializers.ChoiceField(
        choices=MultipleBase.choices,
        required=False,
        help_text="罚款倍数的计算基数：违法所得、货值金额、广告费用或涉案金额",
    )
    mitigation_floor = AmountField(help_text="减轻处罚的罚款下限（元），不填则可减至零")
    mitigation_to_warning = serializers.BooleanField(
        required=False, help_text="减轻处罚时可以只给予警告"
    )
    facts = FactsField(required=False)
    grades = GradesField(required=False)


class BenchmarkCreateSerializer(BenchmarkUpdateSerializer):
    matter = serializers.PrimaryKeyRelatedField(queryset=Matter.objects.all())


class NewVersionSerializer(serializers.Serializer):
    effective_on = serializers.DateField(
        required=False, help_text="新版本的施行日期（默认沿用原版本）"
    )


@extend_schema_field(
    {"type": "object", "additionalProperties": True, "example": {"illegal_income": 20000}}
)
class FactValuesField(serializers.JSONField):
    """Fact values by key; typed and checked against the benchmark's facts by the service."""


class ApplyBenchmarkSerializer(serializers.Serializer):
    facts = FactValuesField(
        default=dict,
        help_text="认定的事实：{标识: 取值}，数值、是否（true/false）或选项",
    )
    on = serializers.DateField(
        required=False, allow_null=True, help_text="决定日期（按当日施行的四张清单），默认今天"
    )


class GradeCheckSerializer(serializers.Serializer):
    grade = serializers.CharField()
    conditions = serializers.ListField(child=serializers.DictField())
    matched = serializers.BooleanField()


class BenchmarkOutcomeSerializer(serializers.Serializer):
    """The result of applying a benchmark to facts (``BenchmarkOutcome.as_dict()``)."""

    benchmark = serializers.DictField(help_text="适用的裁量基准")
    grade = serializers.CharField(allow_null=True, help_text="适用的裁量阶次")
    range = serializers.DictField(help_text="处罚幅度：kinds、fine_min、fine_max、text …")
    lists = serializers.DictField(
        child=serializers.ListField(child=serializers.DictField()),
        help_text="适用的四张清单条目及法律规定情形，按清单",
    )
    conclusion = serializers.CharField(help_text="结论")
    explanation = serializers.ListField(child=serializers.CharField(), help_text="说理")
    checks = GradeCheckSerializer(many=True, help_text="各阶次条件是否符合")
    duties = serializers.ListField(
        child=serializers.CharField(), help_text="依法应履行的责令监护人管教等事项"
    )
