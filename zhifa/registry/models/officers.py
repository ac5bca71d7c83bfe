"""行政执法人员 and the exams they pass."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.fields import EncryptedTextField
from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet, ScopedQuerySet
from zhifa.core.validators import mask_id_number
from zhifa.org.models import EnforcementField
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, role_q


class OfficerStatus(models.TextChoices):
    ON_DUTY = "on_duty", "在岗"
    OFF_DUTY = "off_duty", "离岗"
    TRANSFERRED = "transferred", "调离"
    RETIRED = "retired", "退休"


#: Recording an officer's daily assessment (日常考核): the agency's head or administrator.
ASSESS = "assess"


class OfficerQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE, ASSESS)

    def scope_q(self, user, action=VIEW):
        """``view``: an agency's officers are seen by its staff and its supervisors, not by the
        administrators (三员). ``change`` (details, transfer, photo, training, exams, issuing a
        certificate): the agency's information administrator. ``assess``: its head or
        information administrator."""
        if action == VIEW:
            return agency_data_q(user)
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN)
        if action == ASSESS:
            return role_q(user, Role.AGENCY_ADMIN, Role.AGENCY_HEAD)
        return super().scope_q(user, action)


class Officer(models.Model):
    name = models.CharField("姓名", max_length=50)
    id_number = EncryptedTextField("身份证号码")
    id_number_index = models.CharField(max_length=64, unique=True, editable=False)
    agency = models.ForeignKey(
        "org.Agency", verbose_name="所在执法主体", on_delete=models.PROTECT, related_name="officers"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="所在科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    post = models.CharField("岗位", max_length=50, blank=True)
    in_enforcement_post = models.BooleanField("执法岗位", default=True)
    fields = models.ManyToManyField(EnforcementField, verbose_name="执法领域", blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=OfficerStatus.choices, default=OfficerStatus.ON_DUTY
    )
    is_legal_reviewer = models.BooleanField("法制审核人员", default=False)
    has_legal_qualification = models.BooleanField("法律职业资格", default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="平台账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officer",
    )
    # Personal data: stored under a random name outside any public URL, served only by the
    # registry's photo view to users who can see the officer; set through the photo services.
    photo = models.FileField("照片", upload_to="officers/", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = "执法人员"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def has_photo(self) -> bool:
        return bool(self.photo)

    @property
    def is_active_enforcer(self) -> bool:
        return self.status == OfficerStatus.ON_DUTY and self.in_enforcement_post


class ExamKind(models.TextChoices):
    PUBLIC_LAW = "public_law", "公共法律知识考试"
    SPECIALISED_LAW = "specialised_law", "专业法律知识考试"


class ExamResultQuerySet(ChildScopedQuerySet):
    """Seen by whoever sees the officer; recorded by whoever may change the officer's record."""

    parent = "officer"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class ExamResult(models.Model):
    """An exam taken before a certificate may be issued (seed 002: 考试合格后方可发证)."""

    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="exams")
    kind = models.CharField("考试类别", max_length=20, choices=ExamKind.choices)
    field = models.ForeignKey(
        EnforcementField, verbose_name="专业领域", null=True, blank=True, on_delete=models.PROTECT
    )
    taken_on = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("合格")

    objects = ExamResultQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on"]
        verbose_name = "执法资格考试成绩"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.officer} {self.get_kind_display()} {self.score}"
