"""Case deadlines on the official calendar: each number of rules.md "Cases" counted the way the
law counts it (working vs calendar days), across holidays, 调休 working weekends and the year end."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from zhifa.cases import deadlines as dl
from zhifa.core.workdays import ChineseCalendarOracle, YearDataMissing
from zhifa.testing.clock import MIDYEAR

OFFICIAL = ChineseCalendarOracle()


def test_it_gives_the_decision_90_calendar_days_after_opening():
    due = dl.decision_due(date(2026, 6, 17), oracle=OFFICIAL)
    assert due.due == date(2026, 9, 15)
    assert "行政处罚法第六十条" in due.explanation
    assert "2026年6月17日立案" in due.explanation


def test_it_moves_a_decision_deadline_out_of_the_national_day_holiday():
    # 90 days after 3 July 2026 is 1 October, inside the holiday: the next working day is 8 October.
    due = dl.decision_due(date(2026, 7, 3), oracle=OFFICIAL)
    assert due.due == date(2026, 10, 8)
    assert "顺延" in due.explanation


def test_it_ends_a_period_on_a_tiaoxiu_working_sunday_across_the_year_end():
    # 90 days after 3 October 2025 is New Year's Day 2026; Sunday 4 January is a 调休 working day.
    assert dl.decision_due(date(2025, 10, 3), oracle=OFFICIAL).due == date(2026, 1, 4)


def test_it_adds_approved_extensions_to_the_decision_deadline():
    due = dl.decision_due(date(2026, 6, 17), [30], oracle=OFFICIAL)
    assert due.due == date(2026, 10, 15)
    assert "经批准延长30日" in due.explanation


@pytest.mark.parametrize("bad", [0, -5, 1.5, True])
def test_it_refuses_an_extension_that_is_not_a_positive_number_of_days(bad):
    with pytest.raises(ValueError, match="延长期限"):
        dl.decision_due(date(2026, 6, 17), [bad], oracle=OFFICIAL)


def test_it_counts_evidence_preservation_in_working_days_across_the_holiday():
    # Calendar days would end on 6 October (moved to the 8th); 7 working days run to 14 October:
    # 30 Sep, 8, 9, 10 (调休 Saturday), 12, 13, 14 October.
    due = dl.preservation_due(date(2026, 9, 29), oracle=OFFICIAL)
    assert due.due == date(2026, 10, 14)
    assert "7个工作日" in due.explanation and "第五十六条" in due.explanation


def test_it_counts_service_in_working_days_through_the_spring_festival():
    # 13, 14 (调休 Saturday), 24–27 February and Saturday 28 February (调休) are the 7 working days.
    assert dl.service_due(date(2026, 2, 12), oracle=OFFICIAL).due == date(2026, 2, 28)


def test_it_gives_payment_15_calendar_days_after_service():
    assert dl.payment_due(date(2026, 6, 17), oracle=OFFICIAL).due == date(2026, 7, 2)
    # The 15th day is 1 October: moved to the first working day after the holiday.
    assert dl.payment_due(date(2026, 9, 16), oracle=OFFICIAL).due == date(2026, 10, 8)
    # Across the year end, onto the 调休 Sunday.
    assert dl.payment_due(date(2025, 12, 17), oracle=OFFICIAL).due == date(2026, 1, 4)


def test_it_charges_no_late_fee_on_the_last_day_of_payment():
    fee = dl.late_fee(Decimal("1000"), date(2026, 7, 2), date(2026, 7, 2))
    assert fee.days == 0 and fee.amount == Decimal("0")
    assert "尚未逾期" in fee.explanation


def test_it_charges_three_percent_a_day_to_the_day():
    assert dl.late_fee(Decimal("1000"), date(2026, 7, 2), date(2026, 7, 3)).amount == Decimal(
        "30.00"
    )
    fee = dl.late_fee(Decimal("1000"), date(2026, 7, 2), date(2026, 8, 4))
    assert (fee.days, fee.amount, fee.capped) == (33, Decimal("990.00"), False)
    assert "第七十二条" in fee.explanation


def test_it_caps_the_late_fee_at_the_fine():
    fee = dl.late_fee(Decimal("1000"), date(2026, 7, 2), date(2026, 8, 5))
    assert (fee.days, fee.amount, fee.capped) == (34, Decimal("1000"), True)
    assert "以1000元为限" in fee.explanation
    assert dl.late_fee(Decimal("1000"), date(2026, 7, 2), date(2027, 7, 2)).amount == Decimal(
        "1000"
    )


def test_it_rounds_the_late_fee_to_the_fen():
    assert dl.late_fee(Decimal("333.33"), date(2026, 7, 2), date(2026, 7, 3)).amount == Decimal(
        "10.00"
    )


def test_it_refuses_a_late_fee_on_no_fine():
    with pytest.raises(ValueError, match="罚款金额"):
        dl.late_fee(Decimal("0"), date(2026, 7, 2), date(2026, 7, 3))


def test_it_ends_the_appeal_periods_with_the_lawsuit_six_months():
    end = dl.appeal_periods_end(date(2025, 12, 1), oracle=OFFICIAL)
    assert end.due == date(2026, 6, 1)
    assert "2026年1月30日" in end.explanation  # the 60 days of reconsideration


def test_it_opens_court_enforcement_after_the_appeal_periods_for_three_months():
    window = dl.court_enforcement_window(date(2025, 12, 1), date(2025, 12, 16), oracle=OFFICIAL)
    assert window.earliest == date(2026, 6, 2)
    assert window.due == date(2026, 9, 1)
    assert "第五十三条" in window.explanation


def test_it_waits_for_thirty_days_of_late_fee_before_court_enforcement():
    # Payment deferred (art. 66) to 20 May 2026: the late fee has run 30 days on 19 June.
    window = dl.court_enforcement_window(date(2025, 12, 1), date(2026, 5, 20), oracle=OFFICIAL)
    assert window.earliest == date(2026, 6, 20)


def test_it_says_when_the_demand_notice_must_be_served_at_the_latest():
    notice = dl.demand_notice_latest(date(2025, 12, 1), date(2025, 12, 16), oracle=OFFICIAL)
    assert notice.due == date(2026, 8, 17)
    after = dl.court_application_earliest_after_demand(notice.due, oracle=OFFICIAL)
    assert after.due <= date(2026, 9, 1)
    one_day_late = dl.court_application_earliest_after_demand(date(2026, 8, 18), oracle=OFFICIAL)
    assert one_day_late.due > date(2026, 9, 1)


def test_it_waits_ten_working_days_after_the_demand_notice():
    # 28–30 September, 8, 9, 10 (调休), 12–15 October: the application may follow on the 16th.
    after = dl.court_application_earliest_after_demand(date(2026, 9, 25), oracle=OFFICIAL)
    assert after.due == date(2026, 10, 16)


def test_it_counts_the_hearing_request_in_working_days_across_the_year_end():
    # 29, 30, 31 December, 4 January (调休 Sunday), 5 January.
    due = dl.hearing_request_due(date(2025, 12, 26), oracle=OFFICIAL)
    assert due.due == date(2026, 1, 5)
    assert "5个工作日" in due.explanation


def test_it_holds_a_hearing_only_after_seven_working_days_of_notice():
    # The Dragon Boat holiday (19–21 June 2026) does not count: 18, 22–26, 29 June.
    assert dl.earliest_hearing_date(date(2026, 6, 17), oracle=OFFICIAL).due == date(2026, 6, 30)


def test_the_latest_hearing_notice_and_the_earliest_hearing_agree_all_year():
    day = date(2026, 1, 20)
    while day < date(2026, 12, 20):
        latest = dl.hearing_notice_latest(day, oracle=OFFICIAL).due
        assert dl.earliest_hearing_date(latest, oracle=OFFICIAL).due <= day
        assert dl.earliest_hearing_date(latest + timedelta(days=1), oracle=OFFICIAL).due > day
        day += timedelta(days=1)


def test_it_limits_sealing_to_thirty_days_extended_once_by_thirty():
    assert dl.seizure_ends(date(2026, 6, 17), oracle=OFFICIAL).due == date(2026, 7, 17)
    assert dl.seizure_ends(date(2026, 6, 17), 30, oracle=OFFICIAL).due == date(2026, 8, 17)
    with pytest.raises(ValueError, match="不得超过30日"):
        dl.seizure_ends(date(2026, 6, 17), 31, oracle=OFFICIAL)


def test_it_refuses_to_guess_in_a_year_without_holiday_data():
    with pytest.raises(YearDataMissing, match="缺少2030年"):
        dl.payment_due(date(2030, 3, 1), oracle=OFFICIAL)
    entered = ChineseCalendarOracle(known_years=[2030])
    assert dl.payment_due(date(2030, 3, 1), oracle=entered).due == date(2030, 3, 18)


def test_it_counts_days_left_from_today():
    with time_machine.travel(MIDYEAR, tick=False):
        today = date.today()
        due = dl.payment_due(date(2026, 6, 17), oracle=OFFICIAL)
        assert due.days_left(today) == 15
        assert not due.is_overdue(today)
        assert due.is_overdue(due.due + timedelta(days=1))
        assert due.days_left(due.due + timedelta(days=3)) == -3
