"""执法主体 and their 内设机构."""

from __future__ import annotations

from typing import Any

from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet, is_signed_in
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q, scope_of


class AgencyKind(models.TextChoices):
    AUTHORITY = "authority", "行政执法机关"
    AUTHORISED = "authorised", "法律法规授权组织"
    DELEGATED = "delegated", "受委托组织"
    JUSTICE = "justice", "司法行政部门"


class AgencyQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user: Any, action: str = VIEW) -> models.Q:
        """``view``: the organisation's administrators see every agency; others their agency data
        scope. ``change``: the system administrator changes any agency, an agency's information
        administrator its own (``organisation.update_agency`` decides which fields)."""
        scope = scope_of(user)
        if action == VIEW:
            return models.Q() if scope.sees_all_organisations else agency_data_q(user, path="")
        if action == CHANGE:
            if Role.SYSTEM_ADMIN in scope.roles:
                return models.Q()
            return role_q(user, Role.AGENCY_ADMIN, path="")
        return super().scope_q(user, action)

    def where_role(self, user: Any, *roles: str, include_inactive: bool = False) -> AgencyQuerySet:
        """The agencies where ``user`` holds one of ``roles``: one query, no ``DISTINCT``.

        Active agencies only, unless ``include_inactive``: nobody acts in the name of an agency
        that has been dissolved (its records stay readable through the ``view`` scopes, which is
        where ``include_inactive=True`` is meant for).
        """
        if not is_signed_in(user) or not roles:
            return self.none()
        # Membership through the reverse relation: users.py imports this module.
        membership = self.model._meta.get_field("memberships").related_model
        held = membership.objects.filter(user=user, role__in=roles).values("agency_id")
        agencies = self.filter(pk__in=held)
        return agencies if include_inactive else agencies.filter(is_active=True)


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
    #: 强制法 arts. 29, 32: freezing deposits and remittances only by an agency a law authorises
    #: (set by the system administrator, with the law in ``freeze_basis``).
    may_freeze = models.BooleanField("法律授权冻结存款、汇款", default=False)
    freeze_basis = models.CharField("冻结授权的法律依据", max_length=200, blank=True)
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
    actions = (VIEW, CHANGE)

    def scope_q(self, user: Any, action: str = VIEW) -> models.Q:
        """A unit is seen by whoever sees its agency; changed by the system administrator or the
        agency's information administrator (as ``organisation.create_unit`` checks)."""
        if action in (VIEW, CHANGE):
            return models.Q(agency__in=Agency.objects.restrict(user, action).values("pk"))
        return super().scope_q(user, action)


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
