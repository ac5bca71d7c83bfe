"""接收历史案件: a case opened before the platform (in the agency's older system or on paper) is
taken over as it stands — its own number, opening day and current state — by the agency's
information administrator, with the reason, so its deadlines run on the platform from the days
they really began: the decision within 90 days of opening (处罚法 art. 60); for a case already
decided and served, payment within 15 days of service and the late fee after it (arts. 67, 72),
the demand notice (强制法 art. 54) and the court application after the appeal periods (强制法
art. 53). Steps already taken are not replayed: the penalty decided is recorded through the
discretion service (``services.decisions``), the service record through
``execution.record_service`` and the payments made so far through ``execution.pay``, each
checked as those services check it; the case is marked 历史案件接收 on its page. From here on
the case follows the workflow table like any other.

The days must follow each other: discovered ≤ opened ≤ decided ≤ served ≤ paid ≤ today.

``take_over_case`` goes through the workflow table; ``take_over`` is the step it runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus, Outcome, ServiceMethod
from zhifa.cases.models.decisions import DecisionKind
from zhifa.cases.services import decisions, execution, leads
from zhifa.cases.services.procedure import note
from zhifa.core import workflow
from zhifa.core.errors import collect
from zhifa.org.models import Agency

#: The states a case may be taken over in: opened and not yet decided, decided, or served.
UNDECIDED_STATES = (
    CaseStatus.INVESTIGATION,
    CaseStatus.PRIOR_NOTICE,
    CaseStatus.HEARING,
    CaseStatus.DECIDING,
)
TAKEN_OVER_STATES = (*UNDECIDED_STATES, CaseStatus.DECIDED, CaseStatus.EXECUTION)
NUMBER_MAX = 60
REASON_MAX = 500
EVENT = "take_over"
MARK = "历史案件接收"


def take_over_case(actor: Any, agency: Agency, **data: Any) -> Case:
    """Take over an opened case of ``agency`` (its information administrator); nothing is
    written when any of it is refused."""
    with transaction.atomic():
        return workflow.start(Case, "take_over", actor, agency=agency, case_agency=agency, **data)


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _dates(
    errors: dict[str, list[str]],
    lead: dict[str, Any],
    status: str,
    opened_on: Any,
    decided_on: Any,
    served_on: Any,
    payments: list[dict[str, Any]],
) -> None:
    """discovered ≤ opened ≤ decided ≤ served ≤ paid ≤ today, each present where the state needs it."""
    today = timezone.localdate()
    decided = status in (CaseStatus.DECIDED, CaseStatus.EXECUTION)
    served = status == CaseStatus.EXECUTION
    chain: list[tuple[str, str, Any, bool]] = [
        ("opened_on", "立案日期", opened_on, True),
        ("decided_on", "决定日期", decided_on, decided),
        ("served_on", "送达日期", served_on, served),
    ]
    before: tuple[str, date] | None = None
    if isinstance(lead.get("discovered_on"), date):
        before = ("发现日期", lead["discovered_on"])
    for field, label, value, needed in chain:
        if not needed:
            if value is not None:
                errors[field].append(
                    f"案件尚未{'作出决定' if field == 'decided_on' else '送达'}，不应填写{label}"
                )
            continue
        if not isinstance(value, date):
            errors[field].append(f"请填写{label}")
            before = None
            continue
        if value > today:
            errors[field].append(f"{label}不能晚于今天")
        elif before is not None and value < before[1]:
            errors[field].append(f"{label}不能早于{before[0]}（{_d(before[1])}）")
        before = (label, value)
    if payments and not served:
        errors["payments"].append("处罚决定尚未送达，不能登记缴款")
        return
    for row in payments:
        paid_on = row.get("paid_on")
        if not isinstance(paid_on, date):
            errors["payments"].append("请填写每笔缴款的缴款日期")
        elif paid_on > today:
            errors["payments"].append(f"缴款日期（{_d(paid_on)}）不能晚于今天")
        elif before is not None and paid_on < before[1]:
            errors["payments"].append(
                f"缴款日期（{_d(paid_on)}）不能早于{before[0]}（{_d(before[1])}）"
            )
        else:
            before = ("上一笔缴款日期", paid_on)


def take_over(
    _: None,
    actor: Any,
    *,
    case_agency: Agency,
    number: str,
    opened_on: date | None,
    status: str,
    reason: str = "",
    notified_on: date | None = None,
    decided_on: date | None = None,
    penalty: dict[str, Any] | None = None,
    served_on: date | None = None,
    service: dict[str, Any] | None = None,
    payments: Iterable[dict[str, Any]] = (),
    **lead: Any,
) -> Case:
    """The ``take_over`` step: the lead's checks, plus the number, the reason, the state and the
    days it really reached, with the penalty decided (``penalty``: measures, fine, facts as for
    ``decisions.record_decision``), the service record (``service``: method, receiver, place,
    note) and the payments so far (``paid_on``, ``amount``, ``reference`` each)."""
    number = (number or "").strip()
    reason = (reason or "").strip()
    payments = list(payments)
    errors: dict[str, list[str]] = {
        k: []
        for k in ("number", "reason", "status", "opened_on", "decided_on", "served_on", "payments")
    }
    errors["penalty"], errors["method"] = [], []
    if not number:
        errors["number"].append("请填写原案号")
    elif len(number) > NUMBER_MAX:
        errors["number"].append(f"案号不能超过{NUMBER_MAX}字")
    elif Case.objects.filter(agency=case_agency, number=number).exists():
        errors["number"].append(f"案号{number}已被本执法主体使用")
    if not reason:
        errors["reason"].append("请填写接收理由（如原系统停用、案件移交本平台办理）")
    elif len(reason) > REASON_MAX:
        errors["reason"].append(f"接收理由不能超过{REASON_MAX}字")
    if status not in TAKEN_OVER_STATES:
        errors["status"].append("只接收已立案的案件：尚未作出决定、已作出处罚决定或已送达的")
    else:
        _dates(errors, lead, status, opened_on, decided_on, served_on, payments)
        if status in (CaseStatus.DECIDED, CaseStatus.EXECUTION) and not penalty:
            errors["penalty"].append("请填写原处罚决定的处罚内容")
        if status == CaseStatus.EXECUTION and (service or {}).get("method") not in (
            ServiceMethod.values
        ):
            errors["method"].append("请选择送达方式")
    collect(errors)
    case = leads.record(None, actor, case_agency=case_agency, noted=False, **lead)
    case.number, case.opened_on, case.status = number, opened_on, status
    case.notified_on = notified_on if status != CaseStatus.INVESTIGATION else None
    case.save(update_fields=["number", "opened_on", "status", "notified_on", "updated_at"])
    trail = f"原案号{number}，{_d(opened_on)}立案"
    if decided_on is not None:
        _decided(case, actor, decided_on, penalty or {})
        trail += f"，{_d(decided_on)}作出处罚决定"
    if served_on is not None:
        _served(case, actor, served_on, service or {}, payments)
        trail += f"，{_d(served_on)}送达"
        if payments:
            trail += f"，已登记缴款{len(payments)}笔"
    note(case, actor, EVENT, f"{MARK}：{trail}。接收理由：{reason}")
    return case


def _decided(case: Case, actor: Any, decided_on: date, penalty: dict[str, Any]) -> None:
    """The penalty decided, through the discretion service (处罚法 arts. 34, 59), then the day."""
    try:
        decisions._record(  # the step holds the new case; the service's own checks all apply
            actor,
            case,
            kind=DecisionKind.FINAL,
            matter=penalty.get("matter"),
            measures=penalty.get("measures") or (),
            facts=penalty.get("facts") or {},
            fine=penalty.get("fine"),
            confiscated=penalty.get("confiscated"),
            other_terms=penalty.get("other_terms") or "",
            outside_reason=penalty.get("outside_reason") or "",
        )
    except ValidationError as exc:
        raise ValidationError({"penalty": exc.messages}) from None
    case.decided_on, case.outcome = decided_on, Outcome.PENALTY
    case.save(update_fields=["decided_on", "outcome", "updated_at"])


def _served(
    case: Case, actor: Any, served_on: date, service: dict[str, Any], payments: list[dict]
) -> None:
    """The service record (处罚法 art. 61) and the payments so far (arts. 67, 72)."""
    case.served_on, case.service_method = served_on, service["method"]
    case.save(update_fields=["served_on", "service_method", "updated_at"])
    execution.record_service(
        case,
        actor,
        served_on=served_on,
        method=service["method"],
        receiver=service.get("receiver", ""),
        place=service.get("place", ""),
        note=service.get("note", ""),
        consent=service.get("consent", False),
    )
    for row in payments:
        try:
            execution.pay(
                case,
                actor,
                paid_on=row.get("paid_on"),
                amount_paid=row.get("amount"),
                reference=row.get("reference", ""),
            )
        except ValidationError as exc:
            raise ValidationError({"payments": exc.messages}) from None
