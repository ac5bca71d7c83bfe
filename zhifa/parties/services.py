"""Parties: registering and correcting them, verified codes, credit grades and risk classes,
enterprise accounts. One function per action, one transaction, one ledger entry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from zhifa.core import ledger
from zhifa.core.crypto import blind_index
from zhifa.core.errors import collect
from zhifa.core.validators import (
    plain_text_errors,
    validate_id_number,
    validate_phone,
    validate_uscc,
)
from zhifa.org.models import Region, Role, User
from zhifa.parties import bulk
from zhifa.parties.industry import industry_errors, normalise_industry
from zhifa.parties.models import (
    CreditGrade,
    Party,
    PartyAccount,
    PartyKind,
    RiskClass,
    may_administer_parties,
    may_change_parties,
)

#: Details anyone who may change a party may correct (the code, grades and classes excepted).
EDITABLE = (
    "name",
    "legal_representative",
    "address",
    "region",
    "industry",
    "policy_officer_name",
    "policy_officer_phone",
    "liaison_leader_name",
    "liaison_leader_phone",
)
#: Set with their date and source, by an agency's information administrator.
GRADING = (
    "credit_grade",
    "credit_graded_on",
    "credit_source",
    "risk_class",
    "risk_classed_on",
    "risk_source",
)
#: Kinds that hold a 统一社会信用代码 (GB 32100-2015 §4.1 covers every 法人和其他组织, and
#: 个体工商户 since 2016).
CODE_REQUIRED = frozenset(
    {
        PartyKind.ENTERPRISE,
        PartyKind.INDIVIDUAL_BUSINESS,
        PartyKind.COOPERATIVE,
        PartyKind.SOCIAL_ORG,
    }
)
ERROR_FIELDS = ("kind", "name", "uscc", "id_number", "region", "industry", *EDITABLE, *GRADING)

CHANGE_REFUSAL = "只有执法主体的执法人员或信息管理员可以登记、修改当事人"
ADMIN_REFUSAL = "只有执法主体的信息管理员可以办理此事项"


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def clean_party(
    data: dict[str, Any],
    *,
    instance: Party | None,
    may_verify: bool = False,
    taken: Mapping[str, str] | None = None,
) -> dict[str, list[str]]:
    """Check a party's details in place (normalising them); return errors by field.

    Rules: an organisation's 统一社会信用代码 passes GB 32100-2015's check (附录B), unless
    ``may_verify`` and a reason are given (codes issued in early pilots fail it: an agency's
    information administrator records that the registration authority confirmed it); a person's
    身份证号码 passes GB 11643-1999; each is registered once; the industry is a GB/T 4754-2017
    code; phones are numbers (MIIT numbering); a credit grade or risk class carries its date and
    source.

    ``taken`` maps codes and ID blind indexes already registered to the party's name (bulk
    imports prefetch it); without it the database is asked.
    """
    errors: dict[str, list[str]] = {f: [] for f in ERROR_FIELDS}
    kind = data.get("kind") or (instance.kind if instance else "")
    if kind not in PartyKind.values:
        errors["kind"].append("请选择主体类型")
    data["name"] = _text(data.get("name"))
    if not data["name"]:
        errors["name"].append("请填写名称（姓名）")
    for field in ("name", "legal_representative", "address"):
        data[field] = _text(data.get(field))
        errors[field].extend(plain_text_errors(data[field]))
    for field in ("policy_officer_name", "liaison_leader_name"):
        data[field] = _text(data.get(field))
        errors[field].extend(plain_text_errors(data[field]))
    for field in ("policy_officer_phone", "liaison_leader_phone"):
        data[field] = _text(data.get(field))
        if data[field]:
            try:
                data[field] = validate_phone(data[field])
            except ValidationError as exc:
                errors[field].extend(exc.messages)
    if not isinstance(data.get("region"), Region):
        errors["region"].append("请选择所在区划")
    data["industry"] = normalise_industry(data.get("industry"))
    errors["industry"].extend(industry_errors(data["industry"]))
    if instance is None:
        _clean_identifiers(data, kind, errors, may_verify=may_verify, taken=taken)
    _clean_grading(data, errors)
    return errors


def _clean_identifiers(
    data: dict[str, Any],
    kind: str,
    errors: dict[str, list[str]],
    *,
    may_verify: bool,
    taken: Mapping[str, str] | None,
) -> None:
    code = _text(data.get("uscc")).upper()
    number = _text(data.get("id_number"))
    reason = _text(data.get("uscc_verified_reason"))
    data["uscc"], data["id_number"] = code or None, number
    data["uscc_verified"], data["uscc_verified_reason"] = False, ""
    if kind == PartyKind.PERSON:
        if code:
            errors["uscc"].append("自然人不填写统一社会信用代码")
        if not number:
            errors["id_number"].append("请填写身份证号码")
            return
        try:
            data["id_number"] = validate_id_number(number)
        except ValidationError as exc:
            errors["id_number"].extend(exc.messages)
            return
        index = blind_index(data["id_number"])
        holder = _holder(taken, index, id_number_index=index)
        if holder is not None:
            errors["id_number"].append(f"该身份证号码已登记（{holder}）")
        return
    if number:
        errors["id_number"].append("只有自然人填写身份证号码")
    if not code:
        if kind in CODE_REQUIRED:
            errors["uscc"].append("请填写统一社会信用代码")
        return
    try:
        data["uscc"] = validate_uscc(code)
    except ValidationError as exc:
        if exc.code != "invalid_checksum":
            errors["uscc"].extend(exc.messages)
            return
        if not (may_verify and reason):
            hint = (
                "；如经登记机关核实无误，请由信息管理员填写核实说明后登记"
                if not may_verify
                else "；如经登记机关核实无误，请填写核实说明"
            )
            errors["uscc"].append(exc.messages[0] + hint)
            return
        errors["uscc"].extend(plain_text_errors(reason, multiline=True))
        data["uscc_verified"], data["uscc_verified_reason"] = True, reason
    holder = _holder(taken, data["uscc"], uscc=data["uscc"])
    if holder is not None:
        errors["uscc"].append(f"该统一社会信用代码已登记（{holder}）")


def _holder(taken: Mapping[str, str] | None, key: str, **lookup: str) -> str | None:
    if taken is not None:
        return taken.get(key)
    other = Party.objects.filter(**lookup).only("name").first()
    return other.name if other is not None else None


def _clean_grading(data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    pairs = (
        ("credit_grade", "credit_graded_on", "credit_source", CreditGrade, "信用等级"),
        ("risk_class", "risk_classed_on", "risk_source", RiskClass, "风险等级"),
    )
    for field, on, source, choices, label in pairs:
        value = data.get(field) or ""
        data[field], data[source] = value, _text(data.get(source))
        data.setdefault(on, None)
        if not value:
            data[on], data[source] = None, ""
            continue
        if value not in choices.values:
            errors[field].append(f"{label}应为" + "、".join(choices.labels))
        if not isinstance(data[on], date):
            errors[on].append(f"请填写{label}的评定日期")
        if not data[source]:
            errors[source].append(f"请填写{label}的来源")
        errors[source].extend(plain_text_errors(data[source]))


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def snapshot(party: Party) -> dict[str, Any]:
    """The ledger's view of a party (:func:`zhifa.parties.bulk.snapshot`)."""
    return bulk.snapshot(party)


