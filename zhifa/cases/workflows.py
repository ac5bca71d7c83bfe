"""The case's workflow table (on ``zhifa.core.workflow``): both procedures in one table of the
``Case`` model, since a case is one row whichever procedure it follows.

- 普通程序 (处罚法 arts. 54–65): lead (线索, ``record``) → request to open → opening approved by
  the head (立案, the number given) → investigation → prior notice (事先告知) → statement or hearing
  (听证, on the party's request) → legal review (法制审核, when required) → the head's decision
  (集体讨论 first when complex or serious) → service (送达) → execution → closing (结案) →
  archive (归档). Also: not opened, decide no penalty, withdraw, transfer (移送, 行刑衔接).
- 简易程序 (arts. 51, 52): ``decide_on_spot`` creates the case already decided and served on the
  spot (it never passes through the ordinary states); the fine may be collected on the spot
  (arts. 68, 69); then closing and archive as above.

Who: the case's own officers (or the agency head) take the officers' steps; the head approves,
decides, withdraws and transfers; the agency's legal reviewers pass or return the review. The
law's conditions are guards citing their article (``zhifa.cases.rules``); the legal-review and
decision step tightens the hooks there (``decision_allowed``, ``review_required``,
``discussion_required``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases import rules
from zhifa.cases.models import Case, CaseStatus, Procedure
from zhifa.cases.services import execution, leads, procedure, review_grounds, summary, takeover
from zhifa.cases.spot_filing_steps import FILED_BEFORE_CLOSING, FILING_STEPS
from zhifa.cases.transfer_steps import RETURN_STEPS
from zhifa.core import workflow as wf
from zhifa.org.models import Agency, Role
from zhifa.org.permissions import agency_roles

S = CaseStatus
OFFICERS = (Role.OFFICER, Role.AGENCY_HEAD)
HEADS = (Role.AGENCY_HEAD,)
REVIEWERS = (Role.LEGAL_REVIEWER,)
#: Open cases the head may still withdraw or transfer.
UNDER_WAY = (
    S.INVESTIGATION.value,
    S.PRIOR_NOTICE.value,
    S.HEARING.value,
    S.LEGAL_REVIEW.value,
    S.DISCUSSION.value,
    S.DECIDING.value,
)
NOT_ON_CASE = "只有本案的承办人员或执法主体负责人可以办理此事项"


def case_roles(actor: Any, target: Any, roles: tuple[str, ...]) -> str | None:
    """The role check of the table: ``target`` is the case (or, for a step that creates one, the
    agency). An officer acts only on the cases they handle; the head on every case of the
    agency; a reviewer on the agency's cases under review."""
    agency: Agency = target.agency if isinstance(target, Case) else target
    refusal = agency_roles(actor, agency, roles)
    if refusal or not isinstance(target, Case) or Role.OFFICER not in roles:
        return refusal
    others = tuple(r for r in roles if r != Role.OFFICER)
    if others and agency_roles(actor, agency, others) is None:
        return None
    if target.officers.filter(officer__user=actor).exists():
        return None
    return NOT_ON_CASE


# --- guards ------------------------------------------------------------------------------------


def _two_officers_today(case: Case, user: Any, data: Any) -> str | None:
    return rules.officers_problem(case, timezone.localdate())


def _two_officers_in_data(_: None, user: Any, data: Any) -> str | None:
    return rules.officers_problem_for(
        data.get("officers") or [], data.get("matters") or [], timezone.localdate()
    )


def _time_bar(case: Case, user: Any, data: Any) -> str | None:
    return rules.time_bar_problem(case)


def _time_bar_in_data(_: None, user: Any, data: Any) -> str | None:
    return rules.time_bar_problem_for(
        data.get("violation_began"),
        data.get("violation_ended"),
        bool(data.get("safety_harm")),
        data.get("discovered_on"),
    )


def _summary_threshold(_: None, user: Any, data: Any) -> str | None:
    return rules.summary_problem(data.get("measure"), data.get("fine"), data.get("parties") or [])


def _ordinary(case: Case, user: Any, data: Any) -> str | None:
    return None if case.procedure == Procedure.ORDINARY else "简易程序案件不经过此环节"


def _no_review_needed(case: Case, user: Any, data: Any) -> str | None:
    if not rules.review_required(case):
        return None
    why = "；".join(rules.review_reasons(case))
    return (
        f"本案须经法制审核（{why}），请提请法制审核" if why else "本案须经法制审核，请提请法制审核"
    )


def _hearing_requested_in_time(case: Case, user: Any, data: Any) -> str | None:
    return rules.hearing_request_problem(case, timezone.localdate())


def _no_discussion_needed(case: Case, user: Any, data: Any) -> str | None:
    if rules.discussion_required(case):
        return "本案情节复杂或者重大违法，须经负责人集体讨论决定"
    return None


def _decision_allowed(case: Case, user: Any, data: Any) -> str | None:
    return rules.decision_allowed(case)


