"""法制审核: who may review, the checklist and opinion, the time limit, the head's coordination, and
"no decision without a passed review" (处罚法 art. 58)."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404

from zhifa.cases.decision_rules import decision_refusals, review_grounds
from zhifa.cases.models import Case
from zhifa.cases.models.reviews import LegalReview, Opinion, ReviewStatus, Ruling
from zhifa.cases.paths import record_penalty
from zhifa.cases.services import reviews
from zhifa.cases.tests.review_fixtures import (
    ALL_OK,
    handler,
    head,
    on_major_decision_list,
    refused,
    reviewer,
)
from zhifa.core import parameters
from zhifa.org.models import Role, UnitKind
from zhifa.registry.services import officers
from zhifa.testing.factories import (
    AgencyFactory,
    CaseFactory,
    OfficerFactory,
    UnitFactory,
    UserFactory,
    admin_of,
)
from zhifa.testing.filings import eligible_officer, scjg
from zhifa.testing.ledger import recorded


@pytest.fixture
def lead(midyear, case):
    return case


def requested(case, **data):
    return reviews.request_review(handler(case), case, reviewer=reviewer(case.agency), **data)


def opine(review, opinion=Opinion.AGREE, checklist=None, reasons="事实清楚，证据确凿，程序合法"):
    return reviews.give_opinion(
        review.reviewer.user,
        review,
        opinion=opinion,
        reasons=reasons,
        checklist=ALL_OK if checklist is None else checklist,
    )


def test_it_requests_a_review_due_in_five_working_days(lead):
    officer = reviewer(lead.agency)
    with recorded("cases.legal_review.request"):
        review = reviews.request_review(
            handler(lead), lead, reviewer=officer, grounds="案情复杂，涉及多个法律关系"
        )
    assert review.status == ReviewStatus.PENDING and review.round == 1
    # 17 June 2026; the Dragon Boat holiday (19–21 June) does not count: 18, 22, 23, 24, 25.
    assert review.due_on == date(2026, 6, 25)


def test_the_time_limit_is_a_parameter(lead):
    from zhifa.testing.factories import sysadmin

    parameters.set_value(sysadmin(), "cases.legal_review_working_days", 10)
    assert requested(lead).due_on == date(2026, 7, 2)


def test_it_refuses_an_officer_who_is_not_a_legal_reviewer(lead):
    officer = eligible_officer(lead.agency)
    user = handler(lead)
    with refused("不是法制审核人员", field="reviewer"):
        reviews.request_review(user, lead, reviewer=officer)


def test_it_refuses_a_reviewer_outside_the_legal_review_unit(lead):
    other_unit = UnitFactory(agency=lead.agency, kind=UnitKind.OTHER)
    officer = reviewer(lead.agency, new=True)
    officers.update_officer(admin_of(lead.agency), officer, unit=other_unit)
    officer.refresh_from_db()
    user = handler(lead)
    with refused("不属于本机关的法制审核机构", field="reviewer"):
        reviews.request_review(user, lead, reviewer=officer)


def test_it_refuses_a_reviewer_from_the_handling_unit(midyear, db):
    officer = reviewer(scjg())
    # A case handled by the legal review unit itself: its reviewers may not review it.
    handled = CaseFactory(unit=officer.unit)
    user = handler(handled)
    with refused("法制审核人员不得来自承办机构", field="reviewer"):
        reviews.request_review(user, handled, reviewer=officer)


def test_it_refuses_one_of_the_case_officers(lead):
    assisting = lead.officers.get(role="assisting").officer
    officers.update_officer(
        admin_of(lead.agency),
        assisting,
        unit=reviewer(lead.agency).unit,
        is_legal_reviewer=True,
        has_legal_qualification=True,
    )
    assisting.refresh_from_db()
    user = handler(lead)
    with refused("是本案承办人员", field="reviewer"):
        reviews.request_review(user, lead, reviewer=assisting)


def test_it_refuses_a_reviewer_of_another_agency(lead):
    other = AgencyFactory()
    officer = OfficerFactory(
        agency=other, unit=None, is_legal_reviewer=True, has_legal_qualification=True
    )
    user = handler(lead)
    with refused("本机关的法制审核人员", field="reviewer"):
        reviews.request_review(user, lead, reviewer=officer)


def test_a_first_time_reviewer_holds_the_legal_qualification(lead):
    newcomer = reviewer(lead.agency, new=True)
    # Designated when qualified (the registry's rule), the qualification since recorded as absent:
    # never having reviewed, the officer is still a first-time reviewer.
    officers.update_officer(admin_of(lead.agency), newcomer, has_legal_qualification=False)
    newcomer.refresh_from_db()
    user = handler(lead)
    with refused("初次从事法制审核，应当取得国家统一法律职业资格", field="reviewer"):
        reviews.request_review(user, lead, reviewer=newcomer)


def test_a_reviewer_who_has_reviewed_before_needs_no_qualification_again(lead):
    veteran = reviewer(lead.agency, new=True, qualified=True)
    opine(reviews.request_review(handler(lead), lead, reviewer=veteran))
    officers.update_officer(admin_of(lead.agency), veteran, has_legal_qualification=False)
    veteran.refresh_from_db()
    second = CaseFactory()
    assert reviews.request_review(handler(second), second, reviewer=veteran).pk


def test_it_refuses_a_second_request_while_one_is_open(lead):
    requested(lead)
    with refused("尚未办结的法制审核", field="case"):
        requested(lead)


def test_an_outsider_cannot_request(lead):
    outsider = UserFactory(role=Role.OFFICER, agency=AgencyFactory())
    with pytest.raises(Http404):
        reviews.request_review(outsider, lead, reviewer=reviewer(lead.agency))
    assert not LegalReview.objects.exists()


def test_only_the_named_reviewer_gives_the_opinion(lead):
    review = requested(lead)
    other = reviewer(lead.agency, new=True)
    with refused("只有本次指定的法制审核人员可以出具审核意见", field="opinion"):
        reviews.give_opinion(other.user, review, opinion="agree", reasons="同意", checklist=ALL_OK)


def test_every_point_of_the_checklist_is_answered(lead):
    review = requested(lead)
    partial = {k: v for k, v in ALL_OK.items() if k != "evidence"}
    with refused("审核要点“证据”未填写", field="checklist"):
        opine(review, checklist=partial)


def test_it_refuses_to_agree_with_a_failing_point(lead):
    review = requested(lead)
    failing = {**ALL_OK, "discretion": {"ok": False, "note": "罚款畸高"}}
    with refused("审核要点“裁量”不符合，不能出具同意意见", field="opinion"):
        opine(review, checklist=failing)
    assert opine(review, Opinion.DISAGREE, checklist=failing).status == ReviewStatus.REJECTED


def test_an_opinion_needs_reasons(lead):
    review = requested(lead)
    with refused("请填写审核意见的理由", field="reasons"):
        opine(review, reasons="  ")


def test_an_opinion_cannot_be_given_twice(lead):
    review = opine(requested(lead))
    with refused("不能出具审核意见"):
        opine(review, Opinion.DISAGREE)


def test_a_supplement_opinion_lets_the_case_be_reviewed_again(lead):
    first = opine(requested(lead), Opinion.SUPPLEMENT, reasons="证据不足，补充询问笔录后再审")
    assert first.status == ReviewStatus.RETURNED
    second = requested(lead)
    assert second.round == 2 and second.status == ReviewStatus.PENDING


def test_no_decision_without_a_passed_review_when_the_matter_is_on_the_major_decision_list(lead):
    assert decision_refusals(lead) == []
    on_major_decision_list(lead)
    assert "重大执法决定法制审核事项清单" in review_grounds(lead)[0]
    (reason,) = decision_refusals(lead)
    assert "尚未提请法制审核" in reason and "第五十八条" in reason
    review = requested(lead)
    assert "法制审核尚未完成" in decision_refusals(lead)[0]
    opine(review)
    assert decision_refusals(lead) == []


def test_a_case_sent_to_review_is_not_decided_past_a_disagreeing_opinion(lead):
    review = opine(requested(lead), Opinion.DISAGREE, reasons="主体不适格")
    assert "法制审核意见为“不同意”" in decision_refusals(lead)[0]
    assert review.status == ReviewStatus.REJECTED


def test_the_head_coordinates_a_disagreement_and_the_ruling_is_recorded(lead):
    review = opine(requested(lead), Opinion.DISAGREE, reasons="违法所得认定有误")
    with recorded("cases.legal_review.object"):
        reviews.raise_objection(handler(lead), review, objection="违法所得已有银行流水佐证")
    review.refresh_from_db()
    assert review.status == ReviewStatus.DISPUTED
    assert "待负责人协调" in decision_refusals(lead)[0]
    with recorded("cases.legal_review.rule"):
        reviews.coordinate(head(lead), review, ruling=Ruling.OVERRULE, reasons="经研究采纳承办意见")
    review.refresh_from_db()
    assert review.status == ReviewStatus.COORDINATED and review.ruled_by == head(lead)
    assert decision_refusals(lead) == []


def test_a_head_upholding_the_opinion_ends_the_disagreement(lead):
    review = opine(requested(lead), Opinion.DISAGREE, reasons="程序违法")
    reviews.raise_objection(handler(lead), review, objection="程序合法")
    review.refresh_from_db()
    reviews.coordinate(head(lead), review, ruling=Ruling.UPHOLD, reasons="维持审核意见")
    review.refresh_from_db()
    assert review.status == ReviewStatus.REJECTED
    with refused("不能再次提出异议", field="objection"):
        reviews.raise_objection(handler(lead), review, objection="仍有异议")


def test_only_the_head_coordinates(lead):
    from django.core.exceptions import PermissionDenied

    review = opine(requested(lead), Opinion.DISAGREE, reasons="程序违法")
    reviews.raise_objection(handler(lead), review, objection="程序合法")
    review.refresh_from_db()
    with pytest.raises(PermissionDenied):
        reviews.coordinate(handler(lead), review, ruling=Ruling.OVERRULE, reasons="采纳")


def test_an_objection_needs_its_reasons(lead):
    review = opine(requested(lead), Opinion.DISAGREE, reasons="程序违法")
    with refused("请写明不同意审核意见的理由", field="objection"):
        reviews.raise_objection(handler(lead), review, objection="")


# --- the case follows its review -----------------------------------------------------------------


@pytest.fixture
def notified(midyear, db):
    return CaseFactory(state="prior_notice")


def test_the_case_goes_to_review_and_to_the_head_with_the_opinion(notified):
    from zhifa.cases.models import CaseStatus
    from zhifa.cases.services.procedure import act

    on_major_decision_list(notified)
    review = requested(notified)
    notified.refresh_from_db()
    assert notified.status == CaseStatus.LEGAL_REVIEW
    opine(review)
    notified.refresh_from_db()
    assert notified.status == CaseStatus.DECIDING
    record_penalty(handler(notified), notified)
    act(head(notified), notified, "decide")
    notified.refresh_from_db()
    assert notified.status == CaseStatus.DECIDED


def test_the_head_cannot_decide_a_listed_case_without_a_passed_review(notified):
    from zhifa.cases.models import CaseEvent, CaseStatus
    from zhifa.cases.services.procedure import act
    from zhifa.testing.ledger import refused as refused_with

    on_major_decision_list(notified)
    with refused_with("须经法制审核", CaseEvent):
        act(handler(notified), notified, "submit_decision")
    opine(requested(notified), Opinion.DISAGREE, reasons="证据不足")
    user = reviewer(notified.agency).user
    with refused_with("不能作为审核通过", CaseEvent):
        act(user, notified, "pass_review")
    assert Case.objects.get(pk=notified.pk).status == CaseStatus.LEGAL_REVIEW


def test_a_supplement_opinion_sends_the_case_back_to_investigation(notified):
    from zhifa.cases.models import CaseStatus

    opine(requested(notified), Opinion.SUPPLEMENT, reasons="补充询问笔录")
    notified.refresh_from_db()
    assert notified.status == CaseStatus.INVESTIGATION


def test_the_heads_coordination_moves_the_case(notified):
    from zhifa.cases.models import CaseStatus

    review = opine(requested(notified), Opinion.DISAGREE, reasons="证据不足")
    assert Case.objects.get(pk=notified.pk).status == CaseStatus.LEGAL_REVIEW
    reviews.raise_objection(handler(notified), review, objection="证据充分")
    review.refresh_from_db()
    reviews.coordinate(head(notified), review, ruling=Ruling.UPHOLD, reasons="维持审核意见")
    assert Case.objects.get(pk=notified.pk).status == CaseStatus.INVESTIGATION


def test_no_penalty_decision_also_needs_a_passed_review_when_one_is_required(notified):
    """Art. 58: "no decision without a passed review" covers the no-penalty decision too."""
    from zhifa.cases.models import CaseEvent, CaseStatus
    from zhifa.cases.services.procedure import act
    from zhifa.testing.ledger import refused as refused_with

    deciding = CaseFactory(state="deciding", agency=notified.agency)
    on_major_decision_list(deciding)
    with refused_with("尚未提请法制审核", Case, CaseEvent) as caught:
        act(head(deciding), deciding, "decide_no_penalty", reason="违法行为轻微并及时改正")
    assert "第五十八条" in str(caught.value)
    assert Case.objects.get(pk=deciding.pk).status == CaseStatus.DECIDING

    on_major_decision_list(notified)
    opine(requested(notified))
    notified.refresh_from_db()
    act(head(notified), notified, "decide_no_penalty", reason="违法行为轻微并及时改正")
    assert Case.objects.get(pk=notified.pk).status == CaseStatus.DECIDED
