"""撮合: joint-visit matching (联合检查, "进一次门、查多项事": seed 004; seed 000 (十二)).

When an agency submits a filing for an enterprise that another agency has already filed for in an
overlapping window, both are told (their to-dos) and offered one joint visit. Each side accepts
or declines; when both accept, the later filing is merged into the earlier one: one filing with
several agencies, their officers and matters, in the common part of the two windows, counted once
for the enterprise. The merged visit stays approved only if both filings were; otherwise it goes
to the lead agency's head for approval. An offer lapses when either filing is refused, withdrawn
or merged elsewhere.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from zhifa.core import ledger, workflow
from zhifa.inspections.models import (
    Inspection,
    InspectionStatus,
    JointOffer,
    JointOfferStatus,
)
from zhifa.org.permissions import holds_role_in

#: Filings that can still be joined: filed and not yet visited.
JOINABLE = (InspectionStatus.SUBMITTED, InspectionStatus.APPROVED)


def _snapshot(inspection: Inspection) -> dict[str, Any]:
    from zhifa.inspections.services.filings import snapshot

    return snapshot(inspection)


def offer_for(inspection: Inspection, actor: Any) -> list[JointOffer]:
    """Offer a joint visit between ``inspection`` and every joinable filing of another agency for
    the same enterprise whose window overlaps (each pair once); recorded in the ledger."""
    others = (
        Inspection.objects.filter(
            party=inspection.party,
            status__in=JOINABLE,
            window_start__lte=inspection.window_end,
            window_end__gte=inspection.window_start,
        )
        .exclude(pk=inspection.pk)
        .exclude(agencies__in=inspection.agencies.all())
        .order_by("pk")
    )
    made = []
    for other in others:
        first, second = sorted((other, inspection), key=lambda i: i.pk)
        if JointOffer.objects.filter(first=first, second=second).exists():
            continue
        offer = JointOffer.objects.create(first=first, second=second)
        ledger.append(
            actor=actor,
            action="inspections.jointoffer.offer",
            obj=offer,
            after=ledger.snapshot(offer),
        )
        made.append(offer)
    return made


def open_offers(inspection: Inspection):
    return JointOffer.objects.filter(
        Q(first=inspection) | Q(second=inspection), status=JointOfferStatus.OPEN
    )


def lapse_offers(inspection: Inspection, actor: Any, *, keep: JointOffer | None = None) -> None:
    """The open offers of a filing that can no longer be joined lapse (each in the ledger)."""
    for offer in open_offers(inspection).exclude(pk=keep.pk if keep else None):
        before = ledger.snapshot(offer)
        offer.status = JointOfferStatus.LAPSED
        offer.note = f"{inspection}已{inspection.get_status_display()}"
        offer.save(update_fields=["status", "note"])
        ledger.append(
            actor=actor,
            action="inspections.jointoffer.lapse",
            obj=offer,
            before=before,
            after=ledger.snapshot(offer),
        )


# --- the public services ---------------------------------------------------------------------


def accept_offer(actor: Any, offer: JointOffer) -> JointOffer:
    return workflow.transition(offer, "accept", actor)


def decline_offer(actor: Any, offer: JointOffer, *, note: str = "") -> JointOffer:
    return workflow.transition(offer, "decline", actor, note=note)


# --- the table's role check, guards and steps ------------------------------------------------


def sides_of(actor: Any, offer: JointOffer, roles: tuple[str, ...]) -> list[str]:
    """Which sides (``first``, ``second``) ``actor`` may answer for: holding one of ``roles`` in
    that filing's lead agency."""
    return [
        side
        for side in ("first", "second")
        if holds_role_in(actor, getattr(offer, side).lead_agency, *roles)
    ]


def either_side(actor: Any, offer: JointOffer, roles: tuple[str, ...]) -> str | None:
    """Role check of the offer's table: a holder of ``roles`` in either filing's lead agency."""
    if sides_of(actor, offer, roles):
        return None
    return "只有两个备案执法主体的执法人员或负责人可以回应联合检查撮合"


def still_joinable(offer: JointOffer, actor: Any, data: Any) -> str | None:
    for side in (offer.first, offer.second):
        if side.status not in JOINABLE:
            return f"{side}已{side.get_status_display()}，不能再合并为联合检查"
    return None


def not_yet_accepted(offer: JointOffer, actor: Any, data: Any) -> str | None:
    """An agency accepts once; then it waits for the other."""
    from zhifa.inspections.workflows import OFFER_ROLES

    sides = sides_of(actor, offer, OFFER_ROLES)
    if sides and all(getattr(offer, f"{side}_accepted_by_id") for side in sides):
        return "本机关已同意该联合检查，等待对方回应"
    return None


def answer(offer: JointOffer, actor: Any) -> JointOffer:
    """The ``accept`` step: the actor's side(s) accept; when both have, the filings merge."""
    from zhifa.inspections.workflows import OFFER_ROLES

    for side in sides_of(actor, offer, OFFER_ROLES):
        field = f"{side}_accepted_by"
        if getattr(offer, field) is None:
            setattr(offer, field, actor)
    offer.save(update_fields=["first_accepted_by", "second_accepted_by"])
    if offer.first_accepted_by_id and offer.second_accepted_by_id:
        merge(offer, actor)
    return offer


def decline(offer: JointOffer, actor: Any, *, note: str = "") -> JointOffer:
    """The ``decline`` step: each agency visits on its own filing."""
    offer.status = JointOfferStatus.DECLINED
    offer.declined_by = actor
    offer.note = (note or "").strip()[:200]
    offer.save(update_fields=["status", "declined_by", "note"])
    return offer


def merge(offer: JointOffer, actor: Any) -> Inspection:
    """Merge the later filing into the earlier one: one visit with several agencies."""
    lead = Inspection.objects.select_for_update().get(pk=offer.first_id)
    other = Inspection.objects.select_for_update().get(pk=offer.second_id)
    lead_before, other_before = _snapshot(lead), _snapshot(other)
    lead.agencies.add(*other.agencies.all())
    lead.officers.add(*other.officers.all())
    lead.matters.add(*other.matters.all())
    lead.window_start = max(lead.window_start, other.window_start)
    lead.window_end = min(lead.window_end, other.window_end)
    lead.basis = f"{lead.basis}\n（{other.lead_agency.name}）{other.basis}"
    lead.emergency = lead.emergency or other.emergency
    lead.emergency_reason = "\n".join(
        r for r in (lead.emergency_reason, other.emergency_reason) if r
    )
    both_approved = (
        lead.status == InspectionStatus.APPROVED and other.status == InspectionStatus.APPROVED
    )
    if not both_approved and lead.status == InspectionStatus.APPROVED:
        lead.status = InspectionStatus.SUBMITTED
        lead.decided_by, lead.decided_at = None, None
        lead.opinion = "合并为联合检查，须重新审批"
    lead.save()
    other.status = InspectionStatus.MERGED
    other.merged_into = lead
    other.save(update_fields=["status", "merged_into"])
    offer.status = JointOfferStatus.ACCEPTED
    offer.save(update_fields=["status"])
    for inspection, before in ((lead, lead_before), (other, other_before)):
        ledger.append(
            actor=actor,
            action="inspections.inspection.merge",
            obj=inspection,
            before=before,
            after=_snapshot(inspection),
        )
    lapse_offers(other, actor, keep=offer)
    return lead
