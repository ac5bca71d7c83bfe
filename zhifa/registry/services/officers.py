"""Officers: registration, changes, and leaving an enforcement post (which recalls certificates)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.crypto import blind_index
from zhifa.core.errors import collect
from zhifa.core.validators import validate_id_number
from zhifa.org.models import Agency, Role, Unit, UnitKind
from zhifa.org.permissions import require_agency_role
from zhifa.registry.models import (
    Certificate,
    CertificateStatus,
    EnforcementField,
    Officer,
    OfficerStatus,
)

EDITABLE = (
    "name",
    "unit",
    "post",
    "in_enforcement_post",
    "status",
    "is_legal_reviewer",
    "has_legal_qualification",
)


def snapshot(
    officer: Officer, fields: Iterable[EnforcementField] | None = None
) -> dict[str, Any] | None:
    """The ledger's view of an officer; ``fields`` spares the query when they are known (imports)."""
    data = ledger.snapshot(officer)
    if data is not None:
        if fields is None:
            fields = officer.fields.all() if officer.pk else []
        data["fields"] = sorted(f.code for f in fields)
    return data


def clean_officer(
    data: dict[str, Any],
    *,
    agency: Agency,
    instance: Officer | None,
    registered: Mapping[str, str] | None = None,
) -> dict[str, list[str]]:
    """Check an officer's details; return errors by field (empty lists when all is well).

    Rules: a valid 身份证号码 registered once (GB 11643-1999); the unit belongs to the agency; a legal
    reviewer sits in the legal review unit, never the handling unit, and a first-time reviewer
    holds the national legal-profession qualification (行政处罚法 art. 58; 118号).

    ``registered`` maps the blind index of ID numbers already registered to their agency's name,
    prefetched by bulk imports; without it the database is asked.
    """
    errors: dict[str, list[str]] = {
        k: [] for k in ("name", "id_number", "unit", "status", "is_legal_reviewer", "fields")
    }
    data["name"] = (data.get("name") or "").strip()
    if not data["name"]:
        errors["name"].append("请填写姓名")
    if instance is None:
        try:
            data["id_number"] = validate_id_number(data.get("id_number") or "")
        except ValidationError as exc:
            errors["id_number"].extend(exc.messages)
        else:
            index = blind_index(data["id_number"])
            if registered is None:
                other = Officer.objects.filter(id_number_index=index).first()
                holder = other.agency.name if other is not None else None
            else:
                holder = registered.get(index)
            if holder is not None:
                errors["id_number"].append(f"该身份证号码已登记为执法人员（{holder}）")
    if data.get("status", OfficerStatus.ON_DUTY) not in OfficerStatus.values:
        errors["status"].append("请选择人员状态")
    unit: Unit | None = data.get("unit")
    if unit is not None and unit.agency_id != agency.pk:
        errors["unit"].append("科室须属于该执法主体")
    becoming_reviewer = data.get("is_legal_reviewer") and not (
        instance is not None and instance.is_legal_reviewer
    )
    if data.get("is_legal_reviewer"):
        if unit is not None and unit.kind == UnitKind.HANDLING:
            errors["is_legal_reviewer"].append("法制审核人员不得在承办机构，应在法制审核机构")
        if becoming_reviewer and not data.get("has_legal_qualification"):
            errors["is_legal_reviewer"].append("初次从事法制审核的人员应当取得国家统一法律职业资格")
    fields = data.get("fields")
    if fields is not None and any(not isinstance(f, EnforcementField) for f in fields):
        errors["fields"].append("执法领域无效")
    return errors


@transaction.atomic
def create_officer(
    actor: Any, agency: Agency, *, fields: Iterable[EnforcementField] = (), **data: Any
) -> Officer:
    """Register an officer in an agency (its information administrator)."""
    require_agency_role(actor, agency, Role.AGENCY_ADMIN)
    data["fields"] = list(fields)
    collect(clean_officer(data, agency=agency, instance=None))
    field_list = data.pop("fields")
    officer = Officer(agency=agency, **data)
    officer.id_number_index = blind_index(officer.id_number)
    officer.save()
    officer.fields.set(field_list)
    ledger.append(
        actor=actor, action="registry.officer.create", obj=officer, after=snapshot(officer)
    )
    return officer


@transaction.atomic
def update_officer(
    actor: Any,
    officer: Officer,
    *,
    fields: Iterable[EnforcementField] | None = None,
    reason: str = "",
    today: date | None = None,
    **changes: Any,
) -> Officer:
    """Change an officer's details. Leaving an enforcement post, or duty, recalls (注销) every
    certificate still in force (seeds 000 (五), 002, 003: 离岗收回证件)."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    before = snapshot(officer)
    data = {field: getattr(officer, field) for field in EDITABLE}
    data.update(changes)
    data["fields"] = list(fields) if fields is not None else None
    collect(clean_officer(data, agency=officer.agency, instance=officer))
    data.pop("fields")
    was_enforcer = officer.is_active_enforcer
    for field, value in data.items():
        setattr(officer, field, value)
    officer.save()
    if fields is not None:
        officer.fields.set(list(fields))
    ledger.append(
        actor=actor,
        action="registry.officer.update",
        obj=officer,
        before=before,
        after=snapshot(officer),
    )
    if was_enforcer and not officer.is_active_enforcer:
        _recall_certificates(
            actor, officer, reason or "离开执法岗位", today or timezone.localdate()
        )
    return officer


@transaction.atomic
def transfer_officer(
    actor: Any, officer: Officer, *, agency: Agency, unit: Unit | None = None, reason: str = ""
) -> Officer:
    """Move an officer to another agency: certificates issued for the old one are recalled."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN)
    errors: dict[str, list[str]] = {"agency": [], "unit": []}
    if agency.pk == officer.agency_id:
        errors["agency"].append("调入的执法主体与原执法主体相同")
    if unit is not None and unit.agency_id != agency.pk:
        errors["unit"].append("科室须属于调入的执法主体")
    collect(errors)
    before = snapshot(officer)
    old_agency = officer.agency
    officer.agency, officer.unit = agency, unit
    officer.is_legal_reviewer = False
    officer.save()
    ledger.append(
        actor=actor,
        action="registry.officer.transfer",
        obj=officer,
        before=before,
        after=snapshot(officer),
    )
    _recall_certificates(actor, officer, reason or f"调离{old_agency.name}", timezone.localdate())
    return officer


def _recall_certificates(actor: Any, officer: Officer, reason: str, on: date) -> None:
    for certificate in Certificate.objects.select_for_update().filter(
        officer=officer, status=CertificateStatus.VALID
    ):
        before = ledger.snapshot(certificate)
        certificate.status = CertificateStatus.CANCELLED
        certificate.ended_on = on
        certificate.end_reason = reason[:200]
        certificate.save()
        ledger.append(
            actor=actor,
            action="registry.certificate.cancel",
            obj=certificate,
            before=before,
            after=ledger.snapshot(certificate),
        )
