"""The workflow tables of major-decision filings (``cases.filing``) and transfers
(``cases.transfer``), on ``zhifa.core.workflow``.

Filing (seed 002; 监督条例 art. 6): open (when the head decides a major case) → 待报备 → file (the
case's officers or the agency head; late filing allowed, flagged) → 已报备 → accept (the justice
bureau's supervisors of the agency's region) → 审查中 → clear (无异议) or correct (纠正意见) →
respond (the agency) → 已反馈.

Transfer (seed 000 (十五)): made by the case table's ``transfer`` step (已移送，待回执) → receive
(回执) → conclude (立案, or 不予立案 and the case returned); the case's officers or the head.
"""

from __future__ import annotations

from typing import Any

from zhifa.cases.models import (
    Case,
    FilingStatus,
    MajorDecisionFiling,
    Transfer,
    TransferStatus,
)
from zhifa.cases.services import filings, transfers
from zhifa.cases.workflows import case_roles
from zhifa.core import workflow as wf
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles

F, T = FilingStatus, TransferStatus
AGENCY_SIDE = (Role.OFFICER, Role.AGENCY_HEAD)
BUREAU = (Role.SUPERVISOR,)


def filing_roles(actor: Any, target: Any, roles: tuple[str, ...]) -> str | None:
    """The bureau's steps: a supervisor whose region holds the agency (a district's supervisor
    only its district's agencies); the agency's steps: the case's officers or the agency head."""
    case = target.case if isinstance(target, MajorDecisionFiling) else target
    if Role.SUPERVISOR in roles:
        agency = case.agency if isinstance(case, Case) else case
        refusal = agency_roles(actor, agency, roles)
        return refusal and "只有本地区司法行政部门的执法监督人员可以审查备案"
    return case_roles(actor, case, roles)


FILING = wf.Workflow(
    name="cases.filing",
    version=1,
    model=MajorDecisionFiling,
    states=dict(FilingStatus.choices),
    agency_of=lambda filing: filing,
    role_check=filing_roles,
    snapshot=filings.snapshot,
    lock_related=("case__agency__region",),
    steps=(
        wf.Step(
            "open",
            "列入重大行政处罚决定备案",
            sources=(wf.INITIAL,),
            target=F.DUE,
            roles=(Role.AGENCY_HEAD,),
            run=filings.open_filing,
        ),
        wf.Step(
            "file",
            "报司法局备案",
            sources=(F.DUE,),
            target=F.FILED,
            roles=AGENCY_SIDE,
            run=filings.file,
            confirm="报备后不能撤回。确定报司法局备案吗？",
        ),
        wf.Step(
            "accept",
            "受理备案",
            sources=(F.FILED,),
            target=F.ACCEPTED,
            roles=BUREAU,
            run=filings.accept_step,
        ),
        wf.Step(
            "clear",
            "审查无异议",
            sources=(F.ACCEPTED,),
            target=F.CLEARED,
            roles=BUREAU,
            run=filings.clear_step,
            confirm="审查结论作出后不能修改。确定无异议吗？",
        ),
        wf.Step(
            "correct",
            "提出纠正意见",
            sources=(F.ACCEPTED,),
            target=F.CORRECTION,
            roles=BUREAU,
            run=filings.correct_step,
            confirm="纠正意见将送达执法机关，不能修改。确定提出吗？",
        ),
        wf.Step(
            "respond",
            "反馈纠正情况",
            sources=(F.CORRECTION,),
            target=F.RESPONDED,
            roles=AGENCY_SIDE,
            run=filings.respond_step,
        ),
    ),
)

TRANSFER = wf.Workflow(
    name="cases.transfer",
    version=1,
    model=Transfer,
    states=dict(TransferStatus.choices),
    agency_of=lambda transfer: transfer.case,
    role_check=case_roles,
    snapshot=transfers.snapshot,
    lock_related=("case__agency",),
    steps=(
        wf.Step(
            "receive",
            "登记回执",
            sources=(T.SENT,),
            target=T.RECEIVED,
            roles=AGENCY_SIDE,
            run=transfers.receive,
        ),
        wf.Step(
            "conclude",
            "登记处理结果",
            sources=(T.RECEIVED,),
            target=None,
            roles=AGENCY_SIDE,
            run=transfers.conclude,
        ),
    ),
)


def register() -> None:
    wf.register(FILING)
    wf.register(TRANSFER)
