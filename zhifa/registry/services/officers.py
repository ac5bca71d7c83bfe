"""Officers: registration, changes, and leaving an enforcement post (which recalls certificates)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zhifa.core import images, ledger, workflow
from zhifa.core.crypto import blind_index, sm3_hex
from zhifa.core.errors import collect
from zhifa.core.validators import plain_text_errors, validate_id_number
from zhifa.org.models import Agency, EnforcementField, Role, Unit, UnitKind
from zhifa.org.permissions import require_agency_role
from zhifa.registry.models import (
    Certificate,
    CertificateStatus,
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
    # The photo has entries of its own (registry.officer.photo), recorded by its SM3.
    data = ledger.snapshot(officer, exclude={"photo"})
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
    errors["name"].extend(plain_text_errors(data["name"]))
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


# --- the officer's photo (personal data: never public, never in the ledger, only its SM3) ---

PHOTO_MAX_BYTES = 2 * 1024 * 1024
#: Accepted formats by their magic bytes (never by the file's name), from core's image kit.
PHOTO_FORMATS = images.FORMATS
photo_format = images.image_format


def _photo_storage() -> Any:
    return Officer._meta.get_field("photo").storage


def _read_photo(upload: Any) -> tuple[bytes, str]:
    """The upload's bytes and extension, or a ValidationError on ``photo``."""
    size = getattr(upload, "size", None)
    if size is not None and size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": ["照片不能超过2MB"]})
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(PHOTO_MAX_BYTES + 1)
    if len(content) > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": ["照片不能超过2MB"]})
    found = photo_format(content)
    if found is None:
        raise ValidationError({"photo": ["照片须为JPEG或PNG格式"]})
    return reencode_photo(content, found[0]), found[0]


#: Larger pictures are refused before decoding (a "decompression bomb"); an ID photo is far smaller.
PHOTO_MAX_PIXELS = images.MAX_PIXELS


def reencode_photo(content: bytes, extension: str) -> bytes:
    """The photo decoded and encoded again by Pillow, in the same format: only its pixels
    survive (see :mod:`zhifa.core.images`)."""
    return images.reencode(content, extension, max_pixels=PHOTO_MAX_PIXELS)


def _photo_record(name: str, content: bytes | None) -> dict[str, Any] | None:
    """The ledger's view of a photo: its stored name, size and SM3, never its bytes."""
    if not name:
        return None
    if content is None:
        try:
            with _photo_storage().open(name, "rb") as handle:
                content = handle.read()
        except OSError:
            return {"file": name, "size": None, "sm3": ""}
    return {"file": name, "size": len(content), "sm3": sm3_hex(content)}


def _delete_photo_file(name: str) -> None:
    if name:
        _photo_storage().delete(name)


def set_officer_photo(actor: Any, officer: Officer, upload: Any) -> Officer:
    """Give an officer a photo, or replace it (the agency's information administrator).

    JPEG or PNG by its magic bytes, at most 2 MB, re-encoded (only pixels kept); stored under a
    random name. The old file is
    deleted once the change commits; the new one is deleted if this change does not commit.
    """
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN)
    content, extension = _read_photo(upload)
    name = _photo_storage().save(f"officers/{uuid.uuid4().hex}.{extension}", ContentFile(content))
    try:
        return _store_photo(actor, officer, name, content)
    except BaseException:
        _delete_photo_file(name)
        raise


@transaction.atomic
def _store_photo(actor: Any, officer: Officer, name: str, content: bytes) -> Officer:
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN)
    old = officer.photo.name or ""
    before = _photo_record(old, None)
    officer.photo = name
    officer.save(update_fields=["photo", "updated_at"])
    ledger.append(
        actor=actor,
        action="registry.officer.photo",
        obj=officer,
        before=before,
        after=_photo_record(name, content),
    )
    if old:
        transaction.on_commit(lambda: _delete_photo_file(old))
    return officer


@transaction.atomic
def remove_officer_photo(actor: Any, officer: Officer) -> Officer:
    """Remove an officer's photo (the agency's information administrator); the file is deleted
    once the change commits."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN)
    old = officer.photo.name or ""
    if not old:
        raise ValidationError({"photo": ["该执法人员没有照片"]})
    before = _photo_record(old, None)
    officer.photo = ""
    officer.save(update_fields=["photo", "updated_at"])
    ledger.append(
        actor=actor, action="registry.officer.photo", obj=officer, before=before, after=None
    )
    transaction.on_commit(lambda: _delete_photo_file(old))
    return officer


def _recall_certificates(actor: Any, officer: Officer, reason: str, on: date) -> None:
    """收回: an officer who leaves an enforcement post (or the agency) no longer holds a certificate
    (seed 002); the ``cancel`` step of the certificate's table, as a consequence of the change."""
    for certificate in Certificate.objects.filter(officer=officer, status=CertificateStatus.VALID):
        workflow.transition(
            certificate, "cancel", actor, consequence=True, reason=reason[:200], on=on
        )
