"""法制审核 (:class:`LegalReview`): the legality review of a case before its decision (处罚法 art. 58;
118号; seed 001).

One row per round: the handling unit requests it, naming a reviewer of the agency's legal review unit
(never the handling unit; a first-time reviewer holds the legal-profession qualification, art. 58(2));
the reviewer fills the checklist (主体, 事实, 证据, 法律适用, 程序, 裁量, 文书) and gives an opinion
(同意 / 不同意 / 补充后再审) with reasons, within a configurable number of working days. When the
handling unit disagrees with the opinion, the disagreement goes to the agency head, whose ruling is
recorded (协调). 补充后再审 closes the round: the handling unit supplements and requests a new one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet

#: The reviewer's action on a review (opinion) and the head's (coordination ruling).
REVIEW = "review"
APPROVE = "approve"

#: The checklist of a legal review, in the order it is printed (seed 001; 118号 附件).
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("subject", "主体"),
    ("facts", "事实"),
    ("evidence", "证据"),
    ("law", "法律适用"),
    ("procedure", "程序"),
    ("discretion", "裁量"),
    ("documents", "文书"),
)
CHECKLIST_LABELS = dict(CHECKLIST)


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    PASSED = "passed", "审核通过"
    REJECTED = "rejected", "审核未通过"
    RETURNED = "returned", "补充后再审"
    DISPUTED = "disputed", "承办机构有异议，待负责人协调"
    COORDINATED = "coordinated", "经负责人协调通过"


#: A review that lets the decision be made (处罚法 art. 58: no decision without a passed review).
PASSING = (ReviewStatus.PASSED, ReviewStatus.COORDINATED)
#: A round still open (a new request waits for it to end).
OPEN = (ReviewStatus.PENDING, ReviewStatus.DISPUTED)


class Opinion(models.TextChoices):
    AGREE = "agree", "同意"
    DISAGREE = "disagree", "不同意"
    SUPPLEMENT = "supplement", "补充后再审"


class Ruling(models.TextChoices):
    UPHOLD = "uphold", "维持法制审核意见"
    OVERRULE = "overrule", "采纳承办机构意见"


class LegalReviewQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, REVIEW, APPROVE)

    def scope_q(self, user, action=VIEW):
        """``view``: whoever sees the case. ``change`` (object to the opinion): whoever may change
        the case (its officers, the head). ``review``: the reviewer named on it. ``approve``
        (coordination ruling): the agency head."""
        from zhifa.cases.models import Case

        if action == REVIEW:
            return models.Q(reviewer__user=user, case__in=Case.objects.restrict(user, "review"))
        case_action = {VIEW: VIEW, CHANGE: CHANGE, APPROVE: "approve"}.get(action)
        if case_action is None:
            return super().scope_q(user, action)
        return models.Q(case__in=Case.objects.restrict(user, case_action).values("pk"))


class LegalReview(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="legal_reviews"
    )
    round = models.PositiveSmallIntegerField("审核轮次", default=1)
    status = models.CharField(
        "状态", max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    workflow_version = models.PositiveSmallIntegerField(default=1)
    reviewer = models.ForeignKey(
        "registry.Officer",
        verbose_name="法制审核人员",
        on_delete=models.PROTECT,
        related_name="legal_reviews",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField("提请日期")
    grounds = models.TextField("提请审核的理由", blank=True)
    due_on = models.DateField("审核期限")
    checklist = models.JSONField("审核要点", default=dict, blank=True)
    opinion = models.CharField("审核意见", max_length=20, choices=Opinion.choices, blank=True)
    reasons = models.TextField("理由", blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    objection = models.TextField("承办机构异议", blank=True)
    objected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提出异议人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ruling = models.CharField("协调结果", max_length=20, choices=Ruling.choices, blank=True)
    ruling_reasons = models.TextField("协调意见", blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="协调负责人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ruled_on = models.DateField("协调日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LegalReviewQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-round"]
        verbose_name = "法制审核"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="legal_review_round_once")
        ]
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self) -> str:
        return f"{self.case}法制审核（第{self.round}轮）"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def has_passed(self) -> bool:
        return self.status in PASSING

    @property
    def checklist_rows(self) -> list[dict]:
        """The checklist as printed: each point, whether it holds, and the reviewer's note."""
        rows = []
        for key, label in CHECKLIST:
            item = (self.checklist or {}).get(key) or {}
            rows.append(
                {"key": key, "label": label, "ok": item.get("ok"), "note": item.get("note", "")}
            )
        return rows
