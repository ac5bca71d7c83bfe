"""Training hours, drills (岗位练兵) and daily assessment (日常考核)."""

from __future__ import annotations

from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet
from zhifa.org.roles import Role
from zhifa.org.scope import agency_data_q, oversight_q, role_q


class TrainingKind(models.TextChoices):
    PUBLIC_LAW = "public_law", "公共法律知识"
    SPECIALISED_LAW = "specialised_law", "专业法律知识"
    SKILLS = "skills", "执法技能"


class OfficerDataQuerySet(ScopedQuerySet):
    """An officer's records (training): seen as the officer is, recorded by the information
    administrator of the officer's agency."""

    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        if action == VIEW:
            return agency_data_q(user, path="officer__agency")
        if action == CHANGE:
            return role_q(user, Role.AGENCY_ADMIN, path="officer__agency")
        return super().scope_q(user, action)


class TrainingRecord(models.Model):
    officer = models.ForeignKey(
        "registry.Officer",
        verbose_name="执法人员",
        on_delete=models.PROTECT,
        related_name="training",
    )
    kind = models.CharField("培训类别", max_length=20, choices=TrainingKind.choices)
    course = models.CharField("课程", max_length=100)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    campaign = models.CharField("培训活动", max_length=100, blank=True)

    objects = OfficerDataQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = "培训记录"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["officer", "held_on"])]

    def __str__(self) -> str:
        return f"{self.officer} {self.course} {self.hours}学时"


class DrillQuerySet(ScopedQuerySet):
    """An agency's drills: seen by its staff and supervisors, recorded by its information
    administrator."""

    actions = (VIEW, CHANGE)
    #: Who records: ``change`` is for these roles of the agency.
    keepers: tuple[str, ...] = (Role.AGENCY_ADMIN,)

    def scope_q(self, user, action=VIEW):
        if action == VIEW:
            return agency_data_q(user)
        if action == CHANGE:
            return role_q(user, *self.keepers)
        return super().scope_q(user, action)


class IndicatorSetQuerySet(DrillQuerySet):
    """An agency's assessment indicators: seen by its staff and supervisors, defined by its head
    or information administrator."""

    keepers = (Role.AGENCY_ADMIN, Role.AGENCY_HEAD)


class Drill(models.Model):
    """岗位练兵: at least one per agency per year (seed 000 measure 四)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="drills")
    title = models.CharField("练兵项目", max_length=100)
    held_on = models.DateField("日期")
    participants = models.ManyToManyField("registry.Officer", verbose_name="参加人员")

    objects = DrillQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = "岗位练兵"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class IndicatorSet(models.Model):
    """An agency's assessment indicators: ``[{"name": "…", "max": 20}, …]`` and a pass mark."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="indicator_sets"
    )
    name = models.CharField("指标体系", max_length=100)
    indicators = models.JSONField("指标")
    pass_score = models.DecimalField("合格分", max_digits=5, decimal_places=1)

    objects = IndicatorSetQuerySet.as_manager()

    class Meta:
        verbose_name = "考核指标体系"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name


class AssessmentQuerySet(ScopedQuerySet):
    actions = (VIEW, CHANGE)

    def scope_q(self, user, action=VIEW):
        """``view``: of the results in the officer's scope, those of the agencies the user heads
        or keeps the registry of (and the bodies those set up or delegated to), of the regions
        they supervise, and their own: a colleague's results are not an officer's business.
        ``change``: the agency's head or information administrator."""
        path = "officer__agency"
        leaders = (Role.AGENCY_HEAD, Role.AGENCY_ADMIN)
        if action == VIEW:
            mine = models.Q(officer__user=user) | oversight_q(user, *leaders, path=path)
            return agency_data_q(user, path=path) & mine
        if action == CHANGE:
            return role_q(user, *leaders, path=path)
        return super().scope_q(user, action)


class Assessment(models.Model):
    officer = models.ForeignKey(
        "registry.Officer", on_delete=models.PROTECT, related_name="assessments"
    )
    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField("年度")
    period = models.CharField("考核期", max_length=30)
    scores = models.JSONField("各项得分")
    total = models.DecimalField("总分", max_digits=5, decimal_places=1)
    passed = models.BooleanField("合格")
    assessed_on = models.DateField("考核日期")

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on"]
        verbose_name = "日常考核"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["officer", "year", "period"], name="assessment_once")
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.period} {self.total}"
