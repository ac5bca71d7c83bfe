"""The case table's rows for a transfer answered 不予立案 (``zhifa.cases.workflows`` splices them
in after ``transfer``): the receiver returned the case, and the agency head takes it on again —
an opened case back to the investigation (to decide it, or end it with its reason by 撤销立案), a
lead transferred before opening back to the leads (处罚法 art. 27; seed 000 (十五))."""

from __future__ import annotations

from typing import Any

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.services import transfers
from zhifa.core import workflow as wf
from zhifa.org.models import Role

HEADS = (Role.AGENCY_HEAD,)


def _returned(case: Case, user: Any, data: Any) -> str | None:
    return transfers.return_problem(case)


def _opened(case: Case, user: Any, data: Any) -> str | None:
    return None if case.opened_on else "本案移送时尚未立案，退回后继续办理线索"


def _not_opened(case: Case, user: Any, data: Any) -> str | None:
    return "本案已立案，退回后继续调查" if case.opened_on else None


RETURNED = wf.Guard(_returned, rule=transfers.RETURN_RULE)
RETURN_STEPS = (
    wf.Step(
        "resume_after_transfer",
        "案件退回后继续调查",
        (CaseStatus.TRANSFERRED,),
        CaseStatus.INVESTIGATION,
        HEADS,
        transfers.resume_investigation,
        guards=(RETURNED, wf.Guard(_opened)),
    ),
    wf.Step(
        "resume_lead_after_transfer",
        "案件退回后继续办理线索",
        (CaseStatus.TRANSFERRED,),
        CaseStatus.LEAD,
        HEADS,
        transfers.resume_lead,
        guards=(RETURNED, wf.Guard(_not_opened)),
    ),
)
