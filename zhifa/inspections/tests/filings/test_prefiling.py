"""事前备案: every refusal of the pre-filing, each with its Chinese reason and nothing written;
approval by the head before the visit; an emergency filed afterwards and flagged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from zhifa.core import parameters, workflow
from zhifa.inspections.models import Inspection, InspectionKind, InspectionStatus
from zhifa.inspections.services import filings
from zhifa.registry.services import certificates
from zhifa.testing.factories import MatterFactory, OfficerFactory
from zhifa.testing.filings import InspectionFactory, eligible_officer, filer_of, listed_matter
from zhifa.testing.ledger import forbidden, recorded, refused

TODAY = date(2026, 6, 17)
TOMORROW = TODAY + timedelta(days=1)


def file(actor, agency, **data):
    data.setdefault("kind", InspectionKind.ROUTINE)
    data.setdefault("window_start", TOMORROW)
    data.setdefault("window_end", TOMORROW + timedelta(days=6))
    data.setdefault("basis", "依据《中华人民共和国安全生产法》第六十五条，检查安全生产条件")
    return filings.file_inspection(actor, agency, **data)


@pytest.fixture
def good(party, matter, pair):
    return {"party": party, "matters": [matter], "officers": pair}


def test_it_files_and_submits_a_visit_for_the_heads_approval(officer_user, scjg, good):
    with recorded("inspections.inspection.file", "inspections.inspection.submit"):
        inspection = file(officer_user, scjg, **good)
    assert inspection.status == InspectionStatus.SUBMITTED
    assert inspection.get_status_display() == "待审批"
    assert list(inspection.agencies.all()) == [scjg]
    assert set(inspection.officers.all()) == set(good["officers"])
    assert inspection.filed_by == officer_user


def test_a_draft_waits_until_it_is_submitted(officer_user, scjg, good):
    inspection = file(officer_user, scjg, submit=False, **good)
    assert inspection.status == InspectionStatus.DRAFT
    with recorded("inspections.inspection.submit"):
        filings.submit_inspection(officer_user, inspection)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED


# --- 清单之外无事项 --------------------------------------------------------------------------


def test_a_matter_not_on_the_enterprise_inspection_list_is_refused(officer_user, scjg, good):
    unlisted = MatterFactory(agency=scjg, name="对未列入清单事项的检查")
    with refused("清单之外无事项", Inspection, field="matters") as caught:
        file(officer_user, scjg, **{**good, "matters": [good["matters"][0], unlisted]})
    assert "“对未列入清单事项的检查”不在示范市市场监督管理局" in caught.value.messages[0]


def test_a_matter_listed_only_from_a_later_date_is_refused_for_an_earlier_window(
    officer_user, scjg, good
):
    later = listed_matter(scjg, effective_on=TOMORROW + timedelta(days=30), name="七月起列入的事项")
    with refused("清单之外无事项", Inspection, field="matters"):
        file(officer_user, scjg, **{**good, "matters": [later]})
    assert file(
        officer_user,
        scjg,
        **{**good, "matters": [later]},
        window_start=TOMORROW + timedelta(days=30),
        window_end=TOMORROW + timedelta(days=31),
    )


def test_another_agencys_matter_is_refused(officer_user, scjg, sthj, good):
    theirs = listed_matter(sthj, name="对排污许可执行情况的检查")
    with refused("不是示范市市场监督管理局的执法事项", Inspection, field="matters"):
        file(officer_user, scjg, **{**good, "matters": [theirs]})


def test_no_matter_at_all_is_refused(officer_user, scjg, good):
    with refused("请至少选择一项检查事项", Inspection, field="matters"):
        file(officer_user, scjg, **{**good, "matters": []})


# --- officers -------------------------------------------------------------------------------


def test_an_officer_without_a_certificate_is_refused_with_can_enforces_reason(
    officer_user, scjg, good
):
    uncertified = OfficerFactory(agency=scjg, name="王未证")
    with refused("王未证未取得行政执法证件", Inspection, field="officers") as caught:
        file(officer_user, scjg, **{**good, "officers": [good["officers"][0], uncertified]})
    assert "王未证在2026年6月18日不能从事执法活动" in caught.value.message_dict["officers"][0]


def test_an_officer_whose_certificate_is_suspended_during_the_window_is_refused(
    officer_user, admin_of_scjg, scjg, good
):
    suspended = eligible_officer(scjg, name="李暂扣")
    certificate = suspended.certificates.get()
    certificates.suspend_certificate(
        admin_of_scjg,
        certificate,
        reason="未按规定履行职责",
        starts_on=TOMORROW + timedelta(days=3),
        ends_on=TOMORROW + timedelta(days=60),
    )
    with refused("李暂扣的执法证件暂扣期间不得从事执法活动", Inspection, field="officers"):
        file(officer_user, scjg, **{**good, "officers": [good["officers"][0], suspended]})


def test_an_officer_whose_certificate_is_of_another_field_is_refused_for_the_matter(
    officer_user, scjg, good
):
    from zhifa.org.models import EnforcementField

    ecology = EnforcementField.objects.get(code="02")
    emissions = listed_matter(scjg, name="对排放污染物的行政检查", field=ecology)
    with refused("不含事项「对排放污染物的行政检查」", Inspection, field="officers") as caught:
        file(officer_user, scjg, **{**good, "matters": [good["matters"][0], emissions]})
    assert len(caught.value.message_dict["officers"]) == 2, "both officers hold 市场监管 only"


def test_one_officer_alone_is_refused(officer_user, scjg, good):
    with refused("检查人员不得少于2人", Inspection, field="officers"):
        file(officer_user, scjg, **{**good, "officers": good["officers"][:1]})


def test_the_same_officer_twice_is_still_one_officer(officer_user, scjg, good):
    one = good["officers"][0]
    with refused("现有1人", Inspection, field="officers"):
        file(officer_user, scjg, **{**good, "officers": [one, one]})


def test_an_officer_of_another_agency_is_refused(officer_user, scjg, sthj, good):
    theirs = eligible_officer(sthj, name="赵外局")
    with refused("赵外局不是示范市市场监督管理局的执法人员", Inspection, field="officers"):
        file(officer_user, scjg, **{**good, "officers": [good["officers"][0], theirs]})


# --- the same enterprise, the same period ---------------------------------------------------


def test_a_second_filing_by_the_same_agency_in_an_overlapping_window_is_refused(
    officer_user, scjg, good, matter
):
    first = file(officer_user, scjg, **good)
    with refused("同一时段对同一企业不得重复备案", Inspection, field="party") as caught:
        file(
            officer_user,
            scjg,
            **good,
            window_start=first.window_end,
            window_end=first.window_end + timedelta(days=3),
        )
    assert str(first) in caught.value.messages[0]


def test_a_window_after_the_first_one_ends_may_be_filed(officer_user, scjg, good):
    first = file(officer_user, scjg, **good)
    start = first.window_end + timedelta(days=1)
    assert file(officer_user, scjg, **good, window_start=start, window_end=start)


def test_a_withdrawn_filing_no_longer_blocks_the_period(officer_user, scjg, good):
    first = file(officer_user, scjg, **good)
    filings.withdraw_inspection(officer_user, first, reason="企业停业")
    assert file(officer_user, scjg, **good).status == InspectionStatus.SUBMITTED


# --- the yearly cap ---------------------------------------------------------------------------


@pytest.fixture
def cap_of_one(demo):
    parameters.set_value(demo["sysadmin"], "inspections.yearly_cap", 1)


def later_window(weeks: int) -> dict:
    start = TOMORROW + timedelta(weeks=weeks)
    return {"window_start": start, "window_end": start + timedelta(days=1)}


def test_the_yearly_cap_refuses_one_more_visit_that_year(cap_of_one, officer_user, scjg, good):
    file(officer_user, scjg, **good)
    with refused("2026年已对该企业检查1次，达到年度检查次数上限1次", Inspection, field="party"):
        file(officer_user, scjg, **good, **later_window(4))
    assert file(
        officer_user,
        scjg,
        **good,
        window_start=date(2027, 1, 5),
        window_end=date(2027, 1, 6),
    ), "a new year starts a new count"


def test_a_case_specific_visit_does_not_count_unless_the_parameter_says_so(
    cap_of_one, demo, officer_user, scjg, good
):
    file(officer_user, scjg, **good)
    individual = {**good, "kind": InspectionKind.INDIVIDUAL}
    assert file(officer_user, scjg, **individual, **later_window(4))
    parameters.set_value(demo["sysadmin"], "inspections.individual_counts", True)
    with refused("达到年度检查次数上限1次", Inspection, field="party"):
        file(officer_user, scjg, **individual, **later_window(8))


def test_the_cap_is_per_agency(cap_of_one, officer_user, scjg, good, sthj_side):
    file(officer_user, scjg, **good)
    theirs = {**good, "officers": sthj_side["officers"], "matters": sthj_side["matters"]}
    assert file(sthj_side["filer"], sthj_side["officers"][0].agency, **theirs, **later_window(4))


# --- the window -------------------------------------------------------------------------------


def test_a_window_in_the_past_is_refused(officer_user, scjg, good):
    with refused("检查时段不能早于今天（2026年6月17日）", Inspection, field="window_start"):
        file(officer_user, scjg, **good, window_start=TODAY - timedelta(days=1), window_end=TODAY)


def test_a_window_that_ends_before_it_starts_is_refused(officer_user, scjg, good):
    with refused("检查截止日不能早于检查起始日", Inspection, field="window_start"):
        file(officer_user, scjg, **good, window_start=TOMORROW, window_end=TODAY)


def test_today_is_not_in_the_past(officer_user, scjg, good):
    assert file(officer_user, scjg, **good, window_start=TODAY, window_end=TODAY)


def test_an_emergency_is_filed_afterwards_with_its_reason_and_flagged(officer_user, scjg, good):
    past = {"window_start": TODAY - timedelta(days=2), "window_end": TODAY - timedelta(days=2)}
    with refused("紧急检查须说明紧急情况", Inspection, field="emergency_reason"):
        file(officer_user, scjg, **good, **past, emergency=True)
    inspection = file(
        officer_user, scjg, **good, **past, emergency=True, emergency_reason="群众举报燃气泄漏"
    )
    assert inspection.emergency and inspection.status == InspectionStatus.SUBMITTED
    assert Inspection.objects.filter(emergency=True).get() == inspection


def test_an_emergency_cannot_lie_in_the_future(officer_user, scjg, good):
    with refused("紧急检查为事后补办备案", Inspection, field="window_start"):
        file(officer_user, scjg, **good, emergency=True, emergency_reason="群众举报燃气泄漏")


def test_every_reason_is_given_at_once(officer_user, scjg, good):
    with refused("检查人员不得少于2人", Inspection) as caught:
        file(
            officer_user,
            scjg,
            **{**good, "officers": good["officers"][:1], "matters": []},
            window_start=TODAY - timedelta(days=3),
            window_end=TODAY,
        )
    assert set(caught.value.message_dict) == {"officers", "matters", "window_start"}


# --- who files, who approves ------------------------------------------------------------------


def test_an_officer_of_another_agency_cannot_file_for_it(demo, scjg, good):
    with forbidden(Inspection):
        file(demo["sthj_xu"], scjg, **good)


def test_the_head_approves_before_the_visit(officer_user, head, scjg, good):
    inspection = file(officer_user, scjg, **good)
    with forbidden(Inspection, message="单位负责人"):
        filings.approve_inspection(officer_user, inspection)
    with recorded("inspections.inspection.approve"):
        filings.approve_inspection(head, inspection, opinion="同意")
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.APPROVED
    assert inspection.decided_by == head
    with refused("当前状态为已批准，不能批准"):
        filings.approve_inspection(head, inspection)


def test_once_the_window_is_over_it_can_no_longer_be_approved(officer_user, head, scjg, good):
    inspection = file(officer_user, scjg, **good)
    with time_machine.travel(date(2026, 7, 1), tick=False):
        with refused("检查时段已过，不能再事前批准", field="window_end"):
            filings.approve_inspection(head, inspection)
        actions = workflow.available_actions(inspection, head)
        approve = next(a for a in actions if a.action == "approve")
        assert not approve.allowed and "检查时段已过" in approve.reasons[0], "the page says why"


def test_an_emergency_may_be_approved_afterwards(officer_user, head, scjg, good):
    past = {"window_start": TODAY - timedelta(days=2), "window_end": TODAY - timedelta(days=1)}
    inspection = file(
        officer_user, scjg, **good, **past, emergency=True, emergency_reason="突发事故"
    )
    filings.approve_inspection(head, inspection)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.APPROVED


def test_a_refusal_needs_the_heads_opinion(officer_user, head, scjg, good):
    inspection = file(officer_user, scjg, **good)
    with refused("不予批准须写明审批意见", field="opinion"):
        filings.refuse_inspection(head, inspection, opinion=" ")
    filings.refuse_inspection(head, inspection, opinion="检查频次过高")
    inspection.refresh_from_db()
    assert (inspection.status, inspection.opinion) == (InspectionStatus.REFUSED, "检查频次过高")


def test_the_factory_reaches_every_state(demo):
    for state in ("draft", "submitted", "approved", "refused", "withdrawn", "recorded", "closed"):
        assert InspectionFactory(state=state).status == state


def test_an_inspection_is_not_recorded_without_its_submitted_onsite_record(demo):
    """事中登记: the officers cannot mark an approved visit 已登记 by hand; only the submitted
    on-site record does it (and the factory's 已登记 inspection has one behind it)."""
    inspection = InspectionFactory(state="approved")
    actor = filer_of(inspection.lead_agency)
    with refused("尚未提交现场检查记录", field="status"):
        workflow.transition(inspection, "record", actor)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.APPROVED

    recorded_one = InspectionFactory(state="recorded")
    assert recorded_one.onsite_record.submitted_at is not None
