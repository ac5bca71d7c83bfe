"""The inspections app's workflow tables: the pre-filed inspection (事前备案) and the joint-visit
offer (撮合).

- An inspection is filed as a draft by an officer of the lead agency, submitted (every refusal of
  the pre-filing checked again), approved by the agency head before the visit or refused with an
  opinion (54号), recorded on site (事中登记, the on-site services take that step) and closed. It
  may be withdrawn until it is recorded. A filing merged into a joint visit stays as 已并入.
- A joint offer is open until both filings' agencies accept (the filings merge) or one declines;
  it lapses when either filing can no longer be joined.
"""

from __future__ import annotations

from zhifa.core import workflow as wf
from zhifa.inspections.models import (
    Inspection,
    InspectionStatus,
    JointOffer,
    JointOfferStatus,
)
from zhifa.inspections.prefiling import GUIDELINE_54
from zhifa.inspections.services import filings, joint
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles

DRAFT, SUBMITTED, APPROVED, RECORDED, CLOSED, REFUSED, WITHDRAWN = (
    InspectionStatus.DRAFT.value,
    InspectionStatus.SUBMITTED.value,
    InspectionStatus.APPROVED.value,
    InspectionStatus.RECORDED.value,
    InspectionStatus.CLOSED.value,
    InspectionStatus.REFUSED.value,
    InspectionStatus.WITHDRAWN.value,
)
FILERS = (Role.OFFICER, Role.AGENCY_HEAD)
HEADS = (Role.AGENCY_HEAD,)
OFFICERS = (Role.OFFICER,)
#: Who answers a joint offer for an agency: its officers and its head.
OFFER_ROLES = (Role.OFFICER, Role.AGENCY_HEAD)

INSPECTION = wf.Workflow(
    name="inspections.inspection",
    version=1,
    model=Inspection,
    states=dict(InspectionStatus.choices),
    agency_of=lambda inspection: inspection.lead_agency,
    role_check=agency_roles,
    snapshot=filings.snapshot,
    lock_related=("lead_agency__region", "party"),
    steps=(
        wf.Step(
            "file", "备案", sources=(wf.INITIAL,), target=DRAFT, roles=FILERS, run=filings.file
        ),
        wf.Step(
            "submit",
            "提交审批",
            sources=(DRAFT,),
            target=SUBMITTED,
            roles=FILERS,
            run=filings.submit,
        ),
        wf.Step(
            "approve",
            "批准",
            sources=(SUBMITTED,),
            target=APPROVED,
            roles=HEADS,
            run=filings.approve,
            guards=(wf.Guard(filings.approvable_in_time, field="window_end", rule=GUIDELINE_54),),
        ),
        wf.Step(
            "refuse",
            "不予批准",
            sources=(SUBMITTED,),
            target=REFUSED,
            roles=HEADS,
            run=filings.refuse,
        ),
        wf.Step(
            "withdraw",
            "撤回",
            sources=(DRAFT, SUBMITTED, APPROVED),
            target=WITHDRAWN,
            roles=FILERS,
            run=filings.withdraw,
        ),
        wf.Step(
            "record",
            "现场登记完成",
            sources=(APPROVED,),
            target=RECORDED,
            roles=OFFICERS,
            run=filings.record,
            guards=(wf.Guard(filings.has_submitted_record, rule=GUIDELINE_54),),
        ),
        wf.Step(
            "close", "办结", sources=(RECORDED,), target=CLOSED, roles=FILERS, run=filings.close
        ),
    ),
)

JOINT_OFFER = wf.Workflow(
    name="inspections.jointoffer",
    version=1,
    model=JointOffer,
    states=dict(JointOfferStatus.choices),
    agency_of=lambda offer: offer,
    role_check=joint.either_side,
    lock_related=("first__lead_agency", "second__lead_agency"),
    steps=(
        wf.Step(
            "accept",
            "同意联合检查",
            sources=(JointOfferStatus.OPEN.value,),
            target=None,
            roles=OFFER_ROLES,
            run=joint.answer,
            guards=(wf.Guard(joint.still_joinable), wf.Guard(joint.not_yet_accepted)),
            refusal=lambda offer: f"该撮合{offer.get_status_display()}",
        ),
        wf.Step(
            "decline",
            "谢绝",
            sources=(JointOfferStatus.OPEN.value,),
            target=JointOfferStatus.DECLINED.value,
            roles=OFFER_ROLES,
            run=joint.decline,
            refusal=lambda offer: f"该撮合{offer.get_status_display()}",
        ),
    ),
)


def register() -> None:
    from zhifa.inspections.plan_workflows import register_plans

    for table in (INSPECTION, JOINT_OFFER):
        wf.register(table)
    register_plans()
