"""行政裁量权基准: for one violation, graded circumstances and the penalty range of each
(处罚法 art. 34; seed 000 (九)). Dated versions citing their source; published versions never change."""

from __future__ import annotations

from django.db import models

from zhifa.catalog.models.approvals import RuleStatus
from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q

#: A benchmark's stages: 草稿 → 待法制审核 → 待负责人审批 → 已批准待发布 → 已发布 (the same as a
#: list version's; see :mod:`zhifa.catalog.models.approvals`).
BenchmarkStatus = RuleStatus


class MultipleBase(models.TextChoices):
    """What a fine counted in multiples is a multiple of (the fact the calculator reads)."""

    ILLEGAL_INCOME = "illegal_income", "违法所得"
    GOODS_VALUE = "goods_value", "货值金额"
    ADVERTISING_FEE = "advertising_fee", "广告费用"
    AMOUNT_INVOLVED = "amount_involved", "涉案金额"


class BenchmarkQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: published benchmarks are public; drafts are seen by the agency and its
        supervisors. ``change`` (draft, new version, publish): the information administrator of
        the matter's agency."""
        if action == VIEW:
            return models.Q(status=BenchmarkStatus.PUBLISHED) | agency_data_q(
                user, path="matter__agency"
            )
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN, path="matter__agency")
        return super().scope_q(user, action)


class BenchmarkPartQuerySet(ChildScopedQuerySet):
    """A benchmark's facts and grades go with the benchmark."""

    parent = "benchmark"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class DiscretionBenchmark(models.Model):
    matter = models.ForeignKey(
        "catalog.Matter",
        verbose_name="处罚事项",
        on_delete=models.PROTECT,
        related_name="benchmarks",
    )
    version = models.PositiveIntegerField("版本号")
    status = models.CharField(
        max_length=10, choices=BenchmarkStatus.choices, default=BenchmarkStatus.DRAFT
    )
    effective_on = models.DateField("施行日期")
    source_document = models.CharField("制定文件", max_length=200)
    violation = models.CharField("违法行为", max_length=300)
    violation_basis = models.CharField("违法依据", max_length=300)
    penalty_basis = models.CharField("处罚依据", max_length=300)
    statutory_range = models.TextField("法定处罚幅度")
    fine_min = models.DecimalField(
        "法定罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        "法定罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    multiple_min = models.DecimalField(
        "法定罚款下限（违法所得倍数）", max_digits=6, decimal_places=2, null=True, blank=True
    )
    multiple_max = models.DecimalField(
        "法定罚款上限（违法所得倍数）", max_digits=6, decimal_places=2, null=True, blank=True
    )
    multiple_base = models.CharField(
        "罚款倍数的计算基数",
        max_length=20,
        choices=MultipleBase.choices,
        default=MultipleBase.ILLEGAL_INCOME,
    )
    mitigation_floor = models.DecimalField(
        "减轻处罚的罚款下限（元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="减轻处罚时不低于此数；不填则可减至零",
    )
    mitigation_to_warning = models.BooleanField(
        "减轻处罚可以给予警告", default=False, help_text="依法减轻时可以只给予警告"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    corrects = models.ForeignKey(
        "catalog.Filing",
        verbose_name="纠正的报备",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benchmark_corrections",
        help_text="司法局退回后，依其意见修改重新报送的版本",
    )
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )

    objects = BenchmarkQuerySet.as_manager()

    class Meta:
        ordering = ["matter", "-version"]
        verbose_name = "行政裁量权基准"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["matter", "version"], name="benchmark_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.violation}（第{self.version}版）"


class FactKind(models.TextChoices):
    NUMBER = "number", "数值"
    INTEGER = "integer", "整数（次数、人数）"
    BOOLEAN = "boolean", "是否"
    CHOICE = "choice", "选项"


class FactDefinition(models.Model):
    """A fact the grades are decided on: illegal income, duration, harm, repeat offence …"""

    benchmark = models.ForeignKey(
        DiscretionBenchmark, on_delete=models.CASCADE, related_name="facts"
    )
    key = models.SlugField("标识", max_length=40)
    label = models.CharField("名称", max_length=60)
    kind = models.CharField("类型", max_length=10, choices=FactKind.choices)
    unit = models.CharField("单位", max_length=10, blank=True)
    choices = models.JSONField("可选值", default=list, blank=True)

    objects = BenchmarkPartQuerySet.as_manager()

    class Meta:
        ordering = ["benchmark", "id"]
        constraints = [models.UniqueConstraint(fields=["benchmark", "key"], name="fact_key_once")]

    def __str__(self) -> str:
        return self.label


class Grade(models.Model):
    """One graded circumstance: its conditions (all must hold) and its penalty sub-range."""

    benchmark = models.ForeignKey(
        DiscretionBenchmark, on_delete=models.CASCADE, related_name="grades"
    )
    order = models.PositiveSmallIntegerField("序号")
    name = models.CharField("裁量阶次", max_length=20)
    conditions = models.JSONField("适用条件", default=list)
    penalty_kinds = models.JSONField("处罚种类", default=list)
    fine_min = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    multiple_min = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    multiple_max = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    other_measures = models.CharField("其他措施", max_length=200, blank=True)

    objects = BenchmarkPartQuerySet.as_manager()

    class Meta:
        ordering = ["benchmark", "order"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "order"], name="grade_order_once")
        ]

    def __str__(self) -> str:
        return self.name
