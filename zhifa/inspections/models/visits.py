"""事中登记 and 事后评价: what happens at and after the visit of a pre-filed inspection.

- :class:`OnSiteRecord` (one per inspection): the standard checklist of each matter answered item by
  item (:class:`ChecklistResult`, each answer sent as a :class:`ChecklistEntry` with the phone's
  idempotency key), photos (:class:`VisitPhoto`), who was present, audio/video recording (required
  for matters on the recording list), 亮证, the notes of the accompanying policy officer and liaison
  leader (伴随执法), and the outcome: no problem, ordered to correct by a date (with a re-check), or
  a case to open (:class:`Referral`, for the cases app). Measures on the enterprise come with an
  economic impact assessment (:class:`ImpactAssessment`).
- :class:`Rating` (one per visit): the enterprise answers through the record's unguessable link.

Sources: seed 004 (济南 事前备案、事中登记、事后评价); seed 000 measures 十二, 十三, 十八; 行政处罚法
第五十五条 (执法人员应当主动出示执法证件); rules.md "Enterprise inspections".
"""

from __future__ import annotations

from django.db import models

from zhifa.core.fields import EncryptedTextField
from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import role_q, supervised_q


class RecordState(models.TextChoices):
    OPEN = "open", "登记中"
    SUBMITTED = "submitted", "已提交"


class Outcome(models.TextChoices):
    NO_PROBLEM = "no_problem", "未发现问题"
    CORRECT = "correct", "责令限期改正"
    CASE = "case", "移送立案"


class CheckResult(models.TextChoices):
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"
    NOT_APPLICABLE = "na", "不涉及"


def own_party_q(user, path: str) -> models.Q:
    """Rows of the party the enterprise user is bound to (``path`` leads to the party)."""
    return models.Q(**{f"{path}__accounts__user": user})


def inspection_q(user, path: str = "inspection") -> models.Q:
    from zhifa.inspections.models.filings import Inspection

    return models.Q(**{f"{path}__in": Inspection.objects.restrict(user, VIEW).values("pk")})


class OnSiteRecordQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: whoever sees the inspection, and the inspected enterprise's own account.
        ``change``: the officers of the inspection (those who went)."""
        if action == VIEW:
            return inspection_q(user) | own_party_q(user, "inspection__party")
        if action == CHANGE:
            return models.Q(inspection__officers__user=user)
        return super().scope_q(user, action)


class OnSiteRecord(models.Model):
    inspection = models.OneToOneField(
        "inspections.Inspection",
        verbose_name="涉企检查",
        on_delete=models.PROTECT,
        related_name="onsite_record",
    )
    state = models.CharField(
        "状态", max_length=20, choices=RecordState.choices, default=RecordState.OPEN
    )
    workflow_version = models.PositiveSmallIntegerField(default=1)
    visited_on = models.DateField("检查日期")
    opened_by = models.ForeignKey(
        "org.User", verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("开始登记时间", auto_now_add=True)
    present = models.TextField("在场人员", blank=True, help_text="企业在场人员姓名、职务")
    recording_required = models.BooleanField("须全程音像记录", default=False)
    recording_on = models.BooleanField("已全程音像记录", default=False)
    badges_shown = models.BooleanField("已出示执法证件（亮证）", default=False)
    policy_officer_note = models.TextField("企业政策官意见", blank=True)
    liaison_leader_note = models.TextField("包保领导干部意见", blank=True)
    findings = models.TextField("检查情况", blank=True)
    outcome = models.CharField("检查结果", max_length=20, choices=Outcome.choices, blank=True)
    correction_due = models.DateField("整改期限", null=True, blank=True)
    recheck_on = models.DateField("复查日期", null=True, blank=True)
    rechecked_at = models.DateTimeField("复查时间", null=True, blank=True)
    recheck_corrected = models.BooleanField("复查已整改", null=True, blank=True)
    recheck_note = models.TextField("复查情况", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    rating_token = models.CharField("评价码", max_length=64, unique=True, editable=False)

    objects = OnSiteRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = "现场检查记录"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.inspection} 现场检查记录"

    @property
    def is_open(self) -> bool:
        return self.state == RecordState.OPEN

    @property
    def has_feedback(self) -> bool:
        """伴随执法: the policy officer or liaison leader left a note for the justice bureau."""
        return bool(self.policy_officer_note or self.liaison_leader_note)


class RecordChildQuerySet(ChildScopedQuerySet):
    parent = "record"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class ChecklistResult(models.Model):
    """One standard checklist item of one matter, as answered on site (copied from the catalogue
    when the record opens, so a later change of the checklist leaves the record as it was)."""

    record = models.ForeignKey(OnSiteRecord, on_delete=models.CASCADE, related_name="results")
    matter = models.ForeignKey(
        "catalog.Matter", verbose_name="执法事项", on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField("序号")
    text = models.CharField("检查要点", max_length=300)
    basis = models.CharField("检查依据", max_length=300)
    result = models.CharField("检查结论", max_length=10, choices=CheckResult.choices, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    entered_at = models.DateTimeField("登记时间", null=True, blank=True)

    objects = RecordChildQuerySet.as_manager()

    class Meta:
        ordering = ["record", "matter__code", "order"]
        verbose_name = "检查要点结论"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["record", "matter", "order"], name="checklist_result_once"
            )
        ]

    def __str__(self) -> str:
        return self.text


class ChecklistEntry(models.Model):
    """One answer as the phone sent it; its key (made on the phone) makes a resend harmless."""

    record = models.ForeignKey(OnSiteRecord, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField("幂等键", max_length=64)
    item = models.ForeignKey(ChecklistResult, on_delete=models.CASCADE, related_name="entries")
    result = models.CharField("检查结论", max_length=10, choices=CheckResult.choices)
    note = models.CharField("说明", max_length=500, blank=True)
    entered_at = models.DateTimeField("手机登记时间")
    received_at = models.DateTimeField("收到时间", auto_now_add=True)
    entered_by = models.ForeignKey(
        "org.User", verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    objects = RecordChildQuerySet.as_manager()

    class Meta:
        ordering = ["record", "received_at", "pk"]
        verbose_name = "检查登记"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["record", "key"], name="checklist_entry_key_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.get_result_display()}"


class VisitPhoto(models.Model):
    record = models.ForeignKey(OnSiteRecord, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField("照片", upload_to="inspections/photos/", editable=False)
    content_type = models.CharField(max_length=30)
    received_sm3 = models.CharField("上传文件SM3", max_length=64)
    received_size = models.PositiveIntegerField("上传文件大小")
    caption = models.CharField("说明", max_length=200, blank=True)
    taken_by = models.ForeignKey(
        "org.User", verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = RecordChildQuerySet.as_manager()

    class Meta:
        ordering = ["record", "uploaded_at", "pk"]
        verbose_name = "现场照片"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.caption or f"现场照片{self.pk}"


#: Following up a flagged rating (the justice bureau supervising the lead agency's region).
FOLLOW_UP = "follow_up"


class RatingQuerySet(ScopedQuerySet):
    actions = (VIEW, FOLLOW_UP)

    def scope_q(self, user, action=VIEW):
        """``view``: the justice bureau supervising the lead agency's region (at once), the lead
        agency's head, and the rated enterprise itself. The officers rated do not read them.
        ``follow_up``: that justice bureau only."""
        path = "record__inspection__lead_agency"
        if action == FOLLOW_UP:
            return supervised_q(user, path)
        if action == VIEW:
            return (
                supervised_q(user, path)
                | role_q(user, Role.AGENCY_HEAD, path=path)
                | own_party_q(user, "record__inspection__party")
            )
        return super().scope_q(user, action)


class Rating(models.Model):
    """事后评价: the enterprise's answers about one visit (1–5 points; 违规行为 yes or no)."""

    record = models.OneToOneField(OnSiteRecord, on_delete=models.PROTECT, related_name="rating")
    civility = models.PositiveSmallIntegerField("文明规范")
    rights = models.PositiveSmallIntegerField("权益保障")
    misconduct = models.BooleanField("有违规行为")
    comment = models.TextField("意见建议", blank=True)
    anonymous = models.BooleanField("匿名评价", default=True)
    rater_name = models.CharField("评价人", max_length=50, blank=True)
    rater_phone = EncryptedTextField("联系电话", blank=True)
    flagged = models.BooleanField("提请监督", default=False)
    submitted_at = models.DateTimeField("评价时间", auto_now_add=True)
    follow_up_note = models.TextField("跟进情况", blank=True)
    followed_up_by = models.ForeignKey(
        "org.User",
        verbose_name="跟进人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    followed_up_at = models.DateTimeField("跟进时间", null=True, blank=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "事后评价"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.record.inspection} 事后评价"

    @property
    def follow_up_label(self) -> str:
        """待跟进 (flagged, not yet followed up), 已跟进, or — (not flagged)."""
        if not self.flagged:
            return "—"
        return "已跟进" if self.followed_up_at else "待跟进"


class Referral(models.Model):
    """A case to open (移送立案), waiting for the cases app to pick it up."""

    record = models.OneToOneField(OnSiteRecord, on_delete=models.PROTECT, related_name="referral")
    facts = models.TextField("涉嫌违法事实")
    taken_at = models.DateTimeField("立案受理时间", null=True, blank=True)
    #: The case (cases app) whose lead it became: a plain id, the apps do not import each other.
    case_pk = models.PositiveIntegerField("登记的案件", null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecordChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "移送立案"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.record.inspection} 移送立案"


class ImpactLevel(models.TextChoices):
    NONE = "none", "基本无影响"
    MINOR = "minor", "影响较小"
    MAJOR = "major", "影响较大"
    SEVERE = "severe", "影响重大"


class ImpactAssessment(models.Model):
    """经济影响评估: the effect on the business of the measures an inspection leads to."""

    record = models.OneToOneField(OnSiteRecord, on_delete=models.PROTECT, related_name="impact")
    measures = models.TextField("拟采取的措施")
    level = models.CharField("影响程度", max_length=10, choices=ImpactLevel.choices)
    effect = models.TextField("对生产经营的影响")
    mitigation = models.TextField("减少影响的安排", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecordChildQuerySet.as_manager()

    class Meta:
        verbose_name = "经济影响评估"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.record.inspection} 经济影响评估"
