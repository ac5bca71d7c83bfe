"""Holiday data entered by the system administrator for years the official package lacks."""

from __future__ import annotations

from django.db import models


class HolidayNotice(models.Model):
    """The State Council's yearly holiday notice, entered once per year the package does not know.

    A year with a notice counts as known: its days are working days Monday to Friday unless an
    override says otherwise.
    """

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("通知名称及文号", max_length=200)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "节假日安排通知"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.year}年：{self.title}"


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
