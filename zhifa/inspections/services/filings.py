"""事前备案 of enterprise inspections (54号; seed 004 济南 事前备案、事中登记、事后评价).

An officer files the inspection (time window, target, at least two officers, matters, basis) and
submits it; the agency head approves it before the visit (54号: 检查须经本机关负责人批准), or refuses
it with an opinion. Every submission is checked against all the refusals of
:mod:`zhifa.inspections.prefiling`; an emergency (情况紧急) is filed afterwards, with its reason,
and stays flagged for the supervisors. A submission overlapping another agency's filing for the
same enterprise is offered a joint visit (:mod:`zhifa.inspections.services.joint`).

The public functions (``file_inspection``, ``submit_inspection`` …) go through the workflow table
``zhifa.inspections.workflows.INSPECTION``; the lower-case step functions are what the table runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.catalog.models import Matter
from zhifa.core import ledger, workflow
from zhifa.core.errors import collect, field_error
from zhifa.inspections import prefiling
from zhifa.inspections.models import Inspection, InspectionKind, InspectionStatus
from zhifa.org.models import Agency
from zhifa.registry.models import Officer

BASIS_MAX = 2000


def snapshot(inspection: Inspection) -> dict[str, Any]:
    """The filing as the ledger records it, its agencies, officers and matters included."""
    data = ledger.snapshot(inspection) or {}
    if inspection.pk:
        data["agencies"] = sorted(inspection.agencies.values_list("pk", flat=True))
        data["officers"] = sorted(inspection.officers.values_list("pk", flat=True))
        data["matters"] = sorted(inspection.matters.values_list("pk", flat=True))
    return data


def proposal_of(inspection: Inspection) -> prefiling.Proposal:
    return prefiling.Proposal(
        agency=inspection.lead_agency,
        party=inspection.party,
        kind=inspection.kind,
        window_start=inspection.window_start,
        window_end=inspection.window_end,
        officers=list(inspection.officers.select_related("agency")),
        matters=list(inspection.matters.all()),
        emergency=inspection.emergency,
        emergency_reason=inspection.emergency_reason,
        pk=inspection.pk,
        plan=inspection.plan,
        joint=[a for a in inspection.agencies.all() if a.pk != inspection.lead_agency_id],
    )


def _clean(kind: str, basis: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {"kind": [], "basis": []}
    if kind not in InspectionKind.values:
        errors["kind"].append("请选择检查类型（日常检查、专项检查或个案检查）")
    if not (basis or "").strip():
        errors["basis"].append("请填写检查依据及内容")
    elif len(basis) > BASIS_MAX:
        errors["basis"].append(f"检查依据及内容不能超过{BASIS_MAX}字")
    return errors


# --- the public services ---------------------------------------------------------------------


@transaction.atomic
def file_inspection(
    actor: Any,
    agency: Agency,
    *,
    party: Any,
    kind: str,
    window_start: date,
    window_end: date,
    officers: Iterable[Officer],
    matters: Iterable[Matter],
    basis: str,
    emergency: bool = False,
    emergency_reason: str = "",
    plan: Any = None,
    joint_agencies: Iterable[Agency] = (),
    submit: bool = True,
) -> Inspection:
    """File an inspection for ``agency`` (the ``file`` step), and submit it for approval unless
    ``submit`` is False (a draft the officer submits later). Refused with every reason at once.
    ``joint_agencies``: the other agencies of a joint plan's visit, each with its own officers
    and matters (one filing, counted once for the enterprise)."""
    inspection = workflow.start(
        Inspection,
        "file",
        actor,
        agency=agency,
        lead_agency=agency,
        party=party,
        kind=kind,
        window_start=window_start,
        window_end=window_end,
        officers=list(officers),
        matters=list(matters),
        basis=basis,
        emergency=emergency,
        emergency_reason=emergency_reason,
        plan=plan,
        joint_agencies=list(joint_agencies),
    )
    if submit:
        workflow.transition(inspection, "submit", actor)
        inspection.refresh_from_db()
    return inspection


def submit_inspection(actor: Any, inspection: Inspection) -> Inspection:
    return workflow.transition(inspection, "submit", actor)


def approve_inspection(actor: Any, inspection: Inspection, *, opinion: str = "") -> Inspection:
    return workflow.transition(inspection, "approve", actor, opinion=opinion)


def refuse_inspection(actor: Any, inspection: Inspection, *, opinion: str) -> Inspection:
    return workflow.transition(inspection, "refuse", actor, opinion=opinion)


def withdraw_inspection(actor: Any, inspection: Inspection, *, reason: str = "") -> Inspection:
    return workflow.transition(inspection, "withdraw", actor, reason=reason)


# --- the steps the table runs ------------------------------------------------------------------


def file(
    _: None,
    actor: Any,
    *,
    lead_agency: Agency,
    party: Any,
    kind: str,
    window_start: date,
    window_end: date,
    officers: list[Officer],
    matters: list[Matter],
    basis: str,
    emergency: bool = False,
    emergency_reason: str = "",
    plan: Any = None,
    joint_agencies: list[Agency] | None = None,
) -> Inspection:
    """The ``file`` step: a draft, checked against every refusal of the pre-filing."""
    if party is None:
        raise field_error("party", "请选择检查对象")
    proposal = prefiling.Proposal(
        agency=lead_agency,
        party=party,
        kind=kind,
        window_start=window_start,
        window_end=window_end,
        officers=officers,
        matters=matters,
        emergency=emergency,
        emergency_reason=emergency_reason or "",
        plan=plan,
        joint=joint_agencies or (),
    )
    errors = _clean(kind, basis)
    errors.update(prefiling.problems(proposal, timezone.localdate()))
    collect(errors)
    inspection = Inspection.objects.create(
        kind=kind,
        party=party,
        lead_agency=lead_agency,
        window_start=window_start,
        window_end=window_end,
        basis=basis.strip(),
        emergency=emergency,
        emergency_reason=(emergency_reason or "").strip() if emergency else "",
        plan=plan,
        filed_by=actor,
    )
    inspection.agencies.add(*proposal.agencies)
    inspection.officers.set(officers)
    inspection.matters.set(matters)
    return inspection


def submit(inspection: Inspection, actor: Any) -> Inspection:
    """The ``submit`` step: checked again (the day, the officers and the lists may have changed
    since the draft), then offered as a joint visit to the agencies that filed for the same
    enterprise in an overlapping window."""
    from zhifa.inspections.services import joint

    collect(prefiling.problems(proposal_of(inspection), timezone.localdate()))
    inspection.status = InspectionStatus.SUBMITTED
    inspection.submitted_at = timezone.now()
    inspection.save(update_fields=["status", "submitted_at"])
    joint.offer_for(inspection, actor)
    return inspection


def approve(inspection: Inspection, actor: Any, *, opinion: str = "") -> Inspection:
    """The ``approve`` step (54号: approved by the agency head before the visit)."""
    inspection.status = InspectionStatus.APPROVED
    inspection.decided_by, inspection.decided_at = actor, timezone.now()
    inspection.opinion = (opinion or "").strip()
    inspection.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
    return inspection


def refuse(inspection: Inspection, actor: Any, *, opinion: str = "") -> Inspection:
    """The ``refuse`` step: with the head's opinion; the filing's open joint offers lapse."""
    from zhifa.inspections.services import joint

    if not (opinion or "").strip():
        raise field_error("opinion", "不予批准须写明审批意见")
    inspection.status = InspectionStatus.REFUSED
    inspection.decided_by, inspection.decided_at = actor, timezone.now()
    inspection.opinion = opinion.strip()
    inspection.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
    joint.lapse_offers(inspection, actor)
    return inspection


def withdraw(inspection: Inspection, actor: Any, *, reason: str = "") -> Inspection:
    """The ``withdraw`` step: before the visit is recorded; open joint offers lapse."""
    from zhifa.inspections.services import joint

    inspection.status = InspectionStatus.WITHDRAWN
    if reason:
        inspection.opinion = reason.strip()
    inspection.save(update_fields=["status", "opinion"])
    joint.lapse_offers(inspection, actor)
    return inspection


def record(inspection: Inspection, actor: Any, **_: Any) -> Inspection:
    """The ``record`` step: the on-site record (事中登记) is done (the on-site services take it)."""
    inspection.status = InspectionStatus.RECORDED
    inspection.save(update_fields=["status"])
    return inspection


def close(inspection: Inspection, actor: Any, **_: Any) -> Inspection:
    """The ``close`` step: the visit's outcome is settled."""
    inspection.status = InspectionStatus.CLOSED
    inspection.save(update_fields=["status"])
    return inspection


# --- guards ----------------------------------------------------------------------------------


def has_submitted_record(inspection: Inspection, actor: Any, data: Any) -> str | None:
    """事中登记: an inspection is recorded only by its submitted on-site record (54号: the
    record made during the visit is what the filing is checked against afterwards), never by
    a bare status change."""
    record = getattr(inspection, "onsite_record", None)
    if record is None or record.submitted_at is None:
        return "尚未提交现场检查记录，不能登记完成"
    return None


def approvable_in_time(inspection: Inspection, actor: Any, data: Any) -> str | None:
    """Approval comes before the visit; once the window is over only an emergency (filed
    afterwards) may still be approved (54号)."""
    if inspection.emergency or inspection.window_end >= timezone.localdate():
        return None
    return "检查时段已过，不能再事前批准；请撤回该备案"
