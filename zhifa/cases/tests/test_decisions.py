"""The decision with discretion: the benchmark applied (从旧兼从轻), a fine outside the range, similar
cases (类案参考), no heavier penalty than the prior notice (处罚法 arts. 34, 37, 45)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404

from zhifa.cases.decision_rules import decision_refusals
from zhifa.cases.models.decisions import Decision, DecisionKind, Measure
from zhifa.cases.services import decisions
from zhifa.cases.tests.review_fixtures import (
    closed,
    food_benchmark,
    handler,
    matter_of,
    refused,
)
from zhifa.catalog.tests.catalog_fixtures import food_grades
from zhifa.org.models import Role
from zhifa.testing.factories import AgencyFactory, CaseFactory, UserFactory
from zhifa.testing.ledger import recorded
from zhifa.testing.ledger_guard import writes_around_services

FINE = [Measure.FINE, Measure.CONFISCATE_INCOME]
SMALL = {"goods_value": 5000, "illegal_income": 800}  # 轻微: 50,000–60,000 元


@pytest.fixture
def lead(midyear, case):
    return case


def record(case, kind=DecisionKind.INTENDED, fine="55000", facts=None, **data):
    data.setdefault("measures", FINE)
    data.setdefault("confiscated", "800")
    return decisions.record_decision(
        handler(case), case, kind=kind, fine=fine, facts=facts or SMALL, **data
    )


def test_it_applies_the_benchmark_and_stores_the_explanation(lead):
    food_benchmark(lead)
    with recorded("cases.decision.intended"):
        decision = record(lead)
    assert decision.grade == "轻微"
    assert (decision.range_min, decision.range_max) == (Decimal("50000"), Decimal("60000"))
    assert not decision.outside_range and decision.flags == []
    assert "《用非食品原料生产食品》行政裁量权基准第1版" in decision.explanation
    assert "罚款55000元；没收违法所得800元" in decision.explanation
    assert "行政处罚法第三十七条" in decision.explanation


def test_a_fine_outside_the_range_needs_a_written_reason(lead):
    food_benchmark(lead)
    with refused("罚款70000元高于裁量幅度上限60000元，应当书面说明理由", field="outside_reason"):
        record(lead, fine="70000")


def test_a_fine_outside_the_range_with_its_reason_raises_a_supervision_flag(lead):
    food_benchmark(lead)
    decision = record(lead, fine="40000", outside_reason="当事人主动消除危害后果，且系初次违法")
    assert decision.outside_range
    assert decision.flags[0]["code"] == "outside_range"
    assert "低于裁量幅度下限50000元" in decision.flag_messages[0]
    assert "超出裁量幅度的理由：当事人主动消除危害后果" in decision.explanation


def test_it_applies_the_rules_in_force_when_the_violation_happened(lead):
    food_benchmark(lead)  # version 1, in force since 2024
    heavier = [dict(g) for g in food_grades()]
    heavier[0].update(fine_min=60000, fine_max=80000)
    food_benchmark(lead, effective_on=date(2026, 3, 1), grades=heavier)  # version 2
    lead.violation_began = date(2025, 10, 1)
    with writes_around_services("the violation's date, as the officer found it"):
        lead.save(update_fields=["violation_began"])
    decision = record(lead)
    assert decision.benchmark.version == 1
    assert "现行第2版基准不更轻" in decision.benchmark_choice


def test_it_applies_newer_rules_when_they_are_lighter(lead):
    food_benchmark(lead)
    lighter = [dict(g) for g in food_grades()]
    lighter[0].update(fine_min=50000, fine_max=55000)
    food_benchmark(lead, effective_on=date(2026, 3, 1), grades=lighter)
    lead.violation_began = date(2025, 10, 1)
    with writes_around_services("the violation's date, as the officer found it"):
        lead.save(update_fields=["violation_began"])
    decision = record(lead, fine="52000")
    assert decision.benchmark.version == 2
    assert "从旧兼从轻" in decision.benchmark_choice
    assert (decision.range_min, decision.range_max) == (Decimal("50000"), Decimal("55000"))


def test_a_case_without_a_benchmark_is_flagged(lead):
    decision = record(lead)
    assert decision.benchmark is None
    assert decision.flags[0]["code"] == "no_benchmark"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"measures": []}, "measures", "请选择处罚种类"),
        ({"measures": ["bogus"]}, "measures", "未知的处罚种类"),
        ({"fine": ""}, "fine", "请填写罚款金额"),
        ({"fine": "-5"}, "fine", "罚款金额应大于零"),
        ({"fine": "abc"}, "fine", "罚款金额应为数字"),
        ({"measures": [Measure.WARNING], "confiscated": None}, "fine", "不应填写其金额"),
        ({"kind": "other"}, "kind", "请选择录入拟处罚"),
    ],
)
def test_it_refuses_bad_input(lead, data, field, message):
    with refused(message, field=field):
        record(lead, **data)


def test_it_refuses_facts_the_benchmark_cannot_grade(lead):
    food_benchmark(lead)
    with refused("缺少事实", field="facts"):
        record(lead, facts={"illegal_income": 800})


def test_an_outsider_cannot_record(lead):
    outsider = UserFactory(role=Role.OFFICER, agency=AgencyFactory())
    with pytest.raises(Http404):
        decisions.record_decision(
            outsider, lead, kind="intended", measures=FINE, facts=SMALL, fine=1, confiscated=1
        )
    assert not Decision.objects.exists()


def test_no_heavier_penalty_than_in_the_prior_notice(lead):
    food_benchmark(lead)
    record(lead, fine="52000")
    with refused("不得因当事人陈述、申辩而给予更重的处罚", field="measures"):
        record(lead, DecisionKind.FINAL, fine="58000")
    with refused("增加了处罚种类“没收非法财物”", field="measures"):
        record(lead, DecisionKind.FINAL, fine="52000", measures=[*FINE, "confiscate_property"])
    final = record(lead, DecisionKind.FINAL, fine="50000")
    assert final.kind == DecisionKind.FINAL
    assert decision_refusals(lead) == []


def test_the_decide_guard_catches_a_heavier_decision_recorded_before_the_notice(lead):
    food_benchmark(lead)
    record(lead, DecisionKind.FINAL, fine="58000")
    record(lead, fine="52000")  # a later prior notice, lighter than the recorded decision
    (reason,) = decision_refusals(lead)
    assert "罚款由52000元提高到58000元" in reason and "第四十五条" in reason


def test_it_shows_similar_cases_and_flags_a_far_off_fine(lead):
    food_benchmark(lead)
    for fine in ("50000", "52000", "54000"):
        other = CaseFactory(matters=[matter_of(lead)])
        record(other, DecisionKind.FINAL, fine=fine)
        closed(other)
    unclosed = CaseFactory(matters=[matter_of(lead)])
    record(unclosed, DecisionKind.FINAL, fine="60000")  # not closed: not counted
    found = decisions.assess(lead, SMALL)
    assert found.similar["count"] == 3
    assert (found.similar["min"], found.similar["median"], found.similar["max"]) == (
        "50000.00",
        "52000.00",
        "54000.00",
    )
    near = record(lead, fine="55000")
    assert near.flags == []
    assert "类案参考：本机关同阶次已结案件3件" in near.explanation
    far = decisions.far_from_similar(Decimal("110000"), found.similar)
    assert far and "相差较大" in far


def test_it_does_not_compare_with_too_few_similar_cases(lead):
    food_benchmark(lead)
    other = CaseFactory(matters=[matter_of(lead)])
    record(other, DecisionKind.FINAL, fine="50000")
    closed(other)
    found = decisions.assess(lead, SMALL)
    assert found.similar["count"] == 1
    assert decisions.far_from_similar(Decimal("500000"), found.similar) is None


def test_a_hearing_makes_the_legal_review_required(midyear, db):
    from zhifa.cases.decision_rules import review_grounds

    heard = CaseFactory(state="hearing")
    assert "经过听证程序" in review_grounds(heard)[0]
    assert "第五十八条" in decision_refusals(heard)[0]


def test_a_serious_measure_needs_the_heads_collective_discussion(midyear, db):
    from zhifa.cases.models import CaseEvent, CaseStatus
    from zhifa.cases.services.procedure import act
    from zhifa.cases.tests.review_fixtures import head
    from zhifa.testing.ledger import refused as refused_with

    notified = CaseFactory(state="prior_notice")
    record(notified, measures=[Measure.FINE, Measure.REVOKE_LICENCE], confiscated=None)
    act(handler(notified), notified, "submit_decision")
    serious = [Measure.FINE, Measure.REVOKE_LICENCE]
    record(notified, kind=DecisionKind.FINAL, measures=serious, confiscated=None)
    with refused_with("集体讨论", CaseEvent):
        act(head(notified), notified, "decide")
    act(head(notified), notified, "submit_discussion")
    act(head(notified), notified, "conclude_discussion", opinion="同意吊销许可证并处罚款")
    act(head(notified), notified, "decide")
    notified.refresh_from_db()
    assert notified.status == CaseStatus.DECIDED


def test_a_fine_alone_needs_no_collective_discussion(midyear, db):
    from zhifa.cases.decision_rules import discussion_grounds

    notified = CaseFactory(state="prior_notice")
    record(notified, measures=[Measure.FINE], confiscated=None)
    assert discussion_grounds(notified) == []


@pytest.mark.parametrize(
    ("circumstance", "article"),
    [
        (("under_14",), "第三十条"),
        (("mental_incapable",), "第三十一条"),
        (("no_fault",), "第三十三条第二款"),
        (("minor_violation", "corrected_in_time", "no_harm"), "第三十三条第一款"),
    ],
)
def test_no_penalty_may_be_recorded_where_none_shall_be_given(lead, circumstance, article):
    food_benchmark(lead)
    facts = {**SMALL, **dict.fromkeys(circumstance, True)}
    with refused(f"（《中华人民共和国行政处罚法》{article}）", field="measures"):
        record(lead, facts=facts, outside_reason="情节恶劣，仍应处罚")
    with refused("依法应当不予行政处罚，不得给予处罚", field="measures"):
        record(
            lead,
            kind=DecisionKind.FINAL,
            facts=facts,
            measures=[Measure.WARNING],
            fine=None,
            confiscated=None,
            outside_reason="仅予警告",
        )


def test_a_first_violation_may_still_be_penalised(lead):
    """首违不罚 is 可以 (may): the agency may still penalise within the range, without a flag."""
    food_benchmark(lead)
    facts = {**SMALL, "first_violation": True, "harm_minor": True, "corrected_in_time": True}
    decision = record(lead, facts=facts)
    assert decision.grade == "轻微" and not decision.outside_range and decision.flags == []
    assert "可以不予行政处罚" in decision.explanation
