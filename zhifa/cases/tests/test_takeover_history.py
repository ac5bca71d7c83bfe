"""接收历史案件 with its past: a case decided and served in the older system comes in with its
days, its penalty, its service record and its payments; the days must follow each other
(discovered ≤ opened ≤ decided ≤ served ≤ paid ≤ today), and its deadlines run from them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.execution import Execution, Payment
from zhifa.cases.services import execution, takeover
from zhifa.cases.services.procedure import act
from zhifa.testing.factories import MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer, member
from zhifa.testing.ledger import recorded, refused

TODAY = date(2026, 6, 17)
SERVED = TODAY - timedelta(days=40)  # 2026-05-08: payment due 2026-05-23, late since


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def served(scjg):
    _, lead = case_handler(scjg)
    return {
        "unit": scjg.units.filter(kind="handling").first(),
        "title": "涉嫌销售不合格产品案",
        "source": "inspection",
        "officers": [lead, eligible_officer(scjg)],
        "parties": [PartyFactory()],
        "matters": [MatterFactory(agency=scjg)],
        "discovered_on": TODAY - timedelta(days=130),
        "violation_began": TODAY - timedelta(days=140),
        "number": "示市监罚〔2026〕31号",
        "opened_on": TODAY - timedelta(days=120),
        "status": "execution",
        "reason": "原办案系统停用，未执行完毕的案件移交本平台继续执行",
        "notified_on": TODAY - timedelta(days=80),
        "decided_on": SERVED - timedelta(days=2),
        "penalty": {"measures": ["fine"], "fine": "1000", "outside_reason": "原系统已作出决定"},
        "served_on": SERVED,
        "service": {"method": "direct", "receiver": "当事人"},
        "payments": [{"paid_on": SERVED + timedelta(days=5), "amount": "400", "reference": "P1"}],
    }


def test_a_served_case_comes_with_its_past_and_runs_late(client, personas, scjg, served):
    admin = member(scjg, "agency_admin")
    with recorded("cases.decision.final", "cases.case.take_over"):
        case = takeover.take_over_case(admin, scjg, **served)
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.decided_on, case.served_on) == (
        CaseStatus.EXECUTION,
        SERVED - timedelta(days=2),
        SERVED,
    )
    assert case.decisions.get().fine == Decimal("1000.00")
    record = Execution.objects.get(case=case)
    assert (record.fine, record.receiver) == (Decimal("1000.00"), "当事人")
    assert Payment.objects.get(case=case).fine_part == Decimal("400.00")
    assert case.taken_over
    (event,) = case.events.all()
    assert "历史案件接收" in event.opinion and "原办案系统停用" in event.opinion
    # the late fee runs from the day after the payment deadline (处罚法 art. 72): 600 × 3% a day
    found = execution.account_of(case, record)
    last_day, _ = execution.payment_last_day(case)
    assert last_day == date(2026, 5, 25)  # 15 days from 5-8 is 5-23, a Saturday
    assert found.overdue and found.fine_left == Decimal("600.00")
    assert found.late_fee_left == Decimal("18.00") * (TODAY - last_day).days
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "历史案件接收" in page and "2026年5月8日" in page
    # from here on the execution steps as usual: the demand notice is due and may be served
    act(personas.officer, case, "demand", served_on=TODAY, note="直接送达催告书")
    assert Execution.objects.get(case=case).demand_served_on == TODAY


def test_a_case_handled_in_zhifa_bears_no_mark(client, personas, scjg, served):
    admin = member(scjg, "agency_admin")
    undecided = {
        k: v
        for k, v in served.items()
        if k not in ("decided_on", "penalty", "served_on", "service", "payments")
    }
    case = takeover.take_over_case(admin, scjg, **{**undecided, "status": "deciding"})
    client.force_login(personas.officer)
    assert "历史案件接收" in client.get(f"/cases/{case.pk}/").content.decode()
    other = Case.objects.exclude(pk=case.pk).filter(agency=scjg).first()
    if other is not None:
        assert not other.taken_over


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"opened_on": TODAY - timedelta(days=131)}, "opened_on", "立案日期不能早于发现日期"),
        ({"decided_on": TODAY - timedelta(days=121)}, "decided_on", "决定日期不能早于立案日期"),
        ({"decided_on": TODAY + timedelta(days=1)}, "decided_on", "决定日期不能晚于今天"),
        ({"served_on": SERVED - timedelta(days=3)}, "served_on", "送达日期不能早于决定日期"),
        ({"served_on": TODAY + timedelta(days=1)}, "served_on", "送达日期不能晚于今天"),
        ({"decided_on": None}, "decided_on", "请填写决定日期"),
        ({"served_on": None}, "served_on", "请填写送达日期"),
        (
            {
                "payments": [
                    {"paid_on": SERVED - timedelta(days=1), "amount": "1", "reference": "x"}
                ]
            },
            "payments",
            "缴款日期（2026年5月7日）不能早于送达日期",
        ),
        (
            {"payments": [{"paid_on": TODAY + timedelta(days=1), "amount": "1", "reference": "x"}]},
            "payments",
            "不能晚于今天",
        ),
        (
            {
                "payments": [
                    {"paid_on": SERVED + timedelta(days=9), "amount": "1", "reference": "a"},
                    {"paid_on": SERVED + timedelta(days=8), "amount": "1", "reference": "b"},
                ]
            },
            "payments",
            "不能早于上一笔缴款日期",
        ),
        (
            {"payments": [{"paid_on": SERVED, "amount": "5000", "reference": "x"}]},
            "payments",
            "缴款金额超过应缴金额",
        ),
        ({"status": "decided"}, "served_on", "案件尚未送达，不应填写送达日期"),
        ({"penalty": None}, "penalty", "请填写原处罚决定的处罚内容"),
        ({"penalty": {"measures": ["fine"]}}, "penalty", "罚款"),
        ({"service": {"method": ""}}, "method", "请选择送达方式"),
        ({"reason": " "}, "reason", "请填写接收理由"),
    ],
)
def test_take_over_with_a_past_refuses_days_out_of_order(scjg, served, change, field, message):
    admin = member(scjg, "agency_admin")
    with refused(message, Case, Execution, Payment, field=field):
        takeover.take_over_case(admin, scjg, **{**served, **change})
