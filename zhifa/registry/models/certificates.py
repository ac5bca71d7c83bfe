"""行政执法证件, its suspensions (暂扣) and annual reviews (年审)."""

from __future__ import annotations

from datetime import date

from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q

#: 年审 of a certificate: its agency's information administrator.
REVIEW = "review"
#: 暂扣, 发还, 收缴, 注销: its agency's information administrator or a supervisor of the region.
SUSPEND = "suspend"


class CertificateStatus(models.TextChoices):
    """What is stored; suspension and expiry are derived from dates (see ``state_on``)."""

    VALID = "valid", "有效"
    COLLECTED = "collected", "收缴"
    CANCELLED = "cancelled", "注销"


class CertificateState(models.TextChoices):
    """What a certificate is on a given day."""

    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    EXPIRED = "expired", "过期"
    NOT_YET = "not_yet", "未生效"
    COLLECTED = "collected", "收缴"
    CANCELLED = "cancelled", "注销"


class CertificateQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, REVIEW, SUSPEND)

    def scope_q(self, user, action=VIEW):
        """``view``: as the holder (the agency's staff and the supervisors of its region).
        ``change`` and ``review``: the agency's information administrator. ``suspend`` (暂扣,
        发还, 收缴, 注销): the information administrator or a supervisor of the agency's region
        (seed 000 (五): 司法行政部门 may take back a certificate)."""
        path = "officer__agency"
        if action == VIEW:
            return agency_data_q(user, path=path)
        if action in (CHANGE, REVIEW):
            return role_q(user, Role.AGENCY_ADMIN, path=path)
        if action == SUSPEND:
            return role_q(user, Role.AGENCY_ADMIN, path=path, supervisors=True)
        return super().scope_q(user, action)


class Certificate(models.Model):
    number = models.CharField("证件编号", max_length=30, unique=True)
    officer = models.ForeignKey(
        "registry.Officer",
        verbose_name="持证人",
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    issuing_authority = models.CharField("发证机关", max_length=100)
    field = models.ForeignKey(
        "org.EnforcementField", verbose_name="执法领域", on_delete=models.PROTECT
    )
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    status = models.CharField(
        "状态", max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    ended_on = models.DateField("收缴/注销日期", null=True, blank=True)
    end_reason = models.CharField("收缴/注销原因", max_length=200, blank=True)
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = "执法证件"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.number

    def state_on(self, day: date) -> CertificateState:
        """The certificate's state on ``day`` (expiry is automatic: no one has to record it).

        Uses prefetched ``suspensions`` when present.
        """
        if self.status != CertificateStatus.VALID and self.ended_on and self.ended_on <= day:
            return CertificateState(self.status)
        if day < self.issued_on:
            return CertificateState.NOT_YET
        if day > self.expires_on:
            return CertificateState.EXPIRED
        if any(s.covers(day) for s in self.suspensions.all()):
            return CertificateState.SUSPENDED
        return CertificateState.VALID


class SuspensionQuerySet(ChildScopedQuerySet):
    """Seen with the certificate; changed (lifted) by whoever may suspend it."""

    parent = "certificate"
    parent_actions = {VIEW: VIEW, CHANGE: SUSPEND}


class Suspension(models.Model):
    """暂扣: for a reason and a period; lifted early, or over when the period ends."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="suspensions"
    )
    reason = models.CharField("暂扣原因", max_length=200)
    starts_on = models.DateField("暂扣起始日")
    ends_on = models.DateField("暂扣截止日")
    lifted_on = models.DateField("提前发还日", null=True, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = "证件暂扣"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.certificate} 暂扣 {self.starts_on}–{self.ends_on}"

    def covers(self, day: date) -> bool:
        end = min(self.ends_on, self.lifted_on) if self.lifted_on else self.ends_on
        if self.lifted_on and self.lifted_on <= day:
            return False
        return self.starts_on <= day <= end


class ReviewResult(models.TextChoices):
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"
    DEFERRED = "deferred", "暂缓"


class CertificateReviewQuerySet(ChildScopedQuerySet):
    """Seen with the certificate; recorded by whoever may review it."""

    parent = "certificate"
    parent_actions = {VIEW: VIEW, CHANGE: REVIEW}


class CertificateReview(models.Model):
    """年审 of one certificate for one year."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="reviews")
    year = models.PositiveSmallIntegerField("年度")
    result = models.CharField("结论", max_length=10, choices=ReviewResult.choices)
    reasons = models.TextField("理由", blank=True)
    reviewed_on = models.DateField("审验日期")

    objects = CertificateReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "证件年审"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["certificate", "year"], name="review_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.certificate} {self.year}年审 {self.get_result_display()}"
