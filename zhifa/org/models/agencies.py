"""执法主体 and their 内设机构."""

from __future__ import annotations

from django.db import models

from zhifa.core.scoping import ScopedQuerySet
from zhifa.org.scope import agency_data_q, scope_of


class AgencyKind(models.TextChoices):
    AUTHORITY = "authority", "行政执法机关"
    AUTHORISED = "authorised", "法律法规授权组织"
    DELEGATED = "delegated", "受委托组织"
    JUSTICE = "justice", "司法行政部门"


class AgencyQuerySet(ScopedQuerySet):
    def scope_q(self, user):
        """The organisation's administrators see every agency; others see their agency data scope."""
        if scope_of(user).sees_all_organisations:
            return models.Q()
        return agency_data_q(user, path="")


class Agency(models.Model):
    """A body that may enforce in its own name, or a delegated body acting in another's name."""

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("主体类型", max_length=20, choices=AgencyKind.choices)
    region = models.ForeignKey(
        "org.Region", verbose_name="所属区划", on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    complaint_phone = models.CharField("投诉电话", max_length=30, blank=True)
    legal_basis = models.TextField("主体资格依据", blank=True)
    delegating_agency = models.ForeignKey(
        "self",
        verbose_name="委托机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegates",
    )
    delegation_agreement = models.CharField("委托执法协议", max_length=200, blank=True)
    delegation_start = models.DateField("委托起始日", null=True, blank=True)
    delegation_end = models.DateField("委托终止日", null=True, blank=True)
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = "执法主体"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name

    @property
    def is_justice(self) -> bool:
        return self.kind == AgencyKind.JUSTICE


class UnitKind(models.TextChoices):
    HANDLING = "handling", "承办机构"
    LEGAL_REVIEW = "legal_review", "法制审核机构"
    OTHER = "other", "其他"


class UnitQuerySet(ScopedQuerySet):
    def scope_q(self, user):
        """A unit is seen by whoever sees its agency."""
        return models.Q(agency__in=Agency.objects.visible_to(user))


class Unit(models.Model):
    """A division inside an agency (内设机构/科室)."""

    agency = models.ForeignKey(
        Agency, verbose_name="所属主体", on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=UnitKind.choices)
    phone = models.CharField("办公电话", max_length=30, blank=True)
    is_active = models.BooleanField("有效", default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = "内设机构"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name_in_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency.short_name or self.agency.name}·{self.name}"
