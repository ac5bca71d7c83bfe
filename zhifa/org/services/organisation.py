"""Regions, agencies and units."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from zhifa.core import ledger
from zhifa.core.errors import collect
from zhifa.core.permissions import require_role
from zhifa.core.validators import plain_text_errors, validate_phone, validate_uscc
from zhifa.org.models import Agency, AgencyKind, Region, Role, Unit, UnitKind
from zhifa.org.models.regions import RegionLevel, code_prefix, level_of
from zhifa.org.permissions import holds_role_in

AGENCY_FIELDS = (
    "name",
    "short_name",
    "kind",
    "region",
    "parent",
    "uscc",
    "legal_representative",
    "address",
    "complaint_phone",
    "legal_basis",
    "delegating_agency",
    "delegation_agreement",
    "delegation_start",
    "delegation_end",
    "may_freeze",
    "freeze_basis",
    "is_active",
)
#: What an agency's own information administrator may correct in its record.
AGENCY_SELF_SERVICE_FIELDS = frozenset(
    {"short_name", "legal_representative", "address", "complaint_phone", "legal_basis"}
)


@transaction.atomic
def create_region(actor: Any, *, code: str, name: str, parent: Region | None = None) -> Region:
    """Add a division (GB/T 2260). A child's code must lie inside its parent's code range."""
    require_role(actor, Role.SYSTEM_ADMIN, message="只有系统管理员可以维护行政区划")
    code = (code or "").strip()
    errors: dict[str, list[str]] = {"code": [], "name": [], "parent": []}
    if not (code.isascii() and code.isdigit() and len(code) in (6, 9)):  # no full-width digits
        errors["code"].append("区划代码应为6位数字（县级及以上）或9位数字（乡镇、街道）")
    elif Region.objects.filter(code=code).exists():
        errors["code"].append(f"区划代码{code}已存在")
    elif parent is not None and (
        code == parent.code or not code.startswith(code_prefix(parent.code))
    ):
        errors["parent"].append(f"区划代码{code}不属于上级区划{parent.name}（{parent.code}）")
    elif len(code) == 9 and (parent is None or level_of(parent.code) != RegionLevel.COUNTY):
        errors["parent"].append("乡镇、街道的上级区划应为县级（区、县、县级市）")
    if not (name or "").strip():
        errors["name"].append("请填写区划名称")
    errors["name"].extend(plain_text_errors(name))
    collect(errors)
    region = Region.objects.create(
        code=code, name=name.strip(), level=level_of(code), parent=parent
    )
    ledger.append(
        actor=actor, action="org.region.create", obj=region, after=ledger.snapshot(region)
    )
    return region


def _clean_agency(data: dict[str, Any], instance: Agency | None) -> dict[str, Any]:
    """Check an agency's fields; raises one ValidationError with every problem."""
    errors: dict[str, list[str]] = {field: [] for field in AGENCY_FIELDS}
    name = (data.get("name") or "").strip()
    data["name"] = name
    errors["name"].extend(plain_text_errors(name))
    errors["short_name"].extend(plain_text_errors(data.get("short_name")))
    if not name:
        errors["name"].append("请填写主体名称")
    elif Agency.objects.filter(name=name).exclude(pk=getattr(instance, "pk", None)).exists():
        errors["name"].append(f"已有名为“{name}”的执法主体")
    if data.get("kind") not in AgencyKind.values:
        errors["kind"].append("请选择主体类型")
    if not data.get("region"):
        errors["region"].append("请选择所属区划")
    for field, validator in (("uscc", validate_uscc), ("complaint_phone", validate_phone)):
        if data.get(field):
            try:
                data[field] = validator(data[field])
            except ValidationError as exc:
                errors[field].extend(exc.messages)
    parent = data.get("parent")
    if instance is not None and parent is not None:
        node = parent
        while node is not None:
            if node.pk == instance.pk:
                errors["parent"].append("上级机关不能是本机关或其下级")
                break
            node = node.parent
    if data.get("kind") == AgencyKind.DELEGATED:
        delegating = data.get("delegating_agency")
        if delegating is None:
            errors["delegating_agency"].append("受委托组织须填写委托机关")
        elif delegating.kind == AgencyKind.DELEGATED:
            errors["delegating_agency"].append("受委托组织不得再委托（行政处罚法第二十条）")
        if not (data.get("delegation_agreement") or "").strip():
            errors["delegation_agreement"].append("受委托组织须填写委托执法协议")
        start, end = data.get("delegation_start"), data.get("delegation_end")
        if not isinstance(start, date) or not isinstance(end, date):
            errors["delegation_end"].append("请填写委托期限的起止日期")
        elif end < start:
            errors["delegation_end"].append("委托终止日不能早于起始日")
    else:
        for field in ("delegating_agency", "delegation_start", "delegation_end"):
            data[field] = None
        data["delegation_agreement"] = ""
    _check_freezing(data, errors)
    collect(errors)
    return data


