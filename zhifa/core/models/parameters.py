"""Configuration that differs by place: the law's national default, changed by an administrator."""

from __future__ import annotations

from django.db import models


class Parameter(models.Model):
    """A configured value replacing a rule's national default (rules.md: "configuration")."""

    key = models.CharField("参数", max_length=64, unique=True)
    value = models.JSONField("取值")
    changed_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = "业务参数"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
