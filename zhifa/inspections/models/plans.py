"""Random-inspection plans and their draws (双随机、一公开).

A plan (抽查计划) says what (matters from the agency's random-inspection list), whom (pool filters),
how many (a sampling ratio per stratum, risk class × credit grade) and when; it is approved by the
agency head and filed with the justice bureau. A draw freezes each stratum's pool, publishes the
pools' SM3 and the commitment of a random seed, then reveals the seed and selects; an inspector
draw then pairs officers with each target the same way (``zhifa/inspections/draw.py``).

Sources: 国办发〔2019〕5号 (双随机、一公开); 54号 and seeds 002, 004 (rules.md "Enterprise
inspections": credit and risk set the frequency, special plans have yearly quotas and a filed plan).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.fields import EncryptedTextField
from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q

#: Drawing (freeze, announce, draw, inspectors, publish): the lead agency's head or administrator.
DRAW = "draw"


class PlanKind(models.TextChoices):
    DAILY = "daily", "日常检查"
    SPECIAL = "special", "专项检查"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审批"
    APPROVED = "approved", "已批准"
    FILED = "filed", "已报备"
    ACKNOWLEDGED = "acknowledged", "已备案"
    RETURNED = "returned", "报备退回"


#: A plan's pool may be drawn once it is filed with the justice bureau (and not returned).
DRAWABLE = (PlanStatus.FILED, PlanStatus.ACKNOWLEDGED)
#: What the public sees of a plan: it is filed (一公开: the plan is published before the draw).
PUBLIC_PLAN_STATES = (PlanStatus.FILED, PlanStatus.ACKNOWLEDGED)

RISK_CLASSES = {"low": "低", "medium": "中", "high": "高", "": "未分类"}
CREDIT_GRADES = {"A": "A", "B": "B", "C": "C", "D": "D", "": "未评级"}


class InspectionPlanQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, DRAW)

    def scope_q(self, user, action=VIEW):
        """``view``: the staff of the plan's agencies (lead or joint) and the supervisors of their
        regions. ``change`` (draft, revise, submit): the lead agency's officers and information
        administrator. ``draw``: the lead agency's head or information administrator."""
        if action == VIEW:
            return agency_data_q(user, "lead_agency") | agency_data_q(user, "agencies")
        if action == CHANGE:
            return role_q(user, Role.OFFICER, Role.AGENCY_ADMIN, path="lead_agency")
        if action == DRAW:
            return role_q(user, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, path="lead_agency")
        return super().scope_q(user, action)

    def public(self) -> InspectionPlanQuerySet:
        return self.filter(status__in=PUBLIC_PLAN_STATES)


