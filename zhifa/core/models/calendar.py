"""Holiday data entered by the system administrator for years the official package lacks."""

from __future__ import annotations

from django.db import models


class HolidayNotice(models.Model):
    """The State Council's yearly holiday notice, entered as it reads for a year the package lacks.

    The system administrator enters its holiday periods and 调休 working days, checks the year as a
    calendar and marks the notice complete; only a complete notice makes the year known (its other
    days are working days Monday to Friday). Until then a deadline in that year is an error, never
    a guess from a half-entered notice.
    """

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("通知名称及文号", max_length=200)
    is_complete = models.BooleanField("已录入完毕", default=False)
    completed_at = models.DateTimeField("确认完毕时间", null=True, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "节假日安排通知"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.year}年：{self.title}"


class HolidayPeriod(models.Model):
    """One holiday of a notice (e.g. 春节 from its first to its last day): no working day in it."""

    notice = models.ForeignKey(HolidayNotice, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField("节日", max_length=20)
    first_day = models.DateField("放假首日")
    last_day = models.DateField("放假末日")

    class Meta:
        ordering = ["first_day"]
        verbose_name = "放假安排"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.name} {self.first_day:%m-%d}至{self.last_day:%m-%d}"


class AdjustedWorkday(models.Model):
    """A weekend day the notice makes a working day (调休上班)."""

    notice = models.ForeignKey(HolidayNotice, on_delete=models.CASCADE, related_name="workdays")
    day = models.DateField("调休上班日")
    note = models.CharField("说明", max_length=20, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "调休上班日"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.day:%m-%d}上班"


class CalendarOverride(models.Model):
    """One day declared a holiday/rest day or a working day (调休上班), taking precedence."""

    day = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=100, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "工作日调整"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.day} {'上班' if self.is_working_day else '休息'}"
