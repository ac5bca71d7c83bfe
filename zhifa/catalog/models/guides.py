"""办事指南 and 合规指导清单.

A matter's service guide tells the public how to go about it: the conditions, the materials, the
time limit, the fees, where and whom to call, and the procedure as ordered steps (shown as a flow
chart). A compliance guide tells the enterprises of one industry what they must watch: each item a
requirement with its legal basis, the violation commonly found and its consequence. Service guides
are public as soon as they are saved; compliance guides only once published.
"""

from __future__ import annotations

from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q


class ServiceGuideQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: a service guide is public, like the matter it belongs to. ``change``: the
        information administrator of the matter's agency."""
        if action == VIEW:
            return models.Q()
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN, path="matter__agency")
        return super().scope_q(user, action)


class ServiceGuide(models.Model):
    matter = models.OneToOneField(
        "catalog.Matter",
        verbose_name="执法事项",
        on_delete=models.CASCADE,
        related_name="service_guide",
    )
    conditions = models.TextField("办理条件")
    materials = models.TextField("申请材料", help_text="每行一项")
    time_limit = models.CharField("办理时限", max_length=100)
    fees = models.CharField("收费标准", max_length=200)
    place = models.CharField("办理地点", max_length=200)
    phone = models.CharField("咨询电话", max_length=30)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ServiceGuideQuerySet.as_manager()

    class Meta:
        ordering = ["matter"]
        verbose_name = "办事指南"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.matter.name}办事指南"

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class FlowStepQuerySet(ChildScopedQuerySet):
    parent = "guide"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class FlowStep(models.Model):
    """One step of the procedure (办理流程), in order."""

    guide = models.ForeignKey(ServiceGuide, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("序号")
    title = models.CharField("环节", max_length=60)
    actor = models.CharField("承办", max_length=60, blank=True)
    description = models.CharField("说明", max_length=300, blank=True)
    time_limit = models.CharField("时限", max_length=60, blank=True)

    objects = FlowStepQuerySet.as_manager()

    class Meta:
        ordering = ["guide", "order"]
        verbose_name = "办理环节"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["guide", "order"], name="flow_step_order_once")
        ]

    def __str__(self) -> str:
        return self.title


class ComplianceGuideQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: published guides are public; drafts are seen by the agency and its
        supervisors. ``change``: the agency's information administrator."""
        if action == VIEW:
            return models.Q(published_at__isnull=False) | agency_data_q(user)
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN)
        return super().scope_q(user, action)


class ComplianceGuide(models.Model):
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="制定机关",
        on_delete=models.PROTECT,
        related_name="compliance_guides",
    )
    industry = models.CharField("行业", max_length=40)
    title = models.CharField("标题", max_length=100)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComplianceGuideQuerySet.as_manager()

    class Meta:
        ordering = ["industry", "agency", "title"]
        verbose_name = "合规指导清单"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ComplianceItemQuerySet(ChildScopedQuerySet):
    parent = "guide"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class ComplianceItem(models.Model):
    """One thing an enterprise of the industry must watch."""

    guide = models.ForeignKey(ComplianceGuide, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField("序号")
    topic = models.CharField("合规事项", max_length=100)
    requirement = models.TextField("合规要求")
    basis = models.CharField("法律依据", max_length=300)
    violation = models.CharField("常见违法行为", max_length=300, blank=True)
    consequence = models.CharField("法律后果", max_length=300, blank=True)

    objects = ComplianceItemQuerySet.as_manager()

    class Meta:
        ordering = ["guide", "order"]
        verbose_name = "合规指导事项"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["guide", "order"], name="compliance_item_order_once")
        ]

    def __str__(self) -> str:
        return self.topic
