"""The random-inspection workflow tables: plans (抽查计划) and their draws (抽取); registered by
``workflows.register`` beside the pre-filing's tables.

- A plan is drafted by the lead agency (officer or information administrator), submitted, approved
  by the head (54号: inspections approved by the agency head; the special-plan quota is checked
  here), filed with the justice bureau, which acknowledges it (备案) or returns it (退回); a
  returned plan is revised and goes round again.
- A draw is started on a filed plan and goes freeze → announce → draw → inspectors → assign →
  publish (国办发〔2019〕5号, 双随机、一公开; ``services/draws.py``), by the lead agency's head or
  information administrator.
"""

from __future__ import annotations

from zhifa.core import workflow as wf
from zhifa.inspections.models import Draw, DrawStatus, InspectionPlan, PlanStatus
from zhifa.inspections.services import draws, plans
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles

DRAFTERS = (Role.OFFICER, Role.AGENCY_ADMIN)
DRAWERS = (Role.AGENCY_HEAD, Role.AGENCY_ADMIN)
DOC_54 = "54号"
DOC_5 = "国办发〔2019〕5号"

PLAN = wf.Workflow(
    name="inspections.plan",
    version=1,
    model=InspectionPlan,
    states=dict(PlanStatus.choices),
    agency_of=lambda plan: plan.lead_agency,
    role_check=agency_roles,
    lock_related=("lead_agency__region",),
    steps=(
        wf.Step(
            "draft",
            "新建计划",
            sources=(wf.INITIAL,),
            target=PlanStatus.DRAFT.value,
            roles=DRAFTERS,
            run=plans.draft,
        ),
        wf.Step(
            "revise",
            "修改计划",
            sources=(PlanStatus.DRAFT.value, PlanStatus.RETURNED.value),
            target=PlanStatus.DRAFT.value,
            roles=DRAFTERS,
            run=plans.revise,
            refusal=lambda plan: f"计划当前状态为{plan.get_status_display()}，不能修改",
        ),
        wf.Step(
            "submit",
            "提交审批",
            sources=(PlanStatus.DRAFT.value,),
            target=PlanStatus.SUBMITTED.value,
            roles=DRAFTERS,
            run=plans.submit,
            guards=(wf.Guard(plans.period_not_over, field="period_end"),),
        ),
        wf.Step(
            "approve",
            "批准",
            sources=(PlanStatus.SUBMITTED.value,),
            target=PlanStatus.APPROVED.value,
            roles=(Role.AGENCY_HEAD,),
            run=plans.approve,
            guards=(
                wf.Guard(plans.period_not_over, field="period_end"),
                wf.Guard(plans.matters_still_listed, field="matters", rule=DOC_5),
                wf.Guard(plans.within_special_quota, field="kind", rule=DOC_54),
            ),
        ),
        wf.Step(
            "send_back",
            "退回修改",
            sources=(PlanStatus.SUBMITTED.value,),
            target=PlanStatus.DRAFT.value,
            roles=(Role.AGENCY_HEAD,),
            run=plans.send_back,
        ),
        wf.Step(
            "file",
            "报司法行政部门备案",
            sources=(PlanStatus.APPROVED.value,),
            target=PlanStatus.FILED.value,
            roles=DRAWERS,
            run=plans.file,
            guards=(wf.Guard(plans.has_bureau, rule=DOC_54),),
        ),
        wf.Step(
            "acknowledge",
            "备案",
            sources=(PlanStatus.FILED.value,),
            target=PlanStatus.ACKNOWLEDGED.value,
            roles=(Role.SUPERVISOR,),
            run=lambda plan, actor, opinion="": plans.handle(
                plan, actor, acknowledge=True, opinion=opinion
            ),
            ledger_action="inspections.plan.handle",
        ),
        wf.Step(
            "return",
            "退回",
            sources=(PlanStatus.FILED.value,),
            target=PlanStatus.RETURNED.value,
            roles=(Role.SUPERVISOR,),
            run=lambda plan, actor, opinion="": plans.handle(
                plan, actor, acknowledge=False, opinion=opinion
            ),
            ledger_action="inspections.plan.handle",
        ),
    ),
)

DRAW = wf.Workflow(
    name="inspections.draw",
    version=1,
    model=Draw,
    states=dict(DrawStatus.choices),
    agency_of=lambda draw: draw.plan.lead_agency,
    role_check=agency_roles,
    snapshot=draws.snapshot,
    lock_related=("plan__lead_agency__region",),
    steps=(
        wf.Step(
            "freeze",
            "冻结抽取名单",
            sources=(wf.INITIAL,),
            target=DrawStatus.FROZEN.value,
            roles=DRAWERS,
            run=draws.freeze,
            guards=(wf.Guard(draws.plan_is_drawable, field="plan", rule=DOC_54, needs=("plan",)),),
        ),
        wf.Step(
            "announce",
            "公布名单和承诺值",
            sources=(DrawStatus.FROZEN.value,),
            target=DrawStatus.ANNOUNCED.value,
            roles=DRAWERS,
            run=draws.announce,
        ),
        wf.Step(
            "draw",
            "揭示种子并抽取",
            sources=(DrawStatus.ANNOUNCED.value,),
            target=DrawStatus.DRAWN.value,
            roles=DRAWERS,
            run=draws.select_targets,
        ),
        wf.Step(
            "freeze_inspectors",
            "公布检查人员名单和承诺值",
            sources=(DrawStatus.DRAWN.value,),
            target=DrawStatus.INSPECTORS_ANNOUNCED.value,
            roles=DRAWERS,
            run=draws.freeze_inspectors,
        ),
        wf.Step(
            "assign",
            "抽取检查人员",
            sources=(DrawStatus.INSPECTORS_ANNOUNCED.value,),
            target=DrawStatus.ASSIGNED.value,
            roles=DRAWERS,
            run=draws.assign_inspectors,
        ),
        wf.Step(
            "publish",
            "公开抽查结果",
            sources=(DrawStatus.ASSIGNED.value,),
            target=DrawStatus.PUBLISHED.value,
            roles=DRAWERS,
            run=draws.publish,
        ),
    ),
)


def register_plans() -> None:
    for table in (PLAN, DRAW):
        wf.register(table)
