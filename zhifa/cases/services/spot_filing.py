"""报备: an on-the-spot decision filed with the agency (处罚法 art. 52: 执法人员当场作出的行政处罚
决定，应当报所属行政机关备案). The officer files the 当场行政处罚决定书 as issued, with the date and an
optional note; the agency head acknowledges it (已备案) or returns it with an opinion, and a returned
filing is corrected and filed again. The case is closed only once the decision is 已备案.

Art. 52 sets no period: ``cases.on_spot_filing_working_days`` is the platform's own default (5
working days from the decision). A late filing is recorded all the same, flagged late.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.cases.models import Case, OnSpotDecision, OnSpotFilingStatus, Procedure
from zhifa.cases.services.procedure import note as trail
from zhifa.core import parameters, workflow
from zhifa.core.calendar import compute_deadline
from zhifa.core.errors import field_error
from zhifa.core.models import IssuedDocument
from zhifa.core.parameters import Definition, declare

ART_52 = "《中华人民共和国行政处罚法》第五十二条"
DOCUMENT_KIND = "cases.on_spot_decision"
NOTE_MAX = 300
OPINION_MAX = 500
FILING_WORKING_DAYS = declare(
    Definition(
        key="cases.on_spot_filing_working_days",
        label="当场处罚决定报备期限（工作日）",
        default=5,
        kind=int,
        minimum=1,
        maximum=30,
        source="《中华人民共和国行政处罚法》第五十二条要求报所属行政机关备案，未规定期限；"
        "本平台默认自决定之日起5个工作日",
    )
)


def file_on_spot(
    actor: Any, case: Case, *, filed_on: date | None = None, document: Any = None, note: str = ""
) -> Case:
    """File the on-the-spot decision with the agency (处罚法 art. 52)."""
    return workflow.transition(
        case, "file_on_spot", actor, filed_on=filed_on, document=document, note=note
    )


def acknowledge_filing(actor: Any, case: Case, *, opinion: str = "") -> Case:
    """The head records the filed decision as 已备案 (art. 52)."""
    return workflow.transition(case, "acknowledge_filing", actor, opinion=opinion)


def return_on_spot_filing(actor: Any, case: Case, *, opinion: str = "") -> Case:
    """The head returns the filing with an opinion, to be corrected and filed again."""
    return workflow.transition(case, "return_filing", actor, opinion=opinion)


def due_on(case: Case) -> date:
    """The platform's filing deadline; a ValidationError (Chinese) when the holiday data of the
    year it reaches is missing."""
    return compute_deadline(case.decided_on, parameters.get(FILING_WORKING_DAYS.key))


def due_or_message(case: Case) -> tuple[date | None, str]:
    """The deadline, or ``None`` and why it cannot be computed (for pages and to-dos)."""
    try:
        return due_on(case), ""
    except ValidationError as exc:
        return None, exc.messages[0]


def days_left(case: Case, today: date) -> tuple[int | None, str]:
    """Calendar days to the filing deadline (negative: late), or ``None`` and why unknown."""
    due, message = due_or_message(case)
    return ((due - today).days if due else None), message


def filing_problem(case: Case) -> str | None:
    """Why the decision may not be filed now (the ``file_on_spot`` guard)."""
    decision = getattr(case, "on_spot", None) if case.procedure == Procedure.SUMMARY else None
    if decision is None:
        return "只有简易程序当场作出的处罚决定需要报备"
    if decision.filing_status == OnSpotFilingStatus.FILED:
        return "已报备，等待负责人确认"
    if decision.filing_status == OnSpotFilingStatus.ACKNOWLEDGED:
        return "已备案"
    return None


def answer_problem(case: Case) -> str | None:
    """Why the head may not acknowledge or return the filing now."""
    decision = getattr(case, "on_spot", None) if case.procedure == Procedure.SUMMARY else None
    if decision is None or decision.filing_status != OnSpotFilingStatus.FILED:
        return "没有待确认的报备"
    return None


def close_problem(case: Case) -> str | None:
    """Art. 52: a summary case is closed only once its decision is 已备案."""
    if case.procedure != Procedure.SUMMARY:
        return None
    decision = getattr(case, "on_spot", None)
    if decision is not None and decision.filing_status == OnSpotFilingStatus.ACKNOWLEDGED:
        return None
    return "当场作出的行政处罚决定应当报所属行政机关备案，备案后方可结案"


def _document(case: Case, raw: Any) -> IssuedDocument:
    issued = IssuedDocument.objects.filter(
        kind=DOCUMENT_KIND,
        content_type=ContentType.objects.get_for_model(Case),
        object_id=case.pk,
    )
    if raw in (None, ""):
        found = issued.first()  # the latest issued
        if found is None:
            raise field_error("document", "请先出具当场行政处罚决定书，再报备")
        return found
    try:
        return issued.get(pk=int(raw))
    except (ValueError, TypeError, IssuedDocument.DoesNotExist):
        raise field_error("document", "请选择本案已出具的当场行政处罚决定书") from None


def file(
    case: Case, actor: Any, *, filed_on: date | None = None, document: Any = None, note: str = ""
) -> OnSpotDecision:
    """The ``file_on_spot`` step: the decision as issued, filed with the agency (art. 52)."""
    today = timezone.localdate()
    filed_on = filed_on or today
    if filed_on > today:
        raise field_error("filed_on", "报备日期不能晚于今天")
    if filed_on < case.decided_on:
        raise field_error("filed_on", "报备日期不能早于作出决定的日期")
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        raise field_error("note", f"报备说明不能超过{NOTE_MAX}字")
    decision = case.on_spot
    decision.filing_document = _document(case, document)
    due, _ = due_or_message(case)  # no holiday data yet: recorded, not flagged
    decision.filing_status = OnSpotFilingStatus.FILED
    decision.filed_on = filed_on
    decision.filing_note = text
    decision.filing_due = due
    decision.filing_late = bool(due and filed_on > due)
    decision.filing_answered_on = None
    decision.save()
    trail(case, actor, "file_on_spot", text)
    return decision


def acknowledge(case: Case, actor: Any, *, opinion: str = "") -> OnSpotDecision:
    """The ``acknowledge_filing`` step: the head records the decision as 已备案 (an optional
    opinion in the case's trail)."""
    decision = case.on_spot
    decision.filing_status = OnSpotFilingStatus.ACKNOWLEDGED
    decision.filing_answered_on = timezone.localdate()
    decision.filing_opinion = ""
    decision.save()
    trail(case, actor, "acknowledge_filing", (opinion or "").strip()[:OPINION_MAX])
    return decision


def return_filing(case: Case, actor: Any, *, opinion: str = "") -> OnSpotDecision:
    """The ``return_filing`` step: the head returns the filing with an opinion, to be corrected
    and filed again."""
    opinion = (opinion or "").strip()
    if not opinion:
        raise field_error("opinion", "请填写退回意见")
    if len(opinion) > OPINION_MAX:
        raise field_error("opinion", f"退回意见不能超过{OPINION_MAX}字")
    decision = case.on_spot
    decision.filing_status = OnSpotFilingStatus.RETURNED
    decision.filing_answered_on = timezone.localdate()
    decision.filing_opinion = opinion
    decision.save()
    trail(case, actor, "return_filing", opinion)
    return decision
