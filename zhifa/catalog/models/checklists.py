"""Each matter's standard checklist (检查要点): what an officer checks on site, item by item.

Seed 004 (济南 事中登记) and seed 000 measure 十三: an on-site inspection follows the matter's standard
checklist, each item with its legal basis, so that an enterprise is checked only for what is
listed. The on-site record (``inspections``) copies these items and records 合格 / 不合格 / 不涉及
for each. The matter's agency's 信息管理员 keeps the list on the matter page.
"""

from __future__ import annotations

from django.db import models

from zhifa.core.scoping import CHANGE, VIEW, ChildScopedQuerySet


class ChecklistItemQuerySet(ChildScopedQuerySet):
    """Whoever may read the matter reads its checklist; whoever may change it changes it."""

    parent = "matter"
    parent_actions = {VIEW: VIEW, CHANGE: CHANGE}


class ChecklistItem(models.Model):
    matter = models.ForeignKey(
        "catalog.Matter",
        verbose_name="执法事项",
        on_delete=models.CASCADE,
        related_name="checklist_items",
    )
    order = models.PositiveSmallIntegerField("序号")
    text = models.CharField("检查要点", max_length=300)
    basis = models.CharField("检查依据", max_length=300)

    objects = ChecklistItemQuerySet.as_manager()

    class Meta:
        ordering = ["matter", "order"]
        verbose_name = "检查要点"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["matter", "order"], name="checklist_item_order_once")
        ]

    def __str__(self) -> str:
        return self.text
