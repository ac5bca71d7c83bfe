"""The prior notice and the hearing request as the law bounds them: the intended penalty recorded
before the notice (处罚法 arts. 44, 45); a hearing only where art. 63 gives one (large fines, large
confiscations, heavy measures) and asked within 5 working days of the notice (art. 64(1)); a case
marked complex discussed by the heads (art. 57)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine

from zhifa.cases.documents.penalty import hearing_right
from zhifa.cases.models import Case, CaseStatus, Decision, DecisionKind, Measure
from zhifa.cases.paths import record_penalty
from zhifa.cases.services import review_grounds
from zhifa.cases.services.procedure import act
from zhifa.cases.workflows import CASE
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.factories import CaseFactory, PartyFactory
from zhifa.testing.ledger import refused
from zhifa.testing.ledger_guard import writes_around_services

# Wednesday 17 June 2026: five working days skip 端午节 (19 June): the last day is 25 June.
NOTIFIED = datetime(2026, 6, 17, 10, 0, tzinfo=SHANGHAI)
LAST_DAY = datetime(2026, 6, 25, 23, 0, tzinfo=SHANGHAI)
DAY_AFTER = datetime(2026, 6, 26, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOTIFIED, tick=False):
        yield


def _notified(personas, heavy=Measure.SUSPEND_BUSINESS) -> Case:
    case = CaseFactory(state="investigation")
    record_penalty(personas.officer, case, DecisionKind.INTENDED, heavy=heavy)
    act(personas.officer, case, "notify")
    return case


def test_no_decision_without_the_prior_notice():
    """submit_decision never starts from 调查取证: the notice (arts. 44, 45) comes first."""
    step = next(s for s in CASE.steps if s.action == "submit_decision")
    assert CaseStatus.INVESTIGATION not in step.sources
    assert set(step.sources) == {CaseStatus.PRIOR_NOTICE, CaseStatus.HEARING}


def test_a_hearing_asked_on_the_last_day_is_accepted(db, personas):
    case = _notified(personas)
    with time_machine.travel(LAST_DAY, tick=False):
        act(personas.officer, case, "request_hearing")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.HEARING


def test_a_hearing_asked_the_day_after_is_refused(db, personas):
    case = _notified(personas)
    with time_machine.travel(DAY_AFTER, tick=False), refused("2026年6月25日"):
        act(personas.officer, case, "request_hearing")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.PRIOR_NOTICE


def test_no_hearing_where_the_penalty_gives_no_right(db, personas):
    case = _notified(personas, heavy=None)
    with refused("无权要求听证"):
        act(personas.officer, case, "request_hearing")


def test_without_the_years_holiday_data_the_request_is_refused_with_the_message(db, personas):
    case = _notified(personas)
    with writes_around_services("a notice at the year's end, whose 5 days reach 2027"):
        Case.objects.filter(pk=case.pk).update(notified_on=datetime(2026, 12, 31).date())
    case.refresh_from_db()
    with refused("2027"):
        act(personas.officer, case, "request_hearing")


def _decision(**data) -> Decision:
    data.setdefault("measures", [Measure.FINE])
    return Decision(kind=DecisionKind.INTENDED, **data)


@pytest.mark.parametrize(
    "kind,field,at,below",
    [
        ("person", "fine", "10000", "9999.99"),
        ("enterprise", "fine", "100000", "99999.99"),
        ("person", "confiscated", "10000", "9999.99"),
        ("enterprise", "confiscated", "100000", "99999.99"),
    ],
)
def test_the_hearing_right_starts_at_the_threshold(db, kind, field, at, below):
    case = CaseFactory(parties=[PartyFactory(kind=kind)])
    measures = [Measure.FINE] if field == "fine" else [Measure.CONFISCATE_INCOME]
    assert hearing_right(case, _decision(measures=measures, **{field: Decimal(at)}))
    assert not hearing_right(case, _decision(measures=measures, **{field: Decimal(below)}))


def test_a_case_marked_complex_needs_the_heads_discussion(db, personas):
    case = CaseFactory(state="deciding")
    record_penalty(personas.officer, case)
    review_grounds.mark_grounds(personas.officer, case, grounds={"complex": "涉及多个法律关系"})
    with refused("集体讨论"):
        act(personas.agency_head, case, "decide")
