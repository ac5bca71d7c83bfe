"""Users and their roles. A role is a membership of a user in an agency (三员分立 included)."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from zhifa.core.fields import EncryptedTextField
from zhifa.core.scoping import ScopedQuerySet
from zhifa.core.validators import mask_phone
from zhifa.org.models.agencies import Agency
from zhifa.org.roles import ADMIN_ROLES, Role
from zhifa.org.scope import scope_of


class UserQuerySet(ScopedQuerySet):
    def scope_q(self, user):
        scope = scope_of(user)
        if scope.manages_accounts:
            return models.Q()
        q = models.Q(pk=user.pk)
        if scope.sees_colleagues:
            q |= models.Q(memberships__agency__in=Agency.objects.visible_to(user))
        return q


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    """Django's user manager with the scoped queryset (``User.objects.visible_to``)."""


class User(AbstractUser):
    """An account. Personal details beyond the name live in the registry (officers)."""

    full_name = models.CharField("姓名", max_length=50)
    mobile = EncryptedTextField("手机号码", blank=True, default="")
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    must_change_password = models.BooleanField(
        "须修改密码", default=False, help_text="密码被重置后，下次登录须先修改密码"
    )

    objects = ScopedUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = "用户"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def mobile_masked(self) -> str:
        return mask_phone(self.mobile)

    @cached_property
    def role_set(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.memberships.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return self.is_active and any(role in self.role_set for role in roles)


class MembershipQuerySet(ScopedQuerySet):
    def scope_q(self, user):
        """A role is seen by whoever sees its user."""
        return models.Q(user__in=User.objects.visible_to(user))


class Membership(models.Model):
    """One role of one user, in an agency where the role needs one."""

    user = models.ForeignKey(
        User, verbose_name="用户", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="所在主体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="所在科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    created_at = models.DateTimeField("授予时间", auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        verbose_name = "角色"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"], name="membership_unique_role_in_agency"
            ),
            # 三员分立, enforced by the database too: one administrator role per account.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(role__in=sorted(r.value for r in ADMIN_ROLES)),
                name="membership_one_admin_role_per_user",
            ),
        ]

    def __str__(self) -> str:
        where = f"（{self.agency}）" if self.agency_id else ""
        return f"{self.user} · {self.get_role_display()}{where}"


class ResetStatus(models.TextChoices):
    PENDING = "pending", "待批准"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"


class PasswordResetRequestQuerySet(ScopedQuerySet):
    def scope_q(self, user):
        """The three administrators see every request (each may be the second one to decide)."""
        if user.has_role(*ADMIN_ROLES):
            return models.Q()
        return models.Q(pk__in=[])


class PasswordResetRequest(models.Model):
    """A new password for an administrator's account, waiting for a second administrator's
    approval (三员分立: no administrator takes over another's account alone). Only the new
    password's hash is kept."""

    user = models.ForeignKey(
        User, verbose_name="账号", on_delete=models.PROTECT, related_name="reset_requests"
    )
    password_hash = models.CharField(max_length=256)
    status = models.CharField(
        "状态", max_length=10, choices=ResetStatus.choices, default=ResetStatus.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("批准时间", null=True, blank=True)

    objects = PasswordResetRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "管理员密码重置申请"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_reset_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}的密码重置（{self.get_status_display()}）"
