"""The coercive measure's workflow table (``cases.coercive_measure``, on ``zhifa.core.workflow``).

Ordinary (强制法 arts. 18, 24): request (the case's officers) → approve (the head) → carry out
(the officers) → in force → extend once (the head, art. 25) → lift (art. 28); or refuse (the head):
not approved, never carried out.
Emergency (art. 19): carry out on the spot (the officers) → report to the head (within 24 hours;
later is recorded and flagged) → ratify (the head: in force, then as above) or annul (the head: lifted
at once). While the measure binds the party's property: record an appraisal period (the officers,
art. 25), propose lifting (the officers) and lift or decline (the head, art. 28). Before it is
carried out the officers may correct its list (art. 24).

The guards cite their article; each failing guard says which rule in Chinese.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases.models.coercive import CoerciveMeasure, CoerciveStatus
from zhifa.cases.services import coercive, coercive_checks
from zhifa.cases.services import coercive_changes as changes
from zhifa.cases.workflows import HEADS, OFFICERS, case_roles
from zhifa.core import workflow as wf

S = CoerciveStatus
ART_18 = "《中华人民共和国行政强制法》第十八条"
ART_19 = "《中华人民共和国行政强制法》第十九条"
ART_25 = "《中华人民共和国行政强制法》第二十五条、第三十二条"
ART_28 = "《中华人民共和国行政强制法》第二十八条"


def _matters(case: Any) -> list:
    return [m.matter for m in case.matters.select_related("matter")]


def _officers_in_data(_: None, user: Any, data: Any) -> str | None:
    """At least two officers who may enforce on the day, for the case's matters (art. 18(二))."""
    case = data.get("case")
    day = data.get("on") or timezone.localdate()
    return coercive_checks.officers_problem(data.get("officers") or [], _matters(case), day)


def _officers_of_measure(measure: CoerciveMeasure, user: Any, data: Any) -> str | None:
    day = data.get("on") or timezone.localdate()
    officers = list(measure.officers.select_related("agency"))
    return coercive_checks.officers_problem(officers, _matters(measure.case), day)


def _before_the_end(measure: CoerciveMeasure, user: Any, data: Any) -> str | None:
    return coercive.ended_problem(measure, data.get("today") or timezone.localdate())


def _at_most_30_days(measure: CoerciveMeasure, user: Any, data: Any) -> str | None:
    return coercive.days_problem(data.get("days"))


def _extended_once(measure: CoerciveMeasure) -> str:
    if measure.status == S.EXTENDED:
        on = measure.extended_on
        return f"依据{ART_25}：延长期限只能一次，本措施已于{on.year}年{on.month}月{on.day}日延长"
    return f"当前状态为{measure.get_status_display()}，不能延长期限"


RUNNING = (S.EMERGENCY.value, S.REPORTED.value, S.IN_FORCE.value, S.EXTENDED.value)

COERCIVE = wf.Workflow(
    name="cases.coercive_measure",
    version=1,
    model=CoerciveMeasure,
    states=dict(CoerciveStatus.choices),
    agency_of=lambda measure: measure.case,
    role_check=case_roles,
    snapshot=coercive.snapshot,
    lock_related=("case__agency",),
    steps=(
        wf.Step(
            "request",
            "提请采取行政强制措施",
            sources=(wf.INITIAL,),
            target=S.REQUESTED.value,
            roles=OFFICERS,
            run=coercive._request,
            guards=(wf.Guard(_officers_in_data, "officers", ART_18, needs=("officers",)),),
        ),
        wf.Step(
            "carry_out_on_spot",
            "当场实施",
            sources=(wf.INITIAL,),
            target=S.EMERGENCY.value,
            roles=OFFICERS,
            run=coercive._on_spot,
            guards=(wf.Guard(_officers_in_data, "officers", ART_18, needs=("officers",)),),
        ),
        wf.Step(
            "approve",
            "批准",
            sources=(S.REQUESTED.value,),
            target=S.APPROVED.value,
            roles=HEADS,
            run=coercive._approve,
        ),
        wf.Step(
            "refuse",
            "不予批准",
            sources=(S.REQUESTED.value,),
            target=S.NOT_APPROVED.value,
            roles=HEADS,
            run=coercive._refuse,
            confirm="不予批准后本次提请即告终结，确定吗？",
        ),
        wf.Step(
            "carry_out",
            "实施",
            sources=(S.APPROVED.value,),
            target=S.IN_FORCE.value,
            roles=OFFICERS,
            run=coercive._carry_out,
            guards=(wf.Guard(_officers_of_measure, "officers", ART_18),),
            confirm="记录实施后期限开始计算，确定已向当事人送达决定书和清单吗？",
        ),
        wf.Step(
            "report",
            "向负责人报告",
            sources=(S.EMERGENCY.value,),
            target=S.REPORTED.value,
            roles=OFFICERS,
            run=coercive._report,
        ),
        wf.Step(
            "ratify",
            "补办批准",
            sources=(S.REPORTED.value,),
            target=S.IN_FORCE.value,
            roles=HEADS,
            run=coercive._ratify,
        ),
        wf.Step(
            "annul",
            "不予批准并立即解除",
            sources=(S.REPORTED.value,),
            target=S.LIFTED.value,
            roles=HEADS,
            run=coercive._annul,
            confirm="不予批准的，应当立即解除措施并退还财物，确定吗？",
        ),
        wf.Step(
            "extend",
            "延长期限",
            sources=(S.IN_FORCE.value,),
            target=S.EXTENDED.value,
            roles=HEADS,
            run=coercive._extend,
            guards=(
                wf.Guard(_before_the_end, "days", ART_25),
                wf.Guard(_at_most_30_days, "days", ART_25, needs=("days",)),
            ),
            refusal=_extended_once,
            refusal_field="days",
            confirm="延长期限只能一次，批准后不能撤回，确定吗？",
        ),
        wf.Step(
            "correct_items",
            "更正清单",
            sources=(S.REQUESTED.value, S.APPROVED.value),
            target=None,
            roles=OFFICERS,
            run=changes._correct_items,
            refusal=changes.items_refusal,
            refusal_field="items",
        ),
        wf.Step(
            "record_appraisal",
            "登记检测、检验、检疫或者技术鉴定期间",
            sources=RUNNING,
            target=None,
            roles=OFFICERS,
            run=changes._record_appraisal,
        ),
        wf.Step(
            "propose_lift",
            "提请解除",
            sources=RUNNING,
            target=None,
            roles=OFFICERS,
            run=changes._propose_lift,
        ),
        wf.Step(
            "lift",
            "批准解除",
            sources=RUNNING,
            target=S.LIFTED.value,
            roles=HEADS,
            run=changes._lift,
            confirm="解除后措施即告终结，确定已经或将立即退还财物吗？",
        ),
        wf.Step(
            "decline_lift",
            "不予解除",
            sources=RUNNING,
            target=None,
            roles=HEADS,
            run=changes._decline_lift,
            guards=(wf.Guard(changes.no_proposal, "opinion"),),
        ),
    ),
)


def register() -> None:
    wf.register(COERCIVE)
