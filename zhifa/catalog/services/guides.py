"""办事指南 (with its flow chart) per matter and 合规指导清单 per industry.

The agency's 信息管理员 keeps both. A service guide is saved whole: its fields and its steps, which
replace the previous steps (a procedure has at least one). A compliance guide is saved as a draft
with its items and published when ready; once published it is public, and later changes to it are
public at once (each recorded in the ledger with what it was before).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.catalog.models import ComplianceGuide, ComplianceItem, FlowStep, Matter, ServiceGuide
from zhifa.core import ledger
from zhifa.core.errors import collect, field_error
from zhifa.core.validators import plain_text_errors, validate_phone
from zhifa.org.models import Agency, Role
from zhifa.org.permissions import require_agency_role

GUIDE_FIELDS = ("conditions", "materials", "time_limit", "fees", "place", "phone")
STEP_FIELDS = ("title", "actor", "description", "time_limit")
COMPLIANCE_FIELDS = ("industry", "title")
ITEM_FIELDS = ("topic", "requirement", "basis", "violation", "consequence")
NO_FEE = "不收费"


def _text(value: Any) -> str:
    return str(value or "").strip()


def _max(errors: list[str], label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.append(f"{label}不能超过{limit}个字")


def _limit(model: type, name: str) -> int | None:
    return model._meta.get_field(name).max_length


def clean_service_guide(data: dict[str, Any], steps: Any) -> tuple[dict[str, list[str]], list]:
    """The guide's fields (normalised in ``data``) and its steps: errors by field, clean steps."""
    errors: dict[str, list[str]] = {k: [] for k in (*GUIDE_FIELDS, "steps")}
    for key in GUIDE_FIELDS:
        data[key] = _text(data.get(key))
        errors[key].extend(plain_text_errors(data[key], multiline=True))
    data["materials"] = "\n".join(
        line.strip() for line in data["materials"].splitlines() if line.strip()
    )
    data["fees"] = data["fees"] or NO_FEE
    required = {
        "conditions": "请填写办理条件",
        "materials": "请填写申请材料（每行一项）",
        "time_limit": "请填写办理时限",
        "place": "请填写办理地点",
        "phone": "请填写咨询电话",
    }
    for key, message in required.items():
        if not data[key]:
            errors[key].append(message)
    for key in ("time_limit", "fees", "place", "phone"):
        limit = _limit(ServiceGuide, key)
        _max(errors[key], ServiceGuide._meta.get_field(key).verbose_name, data[key], limit)
    if data["phone"] and not errors["phone"]:
        try:
            data["phone"] = validate_phone(data["phone"])
        except ValidationError:
            errors["phone"].append(
                "咨询电话格式不正确：请填写手机号、带区号的固定电话（如0571-87654321）或12345等服务号码"
            )
    clean: list[dict[str, str]] = []
    if not isinstance(steps, list | tuple) or not steps:
        errors["steps"].append("办理流程至少要有一个环节")
        return errors, clean
    for n, step in enumerate(steps, start=1):
        if not isinstance(step, dict):
            errors["steps"].append(f"第{n}个环节格式不正确")
            continue
        row = {key: _text(step.get(key)) for key in STEP_FIELDS}
        if not row["title"]:
            errors["steps"].append(f"第{n}个环节：请填写环节名称")
        for key in STEP_FIELDS:
            field = FlowStep._meta.get_field(key)
            _max(errors["steps"], f"第{n}个环节的{field.verbose_name}", row[key], field.max_length)
        clean.append(row)
    return errors, clean


def guide_record(guide: ServiceGuide) -> dict[str, Any]:
    """What the ledger records of a guide: its fields and its steps in order."""
    return {
        **(ledger.snapshot(guide) or {}),
        "steps": [
            {key: getattr(s, key) for key in ("order", *STEP_FIELDS)} for s in guide.steps.all()
        ],
    }


@transaction.atomic
def save_service_guide(
    actor: Any, matter: Matter, *, steps: Any = None, **fields: Any
) -> ServiceGuide:
    """Create or replace a matter's service guide and its flow steps."""
    matter = Matter.objects.select_for_update().select_related("agency").get(pk=matter.pk)
    require_agency_role(actor, matter.agency, Role.AGENCY_ADMIN)
    unknown = set(fields) - set(GUIDE_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "未知的字段")
    data = dict(fields)
    errors, clean_steps = clean_service_guide(data, steps)
    collect(errors)
    guide = ServiceGuide.objects.filter(matter=matter).first()
    before = guide_record(guide) if guide is not None else None
    if guide is None:
        guide = ServiceGuide(matter=matter)
    for key in GUIDE_FIELDS:
        setattr(guide, key, data[key])
    guide.save()
    guide.steps.all().delete()
    FlowStep.objects.bulk_create(
        [FlowStep(guide=guide, order=n, **row) for n, row in enumerate(clean_steps, start=1)]
    )
    ledger.append(
        actor=actor,
        action="catalog.guide.save",
        obj=guide,
        before=before,
        after=guide_record(guide),
    )
    return guide