def build_party(data: dict[str, Any]) -> Party:
    """An unsaved party from cleaned data, its ID number's blind index set."""
    party = Party(**data)
    party.id_number_index = blind_index(party.id_number) if party.id_number else None
    return party


@transaction.atomic
def create_party(actor: Any, **data: Any) -> Party:
    """Register a party (an agency's officer or information administrator). A code that fails
    GB 32100-2015's check is refused with the expected check character, unless the actor is an
    information administrator recording, with ``uscc_verified_reason``, that the registration
    authority confirmed it (the reason is in the ledger entry)."""
    _require(may_change_parties(actor), CHANGE_REFUSAL)
    admin = may_administer_parties(actor)
    if not admin and any(data.get(f) for f in ("credit_grade", "risk_class")):
        raise PermissionDenied(ADMIN_REFUSAL)
    collect(clean_party(data, instance=None, may_verify=admin))
    party = build_party(data)
    party.save()
    ledger.append(actor=actor, action="parties.party.create", obj=party, after=snapshot(party))
    return party


@transaction.atomic
def update_party(actor: Any, party: Party, **changes: Any) -> Party:
    """Correct a party's details; its code or ID number and kind stay as registered."""
    _require(may_change_parties(actor), CHANGE_REFUSAL)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    party = Party.objects.select_for_update().get(pk=party.pk)
    before = snapshot(party)
    data: dict[str, Any] = {f: getattr(party, f) for f in (*EDITABLE, *GRADING)}
    data["kind"] = party.kind
    data.update(changes)
    collect(clean_party(data, instance=party))
    for field in EDITABLE:
        setattr(party, field, data[field])
    party.save()
    ledger.append(
        actor=actor, action="parties.party.update", obj=party, before=before, after=snapshot(party)
    )
    return party


