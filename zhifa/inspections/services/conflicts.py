"""Conflicts of interest (回避): an officer recorded as not to inspect a party, with the reason.

The inspector draw leaves such officers out of the party's pool and lists them (行政处罚法
art. 43: 执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避; 国办发〔2019〕5号).
Recorded by the officer's agency head or information administrator; written to the ledger.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.core import ledger
from zhifa.inspections.models import ConflictOfInterest
from zhifa.org.models import Role
from zhifa.org.permissions import require_agency_role
from zhifa.parties.models import Party
from zhifa.registry.models import Officer


@transaction.atomic
def record_conflict(actor: Any, officer: Officer, party: Party, reason: str) -> ConflictOfInterest:
    """Record that ``officer`` must not inspect ``party`` (回避), and why."""
    require_agency_role(actor, officer.agency, Role.AGENCY_HEAD, Role.AGENCY_ADMIN)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写回避事由"})
    if ConflictOfInterest.objects.filter(officer=officer, party=party, is_active=True).exists():
        raise ValidationError({"party": f"{officer.name}对{party.name}的回避已登记"})
    conflict = ConflictOfInterest.objects.create(
        officer=officer, party=party, reason=reason, recorded_by=actor
    )
    ledger.append(
        actor=actor,
        action="inspections.conflict.create",
        obj=conflict,
        after=ledger.snapshot(conflict),
    )
    return conflict


@transaction.atomic
def withdraw_conflict(actor: Any, conflict: ConflictOfInterest) -> ConflictOfInterest:
    """The reason no longer holds (e.g. the relative left the enterprise): the record stays,
    marked no longer in force."""
    conflict = ConflictOfInterest.objects.select_for_update().get(pk=conflict.pk)
    require_agency_role(actor, conflict.officer.agency, Role.AGENCY_HEAD, Role.AGENCY_ADMIN)
    if not conflict.is_active:
        raise ValidationError({"status": "该回避已撤销"})
    before = ledger.snapshot(conflict)
    conflict.is_active = False
    conflict.save(update_fields=["is_active"])
    ledger.append(
        actor=actor,
        action="inspections.conflict.withdraw",
        obj=conflict,
        before=before,
        after=ledger.snapshot(conflict),
    )
    return conflict
