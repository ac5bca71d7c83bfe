"""撮合: two agencies filing for the same enterprise in overlapping windows are both offered one
joint visit; when both accept, one filing with several agencies remains, counted once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zhifa.inspections import history
from zhifa.inspections.models import Inspection, InspectionStatus, JointOffer, JointOfferStatus
from zhifa.inspections.services import filings, joint
from zhifa.testing.ledger import forbidden, recorded, refused

TOMORROW = date(2026, 6, 18)


def file(actor, agency, party, officers, matters, start=TOMORROW, days=6):
    return filings.file_inspection(
        actor,
        agency,
        party=party,
        kind="routine",
        window_start=start,
        window_end=start + timedelta(days=days),
        officers=officers,
        matters=matters,
        basis="依据清单检查",
    )


@pytest.fixture
def ours(officer_user, scjg, party, pair, matter):
    return file(officer_user, scjg, party, pair, [matter])


@pytest.fixture
def theirs(ours, sthj, party, sthj_side):
    """市生态环境局 files for the same enterprise, its window starting two days later."""
    side = sthj_side
    return file(
        side["filer"], sthj, party, side["officers"], side["matters"], TOMORROW + timedelta(days=2)
    )


def test_both_agencies_are_offered_one_joint_visit(ours, theirs):
    offer = JointOffer.objects.get()
    assert (offer.first, offer.second, offer.status) == (ours, theirs, JointOfferStatus.OPEN)
    assert set(joint.open_offers(ours)) == set(joint.open_offers(theirs)) == {offer}


def test_no_offer_without_an_overlap(officer_user, scjg, party, pair, matter, sthj, sthj_side):
    file(officer_user, scjg, party, pair, [matter])
    side = sthj_side
    file(side["filer"], sthj, party, side["officers"], side["matters"], TOMORROW + timedelta(7))
    assert not JointOffer.objects.exists()


def test_accepted_by_both_the_filings_merge_and_count_once(
    ours, theirs, officer_user, sthj, scjg, party, sthj_side
):
    offer = JointOffer.objects.get()
    with recorded("inspections.jointoffer.accept"):
        joint.accept_offer(officer_user, offer)
    offer.refresh_from_db()
    assert offer.status == JointOfferStatus.OPEN, "the other agency has not answered yet"
    with refused("本机关已同意该联合检查，等待对方回应"):
        joint.accept_offer(officer_user, offer)
    joint.accept_offer(sthj_side["filer"], offer)
    offer.refresh_from_db()
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert offer.status == JointOfferStatus.ACCEPTED
    assert set(ours.agencies.all()) == {scjg, sthj}
    assert ours.officers.count() == 4 and ours.matters.count() == 2
    assert (ours.window_start, ours.window_end) == (date(2026, 6, 20), date(2026, 6, 24))
    assert (theirs.status, theirs.merged_into) == (InspectionStatus.MERGED, ours)
    assert list(history.inspections_of(party, since=TOMORROW)) == [ours]
    assert history.yearly_count(party, scjg, 2026) == history.yearly_count(party, sthj, 2026) == 1


def test_after_the_merge_the_joined_agency_cannot_file_again_for_that_period(
    ours, theirs, officer_user, sthj, party, sthj_side
):
    offer = JointOffer.objects.get()
    joint.accept_offer(officer_user, offer)
    joint.accept_offer(sthj_side["filer"], offer)
    with refused("同一时段对同一企业不得重复备案", Inspection, field="party"):
        file(sthj_side["filer"], sthj, party, sthj_side["officers"], sthj_side["matters"])


def test_a_merge_of_an_approved_and_a_submitted_filing_goes_back_to_the_lead_head(
    ours, theirs, head, officer_user, sthj_side
):
    filings.approve_inspection(head, ours)
    offer = JointOffer.objects.get()
    joint.accept_offer(officer_user, offer)
    joint.accept_offer(sthj_side["head"], offer)
    ours.refresh_from_db()
    assert ours.status == InspectionStatus.SUBMITTED
    assert ours.opinion == "合并为联合检查，须重新审批"


def test_a_declined_offer_leaves_both_visits_as_filed(ours, theirs, sthj_side):
    offer = JointOffer.objects.get()
    with recorded("inspections.jointoffer.decline"):
        joint.decline_offer(sthj_side["filer"], offer, note="检查内容不同")
    offer.refresh_from_db()
    assert offer.status == JointOfferStatus.DECLINED
    with refused("该撮合已谢绝"):
        joint.accept_offer(sthj_side["filer"], offer)
    assert Inspection.objects.filter(status=InspectionStatus.SUBMITTED).count() == 2


def test_a_withdrawn_filing_lets_its_offer_lapse(ours, theirs, officer_user):
    with recorded("inspections.jointoffer.lapse", "inspections.inspection.withdraw"):
        filings.withdraw_inspection(officer_user, ours)
    assert JointOffer.objects.get().status == JointOfferStatus.LAPSED


def test_only_the_two_agencies_may_answer(ours, theirs, demo):
    offer = JointOffer.objects.get()
    with forbidden(JointOffer, message="只有两个备案执法主体"):
        joint.accept_offer(demo["sfj_chen"], offer)
