"""Each matter's standard checklist (检查要点), kept by the agency's 信息管理员.

Seed 004 (济南 事中登记: the on-site record follows the matter's standard checklist) and seed 000
measure 十三 (涉企检查 only for listed matters and contents). The list is saved whole: its items
replace the previous ones, in order; each item states what is checked and on what legal basis.
Visits already recorded keep their own copy of the items they checked.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhifa.catalog.models import ChecklistItem, Matter
from zhifa.core import ledger
from zhifa.core.errors import collect
from zhifa.core.validators import plain_text_errors
from zhifa.org.models import Role
from zhifa.org.permissions import require_agency_role

ITEM_FIELDS = ("text", "basis")
MAX_ITEMS = 60


def clean_checklist(items: Any) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    """Errors (all under ``items``, by item number) and the clean items."""
    errors: dict[str, list[str]] = {"items": []}
    clean: list[dict[str, str]] = []
    if not isinstance(items, list | tuple):
        errors["items"].append("检查要点格式不正确")
        return errors, clean
    if len(items) > MAX_ITEMS:
        errors["items"].append(f"一个事项的检查要点不能超过{MAX_ITEMS}项")
        return errors, clean
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors["items"].append(f"第{n}项格式不正确")
            continue
        row = {key: str(item.get(key) or "").strip() for key in ITEM_FIELDS}
        if not row["text"]:
            errors["items"].append(f"第{n}项：请填写检查要点")
        if not row["basis"]:
            errors["items"].append(f"第{n}项：请填写检查依据")
        for key in ITEM_FIELDS:
            field = ChecklistItem._meta.get_field(key)
            if len(row[key]) > field.max_length:
                errors["items"].append(
                    f"第{n}项的{field.verbose_name}不能超过{field.max_length}个字"
                )
            errors["items"].extend(f"第{n}项：{m}" for m in plain_text_errors(row[key]))
        clean.append(row)
    return errors, clean


def checklist_record(matter: Matter) -> list[dict[str, Any]]:
    return [
        {"order": i.order, "text": i.text, "basis": i.basis} for i in matter.checklist_items.all()
    ]


@transaction.atomic
def save_checklist(actor: Any, matter: Matter, *, items: Any) -> list[ChecklistItem]:
    """Replace ``matter``'s standard checklist with ``items`` (``[{"text", "basis"}]``, in order);
    an empty list clears it."""
    matter = Matter.objects.select_for_update().select_related("agency").get(pk=matter.pk)
    require_agency_role(actor, matter.agency, Role.AGENCY_ADMIN)
    errors, clean = clean_checklist(items)
    collect(errors)
    before = checklist_record(matter)
    matter.checklist_items.all().delete()
    made = ChecklistItem.objects.bulk_create(
        [ChecklistItem(matter=matter, order=n, **row) for n, row in enumerate(clean, start=1)]
    )
    ledger.append(
        actor=actor,
        action="catalog.checklistitem.save",
        obj=matter,
        before={"checklist": before},
        after={"checklist": checklist_record(matter)},
    )
    return made
