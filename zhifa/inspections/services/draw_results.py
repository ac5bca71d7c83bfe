"""The results of a plan's visits, as published (一公开: 国办发〔2019〕5号 — 抽查结果及时向社会公开).

For each enterprise a draw selected: once its visit under the plan is recorded and submitted, the
day of the visit and the outcome (no problem / ordered to correct, with the re-check's finding /
referred for a case); before that only that the visit is not finished. Nothing about the officers
(their names and numbers are not results) and nothing of an unfinished visit's record.
"""

from __future__ import annotations

from typing import Any

from zhifa.inspections.models import (
    Draw,
    Inspection,
    InspectionStatus,
    OnSiteRecord,
    Outcome,
    RecordState,
)

PENDING_LABEL = "检查尚未完成"


def _outcome_label(record: OnSiteRecord) -> str:
    label = record.get_outcome_display()
    if record.outcome == Outcome.CORRECT and record.recheck_corrected is not None:
        label += "（复查：已整改）" if record.recheck_corrected else "（复查：未整改）"
    return label


def results(draw: Draw) -> list[dict[str, Any]]:
    """One row per target, in the draw's order: ``code``, ``name``, ``done`` and, when done,
    ``visited_on`` (ISO date), ``outcome`` and ``outcome_label``. A filing merged into a joint
    visit answers with the joint visit's record."""
    if not draw.revealed_seed:
        return []
    filed: dict[int, int] = {}
    for party_id, pk, merged_into in Inspection.objects.filter(plan=draw.plan_id).values_list(
        "party_id", "pk", "merged_into"
    ):
        filed.setdefault(party_id, merged_into or pk)
    records = {
        r.inspection_id: r
        for r in OnSiteRecord.objects.filter(
            inspection_id__in=filed.values(),
            state=RecordState.SUBMITTED,
            inspection__status__in=(InspectionStatus.RECORDED, InspectionStatus.CLOSED),
        ).exclude(outcome="")
    }
    rows = []
    for target in draw.targets.select_related("party"):
        record = records.get(filed.get(target.party_id, 0))
        row: dict[str, Any] = {"code": target.code, "name": target.party.name, "done": False}
        if record is None:
            row["outcome_label"] = PENDING_LABEL
        else:
            row.update(
                done=True,
                visited_on=record.visited_on.isoformat(),
                outcome=record.outcome,
                outcome_label=_outcome_label(record),
            )
        rows.append(row)
    return rows
