"""普通程序: a lead taken to the archive by whom the table names; the number given at opening;
every refusal (state, role, guard) in Chinese with nothing written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from zhifa.cases import numbering, rules
from zhifa.cases.models import Case, CaseEvent, CaseStatus
from zhifa.cases.models.decisions import DecisionKind, Measure
from zhifa.cases.paths import record_penalty
from zhifa.cases.services import reviews
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.review_fixtures import ALL_OK, reviewer
from zhifa.core import workflow
from zhifa.testing.factories import CaseFactory, OfficerFactory, UserFactory, advance_case
from zhifa.testing.filings import member
from zhifa.testing.ledger import forbidden, recorded, refused

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_a_lead_goes_from_opening_to_the_archive(personas, scjg):
    case = CaseFactory()
    with recorded("cases.case.submit_opening"):
        act(personas.officer, case, "submit_opening", opinion="拟立案调查")
    with recorded("cases.case.open"):
        act(personas.agency_head, case, "open", opinion="同意立案")
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION and case.opened_on == TODAY
    assert case.number == "市市场监管罚〔2026〕1号" and str(case) == case.number
    # The intended penalty (a suspension carries the hearing right, art. 63) before the notice.
    record_penalty(personas.officer, case, DecisionKind.INTENDED, heavy=Measure.SUSPEND_BUSINESS)
    act(personas.officer, case, "notify")
    act(personas.officer, case, "request_hearing")
    # After a hearing the decision needs a passed legal review (处罚法 art. 58(1)(2)): requesting
    # it moves the case to review, the reviewer's 同意 moves it on to the head.
    review = reviews.request_review(personas.officer, case, reviewer=reviewer(case.agency))
    reviews.give_opinion(
        review.reviewer.user, review, opinion="agree", reasons="同意", checklist=ALL_OK
    )
    record_penalty(personas.officer, case)
    for actor, action, data in [
        (personas.agency_head, "decide", {}),
        (personas.officer, "serve", {"served_on": TODAY, "method": "direct"}),
        (personas.officer, "record_measures", {"done_on": TODAY, "note": "警告已随决定书送达"}),
        (personas.agency_head, "close", {}),
        (personas.officer, "archive", {}),
    ]:
        act(actor, case, action, **data)
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED
    assert (case.notified_on, case.decided_on, case.served_on) == (TODAY, TODAY, TODAY)
    assert case.get_outcome_display() == "给予行政处罚"
    trail = list(case.events.values_list("label", flat=True))
    assert trail[:3] == ["登记线索", "提请立案", "批准立案"] and trail[-1] == "归档"
    assert case.events.get(action="open").opinion == "同意立案"


def test_numbers_run_per_agency_and_year_with_the_agencys_prefix(personas, scjg):
    numbering.set_prefix(member(scjg, "agency_admin"), scjg, "示市监罚")
    first, second = CaseFactory(state="investigation"), CaseFactory(state="investigation")
    assert [first.number, second.number] == ["示市监罚〔2026〕1号", "示市监罚〔2026〕2号"]
    with time_machine.travel(date(2027, 1, 5), tick=False):
        lead = CaseFactory(state="opening")
        act(personas.agency_head, lead, "open")
    lead.refresh_from_db()
    assert lead.number == "示市监罚〔2027〕1号"
    with forbidden(message="信息管理员"):
        numbering.set_prefix(personas.officer, scjg, "乱号")
    with refused("案号字头", field="prefix"):
        numbering.set_prefix(member(scjg, "agency_admin"), scjg, "示〔罚〕")


def test_a_step_from_the_wrong_state_is_refused_and_writes_nothing(personas):
    case = CaseFactory()
    with refused("当前状态为线索，不能作出处罚决定", Case, CaseEvent):
        act(personas.agency_head, case, "decide")
    act(personas.officer, case, "submit_opening")
    with refused("当前状态为立案审批中，不能提请立案", CaseEvent):
        act(personas.officer, case, "submit_opening")


def test_who_may_take_which_step(personas, scjg):
    case = CaseFactory()
    bystander = UserFactory(role="officer", agency=scjg)
    with forbidden(CaseEvent, message="只有本案的承办人员或执法主体负责人"):
        act(bystander, case, "submit_opening")
    with forbidden(CaseEvent):
        act(personas.outsider, case, "submit_opening")
    act(personas.officer, case, "submit_opening")
    with forbidden(CaseEvent, message="单位负责人"):
        act(personas.officer, case, "open")
    with forbidden(CaseEvent):
        act(personas.legal_reviewer, case, "open")
    case.refresh_from_db()
    allowed = {a.action for a in workflow.available_actions(case, personas.agency_head)}
    assert allowed == {"open", "send_back", "not_open", "transfer", "mark_review_grounds"}
    officer = workflow.available_actions(case, personas.officer)
    assert [a.action for a in officer] == ["mark_review_grounds"]


def test_opening_needs_two_officers_who_may_enforce(personas, scjg):
    lead_officer = CaseFactory().officers.get(role="lead").officer
    uncertified = OfficerFactory(agency=scjg)
    case = CaseFactory(officers=[lead_officer, uncertified])
    with refused("至少2名持有效执法证件", CaseEvent, field="officers") as caught:
        act(personas.officer, case, "submit_opening")
    assert "第四十二条" in caught.value.message_dict["officers"][0]
    assert "未取得行政执法证件" in caught.value.message_dict["officers"][0]


def test_the_second_officer_losing_the_right_to_enforce_stops_the_opening(personas, scjg):
    case = CaseFactory(state="opening")
    later = date(TODAY.year + 6, 3, 1)  # every certificate of the factory has expired
    with time_machine.travel(later, tick=False), refused("能够执法的承办人员只有0名", CaseEvent):
        act(personas.agency_head, case, "open")


@pytest.mark.parametrize(
    ("began", "ended", "safety", "allowed"),
    [
        (TODAY - timedelta(days=30), None, False, True),
        (date(2024, 6, 17), None, False, True),  # the last day of the two years
        (date(2024, 6, 16), None, False, False),
        (date(2022, 1, 1), None, True, True),  # 5 years: life, health, financial safety
        (date(2021, 6, 16), None, True, False),
        (date(2020, 1, 1), date(2025, 1, 1), False, True),  # continuing: from its end
        (date(2020, 1, 1), date(2024, 6, 1), False, False),
    ],
)
def test_the_time_bar_is_checked_at_opening(personas, began, ended, safety, allowed):
    case = CaseFactory(violation_began=began, violation_ended=ended, safety_harm=safety)
    if allowed:
        act(personas.officer, case, "submit_opening")
        assert Case.objects.get(pk=case.pk).status == CaseStatus.OPENING
    else:
        with refused("不再给予行政处罚", CaseEvent, field="violation_began") as caught:
            act(personas.officer, case, "submit_opening")
        assert "第三十六条" in caught.value.messages[0]


def test_the_decision_hooks_refuse_when_the_rules_say_so(personas, monkeypatch):
    case = CaseFactory(state="prior_notice")
    monkeypatch.setattr(rules, "review_required", lambda case: True)
    with refused("须经法制审核", CaseEvent):
        act(personas.officer, case, "submit_decision")
    monkeypatch.setattr(rules, "review_required", lambda case: False)
    act(personas.officer, case, "submit_decision")
    record_penalty(personas.officer, case)
    monkeypatch.setattr(rules, "decision_allowed", lambda case: "法制审核未通过")
    with refused("法制审核未通过", CaseEvent):
        act(personas.agency_head, case, "decide")
    monkeypatch.setattr(rules, "decision_allowed", lambda case: None)
    monkeypatch.setattr(rules, "discussion_required", lambda case: True)
    with refused("集体讨论", CaseEvent):
        act(personas.agency_head, case, "decide")
    act(personas.agency_head, case, "submit_discussion")
    act(personas.agency_head, case, "conclude_discussion", opinion="同意给予罚款")
    monkeypatch.setattr(rules, "discussion_required", lambda case: False)
    act(personas.agency_head, case, "decide")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DECIDED


def test_no_penalty_decision_without_its_recorded_content(personas):
    """处罚法 arts. 34, 59: the head decides only once the penalty and its discretion explanation
    are recorded (they are what the decision document prints)."""
    case = CaseFactory(state="deciding")
    with refused("请先录入处罚决定的内容", CaseEvent, field="decision") as caught:
        act(personas.agency_head, case, "decide")
    assert "第五十九条" in caught.value.message_dict["decision"][0]
    intended = record_penalty(personas.officer, case, kind="intended")
    with refused("请先录入处罚决定的内容", CaseEvent):  # the prior notice's is not the decision
        act(personas.agency_head, case, "decide")
    final = record_penalty(personas.officer, case)
    act(personas.agency_head, case, "decide")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DECIDED
    assert final.explanation and intended.kind == "intended"


def test_review_is_entered_and_passed_only_through_a_review_round(personas):
    """处罚法 art. 58: the case goes into review with a round naming a reviewer, and passes only
    when that round passed; the bare steps are refused (also in the API), nothing written."""
    notified = CaseFactory(state="prior_notice")
    with refused("提请法制审核", CaseEvent, field="reviewer"):
        act(personas.officer, notified, "submit_review")
    case = CaseFactory(state="legal_review")
    review = case.legal_reviews.get()
    assert review.status == "pending" and review.reviewer.user == personas.legal_reviewer
    with refused("待审核，不能作为审核通过", CaseEvent):
        act(personas.legal_reviewer, case, "pass_review")
    with refused("待审核，不能退回补充调查", CaseEvent):
        act(personas.legal_reviewer, case, "return_review", opinion="证据不足")
    reviews.give_opinion(
        personas.legal_reviewer, review, opinion="agree", reasons="同意", checklist=ALL_OK
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DECIDING


def test_review_returned_sends_the_case_back_to_investigation(personas):
    case = CaseFactory(state="legal_review")
    review = case.legal_reviews.get()
    reviews.give_opinion(
        personas.legal_reviewer,
        review,
        opinion="disagree",
        reasons="违法所得认定依据不足",
        checklist={**ALL_OK, "evidence": {"ok": False, "note": "缺少账簿"}},
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.LEGAL_REVIEW
    with refused("请填写审核意见", CaseEvent, field="opinion"):
        act(personas.legal_reviewer, case, "return_review", opinion=" ")
    act(personas.legal_reviewer, case, "return_review", opinion="证据不足")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.INVESTIGATION


def test_service_on_a_day_between_the_decision_and_today(personas):
    case = CaseFactory(state="decided")
    with refused("送达日期不能早于决定日期", CaseEvent, field="served_on"):
        act(personas.officer, case, "serve", served_on=TODAY - timedelta(days=1), method="direct")
    with refused("送达日期不能晚于今天", field="served_on"):
        act(personas.officer, case, "serve", served_on=TODAY + timedelta(days=1), method="post")
    with refused("请选择送达方式", field="method"):
        act(personas.officer, case, "serve", served_on=TODAY, method="pigeon")


def test_no_penalty_withdraw_transfer_and_not_opening_keep_their_reasons(personas):
    deciding = CaseFactory(state="deciding")
    with refused("不予处罚的依据", CaseEvent, field="reason"):
        act(personas.agency_head, deciding, "decide_no_penalty")
    act(personas.agency_head, deciding, "decide_no_penalty", reason="首违不罚")
    deciding.refresh_from_db()
    assert (deciding.status, deciding.outcome, deciding.end_reason) == (
        CaseStatus.DECIDED,
        "no_penalty",
        "首违不罚",
    )
    transferred = CaseFactory(state="transferred")
    assert transferred.transferred_to == "示范市公安局" and transferred.closed_on == TODAY
    assert CaseFactory(state="withdrawn").end_reason == "违法事实不能成立"
    assert CaseFactory(state="not_opened").number == ""


def test_every_state_is_reachable_by_the_factory(db):
    for state in CaseStatus.values:
        assert advance_case(CaseFactory(), state).status == state


def test_each_opinion_step_is_the_run_of_its_row_and_lands_where_the_row_says(db):
    from zhifa.cases.services.procedure import OPINION_STEPS
    from zhifa.cases.workflows import CASE

    for action, step in OPINION_STEPS.items():
        row = CASE.step(action)
        assert row.run is step and row.target == step.state, action
