"""Versioned lists: every change to a list is a new version with an effective date, filed with the
justice bureau (seed 000 (七)(十); seed 004; 118号). Earlier versions stay readable."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from zhifa.catalog.models.approvals import RuleStatus
from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, oversight_q, role_q


class ListKind(models.TextChoices):
    RANDOM_INSPECTION = "random_inspection", "随机抽查事项清单"
    ENTERPRISE_INSPECTION = "enterprise_inspection", "涉企检查事项清单"
    RECORDING = "recording", "音像记录事项清单"
    MAJOR_DECISION = "major_decision", "重大执法决定法制审核事项清单"
    PUBLICATION = "publication", "执法信息公示事项清单"
    NO_PENALTY = "no_penalty", "不予行政处罚事项清单"
    LIGHTER = "lighter", "从轻行政处罚事项清单"
    MITIGATED = "mitigated", "减轻行政处罚事项清单"
    NO_COERCION = "no_coercion", "不予实施行政强制措施事项清单"


#: The four lists (四张清单): entries carry conditions that apply_benchmark() checks against facts.
LENIENCY_KINDS = frozenset(
    {ListKind.NO_PENALTY, ListKind.LIGHTER, ListKind.MITIGATED, ListKind.NO_COERCION}
)


class ListVersionQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: published versions are public; drafts are seen by the agency and its
        supervisors. ``change`` (draft, add entries, publish): the agency's information
        administrator."""
        if action == VIEW:
            return models.Q(published_at__isnull=False) | agency_data_q(user)
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN)
        return super().scope_q(user, action)


class ListVersion(models.Model):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="list_versions")
    kind = models.CharField("清单", max_length=30, choices=ListKind.choices)
    number = models.PositiveIntegerField("版本号")
    effective_on = models.DateField("施行日期")
    note = models.CharField("调整说明", max_length=200, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=RuleStatus.choices, default=RuleStatus.DRAFT
    )
    corrects = models.ForeignKey(
        "catalog.Filing",
        verbose_name="纠正的报备",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="list_corrections",
        help_text="司法局退回后，依其意见修改重新报送的版本",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )

    objects = ListVersionQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "kind", "-number"]
        verbose_name = "清单版本"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "number"], name="list_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.agency.short_name or self.agency.name}{self.get_kind_display()}第{self.number}版"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ListEntryQuerySet(ChildScopedQuerySet):
    parent = "version"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class ListEntry(models.Model):
    """One matter on one version of a list, with what that list says about it.

    ``attrs`` holds the list's own columns (random inspection: 抽查对象, 抽查内容, 抽查方式, 抽查比例,
    抽查频次; major decisions: 认定标准 …); ``conditions`` (four lists only) are clauses in the
    benchmark condition language, all of which must hold.
    """

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="entries")
    matter = models.ForeignKey(
        "catalog.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="list_entries",
    )
    title = models.CharField("情形", max_length=200, blank=True)
    attrs = models.JSONField("清单内容", default=dict, blank=True)
    conditions = models.JSONField("适用条件", default=list, blank=True)
    basis = models.CharField("依据", max_length=300, blank=True)

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["version", "id"]
        verbose_name = "清单条目"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.title or str(self.matter)

    @property
    def attr_items(self) -> list[tuple[str, str]]:
        """The list's own columns as a person reads them; a four-list entry's ``may`` says whether
        the law allows (可以) or requires (应当) the leniency (处罚法 arts. 32, 33)."""
        items = []
        for key, value in (self.attrs or {}).items():
            if key == "may":
                items.append(("适用方式", "可以" if value else "应当"))
            elif isinstance(value, bool):
                items.append((key, "是" if value else "否"))
            else:
                items.append((key, str(value)))
        return items


class FilingStatus(models.TextChoices):
    PENDING = "pending", "待审查"
    ACKNOWLEDGED = "acknowledged", "已备案"
    RETURNED = "returned", "退回"
    REVISING = "revising", "退回后修改中"


#: A filing the bureau returned: marked on the public pages until a corrected version is filed.
RETURNED_STATES = (FilingStatus.RETURNED, FilingStatus.REVISING)


#: Acknowledging or returning a filing (备案审查).
REVIEW = "review"


class FilingQuerySet(ScopedQuerySet):
    actions = (VIEW, REVIEW)

    def scope_q(self, user, action=VIEW):
        """``view``: the head and the information administrator of the filing agency (and of the
        agencies that set it up or delegated to it), and the supervisors of its region; an
        officer of the agency does not read its correspondence with the justice bureau.
        ``review``: the supervisors of the receiving justice bureau (118号: 报备 to 司法行政部门)."""
        if action == VIEW:
            return oversight_q(user, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, path="agency")
        if action == REVIEW:
            return role_q(user, Role.SUPERVISOR, path="justice_bureau")
        return super().scope_q(user, action)


class Filing(models.Model):
    """报备: a published list version or discretion benchmark filed with the justice bureau,
    acknowledged or returned (seed 000 (九) benchmarks, (十) the lists)."""

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="报备单位",
        on_delete=models.PROTECT,
        related_name="filings",
    )
    version = models.OneToOneField(
        ListVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="filing"
    )
    benchmark = models.OneToOneField(
        "catalog.DiscretionBenchmark",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filing",
    )
    justice_bureau = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="received_filings"
    )
    status = models.CharField(
        max_length=20, choices=FilingStatus.choices, default=FilingStatus.PENDING
    )
    opinion = models.TextField("审查意见", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FilingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "报备"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__isnull=True) ^ models.Q(benchmark__isnull=True),
                name="filing_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.get_status_display()}"

    @property
    def subject(self) -> Any:
        """What was filed: the list version or the benchmark."""
        return self.version if self.version_id else self.benchmark

    @property
    def subject_label(self) -> str:
        if self.version_id:
            return str(self.version)
        agency = self.agency
        return f"{agency.short_name or agency.name}行政裁量权基准：{self.benchmark}"

    @property
    def kind_label(self) -> str:
        """清单 name, or 行政裁量权基准 with its violation."""
        if self.version_id:
            return self.version.get_kind_display()
        return f"行政裁量权基准（{self.benchmark.violation}）"

    @property
    def number(self) -> int:
        return self.version.number if self.version_id else self.benchmark.version

    @property
    def subject_url(self) -> str:
        from django.urls import reverse

        if self.version_id:
            return reverse("catalog:list_version", args=[self.version_id])
        return reverse("catalog:benchmark_detail", args=[self.benchmark_id])
