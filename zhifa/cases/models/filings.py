"""重大行政处罚决定备案 (:class:`MajorDecisionFiling`) and 案件移送 (:class:`Transfer`, 行刑衔接).

- A decided case whose penalty orders suspension of production or business (责令停产停业), revokes
  a licence (吊销许可证件) or fines at the hearing threshold (处罚法 art. 63's 较大数额, configurable)
  is filed with the justice bureau within 10 working days of the decision (seed 002; the number of
  days is a parameter: some places use 15). The handling agency files it with the decision
  document and an explanation; late filing is still possible but flagged. The justice bureau
  (执法监督人员 of the region) accepts it (受理), reviews it and records 无异议 or a correction
  opinion (纠正意见), to which the agency responds.
- A case that may be a crime is transferred to the police or the procuratorate (or another
  competent agency) with the list of its evidence (seed 000 (十五) 行刑衔接); the receipt (回执)
  and the receiver's outcome (立案 / 不予立案, the case returned) are recorded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet
from zhifa.org.scope import agency_data_q, supervised_q

#: The justice bureau's action on a filing (受理, 审查): the supervisors of the agency's region.
SUPERVISE = "supervise"


class FilingStatus(models.TextChoices):
    DUE = "due", "待报备"
    FILED = "filed", "已报备，待受理"
    ACCEPTED = "accepted", "司法局审查中"
    CLEARED = "cleared", "审查无异议"
    CORRECTION = "correction", "已提出纠正意见，待反馈"
    RESPONDED = "responded", "已反馈纠正情况"


#: Filings the agency still has to file.
UNFILED = (FilingStatus.DUE,)
#: Filings waiting for the justice bureau (to accept, to review).
WITH_BUREAU = (FilingStatus.FILED, FilingStatus.ACCEPTED)


class FilingQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, SUPERVISE)

    def scope_q(self, user, action=VIEW):
        """``view``: whoever sees the case (the agency's staff, the supervisors of its region —
        a district's supervisor only its district's agencies). ``change`` (file, respond): the
        case's officers and the agency head. ``supervise`` (accept, review): the supervisors of
        the agency's region."""
        from zhifa.cases.models import Case

        if action == VIEW:
            return agency_data_q(user, path="case__agency")
        if action == CHANGE:
            return models.Q(case__in=Case.objects.restrict(user, CHANGE).values("pk"))
        if action == SUPERVISE:
            return supervised_q(user, path="case__agency")
        return super().scope_q(user, action)


class MajorDecisionFiling(models.Model):
    """One major decision's filing with the justice bureau (重大行政处罚决定备案)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="filing"
    )
    status = models.CharField(
        "状态", max_length=20, choices=FilingStatus.choices, default=FilingStatus.DUE
    )
    workflow_version = models.PositiveSmallIntegerField(default=1)
    grounds = models.JSONField("应当备案的情形", default=list)
    decided_on = models.DateField("决定日期")
    due_on = models.DateField("备案期限", null=True, blank=True)
    due_problem = models.CharField(
        "期限无法计算的原因", max_length=200, blank=True, help_text="如缺少该年度节假日安排数据"
    )
    document = models.CharField("处罚决定书", max_length=200, blank=True)
    explanation = models.TextField("备案说明", blank=True)
    filed_on = models.DateField("报备日期", null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报备人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    late = models.BooleanField("逾期报备", default=False)
    late_reason = models.TextField("逾期报备的原因", blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opinion = models.TextField("审查意见", blank=True)
    response = models.TextField("纠正情况反馈", blank=True)
    responded_on = models.DateField("反馈日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FilingQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = "重大行政处罚决定备案"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case}备案"

    def overdue_on(self, today) -> bool:
        """Not filed and past its time limit (unknown while the year's holidays are missing)."""
        return self.status in UNFILED and self.due_on is not None and self.due_on < today


class RecipientKind(models.TextChoices):
    POLICE = "police", "公安机关"
    PROCURATORATE = "procuratorate", "人民检察院"
    AGENCY = "agency", "其他行政机关"


class TransferStatus(models.TextChoices):
    SENT = "sent", "已移送，待回执"
    RECEIVED = "received", "已接收，待处理结果"
    OPENED = "opened", "已立案"
    DECLINED = "declined", "不予立案（已退回）"


class TransferOutcome(models.TextChoices):
    OPENED = "opened", "立案"
    DECLINED = "declined", "不予立案"


class TransferQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """As the case: seen by whoever sees it; the receipt and outcome recorded by its officers
        and the agency head."""
        from zhifa.cases.models import Case

        if action in (VIEW, CHANGE):
            return models.Q(case__in=Case.objects.restrict(user, action).values("pk"))
        return super().scope_q(user, action)


class Transfer(models.Model):
    """A case transferred to the police, the procuratorate or another agency (案件移送)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="transfer"
    )
    status = models.CharField(
        "状态", max_length=20, choices=TransferStatus.choices, default=TransferStatus.SENT
    )
    workflow_version = models.PositiveSmallIntegerField(default=1)
    recipient_kind = models.CharField("接收机关类别", max_length=20, choices=RecipientKind.choices)
    recipient = models.CharField("接收机关", max_length=100)
    reason = models.TextField("移送理由")
    letter_number = models.CharField("移送函文号", max_length=60, blank=True)
    letter_on = models.DateField("移送函日期")
    evidence = models.ManyToManyField(
        "cases.Evidence", verbose_name="随案移送的证据", related_name="transfers"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="移送人", on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField("回执日期", null=True, blank=True)
    receiver = models.CharField("接收人", max_length=100, blank=True)
    receipt = models.ForeignKey(
        "core.StoredFile",
        verbose_name="回执文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(
        "处理结果", max_length=10, choices=TransferOutcome.choices, blank=True
    )
    outcome_on = models.DateField("处理结果日期", null=True, blank=True)
    outcome_note = models.TextField("处理结果说明", blank=True)
    returned_on = models.DateField("案件退回日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["-letter_on", "-pk"]
        verbose_name = "案件移送"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.case}移送{self.recipient}"
