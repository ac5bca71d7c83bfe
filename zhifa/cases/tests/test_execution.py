"""Service and execution of a decision: the service record (处罚法 art. 61), payments with the
late fee (arts. 67, 72), deferral and instalments (art. 66), the demand notice and the court
(强制法 arts. 53, 54), and closing only once the decision is executed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from zhifa.cases.execution_account import Instalment, account
from zhifa.cases.models import CaseStatus, Execution, Payment
from zhifa.cases.services import decisions
from zhifa.cases.services.procedure import act
from zhifa.core.workdays import YearDataMissing
from zhifa.testing.factories import CaseFactory

TODAY = date(2026, 6, 17)  # a Wednesday


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def decided(personas, fine: str | None = "1000", measures=("fine",)):
    """A case decided today with ``fine`` (through the services)."""
    case = CaseFactory(state="deciding")
    decisions.record_decision(
        personas.officer,
        case,
        kind="final",
        measures=list(measures),
        fine=fine,
        facts={},
        outside_reason="情节轻微，依法从轻处罚",
    )
    act(personas.agency_head, case, "decide")
    case.refresh_from_db()
    return case


def served(personas, on: date = TODAY, **more):
    """A case decided and served on ``on``."""
    with time_machine.travel(on, tick=False):
        case = decided(personas, **more)
        act(personas.officer, case, "serve", served_on=on, method="direct")
    case.refresh_from_db()
    return case


def errors(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


# --- the account (no database) ------------------------------------------------------------------


def test_the_late_fee_runs_three_percent_a_day_on_the_unpaid_fine_and_stops_at_the_fine():
    due = date(2026, 7, 2)
    plan = [Instalment(due, Decimal("1000"))]
    assert account(Decimal("1000"), plan, [], due).late_fee == 0
    assert account(Decimal("1000"), plan, [], due + timedelta(days=3)).late_fee == Decimal("90.00")
    late = account(Decimal("1000"), plan, [], due + timedelta(days=40))
    assert late.late_fee == Decimal("1000.00") and late.owed == Decimal("2000.00")
    # half paid on day 2: the fee runs on 500 afterwards
    half = account(
        Decimal("1000"), plan, [(due + timedelta(days=2), Decimal("500"))], due + timedelta(days=4)
    )
    assert half.late_fee == Decimal("90.00") and half.fine_left == Decimal("500.00")
    assert half.next_due == due and half.overdue


@pytest.mark.parametrize(
    ("days", "fee", "capped"),
    [
        (33, Decimal("990.00"), False),
        (34, Decimal("1000.00"), True),
        (60, Decimal("1000.00"), True),
    ],
)
def test_the_accounts_late_fee_reaches_the_fine_on_the_cap_day_and_agrees_with_the_deadlines(
    days, fee, capped
):
    """Art. 72(1): 3% a day of 1,000 yuan is 990 on day 33 and would be 1,020 on day 34: from then
    on it is the fine, 1,000 — the same in the account and in ``deadlines.late_fee``."""
    from zhifa.cases import deadlines

    due = date(2026, 7, 2)
    on = due + timedelta(days=days)
    found = account(Decimal("1000"), [Instalment(due, Decimal("1000"))], [], on)
    assert found.late_fee == fee and found.owed == Decimal("1000.00") + fee
    single = deadlines.late_fee(Decimal("1000.00"), due, on)
    assert (single.amount, single.capped) == (fee, capped)
    # paid on the cap day: the fine first, then the late fee only up to the fine
    paid = account(Decimal("1000"), [Instalment(due, Decimal("1000"))], [(on, Decimal("2500"))], on)
    assert paid.parts == [(Decimal("1000.00"), fee)] and paid.overpaid == Decimal("1500") - fee


def test_a_payment_goes_to_the_fine_first_then_to_the_late_fee():
    due = date(2026, 7, 2)
    paid = account(
        Decimal("1000"),
        [Instalment(due, Decimal("1000"))],
        [(due + timedelta(days=1), Decimal("1030"))],
        due + timedelta(days=1),
    )
    assert paid.parts == [(Decimal("1000.00"), Decimal("30.00"))] and paid.settled


# --- service ------------------------------------------------------------------------------------


def test_service_records_the_receipt_and_flags_a_late_one(personas):
    case = decided(personas)
    act(
        personas.officer,
        case,
        "serve",
        served_on=TODAY,
        method="post",
        receiver="张三",
        place="示范市人民路1号",
    )
    record = Execution.objects.get(case=case)
    assert (record.receiver, record.place, record.fine) == (
        "张三",
        "示范市人民路1号",
        Decimal("1000.00"),
    )
    # 7 working days: 2026-06-19 is the Dragon Boat Festival
    assert record.service_flag == "" and record.service_due == date(2026, 6, 29)
    with time_machine.travel(date(2026, 6, 30), tick=False):
        late = decided(personas)  # 7 working days: up to 2026-07-09
    with time_machine.travel(date(2026, 7, 10), tick=False):
        act(personas.officer, late, "serve", served_on=date(2026, 7, 10), method="post")
    assert "已超过送达期限" in Execution.objects.get(case=late).service_flag


def test_service_on_the_seventh_working_day_is_not_flagged(personas):
    """Art. 61: a party absent is served within 7 working days; the last of them is in time."""
    with time_machine.travel(date(2026, 6, 30), tick=False):
        case = decided(personas)  # 7 working days: up to Thursday 2026-07-09
    with time_machine.travel(date(2026, 7, 9), tick=False):
        act(personas.officer, case, "serve", served_on=date(2026, 7, 9), method="post")
    record = Execution.objects.get(case=case)
    assert record.service_due == date(2026, 7, 9) and record.service_flag == ""


def test_electronic_service_needs_consent_and_on_the_spot_the_day_of_the_decision(personas):
    case = decided(personas)
    with pytest.raises(ValidationError) as refused:
        act(personas.officer, case, "serve", served_on=TODAY, method="electronic")
    assert "当事人同意" in errors(refused)["consent"][0]
    with pytest.raises(ValidationError) as refused:
        act(personas.officer, case, "serve", served_on=TODAY, method="left")
    assert "送达情况" in errors(refused)["note"][0]
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and not Execution.objects.filter(case=case).exists()
    act(personas.officer, case, "serve", served_on=TODAY, method="electronic", consent=True)
    assert Execution.objects.get(case=case).consent


# --- payments -----------------------------------------------------------------------------------


def test_a_payment_before_service_or_above_what_is_owed_is_refused(personas):
    case = served(personas, on=date(2026, 6, 16))
    with pytest.raises(ValidationError) as refused:
        act(
            personas.officer,
            case,
            "pay",
            paid_on=date(2026, 6, 15),
            amount_paid="100",
            reference="R1",
        )
    assert "不能早于送达日期" in errors(refused)["paid_on"][0]
    with pytest.raises(ValidationError) as refused:
        act(personas.officer, case, "pay", paid_on=TODAY, amount_paid="1000.01", reference="R1")
    assert "超过应缴金额" in errors(refused)["amount"][0]
    with pytest.raises(ValidationError) as refused:
        act(personas.officer, case, "pay", paid_on=TODAY, amount_paid="0", reference="R1")
    assert "大于零" in errors(refused)["amount"][0]
    assert not Payment.objects.filter(case=case).exists()


def test_paid_in_full_with_the_late_fee_the_case_may_close(personas):
    case = served(personas, on=date(2026, 5, 20))  # last day of payment: 2026-06-04
    with pytest.raises(ValidationError) as refused:
        act(personas.agency_head, case, "close")
    assert "罚款及加处罚款尚欠" in str(refused.value)
    act(personas.officer, case, "pay", paid_on=date(2026, 6, 5), amount_paid="1000", reference="R1")
    payment = Payment.objects.get(case=case)
    assert (payment.fine_part, payment.late_fee_part) == (Decimal("1000.00"), Decimal("0.00"))
    with pytest.raises(ValidationError) as refused:
        act(personas.agency_head, case, "close")
    assert "尚欠30.00元" in str(refused.value)  # one day late: 3% of 1000
    act(personas.officer, case, "pay", paid_on=TODAY, amount_paid="30", reference="R2")
    act(personas.agency_head, case, "close")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


# --- deferral and instalments -------------------------------------------------------------------


def test_approved_instalments_set_the_days_of_payment(personas):
    case = served(personas)
    plan = [{"due": "2026-07-15", "amount": "400"}, {"due": "2026-08-15", "amount": "500"}]
    with pytest.raises(ValidationError) as refused:
        act(
            personas.officer,
            case,
            "apply_arrangement",
            kind="instalments",
            applied_on=TODAY,
            reason="经营困难",
            instalments=plan,
        )
    assert "合计应等于罚款数额" in errors(refused)["instalments"][0]
    plan[1]["amount"] = "600"
    act(
        personas.officer,
        case,
        "apply_arrangement",
        kind="instalments",
        applied_on=TODAY,
        reason="经营困难",
        instalments=plan,
    )
    with pytest.raises(Exception):  # noqa: B017 - the officer may not approve (403)
        act(personas.officer, case, "approve_arrangement")
    act(personas.agency_head, case, "approve_arrangement", opinion="同意分两期缴纳")
    record = Execution.objects.get(case=case)
    assert record.next_due == date(2026, 7, 15)
    act(personas.officer, case, "pay", paid_on=TODAY, amount_paid="400", reference="R1")
    record.refresh_from_db()
    assert record.next_due == date(2026, 8, 15) and not record.settled


def test_a_refusal_needs_its_reason_and_keeps_the_days(personas):
    case = served(personas)
    act(
        personas.officer,
        case,
        "apply_arrangement",
        kind="deferral",
        applied_on=TODAY,
        reason="经营困难",
        deferred_to=date(2026, 9, 1),
    )
    with pytest.raises(ValidationError):
        act(personas.agency_head, case, "refuse_arrangement")
    act(personas.agency_head, case, "refuse_arrangement", opinion="不符合经济困难的条件")
    assert Execution.objects.get(case=case).next_due == date(2026, 7, 2)


# --- enforcement --------------------------------------------------------------------------------


def test_the_court_application_waits_for_the_demand_notice_and_the_appeal_periods(personas):
    case = served(personas, on=date(2026, 3, 2))  # appeal periods end 2026-09-02
    with pytest.raises(ValidationError) as refused:
        act(personas.officer, case, "demand", served_on=date(2026, 3, 10))
    assert "没有逾期未缴的罚款" in errors(refused)["served_on"][0]
    with time_machine.travel(date(2026, 8, 10), tick=False):
        act(personas.officer, case, "demand", served_on=date(2026, 8, 10))
    with time_machine.travel(date(2026, 8, 20), tick=False):
        with pytest.raises(ValidationError) as refused:
            act(
                personas.agency_head,
                case,
                "apply_court",
                applied_on=date(2026, 8, 20),
                court="示范市东城区人民法院",
            )
        assert "催告期未满" in errors(refused)["applied_on"][0]
    with time_machine.travel(date(2026, 8, 31), tick=False):
        with pytest.raises(ValidationError) as refused:
            act(
                personas.agency_head,
                case,
                "apply_court",
                applied_on=date(2026, 8, 31),
                court="示范市东城区人民法院",
            )
        assert "不在申请期间内" in errors(refused)["applied_on"][0]
    with time_machine.travel(date(2026, 10, 12), tick=False):
        act(
            personas.agency_head,
            case,
            "apply_court",
            applied_on=date(2026, 10, 12),
            court="示范市东城区人民法院",
        )
        act(personas.officer, case, "record_ruling", ruling="granted", ruled_on=date(2026, 10, 12))
        act(personas.agency_head, case, "close")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_the_court_application_is_refused_the_day_after_the_windows_last_day(personas):
    """强制法 art. 53: within 3 months after the appeal periods end (2 September 2026 for a
    service on 2 March): 2 December is the last day, 3 December is too late."""
    case = served(personas, on=date(2026, 3, 2))
    with time_machine.travel(date(2026, 8, 10), tick=False):
        act(personas.officer, case, "demand", served_on=date(2026, 8, 10))
    court = "示范市东城区人民法院"
    with time_machine.travel(date(2026, 12, 3), tick=False):
        with pytest.raises(ValidationError) as refused:
            act(
                personas.agency_head, case, "apply_court", applied_on=date(2026, 12, 3), court=court
            )
        message = errors(refused)["applied_on"][0]
        assert "不在申请期间内" in message and "至2026年12月2日" in message
    assert Execution.objects.get(case=case).court_applied_on is None
    with time_machine.travel(date(2026, 12, 2), tick=False):
        act(personas.agency_head, case, "apply_court", applied_on=date(2026, 12, 2), court=court)
    assert Execution.objects.get(case=case).court_applied_on == date(2026, 12, 2)


def test_other_measures_need_their_execution_recorded_and_an_end_needs_its_reason(personas):
    case = served(personas, fine=None, measures=("warning",))
    act(personas.agency_head, case, "close")  # a warning is executed by its service
    other = served(personas, fine=None, measures=("confiscate_property",))
    with pytest.raises(ValidationError) as refused:
        act(personas.agency_head, other, "close")
    assert "没收非法财物的执行情况尚未登记" in str(refused.value)
    act(personas.officer, other, "record_measures", done_on=TODAY, note="没收物品已登记入库")
    act(personas.agency_head, other, "close")
    third = served(personas)
    with pytest.raises(ValidationError):
        act(personas.agency_head, third, "end_execution")
    act(personas.agency_head, third, "end_execution", reason="当事人（法人）已终止且无财产")
    act(personas.agency_head, third, "close")


def test_a_service_at_the_year_end_without_next_years_data_is_said_never_a_crash(personas):
    with time_machine.travel(date(2026, 12, 28), tick=False):
        case = decided(personas)
        with pytest.raises(YearDataMissing):
            from zhifa.cases import deadlines
            from zhifa.core.calendar import current_oracle

            deadlines.payment_due(date(2026, 12, 28), oracle=current_oracle())
        act(personas.officer, case, "serve", served_on=date(2026, 12, 28), method="direct")
        record = Execution.objects.get(case=case)
        assert record.next_due == date(2027, 1, 12)
