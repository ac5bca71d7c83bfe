"""The penalty of a case with its discretion (:class:`Decision`): the penalty intended in the prior
notice (事先告知, 处罚法 art. 44) and the penalty decided (处罚决定, arts. 59, 61), each with the facts
the officer entered, the benchmark applied (art. 34; the rules in force when the violation happened
unless the newer ones are lighter, art. 37), the range it gave, the explanation printed in the
decision (architecture invariant 7), the similar cases beside it (类案参考, seed 000 (十一)) and the
signals raised for supervision (a fine outside the range, a penalty far from similar cases).

Each recording is a new row: the latest of each kind counts; earlier ones stay as the record.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet


class Measure(models.TextChoices):
    """The kinds of administrative penalty (处罚法 art. 9; glossary "处罚决定"), lightest first."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_INCOME = "confiscate_income", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件"
    LOWER_QUALIFICATION = "lower_qualification", "降低资质等级"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
    RESTRICT_BUSINESS = "restrict_business", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    CLOSE = "close", "责令关闭"
    BAR_PRACTICE = "bar_practice", "限制从业"
    DETENTION = "detention", "行政拘留"


class DecisionKind(models.TextChoices):
    INTENDED = "intended", "拟处罚（事先告知）"
    FINAL = "final", "处罚决定"


class DecisionQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """As the case: seen by whoever sees the case; recorded by whoever may change it."""
        from zhifa.cases.models import Case

        if action in (VIEW, CHANGE):
            return models.Q(case__in=Case.objects.restrict(user, action).values("pk"))
        return super().scope_q(user, action)


class Decision(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField("类别", max_length=10, choices=DecisionKind.choices)
    measures = models.JSONField("处罚种类", default=list)
    fine = models.DecimalField("罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    confiscated = models.DecimalField(
        "没收违法所得（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    other_terms = models.CharField(
        "其他处罚内容", max_length=300, blank=True, help_text="如吊销的许可证件名称、停产停业期限"
    )
    facts = models.JSONField("认定的裁量事实", default=dict, blank=True)
    benchmark = models.ForeignKey(
        "catalog.DiscretionBenchmark",
        verbose_name="适用的裁量基准",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    benchmark_choice = models.CharField("基准适用", max_length=200, blank=True)
    grade = models.CharField("裁量阶次", max_length=100, blank=True)
    range_min = models.DecimalField(
        "裁量幅度下限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    range_max = models.DecimalField(
        "裁量幅度上限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    explanation = models.TextField("裁量说明")
    outside_range = models.BooleanField("超出裁量幅度", default=False)
    outside_reason = models.TextField("超出幅度的书面理由", blank=True)
    similar = models.JSONField("类案参考", default=dict, blank=True)
    flags = models.JSONField("监督提示", default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField("录入日期")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-pk"]
        verbose_name = "处罚裁量"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["benchmark", "grade", "kind"])]

    def __str__(self) -> str:
        return f"{self.case}{self.get_kind_display()}：{self.summary}"

    @property
    def summary(self) -> str:
        """The penalty in words: 警告；罚款5000元；没收违法所得1200元 …"""
        parts = []
        for code in self.measures:
            label = Measure(code).label
            if code == Measure.FINE and self.fine is not None:
                label += f"{_yuan(self.fine)}元"
            elif code == Measure.CONFISCATE_INCOME and self.confiscated is not None:
                label += f"{_yuan(self.confiscated)}元"
            parts.append(label)
        if self.other_terms:
            parts.append(self.other_terms)
        return "；".join(parts)

    @property
    def flag_messages(self) -> list[str]:
        return [f["message"] for f in self.flags or []]


def _yuan(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


class ExtensionQuerySet(ScopedQuerySet):
    actions = (VIEW, "approve")

    def scope_q(self, user, action=VIEW):
        """Seen by whoever sees the case; approved by the agency head."""
        from zhifa.cases.models import Case

        if action in (VIEW, "approve"):
            return models.Q(case__in=Case.objects.restrict(user, action).values("pk"))
        return super().scope_q(user, action)


class DecisionExtension(models.Model):
    """An approved extension of the time limit for the decision (处罚法 art. 60: 90 days from
    opening, unless a law, regulation or rule provides otherwise; the extension is approved by
    the agency head and recorded)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField("延长天数")
    reason = models.TextField("延期理由")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("批准日期")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = "办案期限延长"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.case}延长{self.days}日"
