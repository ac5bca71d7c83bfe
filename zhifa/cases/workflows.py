"""The cases app's workflow tables (on ``zhifa.core.workflow``).

Version 1 holds the lead: an officer (or the head) of the agency records it. The procedures'
steps (opening, investigation, prior notice, hearing, legal review, collective discussion,
decision, service, execution, closing, archive; summary decision on the spot) extend it.
"""

from __future__ import annotations

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.services import leads
from zhifa.core import workflow as wf
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles

LEAD = CaseStatus.LEAD.value
HANDLERS = (Role.OFFICER, Role.AGENCY_HEAD)

CASE = wf.Workflow(
    name="cases.case",
    version=1,
    model=Case,
    states=dict(CaseStatus.choices),
    agency_of=lambda case: case.agency,
    role_check=agency_roles,
    snapshot=leads.snapshot,
    lock_related=("agency__region",),
    steps=(
        wf.Step(
            "record",
            "登记线索",
            sources=(wf.INITIAL,),
            target=LEAD,
            roles=HANDLERS,
            run=leads.record,
        ),
    ),
)


def register() -> None:
    wf.register(CASE)
