"""案件: one administrative-penalty proceeding (行政处罚), from the first lead (线索) to the archived
file, with its officers, parties and matters.

- :class:`Case` keeps the agency that enforces in its own name, the handling unit (承办机构), the
  number (案号, given at opening from the agency's pattern, e.g. ``示市监罚〔2026〕12号``, unique in
  the agency; blank while the case is a lead), the procedure (简易程序 处罚法 arts. 51–52 / 普通程序
  arts. 54–65), its workflow state and the version of the table it follows, where it came from
  (the source and a reference to its origin, e.g. a visit's referral: cases do not import
  inspections), the facts, and its dates. The violation's end date is kept only for a continuing
  violation: the time bar runs from it (处罚法 art. 36).
- :class:`CaseOfficer`: the officers handling it (主办/协办; investigation by at least two, 处罚法
  art. 42); :class:`CaseParty`: the parties; :class:`CaseMatter`: the catalogue's matters.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q

#: Approving a step of the case for the agency (立案审批, 决定审批 …): the agency head.
APPROVE = "approve"
#: Legal review (法制审核) of the agency's cases: its legal reviewers.
REVIEW = "review"


class Procedure(models.TextChoices):
    SUMMARY = "summary", "简易程序"
    ORDINARY = "ordinary", "普通程序"


class CaseSource(models.TextChoices):
    INSPECTION = "inspection", "检查发现"
    COMPLAINT = "complaint", "投诉举报"
    TRANSFER = "transfer", "移送"
    ASSIGNED = "assigned", "上级交办"
    OTHER = "other", "其他"


class CaseStatus(models.TextChoices):
    """The states of both procedures' tables (``zhifa.cases.workflows``)."""

    LEAD = "lead", "线索"
    OPENING = "opening", "立案审批中"
    INVESTIGATION = "investigation", "调查取证"
    PRIOR_NOTICE = "prior_notice", "已事先告知"
    HEARING = "hearing", "陈述申辩/听证"
    LEGAL_REVIEW = "legal_review", "法制审核"
    DISCUSSION = "discussion", "集体讨论"
    DECIDING = "deciding", "待决定"
    DECIDED = "decided", "已作出决定"
    EXECUTION = "execution", "已送达执行中"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"
    NOT_OPENED = "not_opened", "不予立案"
    WITHDRAWN = "withdrawn", "已撤销"
    TRANSFERRED = "transferred", "已移送"


#: States in which the case is over (nothing more happens but archiving).
FINISHED = (
    CaseStatus.CLOSED,
    CaseStatus.ARCHIVED,
    CaseStatus.NOT_OPENED,
    CaseStatus.WITHDRAWN,
    CaseStatus.TRANSFERRED,
)


class Outcome(models.TextChoices):
    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"


class ServiceMethod(models.TextChoices):
    """送达方式 (处罚法 art. 61; 民事诉讼法 arts. 87–95)."""

    DIRECT = "direct", "直接送达"
    ON_THE_SPOT = "on_the_spot", "当场交付"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    ENTRUSTED = "entrusted", "委托送达"
    PUBLIC = "public", "公告送达"


class OfficerRole(models.TextChoices):
    LEAD = "lead", "主办"
    ASSISTING = "assisting", "协办"


class CaseQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, APPROVE, REVIEW)

    def scope_q(self, user, action=VIEW):
        """``view``: the agency's staff, the agencies that set it up or delegated to it, and the
        supervisors of its region (read only). ``change`` (record, investigate, notify …): the
        officers handling the case, and the agency head. ``approve``: the agency head.
        ``review``: the agency's legal reviewers (法制审核, 处罚法 art. 58)."""
        if action == VIEW:
            return agency_data_q(user, path="agency")
        if action == CHANGE:
            return models.Q(officers__officer__user=user) | role_q(
                user, Role.AGENCY_HEAD, path="agency"
            )
        if action == APPROVE:
            return role_q(user, Role.AGENCY_HEAD, path="agency")
        if action == REVIEW:
            return role_q(user, Role.LEGAL_REVIEWER, path="agency")
        return super().scope_q(user, action)


