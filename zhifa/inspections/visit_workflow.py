"""The on-site record's workflow table: opened by an officer of the inspection on the visit day,
submitted with the outcome, re-checked when the enterprise was ordered to correct.

Who may act is not a role in an agency but being one of the inspection's officers (a joint visit
has officers of several agencies), so the table's role check asks the inspection itself.
"""

from __future__ import annotations

from typing import Any

from zhifa.core import workflow as wf
from zhifa.inspections.models import OnSiteRecord, RecordState
from zhifa.inspections.services import outcome
from zhifa.inspections.services.visits import OFFICERS_ONLY, record_snapshot

OPEN, SUBMITTED = RecordState.OPEN.value, RecordState.SUBMITTED.value
OFFICERS = ("officer",)
PENALTY_55 = "《中华人民共和国行政处罚法》第五十五条"
RECORDING = "《中华人民共和国行政处罚法》第四十七条"


def inspection_officer(user: Any, inspection: Any, roles: tuple[str, ...]) -> str | None:
    """``None`` when ``user`` is one of ``inspection``'s officers, else the refusal."""
    if getattr(user, "is_authenticated", False) and inspection.officers.filter(user=user).exists():
        return None
    return OFFICERS_ONLY


RECORD = wf.Workflow(
    name="inspections.onsiterecord",
    version=1,
    model=OnSiteRecord,
    states={OPEN: "登记中", SUBMITTED: "已提交"},
    state_of=lambda record: record.state,
    agency_of=lambda record: record.inspection,
    role_check=inspection_officer,
    snapshot=record_snapshot,
    steps=(
        wf.Step(
            "open",
            "开始现场检查",
            sources=(wf.INITIAL,),
            target=OPEN,
            roles=OFFICERS,
            run=outcome.open_record,
        ),
        wf.Step(
            "submit",
            "提交检查结果",
            sources=(OPEN,),
            target=SUBMITTED,
            roles=OFFICERS,
            run=outcome.submit_record,
            guards=(
                wf.Guard(outcome.unanswered_reason, field="results"),
                wf.Guard(outcome.badges_reason, field="badges_shown", rule=PENALTY_55),
                wf.Guard(outcome.recording_reason, field="recording_on", rule=RECORDING),
            ),
            refusal=lambda record: "现场检查记录已提交",
        ),
        wf.Step(
            "recheck",
            "登记复查",
            sources=(SUBMITTED,),
            target=None,
            roles=OFFICERS,
            run=outcome.recheck,
            guards=(wf.Guard(outcome.recheck_reason, field="outcome"),),
        ),
    ),
)


def register() -> None:
    wf.register(RECORD)
