"""The steps of the ordinary procedure (普通程序, 处罚法 arts. 54–65) that the workflow table
(``zhifa.cases.workflows``) runs on the locked case: each validates its data in Chinese, changes the
case, and notes the step in the case's trail (:class:`~zhifa.cases.models.CaseEvent`); the engine
writes the ledger entry in the same transaction.

The steps whose only data is an opinion are rows of one table, :data:`OPINION_STEPS` (each an
:class:`OpinionStep`: target state, the opinion's label, whether it is required, the dates it
sets); the others (opening with its number, service, ends with a reason) are functions.

Pages, the API and the demo take them through :func:`act` (``workflow.transition``), never directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string

from zhifa.cases import numbering
from zhifa.cases.models import Case, CaseEvent, CaseStatus, Outcome, ServiceMethod
from zhifa.core import workflow
from zhifa.core.errors import field_error

OPINION_MAX = 2000


def act(actor: Any, case: Case, action: str, **data: Any) -> Any:
    """Take ``action`` on ``case`` as ``actor`` (through the case's workflow table)."""
    return workflow.transition(case, action, actor, **data)


def _text(data_value: Any, field: str, label: str, *, required: bool) -> str:
    text = (data_value or "").strip() if isinstance(data_value, str) or data_value is None else ""
    if required and not text:
        raise field_error(field, f"请填写{label}")
    if len(text) > OPINION_MAX:
        raise field_error(field, f"{label}不能超过{OPINION_MAX}字")
    return text


def note(case: Case, actor: Any, action: str, opinion: str = "") -> CaseEvent:
    """The step in the case's trail (its label from the case's table)."""
    label = workflow.table_of(case).step(action).label
    return CaseEvent.objects.create(
        case=case, action=action, label=label, actor=actor, opinion=opinion
    )


def _move(
    case: Case, actor: Any, action: str, state: str, opinion: str = "", **fields: Any
) -> Case:
    case.status = state
    for name, value in fields.items():
        setattr(case, name, value)
    case.save(update_fields=["status", "updated_at", *fields])
    note(case, actor, action, opinion)
    return case


@dataclass(frozen=True)
class OpinionStep:
    """A step whose only data is the opinion (意见) noted in the trail: it moves the case to
    ``state`` and dates the fields in ``dates`` today (and sets ``fixed``). ``basis`` says what
    the step is in law; the instance is the table's ``run`` (``(case, actor, *, opinion="")``,
    as the API's and the page's default data for a step)."""

    action: str
    state: str
    label: str
    basis: str
    required: bool = False
    dates: tuple[str, ...] = ()
    fixed: Mapping[str, Any] = field(default_factory=dict)
    #: the dotted path of ``(case, actor)`` called once the case has moved (in the transaction)
    after: str = ""

    def __call__(self, case: Case, actor: Any, *, opinion: str = "") -> Case:
        opinion = _text(opinion, "opinion", self.label, required=self.required)
        today = timezone.localdate()
        fields = {**dict.fromkeys(self.dates, today), **self.fixed}
        _move(case, actor, self.action, self.state, opinion, **fields)
        if self.after:
            import_string(self.after)(case, actor)
        return case


S = CaseStatus
OPINION_STEPS: dict[str, OpinionStep] = {
    step.action: step
    for step in (
        OpinionStep(
            "submit_opening",
            S.OPENING,
            "立案意见",
            "提请立案: the officers ask the head to open the case (立案审批表, 处罚法 art. 54)",
        ),
        OpinionStep(
            "send_back",
            S.LEAD,
            "退回理由",
            "退回: the head returns the request to open for more facts",
            required=True,
        ),
        OpinionStep(
            "notify",
            S.PRIOR_NOTICE,
            "告知情况",
            "事先告知 (处罚法 art. 44): the intended penalty, its facts, reasons and basis, and the"
            " party's rights to state, defend and (art. 63) ask for a hearing",
            dates=("notified_on",),
        ),
        OpinionStep(
            "request_hearing",
            S.HEARING,
            "听证申请情况",
            "当事人要求听证 (处罚法 art. 64): asked within five days of the notice",
        ),
        OpinionStep(
            "submit_review",
            S.LEGAL_REVIEW,
            "提请审核意见",
            "提请法制审核 (处罚法 art. 58), as the review round is requested",
        ),
        OpinionStep(
            "pass_review",
            S.DECIDING,
            "审核意见",
            "法制审核通过 (art. 58): the round passed; the case goes to the head for the decision",
        ),
        OpinionStep(
            "return_review",
            S.INVESTIGATION,
            "审核意见",
            "法制审核退回: the reviewer disagrees or asks for more (补充后再审), with reasons",
            required=True,
        ),
        OpinionStep(
            "submit_decision",
            S.DECIDING,
            "处理意见",
            "提请决定: the officers put the case to the head (no legal review needed)",
        ),
        OpinionStep(
            "submit_discussion",
            S.DISCUSSION,
            "提请讨论事项",
            "提交集体讨论 (处罚法 art. 57): a complex or serious case put to the heads",
        ),
        OpinionStep(
            "conclude_discussion",
            S.DECIDING,
            "集体讨论结论",
            "集体讨论结论 (art. 57): recorded, the case returns to the head",
            required=True,
        ),
        OpinionStep(
            "decide",
            S.DECIDED,
            "决定意见",
            "作出行政处罚决定 (处罚法 arts. 57, 59): the head decides the penalty recorded with its"
            " discretion (``services.decisions``); a major decision (seed 002) opens its filing"
            " with the justice bureau",
            dates=("decided_on",),
            fixed={"outcome": Outcome.PENALTY},
            after="zhifa.cases.services.filings.open_if_major",
        ),
        OpinionStep(
            "close",
            S.CLOSED,
            "结案意见",
            "结案: the decision executed (or nothing left to execute), approved by the head",
            dates=("closed_on",),
        ),
        OpinionStep(
            "archive",
            S.ARCHIVED,
            "归档说明",
            "归档: the closed file is archived",
            dates=("archived_on",),
        ),
    )
}
submit_opening = OPINION_STEPS["submit_opening"]
send_back = OPINION_STEPS["send_back"]
notify = OPINION_STEPS["notify"]
request_hearing = OPINION_STEPS["request_hearing"]
submit_review = OPINION_STEPS["submit_review"]
pass_review = OPINION_STEPS["pass_review"]
return_review = OPINION_STEPS["return_review"]
submit_decision = OPINION_STEPS["submit_decision"]
submit_discussion = OPINION_STEPS["submit_discussion"]
conclude_discussion = OPINION_STEPS["conclude_discussion"]
decide = OPINION_STEPS["decide"]
close = OPINION_STEPS["close"]
archive = OPINION_STEPS["archive"]


def open_case(case: Case, actor: Any, *, opinion: str = "") -> Case:
    """批准立案 (处罚法 art. 54): the head approves; the case gets its number and opening day."""
    opinion = _text(opinion, "opinion", "审批意见", required=False)
    today = timezone.localdate()
    numbering.assign(case, today)
    return _move(
        case,
        actor,
        "open",
        CaseStatus.INVESTIGATION,
        opinion,
        opened_on=today,
        number=case.number,
        number_year=case.number_year,
        number_seq=case.number_seq,
    )


def not_open(case: Case, actor: Any, *, reason: str = "") -> Case:
    """不予立案: the head decides not to open the case, with the reason."""
    reason = _text(reason, "reason", "不予立案的理由", required=True)
    return _move(case, actor, "not_open", CaseStatus.NOT_OPENED, reason, end_reason=reason)


def decide_no_penalty(case: Case, actor: Any, *, reason: str = "") -> Case:
    """不予行政处罚 (处罚法 art. 33, or an entry of the agency's 不予处罚 list): with its ground."""
    reason = _text(reason, "reason", "不予处罚的依据和理由", required=True)
    return _move(
        case,
        actor,
        "decide_no_penalty",
        CaseStatus.DECIDED,
        reason,
        decided_on=timezone.localdate(),
        outcome=Outcome.NO_PENALTY,
        end_reason=reason,
    )


def serve(
    case: Case,
    actor: Any,
    *,
    served_on: date | None = None,
    method: str = "",
    opinion: str = "",
    receiver: str = "",
    place: str = "",
    note: str = "",
    consent: bool = False,
) -> Case:
    """送达 (处罚法 art. 61): on a day between the decision and today, by a lawful method, with
    the service record (送达回证 data: receiver, place, how; a late service flagged,
    :func:`zhifa.cases.services.execution.record_service`)."""
    from zhifa.cases.services.execution import record_service

    if method not in ServiceMethod.values:
        raise field_error("method", "请选择送达方式")
    if not isinstance(served_on, date):
        raise field_error("served_on", "请填写送达日期")
    if case.decided_on and served_on < case.decided_on:
        raise field_error("served_on", "送达日期不能早于决定日期")
    if served_on > timezone.localdate():
        raise field_error("served_on", "送达日期不能晚于今天")
    opinion = _text(opinion, "opinion", "送达情况", required=False)
    _move(
        case,
        actor,
        "serve",
        CaseStatus.EXECUTION,
        opinion,
        served_on=served_on,
        service_method=method,
    )
    record_service(
        case,
        actor,
        served_on=served_on,
        method=method,
        receiver=receiver,
        place=place,
        note=note,
        consent=consent,
    )
    return case


def withdraw(case: Case, actor: Any, *, reason: str = "") -> Case:
    """撤销立案: the head ends an opened case that should not go on, with the reason."""
    reason = _text(reason, "reason", "撤销理由", required=True)
    return _move(
        case,
        actor,
        "withdraw",
        CaseStatus.WITHDRAWN,
        reason,
        end_reason=reason,
        closed_on=timezone.localdate(),
    )


def transfer(case: Case, actor: Any, **data: Any) -> Any:
    """移送 (行刑衔接, seed 000 (十五)): a case that may be a crime goes to the police or the
    procuratorate (or one outside the agency's remit to the competent agency), with the list of
    its evidence: the transfer's record (:func:`zhifa.cases.services.transfers.create`) is
    refused without one. Returns the record."""
    from zhifa.cases.services import transfers

    made = transfers.create(case, actor, **data)
    numbers = "、".join(str(e.number) for e in made.evidence.order_by("number"))
    _move(
        case,
        actor,
        "transfer",
        CaseStatus.TRANSFERRED,
        f"移送{made.recipient}：{made.reason}（随案移送证据：第{numbers}号）",
        end_reason=made.reason,
        transferred_to=made.recipient,
        closed_on=timezone.localdate(),
    )
    return made
