"""案件移送 (行刑衔接): a case that may be a crime goes to the police or the procuratorate (or a
case outside the agency's remit to the competent agency) with the list of its evidence (seed 000
(十五); 《行政执法机关移送涉嫌犯罪案件的规定》(国务院令第310号): the transfer letter goes with the
evidence list, the receiver signs a receipt (回执), and its decision to open a case or not is
recorded, a case not opened coming back to the agency).

- :func:`transfer_case`: the agency head transfers the case through the case table's ``transfer``
  step (the case is then 已移送); :func:`create` is that step's record, refused without an
  evidence list chosen from the case's own evidence.
- :func:`record_receipt`: the receipt (date, receiver, the scanned receipt through the file store).
- :func:`record_outcome`: 立案, or 不予立案 with the case returned.
- :func:`resume_investigation` / :func:`resume_lead`: a returned case goes on at the agency (the
  case table's ``resume_after_transfer`` and ``resume_lead_after_transfer`` steps).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone

from zhifa.cases.models import (
    Case,
    CaseStatus,
    Evidence,
    RecipientKind,
    Transfer,
    TransferOutcome,
    TransferStatus,
)
from zhifa.cases.services.procedure import note
from zhifa.core import filestore, ledger, workflow
from zhifa.core.errors import collect, field_error

TEXT_MAX = 2000
NAME_MAX = 100
NO_EVIDENCE = (
    "移送涉嫌犯罪案件应当附证据清单，请选择随案移送的证据（行刑衔接，种子文件000（十五））"
)
RECEIPT_LABEL = "回执文件"


def snapshot(transfer: Transfer) -> dict[str, Any]:
    data = ledger.snapshot(transfer) or {}
    data["evidence"] = sorted(transfer.evidence.values_list("pk", flat=True))
    return data


def _text(value: Any) -> str:
    return str(value or "").strip()


def transfer_case(actor: Any, case: Case, **data: Any) -> Transfer:
    """Transfer ``case`` (the agency head): recipient_kind, recipient, reason, evidence (the
    case's evidence items or their ids), letter_on, letter_number."""
    return workflow.transition(case, "transfer", actor, **data)


def _chosen(case: Case, evidence: Iterable[Any] | None, errors: list[str]) -> list[Evidence]:
    ids = []
    for item in evidence or ():
        pk = item.pk if isinstance(item, Evidence) else item
        if not str(pk).isdigit():
            errors.append("证据清单有误")
            return []
        ids.append(int(pk))
    if not ids:
        errors.append(NO_EVIDENCE)
        return []
    found = list(Evidence.objects.filter(case=case, pk__in=ids).order_by("number"))
    if len(found) != len(set(ids)):
        errors.append("所选证据不属于本案")
    return found


def create(
    case: Case,
    actor: Any,
    *,
    recipient_kind: str = "",
    recipient: str = "",
    reason: str = "",
    evidence: Iterable[Any] | None = None,
    letter_on: date | None = None,
    letter_number: str = "",
) -> Transfer:
    """The transfer's record, made by the case's ``transfer`` step on the locked case: every
    field's problem at once, in Chinese, and nothing written. A case is transferred once (a case
    returned and handled again keeps its first transfer's record)."""
    if Transfer.objects.filter(case=case).exists():
        raise field_error("recipient", "本案已移送过一次并被退回，不能再次移送")
    recipient, reason, letter_number = _text(recipient), _text(reason), _text(letter_number)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {
        k: [] for k in ("recipient_kind", "recipient", "reason", "evidence", "letter_on")
    }
    errors["letter_number"] = []
    if recipient_kind not in RecipientKind.values:
        errors["recipient_kind"].append("请选择接收机关类别：公安机关、人民检察院或其他行政机关")
    if not recipient:
        errors["recipient"].append("请填写接收移送的机关")
    elif len(recipient) > NAME_MAX:
        errors["recipient"].append(f"接收机关不能超过{NAME_MAX}字")
    if not reason:
        errors["reason"].append("请填写移送理由（涉嫌的罪名及事实）")
    elif len(reason) > TEXT_MAX:
        errors["reason"].append(f"移送理由不能超过{TEXT_MAX}字")
    if len(letter_number) > 60:
        errors["letter_number"].append("移送函文号不能超过60字")
    letter_on = letter_on or today
    if not isinstance(letter_on, date):
        errors["letter_on"].append("请填写移送函日期")
    elif letter_on > today:
        errors["letter_on"].append("移送函日期不能晚于今天")
    elif letter_on < case.discovered_on:
        errors["letter_on"].append("移送函日期不能早于发现违法行为的日期")
    items = _chosen(case, evidence, errors["evidence"])
    collect(errors)
    transfer = Transfer.objects.create(
        case=case,
        recipient_kind=recipient_kind,
        recipient=recipient,
        reason=reason,
        letter_on=letter_on,
        letter_number=letter_number,
        sent_by=actor,
    )
    transfer.evidence.set(items)
    return transfer


def record_receipt(
    actor: Any,
    transfer: Transfer,
    *,
    received_on: date | None,
    receiver: str,
    upload: Any = None,
) -> Transfer:
    """The receiver's receipt (回执): its date, who received it, and the scanned receipt (hashed
    on receipt by the file store) when given."""
    received = None
    if upload is not None:
        received = filestore.receive(upload, field="receipt", label=RECEIPT_LABEL)
    return workflow.transition(
        transfer, "receive", actor, received_on=received_on, receiver=receiver, received=received
    )


def receive(
    transfer: Transfer,
    actor: Any,
    *,
    received_on: date | None,
    receiver: str,
    received: filestore.Received | None = None,
) -> Transfer:
    receiver = _text(receiver)
    errors: dict[str, list[str]] = {"received_on": [], "receiver": []}
    if not isinstance(received_on, date):
        errors["received_on"].append("请填写回执日期")
    elif received_on < transfer.letter_on:
        errors["received_on"].append("回执日期不能早于移送函日期")
    elif received_on > timezone.localdate():
        errors["received_on"].append("回执日期不能晚于今天")
    if not receiver:
        errors["receiver"].append("请填写接收人")
    elif len(receiver) > NAME_MAX:
        errors["receiver"].append(f"接收人不能超过{NAME_MAX}字")
    collect(errors)
    if received is not None:
        transfer.receipt = filestore.register(actor, received)
    transfer.received_on = received_on
    transfer.receiver = receiver
    transfer.status = TransferStatus.RECEIVED
    transfer.save()
    return transfer


def record_outcome(
    actor: Any, transfer: Transfer, *, outcome: str, outcome_on: date | None, note: str = ""
) -> Transfer:
    """The receiver's decision: 立案, or 不予立案 and the case returned to the agency."""
    return workflow.transition(
        transfer, "conclude", actor, outcome=outcome, outcome_on=outcome_on, note=note
    )


def conclude(
    transfer: Transfer, actor: Any, *, outcome: str, outcome_on: date | None, note: str = ""
) -> Transfer:
    note = _text(note)
    errors: dict[str, list[str]] = {"outcome": [], "outcome_on": [], "note": []}
    if outcome not in TransferOutcome.values:
        errors["outcome"].append("请选择处理结果：立案或不予立案")
    if not isinstance(outcome_on, date):
        errors["outcome_on"].append("请填写处理结果日期")
    elif transfer.received_on and outcome_on < transfer.received_on:
        errors["outcome_on"].append("处理结果日期不能早于回执日期")
    elif outcome_on > timezone.localdate():
        errors["outcome_on"].append("处理结果日期不能晚于今天")
    if outcome == TransferOutcome.DECLINED and not note:
        errors["note"].append("不予立案的，请填写不予立案的理由")
    elif len(note) > TEXT_MAX:
        errors["note"].append(f"说明不能超过{TEXT_MAX}字")
    collect(errors)
    transfer.outcome = outcome
    transfer.outcome_on = outcome_on
    transfer.outcome_note = note
    if outcome == TransferOutcome.DECLINED:
        transfer.status = TransferStatus.DECLINED
        transfer.returned_on = outcome_on
    else:
        transfer.status = TransferStatus.OPENED
    transfer.save()
    return transfer


#: The receiver declined to open a case and returned it (seed 000 (十五); 处罚法 art. 27: a case
#: that needs no criminal penalty but an administrative one comes back to the agency, which
#: handles it according to law — 《行政执法机关移送涉嫌犯罪案件的规定》).
RETURN_RULE = "《中华人民共和国行政处罚法》第二十七条"
NOT_RETURNED = "接收机关尚未作出不予立案决定并退回案件，不能继续办理"


def return_problem(case: Case) -> str | None:
    """Why ``case`` may not go on at the agency: only a transfer answered 不予立案 returns it."""
    transfer = Transfer.objects.filter(case=case).first()
    if transfer is None or transfer.status != TransferStatus.DECLINED:
        return NOT_RETURNED
    return None


def _resume(case: Case, actor: Any, action: str, state: str, opinion: str) -> Case:
    transfer = Transfer.objects.get(case=case)
    opinion = _text(opinion)
    if len(opinion) > TEXT_MAX:
        raise field_error("opinion", f"意见不能超过{TEXT_MAX}字")
    returned = f"{transfer.recipient}不予立案，案件退回：{transfer.outcome_note}"
    case.status = state
    case.closed_on = None
    case.end_reason = ""
    case.save(update_fields=["status", "closed_on", "end_reason", "updated_at"])
    note(case, actor, action, f"{returned}。{opinion}" if opinion else returned)
    return case


def resume_investigation(case: Case, actor: Any, *, opinion: str = "") -> Case:
    """案件退回后继续调查: an opened case returned by the receiver (不予立案) goes back to the
    investigation, to be decided or ended by the agency as the law says (处罚法 art. 27; seed
    000 (十五)); the trail notes the receiver's decision and its reason, and the case is no longer
    closed."""
    return _resume(case, actor, "resume_after_transfer", CaseStatus.INVESTIGATION, opinion)


def resume_lead(case: Case, actor: Any, *, opinion: str = "") -> Case:
    """退回后继续办理线索: a lead transferred before it was opened, returned by the receiver
    (不予立案), is a lead of the agency again — to open, or not (处罚法 arts. 27, 54)."""
    return _resume(case, actor, "resume_lead_after_transfer", CaseStatus.LEAD, opinion)
