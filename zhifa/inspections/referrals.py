"""The inspections' public service for referrals (移送立案): a visit whose outcome is a case to
open leaves a :class:`~zhifa.inspections.models.Referral`; the cases app reads and takes it through
:mod:`zhifa.core.referrals` (declared on this app's AppConfig), never importing this app.

A referral is for the inspection's lead agency, with the inspected party, the inspection's matters,
the facts found and the day of the visit (seed 004: 事中登记 → 移送立案). It becomes one lead
only: :func:`take` locks it and refuses a second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.errors import field_error
from zhifa.core.referrals import Referral as Shared
from zhifa.inspections.models import Referral

SOURCE = "inspection"
LABEL = "检查移送立案"


def _rows() -> Any:
    return Referral.objects.select_related(
        "record__inspection__party", "record__inspection__lead_agency"
    ).prefetch_related("record__inspection__matters")


def _shared(referral: Referral) -> Shared:
    inspection = referral.record.inspection
    return Shared(
        source=SOURCE,
        pk=referral.pk,
        label=f"{inspection.party.name}：{referral.facts[:40]}",
        agency_ids=(inspection.lead_agency_id,),
        party_id=inspection.party_id,
        matter_ids=tuple(sorted(m.pk for m in inspection.matters.all())),
        facts=referral.facts,
        found_on=referral.record.visited_on,
        reference=f"{inspection}现场检查记录"[:100],
        case_pk=referral.case_pk,
    )


def open_referrals(agency_ids: Iterable[int]) -> list[Shared]:
    """The referrals of these agencies' inspections not yet taken as a lead."""
    rows = _rows().filter(
        case_pk__isnull=True, record__inspection__lead_agency__in=list(agency_ids)
    )
    return [_shared(r) for r in rows.order_by("created_at", "pk")]


def get_referral(pk: int) -> Shared | None:
    found = _rows().filter(pk=pk).first()
    return _shared(found) if found is not None else None


def take(actor: Any, pk: int, case_pk: int) -> None:
    """The referral becomes case ``case_pk``'s lead: once (the row is locked; a referral already
    taken is refused with a Chinese message). Runs inside the lead's transaction."""
    with transaction.atomic():
        found = Referral.objects.select_for_update().filter(pk=pk).first()
        if found is None:
            raise field_error("referral", "没有这个移送立案")
        if found.case_pk is not None:
            raise field_error("referral", "该移送立案已登记为案件线索，一次移送只能登记一个线索")
        found.case_pk = case_pk
        found.taken_at = timezone.now()
        found.save(update_fields=["case_pk", "taken_at"])
        ledger.append(
            actor=actor,
            action="inspections.referral.take",
            obj=found,
            after=ledger.snapshot(found),
        )