def clean_compliance(data: dict[str, Any], items: Any) -> tuple[dict[str, list[str]], list]:
    errors: dict[str, list[str]] = {k: [] for k in (*COMPLIANCE_FIELDS, "items")}
    for key in COMPLIANCE_FIELDS:
        data[key] = _text(data.get(key))
    if not data["industry"]:
        errors["industry"].append("请填写适用行业")
    if not data["title"]:
        errors["title"].append("请填写标题")
    for key in ("industry", "title"):
        errors[key].extend(plain_text_errors(data[key]))
    for key in COMPLIANCE_FIELDS:
        field = ComplianceGuide._meta.get_field(key)
        _max(errors[key], field.verbose_name, data[key], field.max_length)
    clean: list[dict[str, str]] = []
    if not isinstance(items, list | tuple) or not items:
        errors["items"].append("合规指导清单至少要有一个事项")
        return errors, clean
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors["items"].append(f"第{n}项格式不正确")
            continue
        row = {key: _text(item.get(key)) for key in ITEM_FIELDS}
        for key, label in (
            ("topic", "合规事项"),
            ("requirement", "合规要求"),
            ("basis", "法律依据"),
        ):
            if not row[key]:
                errors["items"].append(f"第{n}项：请填写{label}")
        for key in ITEM_FIELDS:
            field = ComplianceItem._meta.get_field(key)
            if field.max_length:
                _max(errors["items"], f"第{n}项的{field.verbose_name}", row[key], field.max_length)
        clean.append(row)
    return errors, clean


def compliance_record(guide: ComplianceGuide) -> dict[str, Any]:
    return {
        **(ledger.snapshot(guide) or {}),
        "items": [
            {key: getattr(i, key) for key in ("order", *ITEM_FIELDS)} for i in guide.items.all()
        ],
    }


@transaction.atomic
def save_compliance_guide(
    actor: Any,
    agency: Agency | None = None,
    *,
    guide: ComplianceGuide | None = None,
    items: Any = None,
    **fields: Any,
) -> ComplianceGuide:
    """Create a draft compliance guide for ``agency``, or replace the content of ``guide``."""
    if guide is not None:
        guide = (
            ComplianceGuide.objects.select_for_update().select_related("agency").get(pk=guide.pk)
        )
        agency = guide.agency
    if agency is None:
        raise field_error("agency", "请选择制定机关")
    require_agency_role(actor, agency, Role.AGENCY_ADMIN)
    unknown = set(fields) - set(COMPLIANCE_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "未知的字段")
    data = dict(fields)
    errors, clean_items = clean_compliance(data, items)
    collect(errors)
    before = compliance_record(guide) if guide is not None else None
    if guide is None:
        guide = ComplianceGuide(agency=agency)
    for key in COMPLIANCE_FIELDS:
        setattr(guide, key, data[key])
    guide.save()
    guide.items.all().delete()
    ComplianceItem.objects.bulk_create(
        [ComplianceItem(guide=guide, order=n, **row) for n, row in enumerate(clean_items, start=1)]
    )
    ledger.append(
        actor=actor,
        action="catalog.compliance.save",
        obj=guide,
        before=before,
        after=compliance_record(guide),
    )
    return guide


@transaction.atomic
def publish_compliance_guide(actor: Any, guide: ComplianceGuide) -> ComplianceGuide:
    """Publish a draft: from now on it is public."""
    guide = ComplianceGuide.objects.select_for_update().select_related("agency").get(pk=guide.pk)
    require_agency_role(actor, guide.agency, Role.AGENCY_ADMIN)
    if guide.is_published:
        raise field_error("guide", "该合规指导清单已发布")
    if not guide.items.exists():
        raise field_error("items", "合规指导清单没有任何事项，不能发布")
    before = ledger.snapshot(guide)
    guide.published_at = timezone.now()
    guide.save(update_fields=["published_at", "updated_at"])
    ledger.append(
        actor=actor,
        action="catalog.compliance.publish",
        obj=guide,
        before=before,
        after=ledger.snapshot(guide),
    )
    return guide
