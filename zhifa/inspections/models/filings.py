"""事前备案: every enterprise inspection is filed before the visit (time, target, officers, content,
basis) and approved by the agency head; an emergency is filed afterwards and flagged (54号; seed
004 济南 事前备案). 撮合: two agencies filing for the same enterprise in overlapping windows are
offered one joint visit (``JointOffer``), which counts once for the enterprise.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q

#: Approving or refusing a filing (the lead agency's head, 54号).
APPROVE = "approve"


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", "日常检查"
    SPECIAL = "special", "专项检查"
    INDIVIDUAL = "individual", "个案检查"


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审批"
    APPROVED = "approved", "已批准"
    RECORDED = "recorded", "已登记"
    CLOSED = "closed", "已办结"
    REFUSED = "refused", "不予批准"
    WITHDRAWN = "withdrawn", "已撤回"
    MERGED = "merged", "已并入联合检查"


#: Filings that stand for a visit (planned, approved or done): they count for the enterprise's
#: history, the yearly cap and the overlapping-window refusal.
STANDING = (
    InspectionStatus.SUBMITTED,
    InspectionStatus.APPROVED,
    InspectionStatus.RECORDED,
    InspectionStatus.CLOSED,
)
#: What the enterprise sees of its own history: visits approved (or done).
SHOWN_TO_PARTY = (InspectionStatus.APPROVED, InspectionStatus.RECORDED, InspectionStatus.CLOSED)


def _party_q(user, path: str = "party") -> models.Q:
    """Rows of the party the enterprise user is bound to (``parties.PartyAccount``)."""
    return models.Q(**{f"{path}__accounts__user": user})


class InspectionQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, APPROVE)

    def scope_q(self, user, action=VIEW):
        """``view``: the staff of every agency taking part and the supervisors of their regions;
        an enterprise user sees its own party's approved visits only. ``change`` (edit, submit,
        withdraw): the officers of the lead agency. ``approve``: the lead agency's head."""
        if action == VIEW:
            q = agency_data_q(user, path="agencies")
            if user.has_role(Role.ENTERPRISE):
                q |= _party_q(user) & models.Q(status__in=SHOWN_TO_PARTY)
            return q
        if action == CHANGE:
            return role_q(user, Role.OFFICER, Role.AGENCY_HEAD, path="lead_agency")
        if action == APPROVE:
            return role_q(user, Role.AGENCY_HEAD, path="lead_agency")
        return super().scope_q(user, action)


class Inspection(models.Model):
    """One pre-filed enterprise inspection (事前备案): joint when several agencies take part."""

    kind = models.CharField("检查类型", max_length=20, choices=InspectionKind.choices)
    party = models.ForeignKey(
        "parties.Party",
        verbose_name="检查对象",
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    lead_agency = models.ForeignKey(
        "org.Agency",
        verbose_name="牵头执法主体",
        on_delete=models.PROTECT,
        related_name="led_inspections",
    )
    agencies = models.ManyToManyField(
        "org.Agency", verbose_name="参加执法主体", related_name="inspections"
    )
    window_start = models.DateField("检查起始日")
    window_end = models.DateField("检查截止日")
    officers = models.ManyToManyField(
        "registry.Officer", verbose_name="检查人员", related_name="inspections"
    )
    matters = models.ManyToManyField(
        "catalog.Matter", verbose_name="检查事项", related_name="inspections"
    )
    basis = models.TextField("检查依据及内容")
    emergency = models.BooleanField(
        "紧急检查（事后补办）",
        default=False,
        help_text="情况紧急、需要立即检查的，事后及时补办备案手续",
    )
    emergency_reason = models.TextField("紧急情况说明", blank=True)
    plan = models.ForeignKey(
        "inspections.InspectionPlan",
        verbose_name="抽查计划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
        help_text="双随机抽查计划抽中的对象，其检查备案关联该计划",
    )
    status = models.CharField(
        "状态", max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="备案人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    opinion = models.TextField("审批意见", blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="并入的联合检查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="absorbed",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-window_start", "-pk"]
        verbose_name = "涉企检查备案"
        verbose_name_plural = verbose_name
        indexes = [
            models.Index(fields=["party", "window_start"], name="inspection_party_start"),
            models.Index(fields=["status", "window_start"], name="inspection_status_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}备案第{self.pk}号"

    @property
    def is_joint(self) -> bool:
        return self.agencies.count() > 1

    def overlaps(self, start: date, end: date) -> bool:
        return self.window_start <= end and start <= self.window_end


class JointOfferStatus(models.TextChoices):
    OPEN = "open", "待回应"
    ACCEPTED = "accepted", "已合并为联合检查"
    DECLINED = "declined", "已谢绝"
    LAPSED = "lapsed", "已失效"


class JointOfferQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: whoever sees either filing's agencies (staff and supervisors).
        ``change`` (accept, decline): the officers and heads of either filing's lead agency."""
        if action == VIEW:
            return agency_data_q(user, path="first__lead_agency") | agency_data_q(
                user, path="second__lead_agency"
            )
        if action == CHANGE:
            roles = (Role.OFFICER, Role.AGENCY_HEAD)
            return role_q(user, *roles, path="first__lead_agency") | role_q(
                user, *roles, path="second__lead_agency"
            )
        return super().scope_q(user, action)


class JointOffer(models.Model):
    """撮合: two agencies filed for the same enterprise in overlapping windows; each is offered one
    joint visit (进一次门、查多项事, seed 004). When both accept, the second filing is merged into the
    first (one filing with several agencies, counted once for the enterprise)."""

    first = models.ForeignKey(
        Inspection, verbose_name="先报备的检查", on_delete=models.PROTECT, related_name="+"
    )
    second = models.ForeignKey(
        Inspection, verbose_name="后报备的检查", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "状态", max_length=20, choices=JointOfferStatus.choices, default=JointOfferStatus.OPEN
    )
    first_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="先报备方同意人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="后报备方同意人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="谢绝人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("撮合时间", auto_now_add=True)
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )

    objects = JointOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "联合检查撮合"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="joint_offer_once")]

    def __str__(self) -> str:
        return f"联合检查撮合第{self.pk}号"
