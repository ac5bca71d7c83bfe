"""简易程序: a penalty decided on the spot (处罚法 arts. 51, 52): a warning, or a fine of at most
200 yuan for a citizen / 3,000 yuan for an organisation, where the facts are certain and the law
provides for it. The officers show their certificates, fill in the numbered decision and hand it
to the party on the spot (so it is served that day), and file it with the agency. The fine may be
collected on the spot only within arts. 68 and 69.

``decide_on_spot`` and ``collect_on_spot`` go through the workflow table; the lower-case steps
are what the table runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases import numbering
from zhifa.cases.models import (
    Case,
    CaseStatus,
    OnSpotDecision,
    Outcome,
    Procedure,
    ServiceMethod,
    SummaryMeasure,
)
from zhifa.cases.services import leads
from zhifa.cases.services.procedure import note
from zhifa.core import workflow
from zhifa.core.errors import collect, field_error
from zhifa.org.models import Agency, Unit
from zhifa.parties.models import PartyKind
from zhifa.parties.services import create_party

PLACE_MAX = 200
BASIS_MAX = 500


def amount(raw: Any, field: str) -> Decimal | None:
    """A yuan amount from a form or the API (``None`` when blank)."""
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise field_error(field, "请填写正确的金额（元）") from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise field_error(field, "请填写正确的金额（元，最多两位小数）")
    return value


def decide_on_spot(
    actor: Any,
    agency: Agency,
    *,
    unit: Unit,
    title: str,
    officers: Iterable[Any],
    parties: Iterable[Any],
    matters: Iterable[Any],
    measure: str,
    fine: Any = None,
    place: str,
    facts: str,
    basis: str = "",
    violation_began: date | None = None,
    violation_ended: date | None = None,
    source: str = "inspection",
    source_reference: str = "",
) -> Case:
    """Decide a summary case on the spot: refused with every reason at once. ``basis`` is the
    penalty's legal basis printed on the decision (art. 52: 行政处罚的种类和依据); blank, the
    matters' own bases."""
    today = timezone.localdate()
    return workflow.start(
        Case,
        "decide_on_spot",
        actor,
        agency=agency,
        case_agency=agency,
        unit=unit,
        title=title,
        officers=list(officers),
        parties=list(parties),
        matters=list(matters),
        measure=measure,
        fine=amount(fine, "fine"),
        place=place,
        facts=facts,
        basis=basis,
        violation_began=violation_began or today,
        violation_ended=violation_ended,
        discovered_on=today,
        source=source,
        source_reference=source_reference,
    )


@transaction.atomic
def decide_on_spot_for_person(
    actor: Any, agency: Agency, *, person: dict[str, Any], **decision: Any
) -> Case:
    """Decide on the spot against a citizen met on site and not yet registered: the person is
    registered (``parties.create_party``: name, 身份证号码 checked) with the decision, or neither
    is (art. 51's 200-yuan threshold applies to a citizen). The person's errors are named
    ``person_<field>``."""
    try:
        party = create_party(actor, kind=PartyKind.PERSON, region=agency.region, **person)
    except ValidationError as exc:
        raise ValidationError(
            {f"person_{field}": messages for field, messages in exc.message_dict.items()}
        ) from None
    return decide_on_spot(actor, agency, parties=[party], **decision)


def collect_on_spot(
    actor: Any, case: Case, *, amount_paid: Any, reason: str = "", receipt_number: str = ""
) -> Case:
    """Record the fine collected on the spot (处罚法 arts. 68, 69)."""
    return workflow.transition(
        case,
        "collect_on_spot",
        actor,
        amount=amount(amount_paid, "amount"),
        reason=reason,
        receipt_number=receipt_number,
    )


def decide(
    _: None,
    actor: Any,
    *,
    case_agency: Agency,
    measure: str,
    fine: Decimal | None,
    place: str,
    facts: str,
    basis: str = "",
    **lead: Any,
) -> Case:
    """The ``decide_on_spot`` step: the case, numbered, decided and served on the spot."""
    place = (place or "").strip()
    basis = (basis or "").strip() or "、".join(
        m.basis for m in lead.get("matters") or [] if m.basis
    )
    errors: dict[str, list[str]] = {"measure": [], "place": [], "facts": [], "basis": []}
    if measure not in SummaryMeasure.values:
        errors["measure"].append("请选择处罚种类（警告或罚款）")
    if not place:
        errors["place"].append("请填写作出决定的地点")
    elif len(place) > PLACE_MAX:
        errors["place"].append(f"地点不能超过{PLACE_MAX}字")
    if not (facts or "").strip():
        errors["facts"].append("请填写违法事实")
    if not basis:
        errors["basis"].append("请填写处罚依据（法律、法规、规章的名称和条款）")
    elif len(basis) > BASIS_MAX:
        errors["basis"].append(f"处罚依据不能超过{BASIS_MAX}字")
    collect(errors)
    case = leads.record(
        None, actor, case_agency=case_agency, facts=facts, procedure=Procedure.SUMMARY, **lead
    )
    today = timezone.localdate()
    numbering.assign(case, today)
    case.status = CaseStatus.EXECUTION
    case.decided_on = case.served_on = today
    case.service_method = ServiceMethod.ON_THE_SPOT
    case.outcome = Outcome.PENALTY
    case.save()
    OnSpotDecision.objects.create(
        case=case,
        measure=measure,
        fine=fine if measure == SummaryMeasure.FINE else None,
        place=place,
        basis=basis,
    )
    note(case, actor, "decide_on_spot")
    return case


def collect_fine(
    case: Case, actor: Any, *, amount: Decimal | None, reason: str = "", receipt_number: str = ""
) -> OnSpotDecision:
    """The ``collect_on_spot`` step: the receipt is the province's 罚没款收据 (art. 70)."""
    receipt_number = (receipt_number or "").strip()
    if not receipt_number:
        raise field_error("receipt_number", "请填写省级财政部门统一制发的罚没款收据编号")
    decision = case.on_spot
    decision.collected = amount
    decision.collected_on = timezone.localdate()
    decision.collection_reason = (reason or "").strip()[:300]
    decision.receipt_number = receipt_number[:50]
    decision.save()
    note(case, actor, "collect_on_spot", decision.collection_reason)
    return decision
