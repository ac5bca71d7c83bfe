"""复议、诉讼: the party's reconsideration (行政复议) or lawsuit (行政诉讼) against a decided case,
with its outcome (:class:`Appeal`).

- The windows run from service of the decision: reconsideration within 60 days (行政复议法
  art. 20), a lawsuit within 6 months (行政诉讼法 art. 46). An appeal filed after its window is
  still recorded (the reconsideration body or the court decides whether to accept it) but flagged.
- The outcome (维持, 撤销, 变更, 确认违法, 驳回) with its date and, optionally, the document (复议
  决定书 / 判决书, stored through ``zhifa.core.filestore``); a change (变更) states the new penalty.
  A decision revoked (撤销) or confirmed illegal (确认违法) raises a supervision signal in
  ``flags``, as a decision outside its benchmark's range does (``Decision.flags``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet


class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LAWSUIT = "lawsuit", "行政诉讼"


class AppealResult(models.TextChoices):
    UPHELD = "upheld", "维持"
    REVOKED = "revoked", "撤销"
    CHANGED = "changed", "变更"
    CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"
    DISMISSED = "dismissed", "驳回"


#: Outcomes that find the agency's decision wrong: signalled to supervision and counted.
OVERTURNED = (AppealResult.REVOKED, AppealResult.CONFIRMED_ILLEGAL)


class AppealQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """As the case: seen by whoever sees the case; recorded by whoever may change it (the
        case's officers and the agency head)."""
        from zhifa.cases.models import Case

        if action in (VIEW, CHANGE):
            return models.Q(case__in=Case.objects.restrict(user, action).values("pk"))
        return super().scope_q(user, action)


class Appeal(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="appeals"
    )
    kind = models.CharField("救济途径", max_length=20, choices=AppealKind.choices)
    body = models.CharField("复议机关或人民法院", max_length=100)
    filed_on = models.DateField("申请或起诉日期")
    claim = models.TextField("当事人的请求")
    window_ends = models.DateField("法定期限届满日", null=True, blank=True)
    late = models.BooleanField("超过法定期限", default=False)
    result = models.CharField("结果", max_length=20, choices=AppealResult.choices, blank=True)
    result_on = models.DateField("结果日期", null=True, blank=True)
    result_note = models.TextField("结果说明", blank=True)
    document = models.ForeignKey(
        "core.StoredFile",
        verbose_name="复议决定书或裁判文书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    new_measures = models.JSONField("变更后的处罚种类", default=list, blank=True)
    new_fine = models.DecimalField(
        "变更后的罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    new_terms = models.CharField("变更后的其他处罚内容", max_length=300, blank=True)
    flags = models.JSONField("监督提示", default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["case", "filed_on", "pk"]
        verbose_name = "行政复议与行政诉讼"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["result", "result_on"])]

    def __str__(self) -> str:
        return f"{self.case}{self.get_kind_display()}"

    @property
    def is_pending(self) -> bool:
        return not self.result

    @property
    def overturned(self) -> bool:
        return self.result in OVERTURNED

    @property
    def new_penalty(self) -> str:
        """The changed penalty in words (变更): 警告；罚款2000元 …"""
        from zhifa.cases.models.decisions import Measure

        parts = []
        for code in self.new_measures or []:
            label = Measure(code).label
            if code == Measure.FINE and self.new_fine is not None:
                value = self.new_fine
                label += (
                    f"{value.normalize():f}元" if value == value.to_integral() else f"{value}元"
                )
            parts.append(label)
        if self.new_terms:
            parts.append(self.new_terms)
        return "；".join(parts)

    @property
    def flag_messages(self) -> list[str]:
        return [f["message"] for f in self.flags or []]
