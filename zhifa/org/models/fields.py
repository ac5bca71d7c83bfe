"""执法领域: the field a certificate is issued for and a matter belongs to.

Lives in ``org`` because both the registry (certificates, exams) and the catalogue (matters) name it,
and they may not import each other: a certificate covers the matters of its field only (执法证件
are issued per field: seed 002; 处罚法 art. 42, rules.md "People")."""

from __future__ import annotations

from django.db import models


class EnforcementField(models.Model):
    """执法领域/执法类别, e.g. 市场监管, 生态环境."""

    code = models.CharField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=30, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "执法领域"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name
