"""Coercive measures (行政强制措施) on a case: each rule of 强制法 arts. 18, 19, 25, 28 kept by the
service, and broken: two officers, the head's approval, the 24-hour report, the 30 days, one
extension of at most 30 days, lifting with the items returned."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from zhifa.cases.models import AppraisalPeriod, CoerciveItem, CoerciveMeasure, CoerciveStatus
from zhifa.cases.services import coercive
from zhifa.cases.services import coercive_changes as changes
from zhifa.cases.tests.review_fixtures import handler, head
from zhifa.core import workflow
from zhifa.org.models import Agency, AgencyKind, User
from zhifa.org.services import organisation
from zhifa.testing import ledger as shared
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.factories import CaseFactory, OfficerFactory
from zhifa.testing.ledger import recorded
from zhifa.testing.ledger_guard import writes_around_services

ITEMS = [
    {"name": "过期预包装食品（饼干）", "quantity": "20箱", "place": "仓库A", "note": ""},
    {"name": "冷藏柜", "quantity": "1台", "place": "", "note": "就地封存"},
]
MODELS = (CoerciveMeasure, CoerciveItem, AppraisalPeriod)
A = "cases.coercive_measure."


@pytest.fixture
def opened(midyear, db):
    return CaseFactory(state="investigation")  # opened on Wednesday 17 June 2026


def officers(case):
    return [o.officer for o in case.officers.select_related("officer")]


def requested(case, **changes):
    data = {
        "kind": "seize",
        "place": "示范市某超市仓库",
        "reason": "涉嫌经营超过保质期的食品，依据《食品安全法》第一百一十条扣押",
        "officers": officers(case),
        "items": ITEMS,
        **changes,
    }
    return coercive.request_measure(handler(case), case, **data)


def in_force(case, **changes):
    measure = requested(case, **changes)
    coercive.approve(head(case), measure, opinion="同意")
    return coercive.carry_out(handler(case), measure)


def on_spot(case, at, **changes):
    data = {
        "kind": "seal",
        "place": "示范市某作坊",
        "reason": "现场发现正在生产假冒食品，情况紧急，当场查封",
        "officers": officers(case),
        "items": ITEMS[:1],
        "carried_out_at": at,
        **changes,
    }
    return coercive.carry_out_on_spot(handler(case), case, **data)


def test_it_runs_request_approval_carrying_out_extension_and_lifting(opened):
    with recorded(A + "request", A + "approve", A + "carry_out"):
        measure = in_force(opened)
    assert measure.status == CoerciveStatus.IN_FORCE
    assert [i.name for i in measure.items.all()] == [ITEMS[0]["name"], "冷藏柜"]
    end = coercive.last_day(measure)
    assert end.due == date(2026, 7, 17) and "行政强制法第二十五条" in end.explanation
    with recorded(A + "extend"):
        coercive.extend(head(opened), measure, days=30, reason="需要检验，情况复杂")
    measure.refresh_from_db()
    # 16 August 2026 is a Sunday: the period ends on Monday 17 August (民法典 art. 203).
    assert measure.status == CoerciveStatus.EXTENDED
    assert coercive.last_day(measure).due == date(2026, 8, 17)
    with recorded(A + "propose_lift"):
        changes.propose_lift(handler(opened), measure, reason="decided")
    with recorded(A + "lift"):
        changes.lift(head(opened), measure, opinion="同意", items_returned=True)
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.LIFTED and measure.items_returned
    assert measure.lifted_on == date(2026, 6, 17) and measure.lift_reason == "decided"
    assert measure.lifted_by == head(opened)


DEPOSIT = [{"name": "银行存款", "quantity": "5万元"}]


def authorise_freezing(agency):
    basis = "《中华人民共和国税收征收管理法》第三十八条"
    admin = User.objects.get(username="sysadmin")
    with shared.refused("请填写授权冻结", Agency, field="freeze_basis"):
        organisation.update_agency(admin, agency, may_freeze=True)
    organisation.update_agency(admin, agency, may_freeze=True, freeze_basis=basis)
    agency.refresh_from_db()


def test_freezing_cites_article_32(opened):
    authorise_freezing(opened.agency)
    measure = in_force(opened, kind="freeze", items=DEPOSIT)
    assert "行政强制法第三十二条" in coercive.last_day(measure).explanation


def test_only_an_agency_a_law_authorises_freezes(opened):
    with shared.refused("第二十九条", *MODELS, field="kind"):
        requested(opened, kind="freeze", items=DEPOSIT)
    with shared.refused("未经法律授权冻结", *MODELS, field="kind"):
        on_spot(opened, datetime(2026, 6, 17, 9, 0, tzinfo=SHANGHAI), kind="freeze")
    authorise_freezing(opened.agency)
    with writes_around_services("an agency turned delegated behind the organisation service"):
        Agency.objects.filter(pk=opened.agency_id).update(kind=AgencyKind.DELEGATED)
    opened.agency.refresh_from_db()
    with shared.refused("不得委托", *MODELS, field="kind"):  # never by delegation
        requested(opened, kind="freeze", items=DEPOSIT)


@pytest.mark.parametrize("state", ["lead", "opening"])
def test_a_measure_is_requested_only_on_an_opened_case(midyear, db, state):
    case = CaseFactory(state=state)
    with shared.refused("立案后方可提请", *MODELS, field="case"):
        requested(case)
    measure = on_spot(case, datetime(2026, 6, 17, 9, 0, tzinfo=SHANGHAI))  # an emergency may
    assert measure.status == CoerciveStatus.EMERGENCY


def test_a_measure_needs_two_officers_who_may_enforce(opened):
    with shared.refused("第十八条", *MODELS, field="officers"):
        requested(opened, officers=officers(opened)[:1])
    uncertified = OfficerFactory(agency=opened.agency)
    with shared.refused("未取得行政执法证件", *MODELS, field="officers"):
        requested(opened, officers=[officers(opened)[0], uncertified])


def test_only_the_head_approves_extends_and_ratifies(opened):
    measure = requested(opened)
    with shared.forbidden(*MODELS):
        coercive.approve(handler(opened), measure)
    coercive.approve(head(opened), measure)
    coercive.carry_out(handler(opened), measure)
    with shared.forbidden(*MODELS):
        coercive.extend(handler(opened), measure, days=10, reason="复杂")


def test_it_extends_only_once(opened):
    measure = in_force(opened)
    coercive.extend(head(opened), measure, days=10, reason="需要检测")
    with shared.refused("延长期限只能一次", *MODELS, field="days"):
        coercive.extend(head(opened), measure, days=10, reason="还需要检测")


def test_it_extends_by_at_most_30_days(opened):
    measure = in_force(opened)
    with shared.refused("不得超过30日", *MODELS, field="days"):
        coercive.extend(head(opened), measure, days=31, reason="需要检测")
    with shared.refused("请写明延长期限的理由", *MODELS, field="reason"):
        coercive.extend(head(opened), measure, days=30, reason=" ")


def test_it_extends_only_before_the_end(opened):
    measure = in_force(opened)  # ends on 17 July 2026
    late = time_machine.travel(datetime(2026, 7, 18, 9, 0, tzinfo=SHANGHAI), tick=False)
    with late, shared.refused("期限已于2026年7月17日届满", *MODELS, field="days"):
        coercive.extend(head(opened), measure, days=10, reason="需要检测")
    with time_machine.travel(datetime(2026, 7, 17, 17, 0, tzinfo=SHANGHAI), tick=False):
        coercive.extend(head(opened), measure, days=10, reason="需要检测")


def test_an_emergency_report_within_24_hours_is_on_time(opened):
    measure = on_spot(opened, datetime(2026, 6, 17, 9, 30, tzinfo=SHANGHAI))
    assert measure.status == CoerciveStatus.EMERGENCY
    with time_machine.travel(datetime(2026, 6, 18, 9, 30, tzinfo=SHANGHAI), tick=False):
        with recorded(A + "report"):
            coercive.report(handler(opened), measure, report="已当场查封，请批准")  # 24 h
        measure.refresh_from_db()
        assert measure.status == CoerciveStatus.REPORTED and not measure.late_report
        with recorded(A + "ratify"):
            coercive.ratify(head(opened), measure, opinion="同意")
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.IN_FORCE and measure.approved_on == date(2026, 6, 18)
    assert coercive.last_day(measure).due == date(2026, 7, 17)  # from the day it was carried out


def test_a_report_after_24_hours_is_recorded_and_flagged(opened):
    measure = on_spot(opened, datetime(2026, 6, 17, 9, 30, tzinfo=SHANGHAI))
    with time_machine.travel(datetime(2026, 6, 18, 9, 31, tzinfo=SHANGHAI), tick=False):
        coercive.report(handler(opened), measure, report="补报：已当场查封")
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.REPORTED and measure.late_report
    assert shared.payload(shared.entries(A + "report")[-1])["after"]["object"]["late_report"]


def test_the_head_not_approving_lifts_it_at_once(opened):
    measure = on_spot(opened, datetime(2026, 6, 17, 8, 0, tzinfo=SHANGHAI))
    coercive.report(handler(opened), measure, report="已当场查封")
    with shared.refused("不予批准的理由", *MODELS, field="opinion"):
        coercive.annul(head(opened), measure, opinion="")
    coercive.annul(head(opened), measure, opinion="证据不足，立即解除")
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.LIFTED and measure.items_returned
    assert measure.lift_reason == "not_approved"


def test_an_unreported_emergency_measure_is_not_extended(opened):
    measure = on_spot(opened, datetime(2026, 6, 17, 8, 0, tzinfo=SHANGHAI))
    with shared.refused("不能延长期限", *MODELS, field="days"):
        coercive.extend(head(opened), measure, days=10, reason="复杂")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"items": []}, "items", "清单"),
        ({"items": [{"name": "饼干", "quantity": ""}]}, "items", "第1项：请填写数量"),
        ({"place": " "}, "place", "请填写实施地点"),
        ({"kind": "detain"}, "kind", "措施种类"),
        ({"reason": ""}, "reason", "理由和依据"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(opened, changes, field, message):
    with shared.refused(message, *MODELS, field=field):
        requested(opened, **changes)


def test_an_emergency_measure_cannot_be_in_the_future(opened):
    with shared.refused("不能晚于现在", *MODELS, field="carried_out_at"):
        on_spot(opened, datetime(2026, 6, 17, 11, 0, tzinfo=SHANGHAI))


def test_a_refused_request_is_never_carried_out(opened):
    measure = requested(opened)
    coercive.refuse(head(opened), measure, opinion="证据不足")
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.NOT_APPROVED
    with shared.refused("不能实施", *MODELS):
        coercive.carry_out(handler(opened), measure)


def test_an_end_in_a_year_without_holiday_data_is_said_not_guessed(midyear, db):
    case = CaseFactory(state="investigation")
    with time_machine.travel(datetime(2026, 12, 15, 10, 0, tzinfo=SHANGHAI), tick=False):
        measure = in_force(case)  # 30 days reach 14 January 2027
        from zhifa.core.workdays import YearDataMissing

        with pytest.raises(YearDataMissing):
            coercive.last_day(measure)
        assert coercive.ended_problem(measure, date(2026, 12, 31)) is None
        assert "2027" in coercive.ended_problem(measure, date(2027, 1, 15))
        actions = {a.action for a in workflow.available_actions(measure, head(case))}
        assert "extend" in actions


def test_lifting_needs_a_reason(opened):
    measure = in_force(opened)
    with shared.refused("请选择解除的理由", *MODELS, field="reason"):
        changes.propose_lift(handler(opened), measure, reason="")
    with shared.refused("请说明", *MODELS, field="note"):
        changes.propose_lift(handler(opened), measure, reason="not_needed", note="")
    with shared.refused("请选择解除的理由", *MODELS, field="reason"):
        changes.lift(head(opened), measure)  # no proposal, no reason of the head's own


def test_the_officers_propose_lifting_and_the_head_decides(opened):
    measure = in_force(opened)
    with shared.forbidden(*MODELS):
        changes.lift(handler(opened), measure, reason="decided")
    with shared.refused("没有提请解除", *MODELS, field="opinion"):
        changes.decline_lift(head(opened), measure, opinion="仍需扣押")
    changes.propose_lift(handler(opened), measure, reason="not_needed", note="已查明来源合法")
    with shared.forbidden(*MODELS):
        changes.decline_lift(handler(opened), measure, opinion="撤回")
    with shared.refused("不予解除的理由", *MODELS, field="opinion"):
        changes.decline_lift(head(opened), measure, opinion="")
    with recorded(A + "decline_lift"):
        changes.decline_lift(head(opened), measure, opinion="检验结果未出，仍需扣押")
    measure.refresh_from_db()
    assert not measure.lift_proposed and measure.status == CoerciveStatus.IN_FORCE
    changes.propose_lift(handler(opened), measure, reason="not_needed", note="检验合格")
    changes.lift(head(opened), measure)  # the proposal's reason
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.LIFTED and measure.lift_note == "检验合格"


def test_the_list_is_corrected_before_carrying_out_not_after(opened):
    measure = requested(opened)
    fixed = [{"name": "过期预包装食品（饼干）", "quantity": "18箱", "place": "仓库A"}]
    with shared.refused("第1项：请填写数量", *MODELS, field="items"):
        changes.correct_items(handler(opened), measure, items=[{"name": "饼干"}])
    with recorded(A + "correct_items"):
        changes.correct_items(handler(opened), measure, items=fixed)
    entry = shared.payload(shared.entries(A + "correct_items")[-1])
    assert [i["quantity"] for i in entry["before"]["object"]["items"]] == ["20箱", "1台"]
    assert [i["quantity"] for i in entry["after"]["object"]["items"]] == ["18箱"]
    coercive.approve(head(opened), measure)
    changes.correct_items(handler(opened), measure, items=ITEMS)  # approved, not carried out
    coercive.carry_out(handler(opened), measure)
    with shared.refused("清单只能在实施前更正", *MODELS, field="items"):
        changes.correct_items(handler(opened), measure, items=fixed)
    assert [i.quantity for i in measure.items.all()] == ["20箱", "1台"]


def test_appraisal_periods_do_not_count_toward_the_30_days(opened):
    measure = in_force(opened)  # carried out 17 June 2026: ends 17 July
    kinds = {"kind": "testing", "notified_on": date(2026, 6, 17)}
    with recorded(A + "record_appraisal"):
        changes.record_appraisal(
            handler(opened),
            measure,
            starts_on=date(2026, 6, 18),
            ends_on=date(2026, 6, 27),
            **kinds,
        )
    end = coercive.last_day(measure)
    assert end.due == date(2026, 7, 27)  # 10 days later (27 July 2026 is a Monday)
    assert "不计检测、检验、检疫或者技术鉴定期间10日" in end.explanation
    # An overlapping period counts its shared days once: 25 June – 1 July adds 4 days.
    changes.record_appraisal(
        handler(opened),
        measure,
        starts_on=date(2026, 6, 25),
        ends_on=date(2026, 7, 1),
        **{**kinds, "kind": "appraisal"},
    )
    assert coercive.last_day(measure).due == date(2026, 7, 31)


@pytest.mark.parametrize(
    ("changes_", "field", "message"),
    [
        ({"kind": ""}, "kind", "请选择事项"),
        ({"starts_on": date(2026, 6, 16)}, "starts_on", "不能早于实施之日"),
        ({"ends_on": date(2026, 6, 17)}, "ends_on", "不能早于起始日"),
        ({"notified_on": None}, "notified_on", "书面告知当事人"),
        ({"notified_on": date(2026, 6, 18)}, "notified_on", "不能晚于今天"),
        ({"starts_on": date(2026, 7, 18)}, "starts_on", "晚于措施期限届满日"),
    ],
)
def test_a_wrong_appraisal_period_is_refused(opened, changes_, field, message):
    measure = in_force(opened)
    data = {
        "kind": "inspection",
        "starts_on": date(2026, 6, 18),
        "ends_on": date(2026, 6, 20),
        "notified_on": date(2026, 6, 17),
        **changes_,
    }
    with shared.refused(message, *MODELS, field=field):
        changes.record_appraisal(handler(opened), measure, **data)


def test_freezing_has_no_appraisal_period(opened):
    authorise_freezing(opened.agency)
    measure = in_force(opened, kind="freeze", items=DEPOSIT)
    day = date(2026, 6, 17)
    with shared.refused("冻结存款、汇款没有", *MODELS, field="kind"):
        changes.record_appraisal(
            handler(opened),
            measure,
            kind="testing",
            starts_on=day,
            ends_on=day,
            notified_on=day,
        )
