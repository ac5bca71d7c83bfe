"""Approval of the rules an agency makes (list versions and discretion benchmarks): the stages a
draft passes before publication, and the record of each review and approval.

A list or a benchmark binds citizens, so before it is published it passes the agency's legal
review (合法性审核, opinion recorded) and the approval of the agency head after collective
discussion (集体讨论), and after publication it is filed with the justice bureau (国办发〔2022〕27号
《关于进一步规范行政裁量权基准制定和管理工作的意见》; 国办发〔2018〕115号 on legality review of
normative documents; seed 000 (九)(十)).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.scoping import VIEW, ScopedQuerySet
from zhifa.org.scope import agency_data_q


class RuleStatus(models.TextChoices):
    """Where a list version or a benchmark stands (workflow tables ``catalog.list`` and
    ``catalog.benchmark``, version 2; version 1 knew only 草稿 and 已发布)."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待法制审核"
    REVIEWED = "reviewed", "待负责人审批"
    APPROVED = "approved", "已批准待发布"
    PUBLISHED = "published", "已发布"


class ApprovalKind(models.TextChoices):
    LEGAL_REVIEW = "legal_review", "法制审核"
    HEAD_APPROVAL = "head_approval", "负责人审批（集体讨论）"


class RuleApprovalQuerySet(ScopedQuerySet):
    actions = (VIEW,)

    def scope_q(self, user, action=VIEW):
        """``view``: as the draft it belongs to: the agency's staff and its supervisors."""
        if action == VIEW:
            return agency_data_q(user, path="list_version__agency") | agency_data_q(
                user, path="benchmark__matter__agency"
            )
        return super().scope_q(user, action)


class RuleApproval(models.Model):
    """One legal review (法制审核: 同意 or 不同意 with reasons) or one head approval after
    collective discussion (集体讨论: date, participants, conclusion) of a list version or a
    benchmark. Written by the workflow steps only, never changed."""

    list_version = models.ForeignKey(
        "catalog.ListVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approvals",
    )
    benchmark = models.ForeignKey(
        "catalog.DiscretionBenchmark",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approvals",
    )
    kind = models.CharField("环节", max_length=20, choices=ApprovalKind.choices)
    agrees = models.BooleanField("结论", help_text="同意或不同意")
    opinion = models.TextField("意见或结论")
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)
    participants = models.CharField("参加人员", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="办理人"
    )
    created_at = models.DateTimeField("办理时间", auto_now_add=True)

    objects = RuleApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "规则审核审批记录"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(
                condition=models.Q(list_version__isnull=True) ^ models.Q(benchmark__isnull=True),
                name="rule_approval_one_subject",
            )
        ]

    def __str__(self) -> str:
        verdict = "同意" if self.agrees else "不同意"
        return f"{self.get_kind_display()}：{verdict}"

    @property
    def verdict(self) -> str:
        return "同意" if self.agrees else "不同意"
