"""执法事项: every enforcement act rests on a listed power with a legal basis
("清单之外无事项", seed 004; seed 000 (七))."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import transaction

from zhifa.catalog.models import Matter, MatterCategory, MatterLevel, MatterStatus
from zhifa.core import ledger
from zhifa.core.errors import collect
from zhifa.core.validators import plain_text_errors
from zhifa.org.models import Agency, EnforcementField, Role
from zhifa.org.permissions import require_agency_role

FIELDS = (
    "code",
    "name",
    "category",
    "level",
    "field",
    "law",
    "article",
    "article_text",
    "status",
)


def _code_taken(code: str, instance: Matter | None, taken: Collection[str] | None) -> bool:
    if taken is not None and instance is None:
        return code in taken
    return Matter.objects.filter(code=code).exclude(pk=getattr(instance, "pk", None)).exists()


def clean_matter(
    data: dict[str, Any], instance: Matter | None, *, taken_codes: Collection[str] | None = None
) -> dict[str, list[str]]:
    """A matter needs a code (unique), a name, a category, a level and its legal basis: the law,
    the article and the article's text. Its 执法领域 may be left empty (not yet classified), but
    only then can no certificate be found to cover it (``registry.eligibility.can_enforce``).

    ``taken_codes``, for a new matter only: the codes already used, looked up once for many rows
    (the Excel import) instead of one query per matter."""
    errors: dict[str, list[str]] = {k: [] for k in FIELDS}
    for key in ("code", "name", "law", "article", "article_text"):
        data[key] = (data.get(key) or "").strip()
    if not data["code"]:
        errors["code"].append("请填写事项编码")
    elif _code_taken(data["code"], instance, taken_codes):
        errors["code"].append(f"事项编码{data['code']}已存在")
    if not data["name"]:
        errors["name"].append("请填写事项名称")
    for key in ("code", "name", "law", "article"):
        errors[key].extend(plain_text_errors(data[key]))
    errors["article_text"].extend(plain_text_errors(data["article_text"], multiline=True))
    if data.get("category") not in MatterCategory.values:
        errors["category"].append("请选择职权类别")
    if data.get("level") not in MatterLevel.values:
        errors["level"].append("请选择行使层级")
    data.setdefault("field", None)
    if data["field"] is not None and not isinstance(data["field"], EnforcementField):
        errors["field"].append("请选择执法领域")
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
def update_matter(
    actor: Any, matter: Matter, *, reason: str | None = None, **changes: Any
) -> Matter:
    """Change a matter; a ``reason`` given (the five-year review's 暂停实施 or 取消) must not be
    blank and is recorded in the ledger with the change."""
    matter = Matter.objects.select_for_update().get(pk=matter.pk)
    require_agency_role(actor, matter.agency, Role.AGENCY_ADMIN)
    before = ledger.snapshot(matter)
    data = {k: getattr(matter, k) for k in FIELDS}
    data.update(changes)
    errors = clean_matter(data, matter)
    if reason is not None and not reason.strip():
        errors["reason"] = ["请填写理由"]
    collect(errors)
    for key in FIELDS:
        setattr(matter, key, data[key])
    matter.save()
    after = ledger.snapshot(matter)
    if reason is not None:
        after = {**after, "reason": reason.strip()}
    ledger.append(
        actor=actor,
        action="catalog.matter.update",
        obj=matter,
        before=before,
        after=after,
    )
    return matter