def _check_freezing(data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    """强制法 art. 29: only an agency a law names may freeze deposits and remittances, and the
    power is never delegated; the law that authorises it is written down."""
    data["may_freeze"] = bool(data.get("may_freeze"))
    data["freeze_basis"] = (data.get("freeze_basis") or "").strip()
    if not data["may_freeze"]:
        return
    if data.get("kind") == AgencyKind.DELEGATED:
        errors["may_freeze"].append("冻结存款、汇款不得委托（行政强制法第二十九条）")
    if not data["freeze_basis"]:
        errors["freeze_basis"].append("请填写授权冻结存款、汇款的法律名称和条款")
    elif len(data["freeze_basis"]) > 200:
        errors["freeze_basis"].append("法律依据不能超过200字")


@transaction.atomic
def create_agency(actor: Any, **data: Any) -> Agency:
    """Register an enforcement body (执法主体). Delegated bodies name their delegating agency and
    the agreement's term (行政处罚法 art. 20)."""
    require_role(actor, Role.SYSTEM_ADMIN, message="只有系统管理员可以新增执法主体")
    unknown = set(data) - set(AGENCY_FIELDS)
    if unknown:
        raise ValueError(f"unknown agency fields: {sorted(unknown)}")
    data = _clean_agency(dict(data), None)
    agency = Agency.objects.create(**data)
    ledger.append(
        actor=actor, action="org.agency.create", obj=agency, after=ledger.snapshot(agency)
    )
    return agency


@transaction.atomic
def update_agency(actor: Any, agency: Agency, **changes: Any) -> Agency:
    """Change an agency's record: the system administrator any field, the agency's own
    information administrator its contact details."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if not actor.has_role(Role.SYSTEM_ADMIN):
        require_role(actor, Role.AGENCY_ADMIN, message="您无权修改该执法主体")
        own = holds_role_in(actor, agency, Role.AGENCY_ADMIN)
        if not own or set(changes) - AGENCY_SELF_SERVICE_FIELDS:
            raise PermissionDenied("信息管理员只能修改本单位的联系信息")
    before = ledger.snapshot(agency)
    data = {field: getattr(agency, field) for field in AGENCY_FIELDS}
    data.update(changes)
    data = _clean_agency(data, agency)
    for field, value in data.items():
        setattr(agency, field, value)
    agency.save()
    ledger.append(
        actor=actor,
        action="org.agency.update",
        obj=agency,
        before=before,
        after=ledger.snapshot(agency),
    )
    return agency


def _check_unit_rights(actor: Any, agency: Agency) -> None:
    if actor.has_role(Role.SYSTEM_ADMIN):
        return
    require_role(
        actor, Role.AGENCY_ADMIN, message="只有系统管理员或本单位信息管理员可以维护内设机构"
    )
    if not holds_role_in(actor, agency, Role.AGENCY_ADMIN):
        raise PermissionDenied("只能维护本单位的内设机构")


def _clean_unit(agency: Agency, name: str, kind: str, phone: str, instance: Unit | None) -> dict:
    errors: dict[str, list[str]] = {"name": [], "kind": [], "phone": []}
    name = (name or "").strip()
    errors["name"].extend(plain_text_errors(name))
    if not name:
        errors["name"].append("请填写科室名称")
    elif not errors["name"] and (  # a name refused above is never looked up (PostgreSQL: NUL)
        Unit.objects.filter(agency=agency, name=name)
        .exclude(pk=getattr(instance, "pk", None))
        .exists()
    ):
        errors["name"].append(f"本单位已有名为“{name}”的科室")
    if kind not in UnitKind.values:
        errors["kind"].append("请选择科室类别")
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            errors["phone"].extend(exc.messages)
    collect(errors)
    return {"name": name, "kind": kind, "phone": phone or ""}


@transaction.atomic
def create_unit(actor: Any, agency: Agency, *, name: str, kind: str, phone: str = "") -> Unit:
    """Add an internal unit. The legal review unit is a unit of its own kind, never the handling
    unit (118号; 行政处罚法 art. 58)."""
    _check_unit_rights(actor, agency)
    unit = Unit.objects.create(agency=agency, **_clean_unit(agency, name, kind, phone, None))
    ledger.append(actor=actor, action="org.unit.create", obj=unit, after=ledger.snapshot(unit))
    return unit


@transaction.atomic
def update_unit(actor: Any, unit: Unit, *, name: str, kind: str, phone: str = "") -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_unit_rights(actor, unit.agency)
    before = ledger.snapshot(unit)
    for field, value in _clean_unit(unit.agency, name, kind, phone, unit).items():
        setattr(unit, field, value)
    unit.save()
    ledger.append(
        actor=actor, action="org.unit.update", obj=unit, before=before, after=ledger.snapshot(unit)
    )
    return unit