def _review_passed(case: Case, user: Any, data: Any) -> str | None:
    return rules.review_passed(case)


def _review_requested(case: Case, user: Any, data: Any) -> str | None:
    return rules.review_requested(case)


def _review_sent_back(case: Case, user: Any, data: Any) -> str | None:
    return rules.review_sent_back(case)


def _decision_recorded(case: Case, user: Any, data: Any) -> str | None:
    return rules.decision_recorded(case)


def _on_spot_fine(case: Case, user: Any, data: Any) -> str | None:
    decision = getattr(case, "on_spot", None) if case.procedure == Procedure.SUMMARY else None
    if decision is None:
        return "只有简易程序当场作出的罚款决定可以当场收缴"
    if decision.collected is not None:
        return "罚款已当场收缴"
    return rules.collection_problem(decision.fine, data.get("amount"), data.get("reason", ""))


def _executed(case: Case, user: Any, data: Any) -> str | None:
    return execution.execution_problem(case)


def _step(
    action: str,
    label: str,
    sources: tuple[str, ...],
    target: str | None,
    roles: tuple[str, ...],
    run: Any,
    *guards: wf.Guard,
    confirm: str = "",
) -> wf.Step:
    return wf.Step(action, label, sources, target, roles, run, guards=guards, confirm=confirm)


#: The execution steps, taken from the case page's execution panel (``execution_views``) and
#: the API (``execution_api``), not from the generic action form.
EXECUTION_STEPS = tuple(
    _step(action, label, (S.EXECUTION,), None, roles, run, confirm=confirm)
    for action, label, roles, run, confirm in (
        ("pay", "登记缴款", OFFICERS, execution.pay, ""),
        ("apply_arrangement", "登记暂缓或分期缴纳申请", OFFICERS, execution.apply_arrangement, ""),
        ("approve_arrangement", "批准暂缓或分期缴纳", HEADS, execution.approve_arrangement, ""),
        ("refuse_arrangement", "不予批准暂缓或分期缴纳", HEADS, execution.refuse_arrangement, ""),
        ("demand", "送达催告书", OFFICERS, execution.demand, ""),
        (
            "apply_court",
            "申请人民法院强制执行",
            HEADS,
            execution.apply_court,
            "申请后不能撤回。确定申请人民法院强制执行吗？",
        ),
        ("record_ruling", "登记法院裁定", OFFICERS, execution.record_ruling, ""),
        ("record_measures", "登记执行情况", OFFICERS, execution.record_measures, ""),
        (
            "end_execution",
            "终结执行",
            HEADS,
            execution.end_execution,
            "终结执行后即可结案。确定终结执行吗？",
        ),
    )
)
EXECUTION_ACTIONS = frozenset(s.action for s in EXECUTION_STEPS)

TWO_OFFICERS = wf.Guard(_two_officers_today, field="officers", rule=rules.ART_42)
TIME_BAR = wf.Guard(_time_bar, field="violation_began", rule=rules.ART_36)