class Case(models.Model):
    """One administrative-penalty case (行政处罚案件)."""

    agency = models.ForeignKey(
        "org.Agency", verbose_name="执法主体", on_delete=models.PROTECT, related_name="cases"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name="承办机构", on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField("案号", max_length=60, blank=True)
    number_year = models.PositiveSmallIntegerField("案号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("案号序号", null=True, blank=True)
    title = models.CharField("案由", max_length=200)
    procedure = models.CharField(
        "程序", max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    status = models.CharField(
        "状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.LEAD
    )
    workflow_version = models.PositiveSmallIntegerField(default=1)
    source = models.CharField("案件来源", max_length=20, choices=CaseSource.choices)
    source_reference = models.CharField(
        "来源编号",
        max_length=100,
        blank=True,
        help_text="如检查移送立案的检查记录编号、投诉举报编号、移送函文号",
    )
    facts = models.TextField("案情摘要", blank=True)
    violation_began = models.DateField("违法行为发生日", null=True, blank=True)
    violation_ended = models.DateField(
        "违法行为终了日",
        null=True,
        blank=True,
        help_text="仅连续或者继续状态的违法行为填写，追责期限自行为终了之日起计算",
    )
    safety_harm = models.BooleanField(
        "涉及生命健康安全、金融安全且有危害后果",
        default=False,
        help_text="是的，追责期限为五年（《行政处罚法》第三十六条）",
    )
    review_grounds = models.JSONField(
        "法制审核情形",
        default=dict,
        blank=True,
        help_text="《行政处罚法》第五十八条第一款的情形及其具体情况：{情形: 说明}",
    )
    discovered_on = models.DateField("发现日期")
    opened_on = models.DateField("立案日期", null=True, blank=True)
    notified_on = models.DateField("事先告知日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=12, choices=Outcome.choices, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField(
        "送达方式", max_length=12, choices=ServiceMethod.choices, blank=True
    )
    end_reason = models.TextField(
        "不予立案、不予处罚、撤销或移送的理由", blank=True, help_text="不予处罚的，写明依据"
    )
    transferred_to = models.CharField("移送机关", max_length=100, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-discovered_on", "-pk"]
        verbose_name = "案件"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"],
                condition=~models.Q(number=""),
                name="case_number_unique_in_agency",
            ),
            models.UniqueConstraint(
                fields=["agency", "number_year", "number_seq"],
                condition=models.Q(number_seq__isnull=False),
                name="case_number_seq_unique_in_agency_year",
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return self.number or f"{self.title}（线索）"

    @property
    def is_summary(self) -> bool:
        return self.procedure == Procedure.SUMMARY

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def continuing(self) -> bool:
        """A continuing violation (连续或者继续状态): it has an end date of its own."""
        return self.violation_ended is not None

    @property
    def taken_over(self) -> bool:
        """Taken over from an older system (接收历史案件): its steps before that were not taken
        in zhifa, so its page says so."""
        return self.events.filter(action="take_over").exists()


class CaseChildQuerySet(ChildScopedQuerySet):
    parent = "case"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class CaseOfficer(models.Model):
    """An officer handling the case (主办 or 协办)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="officers")
    officer = models.ForeignKey(
        "registry.Officer", verbose_name="执法人员", on_delete=models.PROTECT, related_name="cases"
    )
    role = models.CharField("承办角色", max_length=10, choices=OfficerRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["case", "role", "pk"]
        verbose_name = "承办人员"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="case_officer_once"),
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(role="lead"), name="case_one_lead_officer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer}（{self.get_role_display()}）"


class CaseParty(models.Model):
    """A party (当事人) of the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    party = models.ForeignKey(
        "parties.Party", verbose_name="当事人", on_delete=models.PROTECT, related_name="cases"
    )

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = "案件当事人"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="case_party_once")]

    def __str__(self) -> str:
        return str(self.party)


class CaseMatter(models.Model):
    """A matter of the catalogue (执法事项) the case is about."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="matters")
    matter = models.ForeignKey(
        "catalog.Matter", verbose_name="执法事项", on_delete=models.PROTECT, related_name="cases"
    )

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = "案件执法事项"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["case", "matter"], name="case_matter_once")]

    def __str__(self) -> str:
        return str(self.matter)


class CaseEvent(models.Model):
    """One step taken on the case (the workflow's action), with its date, who took it and the
    opinion given: the case's own trail, beside the ledger entry the engine writes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=40)
    label = models.CharField("环节", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("办理时间", auto_now_add=True)
    opinion = models.TextField("意见", blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["case", "at", "pk"]
        verbose_name = "办理环节"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.case} {self.label}"


class CaseNumberingQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: whoever sees the agency's cases; ``change``: its information administrator."""
        if action == VIEW:
            return agency_data_q(user, path="agency")
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN, path="agency")
        return super().scope_q(user, action)


class CaseNumbering(models.Model):
    """The agency's case-number pattern (案号): ``{prefix}〔{year}〕{n}号``, numbered from 1 each
    year; the row is locked while a number is given, so two openings never share one."""

    agency = models.OneToOneField(
        "org.Agency",
        verbose_name="执法主体",
        on_delete=models.PROTECT,
        related_name="case_numbering",
    )
    prefix = models.CharField("案号字头", max_length=20, help_text="如“示市监罚”")

    objects = CaseNumberingQuerySet.as_manager()

    class Meta:
        verbose_name = "案号规则"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.prefix}〔年度〕序号号"


class SummaryMeasure(models.TextChoices):
    WARNING = "warning", "警告"
    FINE = "fine", "罚款"


class OnSpotFilingStatus(models.TextChoices):
    """报备 of an on-the-spot decision with the agency (处罚法 art. 52)."""

    NOT_FILED = "", "未报备"
    FILED = "filed", "已报备，待确认"
    ACKNOWLEDGED = "acknowledged", "已备案"
    RETURNED = "returned", "已退回"


class OnSpotDecision(models.Model):
    """简易程序: the penalty decided on the spot (处罚法 arts. 51, 52) and, where allowed, the fine
    collected on the spot (arts. 68, 69)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="on_spot")
    measure = models.CharField("处罚种类", max_length=10, choices=SummaryMeasure.choices)
    fine = models.DecimalField(
        "罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    place = models.CharField("作出决定地点", max_length=200)
    basis = models.CharField(
        "处罚依据", max_length=500, blank=True, help_text="法律、法规、规章的名称和条款"
    )
    collected = models.DecimalField(
        "当场收缴金额（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    collected_on = models.DateField("当场收缴日期", null=True, blank=True)
    collection_reason = models.CharField(
        "当场收缴理由",
        max_length=300,
        blank=True,
        help_text="罚款超过一百元的，写明不当场收缴事后难以执行的情形或边远地区当事人的申请",
    )
    receipt_number = models.CharField("罚没款收据编号", max_length=50, blank=True)
    # 报所属行政机关备案 (art. 52)
    filing_status = models.CharField(
        "备案状态", max_length=12, choices=OnSpotFilingStatus.choices, blank=True, default=""
    )
    filed_on = models.DateField("报备日期", null=True, blank=True)
    filing_document = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name="报备的决定书",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    filing_note = models.CharField("报备说明", max_length=300, blank=True)
    filing_due = models.DateField("报备期限", null=True, blank=True)
    filing_late = models.BooleanField("逾期报备", default=False)
    filing_answered_on = models.DateField("备案确认或退回日期", null=True, blank=True)
    filing_opinion = models.CharField("负责人意见", max_length=500, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = "当场处罚决定"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.case} {self.get_measure_display()}"
