"""简易程序: decided on the spot only within art. 51's thresholds; collected on the spot only within
arts. 68 and 69; numbered, served that day; each refusal in Chinese, nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from zhifa.cases.models import Case, CaseStatus, OnSpotDecision
from zhifa.cases.services import summary
from zhifa.testing.factories import CaseFactory, MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer
from zhifa.testing.ledger import recorded, refused

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def spot(scjg):
    _, lead = case_handler(scjg)

    def data(party_kind: str = "enterprise", **change):
        base = {
            "unit": scjg.units.filter(kind="handling").first(),
            "title": "未按规定公示营业执照案",
            "officers": [lead, eligible_officer(scjg)],
            "parties": [PartyFactory(kind=party_kind)],
            "matters": [MatterFactory(agency=scjg)],
            "measure": "fine",
            "fine": "200",
            "place": "示范市测试路1号店内",
            "facts": "当事人未在经营场所醒目位置公示营业执照",
        }
        return {**base, **change}

    return data


def test_a_fine_within_the_threshold_is_decided_and_served_on_the_spot(personas, scjg, spot):
    data = spot("person", fine="200")
    with recorded("cases.case.decide_on_spot"):
        case = summary.decide_on_spot(personas.officer, scjg, **data)
    assert case.get_procedure_display() == "简易程序"
    assert case.status == CaseStatus.EXECUTION
    assert case.number == "市市场监管罚〔2026〕1号"
    assert (case.decided_on, case.served_on, case.get_service_method_display()) == (
        TODAY,
        TODAY,
        "当场交付",
    )
    assert case.on_spot.fine == Decimal("200") and case.on_spot.get_measure_display() == "罚款"


@pytest.mark.parametrize(
    ("kind", "fine", "allowed"),
    [
        ("person", "200", True),
        ("person", "200.01", False),
        ("individual_business", "201", False),
        ("enterprise", "3000", True),
        ("enterprise", "3000.50", False),
    ],
)
def test_a_fine_above_art_51_needs_the_ordinary_procedure(
    personas, scjg, spot, kind, fine, allowed
):
    data = spot(kind, fine=fine)
    if allowed:
        summary.decide_on_spot(personas.officer, scjg, **data)
        return
    with refused("须适用普通程序", Case, OnSpotDecision, field="fine") as caught:
        summary.decide_on_spot(personas.officer, scjg, **data)
    assert "第五十一条" in caught.value.message_dict["fine"][0]


def test_a_warning_carries_no_fine_and_bad_amounts_are_refused(personas, scjg, spot):
    case = summary.decide_on_spot(personas.officer, scjg, **spot(measure="warning", fine=None))
    assert case.on_spot.fine is None
    for change, field, message in [
        ({"measure": "warning", "fine": "50"}, "fine", "警告不能同时处以罚款"),
        ({"fine": "一百"}, "fine", "请填写正确的金额"),
        ({"fine": "-5"}, "fine", "请填写正确的金额"),
        ({"place": ""}, "place", "请填写作出决定的地点"),
        ({"measure": "detention"}, "measure", "请选择处罚种类"),
    ]:
        data = spot(**change)
        with refused(message, Case, field=field):
            summary.decide_on_spot(personas.officer, scjg, **data)


def test_the_decision_states_its_legal_basis(personas, scjg, spot):
    """Art. 52: the decision states the penalty's kind and basis; blank, the matter's own."""
    stated = summary.decide_on_spot(personas.officer, scjg, **spot(basis="《某条例》第十条"))
    assert stated.on_spot.basis == "《某条例》第十条"
    data = spot()
    matter_basis = data["matters"][0].basis
    assert summary.decide_on_spot(personas.officer, scjg, **data).on_spot.basis == matter_basis
    bare = spot(matters=[], basis=" ")
    with refused("请填写处罚依据", Case, field="basis"):
        summary.decide_on_spot(personas.officer, scjg, **bare)


def test_on_the_spot_decisions_need_two_officers_too(personas, scjg, spot):
    data = spot()
    data["officers"] = data["officers"][:1]
    with refused("至少2名", Case, field="officers"):
        summary.decide_on_spot(personas.officer, scjg, **data)


def test_collection_on_the_spot_up_to_100_yuan_or_with_a_reason(personas, scjg, spot):
    small = summary.decide_on_spot(personas.officer, scjg, **spot(fine="100"))
    with refused("罚没款收据编号", OnSpotDecision, field="receipt_number"):
        summary.collect_on_spot(personas.officer, small, amount_paid="100")
    with recorded("cases.case.collect_on_spot"):
        summary.collect_on_spot(personas.officer, small, amount_paid="100", receipt_number="A001")
    small.refresh_from_db()
    assert small.on_spot.collected == Decimal("100") and small.on_spot.collected_on == TODAY
    with refused("罚款已当场收缴", field="amount"):
        summary.collect_on_spot(personas.officer, small, amount_paid="100", receipt_number="A002")

    large = summary.decide_on_spot(personas.officer, scjg, **spot(fine="150"))
    with refused("请写明理由", field="amount") as caught:
        summary.collect_on_spot(personas.officer, large, amount_paid="150", receipt_number="A3")
    assert "第六十八条" in caught.value.messages[0]
    with refused("应为决定的罚款金额", field="amount"):
        summary.collect_on_spot(personas.officer, large, amount_paid="100", receipt_number="A3")
    summary.collect_on_spot(
        personas.officer,
        large,
        amount_paid="150",
        reason="当事人为流动摊贩，不当场收缴事后难以执行",
        receipt_number="A003",
    )


def test_ordinary_cases_and_warnings_are_not_collected_on_the_spot(personas, scjg, spot):
    ordinary = CaseFactory(state="execution")
    with refused("只有简易程序当场作出的罚款决定可以当场收缴", field="amount"):
        summary.collect_on_spot(personas.officer, ordinary, amount_paid="100", receipt_number="B1")
    warning = summary.decide_on_spot(personas.officer, scjg, **spot(measure="warning", fine=""))
    with refused("只有罚款可以当场收缴", field="amount"):
        summary.collect_on_spot(personas.officer, warning, amount_paid="0", receipt_number="B2")


@pytest.mark.parametrize(("fine", "allowed"), [("100.00", True), ("100.01", False)])
def test_collection_without_a_reason_stops_at_exactly_100_yuan(personas, scjg, spot, fine, allowed):
    """Art. 68: up to 100 yuan is collected on the spot as such; one fen more needs a reason."""
    case = summary.decide_on_spot(personas.officer, scjg, **spot(fine=fine))
    if allowed:
        summary.collect_on_spot(personas.officer, case, amount_paid=fine, receipt_number="C1")
        case.refresh_from_db()
        assert case.on_spot.collected == Decimal(fine)
        return
    with refused("请写明理由", OnSpotDecision, field="amount") as caught:
        summary.collect_on_spot(personas.officer, case, amount_paid=fine, receipt_number="C1")
    assert "罚款超过100元的" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("began", "ended", "allowed"),
    [
        (date(2024, 6, 17), None, True),  # discovered on the time bar's last day
        (date(2024, 6, 16), None, False),
        (date(2023, 1, 1), date(2024, 6, 17), True),  # continuing: counted from its end
        (date(2023, 1, 1), date(2024, 6, 16), False),
    ],
)
def test_the_summary_path_keeps_the_two_year_time_bar(personas, scjg, spot, began, ended, allowed):
    """Art. 36: a violation not discovered within two years (from its end if continuing) is not
    penalised, on the spot either."""
    data = spot(violation_began=began, violation_ended=ended)
    if allowed:
        case = summary.decide_on_spot(personas.officer, scjg, **data)
        assert case.status == CaseStatus.EXECUTION
        return
    with refused("不再给予行政处罚", Case, OnSpotDecision, field="violation_began") as caught:
        summary.decide_on_spot(personas.officer, scjg, **data)
    message = caught.value.message_dict["violation_began"][0]
    assert "第三十六条" in message and "（至2026年6月16日）未被发现" in message
