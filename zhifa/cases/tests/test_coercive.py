"""Coercive measures (行政强制措施) on a case: each rule of 强制法 arts. 18, 19, 25, 28 kept by the
service, and broken: two officers, the head's approval, the 24-hour report, the 30 days, one
extension of at most 30 days, lifting with the items returned."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from zhifa.cases.models import CoerciveItem, CoerciveMeasure, CoerciveStatus
from zhifa.cases.services import coercive
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
MODELS = (CoerciveMeasure, CoerciveItem)
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
    with recorded(A + "lift"):
        coercive.lift(handler(opened), measure, reason="decided", items_returned=True)
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.LIFTED and measure.items_returned
    assert measure.lifted_on == date(2026, 6, 17)


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
        coercive.lift(handler(opened), measure, reason="")
    with shared.refused("请说明", *MODELS, field="note"):
        coercive.lift(handler(opened), measure, reason="not_needed", note="")
