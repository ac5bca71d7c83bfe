"""执法事项: every enforcement act rests on a listed power with a legal basis
("清单之外无事项", seed 004; seed 000 (七))."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhifa.catalog.models import Matter, MatterCategory, MatterLevel, MatterStatus
from zhifa.core import ledger
from zhifa.core.errors import collect
from zhifa.org.models import Agency, Role
from zhifa.org.permissions import require_agency_role

FIELDS = ("code", "name", "category", "level", "law", "article", "article_text", "status")


def clean_matter(data: dict[str, Any], instance: Matter | None) -> dict[str, list[str]]:
    """A matter needs a code (unique), a name, a category, a level and its legal basis: the law,
    the article and the article's text."""
    errors: dict[str, list[str]] = {k: [] for k in FIELDS}
    for key in ("code", "name", "law", "article", "article_text"):
        data[key] = (data.get(key) or "").strip()
    if not data["code"]:
        errors["code"].append("请填写事项编码")
    elif (
        Matter.objects.filter(code=data["code"]).exclude(pk=getattr(instance, "pk", None)).exists()
    ):
        errors["code"].append(f"事项编码{data['code']}已存在")
    if not data["name"]:
        errors["name"].append("请填写事项名称")
    if data.get("category") not in MatterCategory.values:
        errors["category"].append("请选择职权类别")
    if data.get("level") not in MatterLevel.values:
        errors["level"].append("请选择行使层级")
    data.setdefault("status", MatterStatus.ACTIVE)
    if data["status"] not in MatterStatus.values:
        errors["status"].append("请选择事项状态")
    if not data["law"]:
        errors["law"].append("执法事项必须有法律依据：请填写法律、法规或规章名称")
    if not data["article"]:
        errors["article"].append("请填写依据的具体条款")
    if not data["article_text"]:
        errors["article_text"].append("请填写依据条款的内容")
    return errors


@transaction.atomic
def create_matter(actor: Any, agency: Agency, **data: Any) -> Matter:
    require_agency_role(actor, agency, Role.AGENCY_ADMIN)
    collect(clean_matter(data, None))
    matter = Matter.objects.create(agency=agency, **{k: data[k] for k in FIELDS})
    ledger.append(
        actor=actor, action="catalog.matter.create", obj=matter, after=ledger.snapshot(matter)
    )
    return matter


@transaction.atomic
def update_matter(actor: Any, matter: Matter, **changes: Any) -> Matter:
    matter = Matter.objects.select_for_update().get(pk=matter.pk)
    require_agency_role(actor, matter.agency, Role.AGENCY_ADMIN)
    before = ledger.snapshot(matter)
    data = {k: getattr(matter, k) for k in FIELDS}
    data.update(changes)
    collect(clean_matter(data, matter))
    for key in FIELDS:
        setattr(matter, key, data[key])
    matter.save()
    ledger.append(
        actor=actor,
        action="catalog.matter.update",
        obj=matter,
        before=before,
        after=ledger.snapshot(matter),
    )
    return matter
