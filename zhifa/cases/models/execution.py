"""送达与执行: how a decision was served (送达回证 data) and how it is executed (执行).

- :class:`Execution` (one per served case, made by the case's ``serve`` step): the receiver, place
  and note of service (处罚法 art. 61; 民事诉讼法 arts. 87–95), whether it came after the 7 working
  days the law gives when the party was absent (flagged, recorded all the same); the fine owed
  and the measures decided (copied from the final decision at service); the payment plan after an
  approved deferral or instalments (art. 66); the demand notice (催告书, 强制法 art. 54), the
  application to the court (art. 53) and its ruling; the non-monetary measures carried out; an
  end of execution with its reason (终结执行, 强制法 art. 40).
- :class:`Payment`: one payment with its receipt or bank reference, split into the fine and the
  late fee (加处罚款, 处罚法 art. 72) it paid.
- :class:`PaymentArrangement`: the party's application to defer or pay in instalments and the
  head's approval or refusal (处罚法 art. 66).

Every change is a step of the case's workflow table (``zhifa.cases.workflows``), so the engine
records it in the ledger; the services are :mod:`zhifa.cases.services.execution`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet


class CaseScopedQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """As the case: seen by whoever sees the case; recorded by whoever may change it."""
        from zhifa.cases.models import Case

        if action in (VIEW, CHANGE):
            return models.Q(case__in=Case.objects.restrict(user, action).values("pk"))
        return super().scope_q(user, action)


class CourtRuling(models.TextChoices):
    GRANTED = "granted", "裁定准予执行"
    REFUSED = "refused", "裁定不予执行"


class Execution(models.Model):
    case = models.OneToOneField(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="execution"
    )
    # 送达回证
    receiver = models.CharField("受送达人", max_length=200, blank=True)
    place = models.CharField("送达地点", max_length=200, blank=True)
    service_note = models.TextField(
        "送达情况", blank=True, help_text="留置送达的，写明拒收事由、见证人或拍照录像情况"
    )
    consent = models.BooleanField("当事人同意电子送达并签订确认书", default=False)
    service_due = models.DateField("当事人不在场时的送达期限", null=True, blank=True)
    service_flag = models.TextField("送达提示", blank=True)
    # 决定内容
    fine = models.DecimalField("罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    measures = models.JSONField("处罚种类", default=list, blank=True)
    # 暂缓或者分期缴纳（批准后的缴款计划：[{"due": "YYYY-MM-DD", "amount": "100.00"}]）
    plan = models.JSONField("经批准的缴款计划", default=list, blank=True)
    # 强制执行
    demand_served_on = models.DateField("催告书送达日期", null=True, blank=True)
    demand_note = models.TextField("催告情况", blank=True)
    court = models.CharField("申请执行的人民法院", max_length=100, blank=True)
    court_applied_on = models.DateField("申请强制执行日期", null=True, blank=True)
    ruling = models.CharField("法院裁定", max_length=10, choices=CourtRuling.choices, blank=True)
    ruled_on = models.DateField("裁定日期", null=True, blank=True)
    ruling_note = models.TextField("裁定情况", blank=True)
    # 其他处罚的执行、终结执行
    measures_done_on = models.DateField("处罚执行完毕日期", null=True, blank=True)
    measures_note = models.TextField("执行情况", blank=True)
    ended_on = models.DateField("终结执行日期", null=True, blank=True)
    end_reason = models.TextField("终结执行理由", blank=True)
    # maintained by the services for lists and to-dos
    settled = models.BooleanField("罚款及加处罚款已缴清", default=False)
    next_due = models.DateField("下一缴款期限", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "送达与执行"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["settled", "next_due"])]

    def __str__(self) -> str:
        return f"{self.case}执行情况"


class Payment(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="payments"
    )
    paid_on = models.DateField("缴款日期")
    amount = models.DecimalField("缴款金额（元）", max_digits=14, decimal_places=2)
    fine_part = models.DecimalField("其中罚款（元）", max_digits=14, decimal_places=2)
    late_fee_part = models.DecimalField("其中加处罚款（元）", max_digits=14, decimal_places=2)
    reference = models.CharField("票据号或银行流水号", max_length=60)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "paid_on", "pk"]
        verbose_name = "罚款缴纳"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.case} {self.paid_on} {self.amount}元"


class ArrangementKind(models.TextChoices):
    DEFERRAL = "deferral", "暂缓缴纳"
    INSTALMENTS = "instalments", "分期缴纳"


class ArrangementStatus(models.TextChoices):
    APPLIED = "applied", "待批准"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"


class PaymentArrangement(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="arrangements"
    )
    kind = models.CharField("申请事项", max_length=12, choices=ArrangementKind.choices)
    applied_on = models.DateField("申请日期")
    reason = models.TextField("确有经济困难的情况")
    plan = models.JSONField("申请的缴款计划", default=list)
    status = models.CharField(
        "状态", max_length=10, choices=ArrangementStatus.choices, default=ArrangementStatus.APPLIED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField("批准日期", null=True, blank=True)
    opinion = models.TextField("负责人意见", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = "暂缓或分期缴纳罚款"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.case}{self.get_kind_display()}申请"