CASE = wf.Workflow(
    name="cases.case",
    version=1,
    model=Case,
    states=dict(CaseStatus.choices),
    agency_of=lambda case: case,
    role_check=case_roles,
    snapshot=leads.snapshot,
    lock_related=("agency__region",),
    steps=(
        _step("record", "登记线索", (wf.INITIAL,), S.LEAD, OFFICERS, leads.record),
        _step(
            "submit_opening",
            "提请立案",
            (S.LEAD,),
            S.OPENING,
            OFFICERS,
            procedure.submit_opening,
            TWO_OFFICERS,
            TIME_BAR,
        ),
        _step(
            "open",
            "批准立案",
            (S.OPENING,),
            S.INVESTIGATION,
            HEADS,
            procedure.open_case,
            TWO_OFFICERS,
            TIME_BAR,
            confirm="批准立案后将编定案号，不能撤回。确定批准立案吗？",
        ),
        _step("send_back", "退回补充", (S.OPENING,), S.LEAD, HEADS, procedure.send_back),
        _step(
            "not_open",
            "不予立案",
            (S.LEAD, S.OPENING),
            S.NOT_OPENED,
            HEADS,
            procedure.not_open,
            confirm="不予立案后线索即办结，不能恢复。确定不予立案吗？",
        ),
        _step(
            "notify",
            "事先告知",
            (S.INVESTIGATION,),
            S.PRIOR_NOTICE,
            OFFICERS,
            procedure.notify,
            TWO_OFFICERS,
        ),
        _step(
            "request_hearing",
            "当事人申请听证",
            (S.PRIOR_NOTICE,),
            S.HEARING,
            OFFICERS,
            procedure.request_hearing,
            wf.Guard(_hearing_requested_in_time, rule=rules.ART_63),
        ),
        _step(
            "submit_review",
            "提请法制审核",
            (S.PRIOR_NOTICE, S.HEARING),
            S.LEGAL_REVIEW,
            OFFICERS,
            procedure.submit_review,
            wf.Guard(_review_requested, field="reviewer", rule=rules.ART_58),
        ),
        _step(
            "pass_review",
            "法制审核通过",
            (S.LEGAL_REVIEW,),
            S.DECIDING,
            REVIEWERS,
            procedure.pass_review,
            wf.Guard(_review_passed, rule=rules.ART_58),
        ),
        _step(
            "return_review",
            "法制审核退回",
            (S.LEGAL_REVIEW,),
            S.INVESTIGATION,
            REVIEWERS,
            procedure.return_review,
            wf.Guard(_review_sent_back, rule=rules.ART_58),
        ),
        _step(
            "mark_review_grounds",
            "标记法制审核情形",
            (S.LEAD, S.OPENING, *UNDER_WAY),
            None,
            OFFICERS,
            review_grounds.mark,
            wf.Guard(_ordinary),
        ),
        _step(
            "submit_decision",
            "提请决定",
            (S.PRIOR_NOTICE, S.HEARING),
            S.DECIDING,
            OFFICERS,
            procedure.submit_decision,
            wf.Guard(_no_review_needed, rule=rules.ART_58),
        ),
        _step(
            "submit_discussion",
            "提交集体讨论",
            (S.DECIDING,),
            S.DISCUSSION,
            HEADS,
            procedure.submit_discussion,
        ),
        _step(
            "conclude_discussion",
            "集体讨论决定",
            (S.DISCUSSION,),
            S.DECIDING,
            HEADS,
            procedure.conclude_discussion,
        ),
        _step(
            "decide",
            "作出处罚决定",
            (S.DECIDING,),
            S.DECIDED,
            HEADS,
            procedure.decide,
            wf.Guard(_decision_recorded, field="decision", rule=rules.ART_59),
            wf.Guard(_decision_allowed, rule=rules.ART_58),
            wf.Guard(_no_discussion_needed, rule=rules.ART_57),
            confirm="处罚决定作出后不能撤回。确定作出处罚决定吗？",
        ),
        _step(
            "decide_no_penalty",
            "不予处罚",
            (S.DECIDING,),
            S.DECIDED,
            HEADS,
            procedure.decide_no_penalty,
            wf.Guard(_decision_allowed, rule=rules.ART_58),
            confirm="不予处罚决定作出后不能撤回。确定不予处罚吗？",
        ),
        _step("serve", "送达", (S.DECIDED,), S.EXECUTION, OFFICERS, procedure.serve),
        _step(
            "close",
            "结案",
            (S.EXECUTION,),
            S.CLOSED,
            HEADS,
            procedure.close,
            wf.Guard(_executed, rule=rules.ART_EXECUTED),
            FILED_BEFORE_CLOSING,
            confirm="结案后不能再办理执行事项。确定结案吗？",
        ),
        # 执行 (处罚法 arts. 66–72; 强制法 arts. 40, 53, 54): zhifa.cases.services.execution
        *EXECUTION_STEPS,
        _step("archive", "归档", (S.CLOSED,), S.ARCHIVED, OFFICERS, procedure.archive),
        _step(
            "withdraw",
            "撤销立案",
            UNDER_WAY,
            S.WITHDRAWN,
            HEADS,
            procedure.withdraw,
            wf.Guard(_ordinary),
            confirm="撤销立案后案件即终结，不能恢复。确定撤销吗？",
        ),
        _step(
            "transfer",
            "移送",
            (S.LEAD, S.OPENING, *UNDER_WAY),
            S.TRANSFERRED,
            HEADS,
            procedure.transfer,
            confirm="移送后本机关不再办理此案。确定移送吗？",
        ),
        *RETURN_STEPS,  # 不予立案 by the receiver: the case comes back
        # 接收历史案件 (records taken over from an older system, by the information administrator)
        _step(
            "take_over",
            "接收历史案件",
            (wf.INITIAL,),
            None,
            (Role.AGENCY_ADMIN,),
            takeover.take_over,
        ),
        # 简易程序
        _step(
            "decide_on_spot",
            "当场处罚决定",
            (wf.INITIAL,),
            S.EXECUTION,
            OFFICERS,
            summary.decide,
            wf.Guard(_summary_threshold, field="fine", rule=rules.ART_51),
            wf.Guard(_two_officers_in_data, field="officers", rule=rules.ART_42),
            wf.Guard(_time_bar_in_data, field="violation_began", rule=rules.ART_36),
        ),
        _step(
            "collect_on_spot",
            "当场收缴罚款",
            (S.EXECUTION,),
            None,
            OFFICERS,
            summary.collect_fine,
            wf.Guard(_on_spot_fine, field="amount", rule=rules.ART_68),
        ),
        *FILING_STEPS,  # 报所属行政机关备案 (art. 52)
    ),
)


def register() -> None:
    wf.register(CASE)
