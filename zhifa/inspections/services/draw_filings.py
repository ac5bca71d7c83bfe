"""Pre-filings (事前备案) generated from a draw's result (双随机: the drawn enterprises, visited by
the drawn inspectors).

Once a draw's inspectors are drawn (the inspector seed revealed), an officer or the head of the
plan's lead agency files, in one go, one inspection per selected enterprise: the plan's matters,
the target's drawn inspectors (a joint plan: one filing with all its agencies, each agency's
drawn pair), the plan's period (from today when it has begun), 日常 or 专项 as
the plan, ``Inspection.plan`` set, submitted for the head's approval like any filing (54号: every
enterprise inspection is filed and approved before the visit; seed 004 济南 事前备案).

**Per target, not all or nothing.** Each filing is checked against every refusal of
:mod:`zhifa.inspections.prefiling`, exactly as a hand-made one. The draw cannot be done again
(its seed is public), so one enterprise that cannot be filed today — the agency already filed for
it in an overlapping window, an inspector's certificate lapsed since the draw — must not hold back
the visits to all the others: a refused target is listed with its reasons and left unfiled, the
others are filed. The whole run is one transaction (each target in its own savepoint) and writes
one ledger entry on the draw beside each filing's own. Running it again files only what is still
missing: an enterprise that already has a filing under the plan (whatever became of it) is
skipped, so a second run creates nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core import ledger
from zhifa.inspections.models import (
    Draw,
    DrawStatus,
    DrawTarget,
    Inspection,
    InspectionKind,
    PlanKind,
)
from zhifa.inspections.services import filings
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles

#: Who files the drawn targets: the lead agency's officers and its head (as any filing).
FILERS = (Role.OFFICER, Role.AGENCY_HEAD)
#: The inspectors are known (the inspector seed revealed) from these states on.
FILEABLE = (DrawStatus.ASSIGNED, DrawStatus.PUBLISHED)
KIND_OF_PLAN = {PlanKind.DAILY: InspectionKind.ROUTINE, PlanKind.SPECIAL: InspectionKind.SPECIAL}


@dataclass
class TargetsFiled:
    """What a run did: the filings made, the targets already filed, those refused and why."""

    created: list[Inspection] = field(default_factory=list)
    already: list[DrawTarget] = field(default_factory=list)
    refused: list[tuple[DrawTarget, list[str]]] = field(default_factory=list)


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


def fileable_reason(draw: Draw) -> str | None:
    """Why the draw's targets cannot be filed now, or None."""
    if draw.status not in FILEABLE:
        return "抽取检查人员后才能按抽取结果生成备案"
    if draw.plan.period_end < timezone.localdate():
        return "计划检查期限已过，不能再生成备案"
    return None


def may_file(actor: Any, draw: Draw) -> bool:
    return agency_roles(actor, draw.plan.lead_agency, FILERS) is None


@transaction.atomic
def file_drawn_targets(actor: Any, draw: Draw) -> TargetsFiled:
    """File one inspection per target of ``draw`` not filed yet (see the module's docstring);
    refused as a whole only when the actor may not file for the lead agency or the draw is not
    at that stage."""
    draw = Draw.objects.select_for_update().select_related("plan__lead_agency").get(pk=draw.pk)
    plan = draw.plan
    refusal = agency_roles(actor, plan.lead_agency, FILERS)
    if refusal:
        raise PermissionDenied(refusal)
    reason = fileable_reason(draw)
    if reason:
        raise ValidationError({"draw": reason})
    today = timezone.localdate()
    matters = list(plan.matters.all())
    filed = set(Inspection.objects.filter(plan=plan).values_list("party_id", flat=True))
    result = TargetsFiled()
    targets = draw.targets.select_related("party").prefetch_related("inspector_draws__officers")
    joint = [a for a in plan.agencies.all() if a.pk != plan.lead_agency_id]
    basis = f"{plan.name}（双随机抽查，计划依据：{plan.basis or '国办发〔2019〕5号'}）"
    for target in targets:
        if target.party_id in filed:
            result.already.append(target)
            continue
        officers = [o for row in target.inspector_draws.all() for o in row.officers.all()]
        try:
            with transaction.atomic():
                inspection = filings.file_inspection(
                    actor,
                    plan.lead_agency,
                    party=target.party,
                    kind=KIND_OF_PLAN[PlanKind(plan.kind)],
                    window_start=max(plan.period_start, today),
                    window_end=plan.period_end,
                    officers=officers,
                    matters=matters,
                    basis=basis,
                    plan=plan,
                    joint_agencies=joint,
                )
        except ValidationError as refused:
            result.refused.append((target, _messages(refused)))
        else:
            result.created.append(inspection)
    ledger.append(
        actor=actor,
        action="inspections.draw.file_targets",
        obj=draw,
        after={
            "created": [i.pk for i in result.created],
            "already": [t.code for t in result.already],
            "refused": {t.code: reasons for t, reasons in result.refused},
        },
    )
    return result
