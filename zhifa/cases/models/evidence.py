"""证据: what the case's officers collected (处罚法 art. 46 lists its kinds), each with its file kept
byte for byte under its SM3 (``zhifa.core.filestore``), and its chain of custody in the ledger:
every view, download and transfer of custody is an entry (``cases.evidence.*``).

Who sees evidence is narrower than who sees the case: the officers handling it, the agency head,
the legal reviewer named on the case's open legal review (法制审核, art. 58) while it lasts, and
the supervisors of the agency's region (read only). Other staff of the agency see the case, not its
evidence; everyone else gets a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.cases.models.cases import Case
from zhifa.cases.models.reviews import OPEN
from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet, is_signed_in
from zhifa.org.roles import Role
from zhifa.org.scope import role_q, supervised_q


class EvidenceKind(models.TextChoices):
    """The kinds of evidence (处罚法 art. 46)."""

    DOCUMENTARY = "documentary", "书证"
    PHYSICAL = "physical", "物证"
    AUDIOVISUAL = "audiovisual", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    PARTY_STATEMENT = "party_statement", "当事人陈述"
    EXPERT_OPINION = "expert_opinion", "鉴定意见"
    INSPECTION_RECORD = "inspection_record", "勘验笔录"
    ON_SITE_RECORD = "on_site_record", "现场笔录"


def evidence_q(user, action: str = VIEW, *, case_path: str = "case") -> models.Q:
    """Who sees (``view``) or handles (``change``) the evidence of the case at ``case_path`` (""
    for a Case itself): ``view``: the officers handling the case, the agency head, the legal
    reviewer named on an open legal review of the case (法制审核, 处罚法 art. 58: while it lasts),
    the supervisors of the agency's region.
    ``change`` (add evidence, transfer custody): the officers handling it and the head."""
    prefix = f"{case_path}__" if case_path else ""
    agency = f"{prefix}agency"
    handling = models.Q(**{f"{prefix}officers__officer__user": user}) | role_q(
        user, Role.AGENCY_HEAD, path=agency
    )
    if action == CHANGE:
        return handling
    # One Q on the same join: a review of the case naming the user that is still open.
    reviewing = models.Q(
        **{
            f"{prefix}legal_reviews__reviewer__user": user,
            f"{prefix}legal_reviews__status__in": OPEN,
        }
    )
    return handling | reviewing | supervised_q(user, path=agency)


class EvidenceQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """See :func:`evidence_q`."""
        if action not in self.actions:
            return super().scope_q(user, action)
        return evidence_q(user, action)


def cases_with_evidence(user, action: str = VIEW):
    """The cases whose evidence ``user`` may ``action`` (one query; see :func:`evidence_q`)."""
    if action not in EvidenceQuerySet.actions:
        raise ValueError(f"evidence has no action {action!r}")
    if not is_signed_in(user):
        return Case.objects.none()
    allowed = Case._base_manager.filter(evidence_q(user, action, case_path="")).values("pk")
    return Case.objects.filter(pk__in=allowed)


class Evidence(models.Model):
    """One piece of evidence of a case, with its file (原件的电子文件) and its SM3."""

    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="evidence"
    )
    number = models.PositiveIntegerField("证据序号")
    kind = models.CharField("证据种类", max_length=20, choices=EvidenceKind.choices)
    title = models.CharField("证据名称", max_length=200)
    source = models.CharField("来源及取得方式", max_length=500)
    collected_on = models.DateField("取证日期")
    collected_by = models.ManyToManyField(
        "registry.Officer", verbose_name="取证人员", related_name="collected_evidence"
    )
    file = models.ForeignKey(
        "core.StoredFile", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    sm3 = models.CharField("文件SM3", max_length=64)
    size = models.PositiveBigIntegerField("文件大小（字节）")
    file_format = models.CharField("文件格式", max_length=16)
    original_name = models.CharField("上传文件名", max_length=255, blank=True)
    custodian = models.CharField("保管人（单位）", max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["case", "number"]
        verbose_name = "证据"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="evidence_number_in_case")
        ]

    def __str__(self) -> str:
        return f"证据{self.number}：{self.title}"
