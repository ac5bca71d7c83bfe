"""当事人 / 监管对象: the enterprises, self-employed, organisations and persons agencies act on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from zhifa.core.fields import EncryptedTextField
from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet
from zhifa.core.validators import mask_id_number, mask_phone
from zhifa.org.roles import Role
from zhifa.org.scope import scope_of

#: Recording a code that fails the GB 32100 check as verified with the registration authority,
#: setting credit grades and risk classes, binding enterprise accounts: an agency's 信息管理员.
ADMINISTER = "administer"


class PartyKind(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
    COOPERATIVE = "cooperative", "农民专业合作社"
    SOCIAL_ORG = "social_org", "社会组织"
    PERSON = "person", "自然人"
    OTHER = "other", "其他"


class CreditGrade(models.TextChoices):
    A = "A", "A级"
    B = "B", "B级"
    C = "C", "C级"
    D = "D", "D级"


class RiskClass(models.TextChoices):
    LOW = "low", "低"
    MEDIUM = "medium", "中"
    HIGH = "high", "高"


def _agencies() -> Any:
    from django.apps import apps

    return apps.get_model("org", "Agency").objects


def _all_or_none(allowed: bool) -> models.Q:
    return models.Q() if allowed else models.Q(pk__in=[])


def may_change_parties(user: Any) -> bool:
    """Registers parties and corrects their details: an agency's officer or 信息管理员."""
    return _agencies().where_role(user, Role.OFFICER, Role.AGENCY_ADMIN).exists()


def may_administer_parties(user: Any) -> bool:
    """Verifies codes, grades, classes, binds accounts: an agency's 信息管理员."""
    return _agencies().where_role(user, Role.AGENCY_ADMIN).exists()


class PartyQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, ADMINISTER)

    def scope_q(self, user: Any, action: str = VIEW) -> models.Q:
        """``view``: parties are reference data shared by every agency's staff (officers, legal
        reviewers, heads, information administrators of an active agency) and the supervisors;
        an enterprise user sees only the party its account is bound to; the 三员 see none.
        ``change`` (register, correct details): an agency's officers and information
        administrators. ``administer``: an agency's information administrator."""
        if action == VIEW:
            if Role.SUPERVISOR in scope_of(user).roles:
                return models.Q()
            staff = (Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN)
            if _agencies().where_role(user, *staff).exists():
                return models.Q()
            return models.Q(accounts__user=user)
        if action == CHANGE:
            return _all_or_none(may_change_parties(user))
        if action == ADMINISTER:
            return _all_or_none(may_administer_parties(user))
        return super().scope_q(user, action)


class Party(models.Model):
    """当事人 / 监管对象: an organisation with its 统一社会信用代码 (GB 32100-2015) or a person with
    their 身份证号码 (GB 11643-1999, encrypted, found through its blind index)."""

    kind = models.CharField("主体类型", max_length=30, choices=PartyKind.choices)
    name = models.CharField("名称（姓名）", max_length=200)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, null=True, blank=True, default=None
    )
    id_number = EncryptedTextField("身份证号码", blank=True)
    id_number_index = models.CharField(
        max_length=64, unique=True, null=True, blank=True, default=None, editable=False
    )
    legal_representative = models.CharField("法定代表人（负责人）", max_length=50, blank=True)
    address = models.CharField("住所（经营场所）", max_length=200, blank=True)
    region = models.ForeignKey(
        "org.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="parties"
    )
    industry = models.CharField("行业代码", max_length=5, blank=True, db_index=True)
    credit_grade = models.CharField(
        "信用等级", max_length=1, choices=CreditGrade.choices, blank=True, db_index=True
    )
    credit_graded_on = models.DateField("信用评级日期", null=True, blank=True)
    credit_source = models.CharField("信用评级来源", max_length=100, blank=True)
    risk_class = models.CharField(
        "风险等级", max_length=10, choices=RiskClass.choices, blank=True, db_index=True
    )
    risk_classed_on = models.DateField("风险分类日期", null=True, blank=True)
    risk_source = models.CharField("风险分类来源", max_length=100, blank=True)
    policy_officer_name = models.CharField("企业政策官", max_length=50, blank=True)
    policy_officer_phone = EncryptedTextField("企业政策官电话", blank=True)
    liaison_leader_name = models.CharField("包保领导干部", max_length=50, blank=True)
    liaison_leader_phone = EncryptedTextField("包保领导干部电话", blank=True)
    uscc_verified = models.BooleanField("代码经登记机关核实", default=False)
    uscc_verified_reason = models.TextField("核实说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "当事人"
        verbose_name_plural = verbose_name
        indexes = [
            models.Index(fields=["kind", "region"]),
            # The draw reads each stratum's codes from this index alone (benchmarks/draw.py).
            models.Index(
                fields=["risk_class", "credit_grade", "region", "uscc"], name="party_stratum_idx"
            ),
            models.Index(fields=["name"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.kind == PartyKind.PERSON

    @property
    def industry_division(self) -> str:
        """The GB/T 4754-2017 大类 (two-digit division) of the industry code: "C1311" → "13"."""
        digits = self.industry[1:3]
        return digits if len(digits) == 2 else ""

    @property
    def identifier(self) -> str:
        """The code shown for the party: its USCC, or a person's masked ID number."""
        return self.uscc or self.id_number_masked

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def policy_officer_phone_masked(self) -> str:
        return mask_phone(self.policy_officer_phone)

    @property
    def liaison_leader_phone_masked(self) -> str:
        return mask_phone(self.liaison_leader_phone)


class PartyAccountQuerySet(ScopedQuerySet):
    actions = (VIEW,)

    def scope_q(self, user: Any, action: str = VIEW) -> models.Q:
        """An enterprise user sees its own binding; the agencies' information administrators
        (who bind accounts) and the supervisors see them all."""
        if action == VIEW:
            if Role.SUPERVISOR in scope_of(user).roles:
                return models.Q()
            if may_administer_parties(user):
                return models.Q()
            return models.Q(user=user)
        return super().scope_q(user, action)


class PartyAccount(models.Model):
    """An enterprise user's account bound to its party by an agency's information administrator
    (identity verified elsewhere, as 政务服务 accounts are); binding and unbinding are ledgered."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="企业用户",
        on_delete=models.PROTECT,
        related_name="party_account",
    )
    party = models.ForeignKey(
        Party, verbose_name="当事人", on_delete=models.PROTECT, related_name="accounts"
    )
    bound_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="绑定人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    bound_at = models.DateTimeField("绑定时间", auto_now_add=True)

    objects = PartyAccountQuerySet.as_manager()

    class Meta:
        ordering = ["party", "user"]
        verbose_name = "企业账号绑定"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.user} → {self.party}"
