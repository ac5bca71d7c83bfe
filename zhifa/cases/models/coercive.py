"""行政强制措施 on a case: sealing (查封), seizure (扣押) and freezing (冻结), as records.

Sources (强制法 = 《中华人民共和国行政强制法》): a measure is approved by the agency head beforehand,
carried out by at least two officers who may enforce, with a decision (查封（扣押）决定书) and a list of
the items (清单) (arts. 18, 24); in an emergency it is carried out on the spot and reported to the head
within 24 hours, who approves it afterwards, or it is lifted at once (art. 19); sealing or seizure
lasts at most 30 days, extendable once by at most 30 days with the head's approval, the extension
served with its reason (art. 25); time spent on testing, inspection, quarantine or technical
appraisal of the items does not count, the party told of it in writing (art. 25, :class:`AppraisalPeriod`);
freezing the same (art. 32); a measure no longer needed is lifted and the items returned (art. 28):
the officers propose it, the head decides.

The state follows the ``cases.coercive_measure`` workflow table (``zhifa.cases.coercive_workflow``).
The last day is never stored: it is computed from the day the measure was carried out and the
approved extension and the appraisal periods on the working-day calendar
(``zhifa.cases.deadlines.seizure_ends``), so a holiday notice entered later moves it as the law says.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet

APPROVE = "approve"
#: 强制法 art. 19: an emergency measure is reported to the head within 24 hours.
REPORT_HOURS = 24


class CoerciveKind(models.TextChoices):
    SEAL = "seal", "查封"
    SEIZE = "seize", "扣押"
    FREEZE = "freeze", "冻结"


class CoerciveStatus(models.TextChoices):
    REQUESTED = "requested", "待负责人审批"
    NOT_APPROVED = "not_approved", "不予批准"
    APPROVED = "approved", "已批准待实施"
    EMERGENCY = "emergency", "当场实施待报告"
    REPORTED = "reported", "已报告待负责人审批"
    IN_FORCE = "in_force", "实施中"
    EXTENDED = "extended", "已延长期限"
    LIFTED = "lifted", "已解除"


#: States in which the measure binds the party's property (its time limit runs).
RUNNING = (
    CoerciveStatus.EMERGENCY,
    CoerciveStatus.REPORTED,
    CoerciveStatus.IN_FORCE,
    CoerciveStatus.EXTENDED,
)


class LiftReason(models.TextChoices):
    """强制法 art. 28 (and art. 33 for freezing): when a measure is lifted."""

    NO_VIOLATION = "no_violation", "当事人没有违法行为"
    UNRELATED = "unrelated", "查封、扣押的场所、设施或者财物与违法行为无关"
    DECIDED = "decided", "已经作出处理决定，不再需要查封、扣押、冻结"
    EXPIRED = "expired", "查封、扣押、冻结期限已经届满"
    NOT_NEEDED = "not_needed", "其他不再需要采取行政强制措施的情形"
    NOT_APPROVED = "not_approved", "负责人不予批准当场实施的措施"


class CoerciveQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, APPROVE)

    def scope_q(self, user, action=VIEW):
        """Whoever may ``action`` the case may ``action`` its measures: ``view`` the agency's staff
        and the supervisors of its region; ``change`` the case's officers and the head;
        ``approve`` the agency head."""
        from zhifa.cases.models import Case

        if action in (VIEW, CHANGE, APPROVE):
            return models.Q(case__in=Case.objects.restrict(user, action).values("pk"))
        return super().scope_q(user, action)


class CoerciveMeasure(models.Model):
    """One sealing, seizure or freezing on a case (强制法 arts. 18–28, 32)."""

    case = models.ForeignKey(
        "cases.Case",
        verbose_name="案件",
        on_delete=models.CASCADE,
        related_name="coercive_measures",
    )
    kind = models.CharField("措施种类", max_length=10, choices=CoerciveKind.choices)
    emergency = models.BooleanField("当场实施", default=False)
    status = models.CharField("状态", max_length=20, choices=CoerciveStatus.choices)
    workflow_version = models.PositiveSmallIntegerField(default=1)
    place = models.CharField("实施地点", max_length=200)
    reason = models.TextField("理由和依据")
    officers = models.ManyToManyField(
        "registry.Officer", verbose_name="实施人员", related_name="coercive_measures"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField("提请日期")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField("批准日期", null=True, blank=True)
    approval_opinion = models.TextField("负责人意见", blank=True)
    carried_out_at = models.DateTimeField("实施时间", null=True, blank=True)
    reported_at = models.DateTimeField("报告负责人时间", null=True, blank=True)
    report = models.TextField("报告内容", blank=True)
    late_report = models.BooleanField("超过24小时报告", default=False)
    extension_days = models.PositiveSmallIntegerField("延长天数", default=0)
    extension_reason = models.TextField("延长理由", blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准延长人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extended_on = models.DateField("批准延长日期", null=True, blank=True)
    lift_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提请解除人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lift_proposed_on = models.DateField("提请解除日期", null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定解除人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lifted_on = models.DateField("解除日期", null=True, blank=True)
    lift_opinion = models.TextField("负责人解除意见", blank=True)
    lift_reason = models.CharField(
        "解除理由", max_length=20, choices=LiftReason.choices, blank=True
    )
    lift_note = models.TextField("解除说明", blank=True)
    items_returned = models.BooleanField("财物已退还", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CoerciveQuerySet.as_manager()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = "行政强制措施"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        way = "（当场实施）" if self.emergency else ""
        return f"{self.case}{self.get_kind_display()}{way}"

    @property
    def carried_out_on(self):
        if self.carried_out_at is None:
            return None
        return timezone.localtime(self.carried_out_at).date()

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def lift_proposed(self) -> bool:
        """The officers proposed lifting it; the head has not yet decided (强制法 art. 28)."""
        return self.lift_proposed_on is not None and self.is_running

    @property
    def report_due_at(self):
        """强制法 art. 19: 24 hours after the measure was carried out on the spot."""
        if not self.emergency or self.carried_out_at is None:
            return None
        return self.carried_out_at + timedelta(hours=REPORT_HOURS)


class CoerciveItemQuerySet(ChildScopedQuerySet):
    parent = "measure"
    parent_actions = {VIEW: VIEW}


class CoerciveItem(models.Model):
    """One line of the list (清单) of what is sealed, seized or frozen (强制法 art. 24)."""

    measure = models.ForeignKey(
        CoerciveMeasure, on_delete=models.CASCADE, related_name="items", verbose_name="强制措施"
    )
    name = models.CharField("名称", max_length=200)
    quantity = models.CharField("数量", max_length=50)
    place = models.CharField("存放地点", max_length=200, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    objects = CoerciveItemQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "pk"]
        verbose_name = "查封扣押冻结清单"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.name} {self.quantity}"


class AppraisalKind(models.TextChoices):
    """强制法 art. 25: the work on the items whose time does not count toward the period."""

    TESTING = "testing", "检测"
    INSPECTION = "inspection", "检验"
    QUARANTINE = "quarantine", "检疫"
    APPRAISAL = "appraisal", "技术鉴定"


class AppraisalPeriodQuerySet(ChildScopedQuerySet):
    parent = "measure"
    parent_actions = {VIEW: VIEW}


class AppraisalPeriod(models.Model):
    """A period of testing, inspection, quarantine or technical appraisal of the sealed or seized
    items (强制法 art. 25): not counted in the measure's period; stated and told to the party in
    writing. Both days count (the first and the last day of the work)."""

    measure = models.ForeignKey(
        CoerciveMeasure,
        on_delete=models.CASCADE,
        related_name="appraisal_periods",
        verbose_name="强制措施",
    )
    kind = models.CharField("事项", max_length=20, choices=AppraisalKind.choices)
    starts_on = models.DateField("起始日")
    ends_on = models.DateField("截止日")
    notified_on = models.DateField("书面告知当事人日期")
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppraisalPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "starts_on", "pk"]
        verbose_name = "检测、检验、检疫或者技术鉴定期间"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}至{self.ends_on}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1