class InspectionPlan(models.Model):
    name = models.CharField("计划名称", max_length=200)
    kind = models.CharField("检查类型", max_length=10, choices=PlanKind.choices)
    lead_agency = models.ForeignKey(
        "org.Agency", verbose_name="牵头部门", on_delete=models.PROTECT, related_name="led_plans"
    )
    agencies = models.ManyToManyField(
        "org.Agency", verbose_name="参与部门", related_name="inspection_plans"
    )
    matters = models.ManyToManyField(
        "catalog.Matter", verbose_name="抽查事项", related_name="inspection_plans"
    )
    period_start = models.DateField("检查开始日期")
    period_end = models.DateField("检查结束日期")
    basis = models.TextField("计划依据", blank=True)
    # Pool filters (empty: no restriction; the region defaults to the lead agency's region).
    regions = models.ManyToManyField(
        "org.Region", verbose_name="抽查区域", blank=True, related_name="+"
    )
    industries = models.JSONField("行业（国民经济行业分类代码前缀）", default=list, blank=True)
    party_kinds = models.JSONField("主体类型", default=list, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    justice_bureau = models.ForeignKey(
        "org.Agency",
        verbose_name="报备机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_plans",
    )
    filed_at = models.DateTimeField("报备时间", null=True, blank=True)
    opinion = models.TextField("审查意见", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = "抽查计划"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name

    @property
    def is_joint(self) -> bool:
        return self.agencies.count() > 1


class PlanStratumQuerySet(ChildScopedQuerySet):
    parent = "plan"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class PlanStratum(models.Model):
    """One stratum of a plan's pool (risk class × credit grade) and its sampling ratio (%)."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="strata")
    risk_class = models.CharField("风险分类", max_length=10, blank=True)
    credit_grade = models.CharField("信用等级", max_length=1, blank=True)
    ratio = models.DecimalField("抽查比例（%）", max_digits=5, decimal_places=2)

    objects = PlanStratumQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "risk_class", "credit_grade"]
        verbose_name = "抽查分层"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "risk_class", "credit_grade"], name="plan_stratum_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.ratio}%"

    @property
    def key(self) -> str:
        """The stratum's name in the public JSON, e.g. ``high-D`` (``unrated`` for blanks)."""
        return f"{self.risk_class or 'unrated'}-{self.credit_grade or 'unrated'}"

    @property
    def label(self) -> str:
        risk = (
            f"{RISK_CLASSES.get(self.risk_class, self.risk_class)}风险"
            if self.risk_class
            else "风险未分类"
        )
        credit = f"信用{self.credit_grade}" if self.credit_grade else "信用未评级"
        return f"{risk}·{credit}"


class DrawStatus(models.TextChoices):
    FROZEN = "frozen", "名单已冻结"
    ANNOUNCED = "announced", "已公布名单和承诺值"
    DRAWN = "drawn", "已抽取对象"
    INSPECTORS_ANNOUNCED = "inspectors_announced", "已公布检查人员名单"
    ASSIGNED = "assigned", "已抽取检查人员"
    PUBLISHED = "published", "结果已公开"


#: The public sees a draw from the moment its pools and commitment are announced.
PUBLIC_DRAW_STATES = tuple(s for s in DrawStatus if s != DrawStatus.FROZEN)


class DrawQuerySet(ChildScopedQuerySet):
    parent = "plan"
    parent_actions = {VIEW: VIEW, DRAW: DRAW}

    def public(self) -> DrawQuerySet:
        return self.filter(status__in=PUBLIC_DRAW_STATES, plan__status__in=PUBLIC_PLAN_STATES)


class Draw(models.Model):
    """The draw of one plan. The seed is kept encrypted until it is revealed; only its SM3
    commitment is public before the selection."""

    plan = models.OneToOneField(InspectionPlan, on_delete=models.PROTECT, related_name="draw")
    status = models.CharField("状态", max_length=30, choices=DrawStatus.choices)
    workflow_version = models.PositiveSmallIntegerField(
        "流程版本", default=1, editable=False, help_text="该对象遵循的流程表版本"
    )
    seed = EncryptedTextField("随机种子（揭示前加密保存）")
    commitment = models.CharField("种子承诺值（SM3）", max_length=64)
    revealed_seed = models.CharField("随机种子", max_length=64, blank=True)
    visit_on = models.DateField("检查日期", null=True, blank=True)
    inspector_seed = EncryptedTextField("检查人员抽取种子（揭示前加密保存）", blank=True)
    inspector_commitment = models.CharField("检查人员种子承诺值", max_length=64, blank=True)
    inspector_revealed_seed = models.CharField("检查人员抽取种子", max_length=64, blank=True)
    frozen_at = models.DateTimeField("冻结时间")
    announced_at = models.DateTimeField("公布时间", null=True, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    published_at = models.DateTimeField("结果公开时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DrawQuerySet.as_manager()

    class Meta:
        ordering = ["-frozen_at", "-id"]
        verbose_name = "抽取"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.plan}的抽取"


class DrawPoolQuerySet(ChildScopedQuerySet):
    parent = "draw"


class DrawPool(models.Model):
    """One stratum's frozen pool: its codes (sorted, one per line), their SM3, k, the selection."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="pools")
    stratum = models.ForeignKey(PlanStratum, on_delete=models.PROTECT, related_name="+")
    key = models.CharField("分层", max_length=40)
    codes = models.TextField("名单（统一社会信用代码，排序后逐行）", blank=True)
    size = models.PositiveIntegerField("名单数量")
    pool_hash = models.CharField("名单SM3", max_length=64)
    k = models.PositiveIntegerField("抽取数量")
    selection = models.TextField("抽中（按排序值）", blank=True)

    objects = DrawPoolQuerySet.as_manager()

    class Meta:
        ordering = ["draw", "key"]
        verbose_name = "抽取名单"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["draw", "key"], name="draw_pool_once")]

    def __str__(self) -> str:
        return f"{self.draw} {self.key}"

    @property
    def code_list(self) -> list[str]:
        return self.codes.split("\n") if self.codes else []

    @property
    def selection_list(self) -> list[str]:
        return self.selection.split("\n") if self.selection else []


class ExclusionReason(models.TextChoices):
    RECENT = "recent", "近期已就同一事项检查"
    CAP = "cap", "已达年度检查次数上限"


class DrawExclusionQuerySet(ChildScopedQuerySet):
    parent = "draw"


class DrawExclusion(models.Model):
    """A party left out of a pool before ranking, and why (listed with the draw)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="exclusions")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    code = models.CharField("统一社会信用代码", max_length=18)
    stratum_key = models.CharField("分层", max_length=40)
    reason = models.CharField("排除原因", max_length=10, choices=ExclusionReason.choices)
    detail = models.CharField("说明", max_length=200, blank=True)

    objects = DrawExclusionQuerySet.as_manager()

    class Meta:
        ordering = ["draw", "code"]
        verbose_name = "排除对象"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.code} {self.get_reason_display()}"


class DrawTargetQuerySet(ChildScopedQuerySet):
    parent = "draw"


class DrawTarget(models.Model):
    """A party the draw selected, with its rank in its stratum (1 = lowest rank key)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="targets")
    pool = models.ForeignKey(DrawPool, on_delete=models.CASCADE, related_name="targets")
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="draw_targets"
    )
    code = models.CharField("统一社会信用代码", max_length=18)
    rank = models.PositiveIntegerField("名次")

    objects = DrawTargetQuerySet.as_manager()

    class Meta:
        ordering = ["draw", "pool", "rank"]
        verbose_name = "抽中对象"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["draw", "party"], name="draw_target_once")]

    def __str__(self) -> str:
        return f"{self.code}（第{self.rank}名）"


class InspectorDrawQuerySet(ChildScopedQuerySet):
    parent = "draw"


class InspectorDraw(models.Model):
    """The inspectors one agency draws for one target: its eligible officers' codes (certificate
    numbers), those excluded and why (回避, the last pair), the pool hash and the pair selected.
    A plan of one agency has one per target; a joint plan one per target and agency (each agency
    sends a pair of its own officers)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="inspector_draws")
    target = models.ForeignKey(DrawTarget, on_delete=models.CASCADE, related_name="inspector_draws")
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="执法主体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    codes = models.TextField("可抽取人员（执法证号，排序后逐行）", blank=True)
    pool_hash = models.CharField("名单SM3", max_length=64)
    k = models.PositiveSmallIntegerField("抽取人数", default=2)
    excluded = models.JSONField("排除人员", default=list, blank=True)
    selection = models.TextField("抽中（按排序值）", blank=True)
    officers = models.ManyToManyField(
        "registry.Officer", verbose_name="检查人员", blank=True, related_name="inspector_draws"
    )

    objects = InspectorDrawQuerySet.as_manager()

    class Meta:
        ordering = ["draw", "target", "agency"]
        verbose_name = "检查人员抽取"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["target", "agency"], name="inspector_draw_once")
        ]

    def __str__(self) -> str:
        return f"{self.target}的检查人员"

    @property
    def code_list(self) -> list[str]:
        return self.codes.split("\n") if self.codes else []

    @property
    def selection_list(self) -> list[str]:
        return self.selection.split("\n") if self.selection else []


class ConflictOfInterestQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: the officer's agency and its supervisors. ``change`` (record, withdraw): the
        officer's agency's head or information administrator."""
        if action == VIEW:
            return agency_data_q(user, "officer__agency")
        if action == CHANGE:
            return role_q(user, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, path="officer__agency")
        return super().scope_q(user, action)


class ConflictOfInterest(models.Model):
    """回避: an officer who must not inspect a party, and why (行政处罚法 art. 43; 行政检查的回避)."""

    officer = models.ForeignKey(
        "registry.Officer", on_delete=models.PROTECT, related_name="conflicts"
    )
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="conflicts")
    reason = models.CharField("回避事由", max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)
    is_active = models.BooleanField("有效", default=True)

    objects = ConflictOfInterestQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = "回避"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.officer}回避{self.party}"
