"""重大行政处罚决定备案 (major-decision filings) with the justice bureau.

Sources: seed 002 (decisions ordering suspension of production or business, revoking licences, or
fining at the hearing threshold are filed with the government's justice bureau within 10 working
days of the decision; places differ: the days and the thresholds are parameters, see
:mod:`zhifa.cases.filing_rules`); 监督条例 art. 6 (the justice bureau supervises, and may return a
correction opinion the agency answers).

- :func:`open_if_major`: when the head decides a case (the case table's ``decide`` step), a filing
  is opened if the decision is a major one, due ``cases.filing.working_days`` working days after
  the decision (the day of the decision not counted, 民法典 art. 201). When the holiday notice of
  the year the period reaches has not been entered, the due day stays unknown and the message
  says so (never a guess); it is computed again when the agency files.
- :func:`file_filing`: the agency (the case's officers, its head) files it with the decision
  document and an explanation; after the due day it is still filed, flagged 逾期, with the reason.
- :func:`accept`, :func:`clear`, :func:`correct`: the justice bureau's supervisors of the agency's
  region accept it (受理), then record 无异议 or a correction opinion (纠正意见).
- :func:`respond`: the agency records how it answered the correction opinion.

Each action is a step of the ``cases.filing`` table (``zhifa.cases.filing_workflow``): one
transaction, the row locked, the ledger written by the engine.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.cases import filing_rules
from zhifa.cases.models import Case, FilingStatus, MajorDecisionFiling
from zhifa.core import ledger, parameters, workflow
from zhifa.core.calendar import compute_deadline
from zhifa.core.errors import collect
from zhifa.core.workdays import PeriodUnit

TEXT_MAX = 2000
DOCUMENT_MAX = 200


def snapshot(filing: MajorDecisionFiling) -> dict[str, Any]:
    return ledger.snapshot(filing) or {}


def due_date(decided_on: date) -> tuple[date | None, str]:
    """The last day to file a decision made on ``decided_on`` (seed 002: N working days, the
    parameter), or ``None`` and the reason when the holiday data of that year is missing."""
    days = parameters.get(filing_rules.FILING_WORKING_DAYS.key)
    try:
        return compute_deadline(decided_on, days, PeriodUnit.WORKING), ""
    except ValidationError as exc:
        return None, "；".join(exc.messages)[:200]


def open_if_major(case: Case, actor: Any) -> MajorDecisionFiling | None:
    """Open the filing of ``case``'s decision when it is a major one (called by the case's
    ``decide`` step, in its transaction)."""
    grounds = filing_rules.filing_grounds(case)
    if not grounds or MajorDecisionFiling.objects.filter(case=case).exists():
        return None
    return workflow.start(
        MajorDecisionFiling, "open", actor, agency=case.agency, case=case, grounds=grounds
    )


def open_filing(_none: None, actor: Any, *, case: Case, grounds: list[str]) -> MajorDecisionFiling:
    """The ``open`` step: the filing, due N working days after the decision."""
    decided_on = case.decided_on or timezone.localdate()
    due_on, problem = due_date(decided_on)
    return MajorDecisionFiling.objects.create(
        case=case, grounds=grounds, decided_on=decided_on, due_on=due_on, due_problem=problem
    )


def _text(value: Any) -> str:
    return str(value or "").strip()


def _long(value: str, label: str, errors: list[str], *, required: bool) -> None:
    if required and not value:
        errors.append(f"请填写{label}")
    elif len(value) > TEXT_MAX:
        errors.append(f"{label}不能超过{TEXT_MAX}字")


def file_filing(
    actor: Any,
    filing: MajorDecisionFiling,
    *,
    document: str,
    explanation: str,
    late_reason: str = "",
) -> MajorDecisionFiling:
    """The agency files the decision with the justice bureau (seed 002)."""
    return workflow.transition(
        filing,
        "file",
        actor,
        document=document,
        explanation=explanation,
        late_reason=late_reason,
    )


def file(
    filing: MajorDecisionFiling,
    actor: Any,
    *,
    document: str,
    explanation: str,
    late_reason: str = "",
) -> MajorDecisionFiling:
    document, explanation, late_reason = _text(document), _text(explanation), _text(late_reason)
    errors: dict[str, list[str]] = {"document": [], "explanation": [], "late_reason": []}
    if not document:
        errors["document"].append("请填写处罚决定书文号")
    elif len(document) > DOCUMENT_MAX:
        errors["document"].append(f"处罚决定书文号不能超过{DOCUMENT_MAX}字")
    _long(explanation, "备案说明", errors["explanation"], required=True)
    today = timezone.localdate()
    if filing.due_on is None:
        filing.due_on, filing.due_problem = due_date(filing.decided_on)
    late = filing.due_on is not None and today > filing.due_on
    if late and not late_reason:
        errors["late_reason"].append(
            f"已超过备案期限（{filing.due_on:%Y年%m月%d日}），请说明逾期报备的原因"
        )
    _long(late_reason, "逾期报备的原因", errors["late_reason"], required=False)
    collect(errors)
    filing.document = document
    filing.explanation = explanation
    filing.late = late
    filing.late_reason = late_reason if late else ""
    filing.filed_on = today
    filing.filed_by = actor
    filing.status = FilingStatus.FILED
    filing.save()
    return filing


def accept(actor: Any, filing: MajorDecisionFiling) -> MajorDecisionFiling:
    """The justice bureau accepts the filing for review (受理)."""
    return workflow.transition(filing, "accept", actor)


def accept_step(filing: MajorDecisionFiling, actor: Any) -> MajorDecisionFiling:
    filing.accepted_on = timezone.localdate()
    filing.status = FilingStatus.ACCEPTED
    filing.save()
    return filing


def clear(actor: Any, filing: MajorDecisionFiling, *, opinion: str = "") -> MajorDecisionFiling:
    """The justice bureau finds nothing to correct (审查无异议)."""
    return workflow.transition(filing, "clear", actor, opinion=opinion)


def correct(actor: Any, filing: MajorDecisionFiling, *, opinion: str) -> MajorDecisionFiling:
    """The justice bureau returns a correction opinion (纠正意见) to the agency."""
    return workflow.transition(filing, "correct", actor, opinion=opinion)


def _review(
    filing: MajorDecisionFiling, actor: Any, opinion: str, status: str, *, required: bool
) -> MajorDecisionFiling:
    opinion = _text(opinion)
    errors: dict[str, list[str]] = {"opinion": []}
    _long(opinion, "纠正意见", errors["opinion"], required=required)
    collect(errors)
    filing.opinion = opinion
    filing.reviewed_on = timezone.localdate()
    filing.reviewed_by = actor
    filing.status = status
    filing.save()
    return filing


def clear_step(
    filing: MajorDecisionFiling, actor: Any, *, opinion: str = ""
) -> MajorDecisionFiling:
    return _review(filing, actor, opinion, FilingStatus.CLEARED, required=False)


def correct_step(filing: MajorDecisionFiling, actor: Any, *, opinion: str) -> MajorDecisionFiling:
    return _review(filing, actor, opinion, FilingStatus.CORRECTION, required=True)


def respond(actor: Any, filing: MajorDecisionFiling, *, response: str) -> MajorDecisionFiling:
    """The agency records how it answered the correction opinion."""
    return workflow.transition(filing, "respond", actor, response=response)


def respond_step(filing: MajorDecisionFiling, actor: Any, *, response: str) -> MajorDecisionFiling:
    response = _text(response)
    errors: dict[str, list[str]] = {"response": []}
    _long(response, "纠正情况", errors["response"], required=True)
    collect(errors)
    filing.response = response
    filing.responded_on = timezone.localdate()
    filing.status = FilingStatus.RESPONDED
    filing.save()
    return filing
