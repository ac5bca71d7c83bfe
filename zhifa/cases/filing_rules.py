"""Which decisions are filed with the justice bureau, and by when (rules.md "Cases": 重大行政处罚
决定备案, seed 002; 行刑衔接, seed 000 (十五)).

- :func:`filing_grounds`: a penalty decision ordering suspension of production or business
  (责令停产停业), revoking a licence (吊销许可证件), or fining at the hearing threshold (the
  较大数额 of 处罚法 art. 63: the platform's ``cases.hearing.fine_person`` /
  ``cases.hearing.fine_organisation`` parameters, the same numbers the prior notice uses to offer
  a hearing) is a major decision to be filed (seed 002).
- :data:`FILING_WORKING_DAYS`: filed within 10 working days of the decision (seed 002; some places
  use 15: a parameter).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zhifa.cases.documents.penalty import HEARING_FINE_ORGANISATION, HEARING_FINE_PERSON
from zhifa.core.parameters import Definition, declare, get

SEED_002 = "种子文件002（重大行政处罚决定备案）"
SEED_000 = "种子文件000（十五）行刑衔接"

FILING_WORKING_DAYS = declare(
    Definition(
        key="cases.filing.working_days",
        label="重大行政处罚决定备案期限（工作日）",
        default=10,
        kind=int,
        minimum=1,
        maximum=30,
        source="种子文件002：作出重大行政处罚决定之日起10个工作日内报司法行政部门备案；"
        "部分地方为15日",
    )
)

#: The measures that always make the decision a major one (seed 002).
FILED_MEASURES = ("suspend_business", "revoke_licence")


def fine_threshold(case: Any) -> Decimal:
    """The hearing threshold of a fine for ``case``'s parties (处罚法 art. 63, configurable): a
    citizen's (自然人, 个体工商户) when one of them is a citizen, else an organisation's."""
    from zhifa.cases.rules import PERSON_KINDS

    persons = case.parties.filter(party__kind__in=PERSON_KINDS).exists()
    return Decimal(str(get((HEARING_FINE_PERSON if persons else HEARING_FINE_ORGANISATION).key)))


def filing_grounds(case: Any) -> list[str]:
    """Why ``case``'s decision is filed with the justice bureau (empty: it is not): the decided
    penalty (or, where none was recorded, the intended one) orders suspension, revokes a licence,
    or fines at least the hearing threshold (seed 002)."""
    from zhifa.cases.models import Measure, Outcome
    from zhifa.cases.models.decisions import DecisionKind
    from zhifa.cases.services.decisions import latest

    if case.outcome != Outcome.PENALTY:
        return []
    penalty = latest(case, DecisionKind.FINAL) or latest(case, DecisionKind.INTENDED)
    if penalty is None:
        return []
    grounds = [Measure(m).label for m in FILED_MEASURES if m in penalty.measures]
    if Measure.FINE in penalty.measures and penalty.fine is not None:
        threshold = fine_threshold(case)
        if penalty.fine >= threshold:
            grounds.append(f"罚款{penalty.fine:,.2f}元（达到较大数额{threshold:,.0f}元）")
    return grounds
