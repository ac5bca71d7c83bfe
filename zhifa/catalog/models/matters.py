"""执法事项: one enforceable power with its legal basis ("清单之外无事项")."""

from __future__ import annotations

from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import role_q


class MatterCategory(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收征用"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    ADJUDICATION = "adjudication", "行政裁决"
    BENEFIT = "benefit", "行政给付"
    REWARD = "reward", "行政奖励"
    OTHER = "other", "其他"


class MatterLevel(models.TextChoices):
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWN = "town", "乡镇（街道）"


class MatterStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂停实施"
    CANCELLED = "cancelled", "取消"


class MatterQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: the catalogue is public; inside the platform everyone signed in reads it.
        ``change``: the information administrator of the matter's agency."""
        if action == VIEW:
            return models.Q()
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN)
        return super().scope_q(user, action)


class Matter(models.Model):
    code = models.CharField("事项编码", max_length=40, unique=True)
    name = models.CharField("事项名称", max_length=200)
    category = models.CharField("职权类别", max_length=20, choices=MatterCategory.choices)
    agency = models.ForeignKey(
        "org.Agency", verbose_name="实施主体", on_delete=models.PROTECT, related_name="matters"
    )
    level = models.CharField("行使层级", max_length=10, choices=MatterLevel.choices)
    #: The field whose certificate covers the matter (执法证件 are issued per field); empty for a
    #: matter not yet classified, on which no one may be found able to enforce (``can_enforce``).
    field = models.ForeignKey(
        "org.EnforcementField",
        verbose_name="执法领域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matters",
    )
    law = models.CharField("法律依据（法律法规名称）", max_length=200)
    article = models.CharField("条款", max_length=100)
    article_text = models.TextField("条文内容")
    status = models.CharField(
        "状态", max_length=20, choices=MatterStatus.choices, default=MatterStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "执法事项"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def basis(self) -> str:
        return f"《{self.law}》{self.article}"
