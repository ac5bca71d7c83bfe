"""行政区划: city → district/county → town/street."""

from __future__ import annotations

from django.db import models

from zhifa.core.scoping import ScopedQuerySet
from zhifa.org.regioncodes import code_prefix

__all__ = ["Region", "RegionLevel", "RegionQuerySet", "code_prefix", "level_of"]


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级（区、县、县级市）"
    TOWN = "town", "乡级（乡、镇、街道）"


class RegionQuerySet(ScopedQuerySet):
    def scope_q(self, user):
        """Administrative divisions are public reference data: every user sees them."""
        return models.Q()


class Region(models.Model):
    """A division: 6-digit GB/T 2260 code for province, city and county; 9 digits for a town."""

    code = models.CharField("区划代码", max_length=9, unique=True)
    name = models.CharField("名称", max_length=50)
    level = models.CharField("层级", max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "行政区划"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name

    @property
    def code_prefix(self) -> str:
        """The code's significant part: every division below this one starts with it."""
        return code_prefix(self.code)


def level_of(code: str) -> RegionLevel:
    if len(code) == 9:
        return RegionLevel.TOWN
    return {2: RegionLevel.PROVINCE, 4: RegionLevel.CITY}.get(
        len(code_prefix(code)), RegionLevel.COUNTY
    )