@transaction.atomic
def set_credit_grade(
    actor: Any, party: Party, *, grade: str, graded_on: date, source: str
) -> Party:
    """Record a party's credit grade (信用分级, A-D), the day it was set and who set it (the
    credit platform, an agency's evaluation …): the draw's strata use it (seed 000 十二)."""
    return _grade(actor, party, "credit", grade, graded_on, source)


@transaction.atomic
def set_risk_class(actor: Any, party: Party, *, risk: str, classed_on: date, source: str) -> Party:
    """Record a party's risk class (风险分类, 低/中/高), its day and source (seed 000 十二)."""
    return _grade(actor, party, "risk", risk, classed_on, source)


def _grade(actor: Any, party: Party, what: str, value: str, on: date, source: str) -> Party:
    _require(may_administer_parties(actor), ADMIN_REFUSAL)
    party = Party.objects.select_for_update().get(pk=party.pk)
    before = snapshot(party)
    data: dict[str, Any] = {f: getattr(party, f) for f in GRADING}
    if what == "credit":
        data.update(credit_grade=value, credit_graded_on=on, credit_source=source)
        fields = GRADING[:3]
    else:
        data.update(risk_class=value, risk_classed_on=on, risk_source=source)
        fields = GRADING[3:]
    errors = {f: [] for f in GRADING}
    _clean_grading(data, errors)
    if not data[fields[0]]:
        errors[fields[0]].append("请选择等级")
    collect(errors)
    for field in fields:
        setattr(party, field, data[field])
    party.save()
    action = "parties.party.grade" if what == "credit" else "parties.party.classify"
    ledger.append(actor=actor, action=action, obj=party, before=before, after=snapshot(party))
    return party


@transaction.atomic
def verify_uscc(actor: Any, party: Party, *, code: str, reason: str) -> Party:
    """Record a code that fails GB 32100-2015's check as confirmed by the registration authority
    (some codes issued in early pilots fail it): an information administrator, with the reason."""
    _require(may_administer_parties(actor), ADMIN_REFUSAL)
    party = Party.objects.select_for_update().get(pk=party.pk)
    before = snapshot(party)
    data: dict[str, Any] = {"uscc": code, "uscc_verified_reason": reason}
    errors: dict[str, list[str]] = {f: [] for f in ERROR_FIELDS}
    if not _text(reason):
        errors["uscc"].append("请填写登记机关核实的说明")
        collect(errors)
    _clean_identifiers(data, party.kind, errors, may_verify=True, taken=None)
    if data.get("uscc") and data["uscc"] == party.uscc:
        errors["uscc"] = [m for m in errors["uscc"] if "已登记" not in m]
    collect(errors)
    party.uscc = data["uscc"]
    party.uscc_verified = data["uscc_verified"]
    party.uscc_verified_reason = data["uscc_verified_reason"] or _text(reason)
    party.save()
    ledger.append(
        actor=actor, action="parties.party.verify", obj=party, before=before, after=snapshot(party)
    )
    return party


@transaction.atomic
def bind_account(actor: Any, party: Party, user: User) -> PartyAccount:
    """Bind an enterprise user's account to its party (an information administrator, after the
    user's identity was verified by the government-service platform)."""
    _require(may_administer_parties(actor), ADMIN_REFUSAL)
    errors: dict[str, list[str]] = {"user": []}
    if not user.memberships.filter(role=Role.ENTERPRISE).exists():
        errors["user"].append("该账号不是企业用户")
    existing = PartyAccount.objects.filter(user=user).select_related("party").first()
    if existing is not None:
        errors["user"].append(f"该账号已绑定{existing.party.name}")
    collect(errors)
    account = PartyAccount.objects.create(user=user, party=party, bound_by=actor)
    ledger.append(
        actor=actor, action="parties.account.bind", obj=account, after=ledger.snapshot(account)
    )
    return account


@transaction.atomic
def unbind_account(actor: Any, account: PartyAccount) -> None:
    """Release an enterprise account from its party (an information administrator)."""
    _require(may_administer_parties(actor), ADMIN_REFUSAL)
    before = ledger.snapshot(account)
    ledger.append(actor=actor, action="parties.account.unbind", obj=account, before=before)
    account.delete()
