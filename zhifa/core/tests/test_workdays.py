"""期间计算测试。

期望日期均按国务院办公厅节假日安排通知手工推算（并与 ``chinese_calendar``
数据核对）：

* 2024 春节：2/10–2/17 放假，2/4（周日）、2/18（周日）上班；
  2024 国庆：10/1–10/7 放假，9/29（周日）、10/12（周六）上班。
* 2025 春节：1/28–2/4 放假，1/26（周日）、2/8（周六）上班；
  2025 国庆中秋：10/1–10/8 放假，9/28（周日）、10/11（周六）上班。
* 2026 春节：2/15–2/23 放假，2/14（周六）、2/28（周六）上班；
  2026 中秋：9/25–9/27 放假；国庆：10/1–10/7 放假，9/20（周日）、10/10（周六）上班。
"""

from __future__ import annotations

import calendar
import pickle
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhifa.core.workdays import (
    ChineseCalendarOracle,
    DayOracle,
    PeriodUnit,
    YearDataMissing,
    add_calendar_days,
    add_months,
    add_working_days,
    add_years,
    deadline,
    next_working_day_on_or_after,
)

D = date.fromisoformat
ORACLE = ChineseCalendarOracle()


class WeekdayOracle:
    """Mon–Fri 为工作日的简易数据源，用于与真实数据无关的纯逻辑测试。"""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5


# ---------------------------------------------------------------------------
# 数据源本身与官方通知一致


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2024-02-04", True),  # 周日，春节调休上班
        ("2024-02-09", True),  # 除夕前最后一个工作日
        ("2024-02-10", False),
        ("2024-02-12", False),  # 周一，春节假期
        ("2024-02-17", False),
        ("2024-02-18", True),  # 周日，调休上班
        ("2024-09-29", True),  # 周日，调休上班
        ("2024-10-07", False),  # 周一，国庆假期
        ("2024-10-12", True),  # 周六，调休上班
        ("2025-01-26", True),  # 周日，调休上班
        ("2025-02-04", False),  # 周二，春节假期
        ("2025-02-08", True),  # 周六，调休上班
        ("2025-09-28", True),  # 周日，调休上班
        ("2025-10-08", False),  # 周三，国庆中秋假期
        ("2025-10-11", True),  # 周六，调休上班
        ("2026-02-14", True),  # 周六，调休上班
        ("2026-02-23", False),  # 周一，春节假期
        ("2026-02-28", True),  # 周六，调休上班
        ("2026-09-20", True),  # 周日，调休上班
        ("2026-09-25", False),  # 周五，中秋
        ("2026-10-07", False),  # 周三，国庆假期
        ("2026-10-10", True),  # 周六，调休上班
        ("2026-10-11", False),  # 普通周日
    ],
)
def test_oracle_matches_official_notices(day: str, working: bool) -> None:
    assert ORACLE.is_working_day(D(day)) is working


def test_oracle_satisfies_protocol() -> None:
    assert isinstance(ORACLE, DayOracle)
    assert isinstance(WeekdayOracle(), DayOracle)


# ---------------------------------------------------------------------------
# 工作日（处罚法第85条、强制法第69条；民法典第201条开始当日不计入）


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 2024-02-08（周四）起7个工作日：2/9(1)，2/10–2/17 放假，2/18 周日上班(2)，
        # 2/19(3) 2/20(4) 2/21(5) 2/22(6) 2/23(7)
        ("2024-02-08", 7, "2024-02-23"),
        # 2024-02-01（周四）：2/2(1)，2/3 周六休，2/4 周日上班(2)，2/5–2/9(3–7)
        ("2024-02-01", 7, "2024-02-09"),
        # 2025-01-24（周五）：1/26 周日上班(1) 1/27(2)，1/28–2/4 放假，
        # 2/5(3) 2/6(4) 2/7(5) 2/8 周六上班(6)，2/9 周日休，2/10(7)
        ("2025-01-24", 7, "2025-02-10"),
        # 2026-02-12（周四）：2/13(1) 2/14 周六上班(2)，2/15–2/23 放假，
        # 2/24(3) 2/25(4) 2/26(5) 2/27(6) 2/28 周六上班(7)
        ("2026-02-12", 7, "2026-02-28"),
    ],
)
def test_working_days_across_spring_festival(start: str, n: int, expected: str) -> None:
    assert add_working_days(D(start), n, ORACLE) == D(expected)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 开始日在国庆假期中：10/8(1) 10/9(2) 10/10(3) 10/11(4) 10/12 周六上班(5)
        ("2024-10-03", 5, "2024-10-12"),
        # 10/9(1) 10/10(2) 10/11 周六上班(3)
        ("2025-10-01", 3, "2025-10-11"),
        # 开始日在春节假期中：2/24–2/27(1–4) 2/28 周六上班(5)，3/1 周日休，3/2(6) 3/3(7)
        ("2026-02-16", 7, "2026-03-03"),
        # 开始日为普通周日
        ("2024-03-17", 2, "2024-03-19"),
    ],
)
def test_working_days_start_on_rest_day(start: str, n: int, expected: str) -> None:
    assert add_working_days(D(start), n, ORACLE) == D(expected)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 开始日是调休上班的周六，本身仍不计入：10/13 周日休，10/14(1) 10/15(2)
        ("2024-10-12", 2, "2024-10-15"),
        # 2/9 周日休，2/10(1) 2/11(2) 2/12(3)
        ("2025-02-08", 3, "2025-02-12"),
        # 2/15–2/23 放假：2/24(1)
        ("2026-02-14", 1, "2026-02-24"),
    ],
)
def test_working_days_start_on_adjusted_saturday(start: str, n: int, expected: str) -> None:
    assert add_working_days(D(start), n, ORACLE) == D(expected)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 2024-09-27（周五）：9/28 周六休，9/29 周日上班(1)，9/30(2)，
        # 10/1–10/7 放假，10/8(3) 10/9(4) 10/10(5)；若不计调休周日则为 10/11
        ("2024-09-27", 5, "2024-10-10"),
        # 2025-09-26（周五）：9/28 周日上班(1) 9/29(2) 9/30(3)，10/1–10/8 放假，
        # 10/9(4) 10/10(5)
        ("2025-09-26", 5, "2025-10-10"),
        # 2026-09-18（周五）：9/20 周日上班(1) 9/21–9/24(2–5)
        ("2026-09-18", 5, "2026-09-24"),
        # 强制法第69条十日期限：续上 9/25–9/27 中秋，9/28(6) 9/29(7) 9/30(8)，
        # 10/1–10/7 国庆，10/8(9) 10/9(10)
        ("2026-09-18", 10, "2026-10-09"),
        # 2024-02-02（周五）：2/4 周日上班(1) 2/5(2)
        ("2024-02-02", 2, "2024-02-05"),
    ],
)
def test_working_days_count_adjusted_working_sunday(start: str, n: int, expected: str) -> None:
    assert add_working_days(D(start), n, ORACLE) == D(expected)


# ---------------------------------------------------------------------------
# 自然日（民法典第201条、第203条）


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 9/16 + 15 = 10/1（国庆），顺延至假期后第一个工作日 10/8
        ("2024-09-16", 15, "2024-10-08"),
        # 1/13 + 15 = 1/28（春节），顺延至 2/5
        ("2025-01-13", 15, "2025-02-05"),
        # 9/23 + 15 = 10/8（国庆中秋最后一天），顺延至 10/9
        ("2025-09-23", 15, "2025-10-09"),
        # 2/1 + 15 = 2/16（春节），顺延至 2/24
        ("2026-02-01", 15, "2026-02-24"),
        # 3/1 + 15 = 3/16 普通周六，顺延至周一 3/18
        ("2024-03-01", 15, "2024-03-18"),
    ],
)
def test_calendar_days_ending_on_holiday_extend(start: str, n: int, expected: str) -> None:
    assert add_calendar_days(D(start), n, ORACLE) == D(expected)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 1/20 + 15 = 2/4，周日但调休上班，不顺延
        ("2024-01-20", 15, "2024-02-04"),
        # 9/14 + 15 = 9/29，周日调休上班
        ("2024-09-14", 15, "2024-09-29"),
        # 1/11 + 15 = 1/26，周日调休上班
        ("2025-01-11", 15, "2025-01-26"),
        # 9/13 + 15 = 9/28，周日调休上班
        ("2025-09-13", 15, "2025-09-28"),
        # 2/13 + 15 = 2/28，周六调休上班
        ("2026-02-13", 15, "2026-02-28"),
    ],
)
def test_calendar_days_ending_on_adjusted_working_day_do_not_extend(
    start: str, n: int, expected: str
) -> None:
    assert add_calendar_days(D(start), n, ORACLE) == D(expected)


def test_calendar_days_count_holidays_inside_the_period() -> None:
    # 开始日在假期内不影响；期间内的假日照常计入：10/1 + 10 = 10/11（周五）
    assert add_calendar_days(D("2024-10-01"), 10, ORACLE) == D("2024-10-11")


# ---------------------------------------------------------------------------
# 月、年（民法典第202条对应日/月末日，第203条顺延）


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2024-01-31", 1, "2024-02-29"),  # 闰年无 2/31，取月末日（周四）
        ("2023-01-31", 1, "2023-02-28"),  # 平年月末日（周二）
        ("2023-02-28", 1, "2023-03-28"),  # 有对应日就取对应日，不是“月末对月末”
        ("2024-03-31", 1, "2024-04-30"),  # 4 月无 31 日（周二）
        ("2024-11-30", 3, "2025-02-28"),  # 跨年到平年 2 月末（周五）
        ("2024-01-15", 12, "2025-01-15"),  # 跨年（周三）
        # 对应日 10/1 为国庆假期，顺延至 10/8
        ("2024-09-01", 1, "2024-10-08"),
        # 月末日 2025-01-31 在春节假期内，顺延至 2/5
        ("2024-12-31", 1, "2025-02-05"),
        # 对应日 10/1 为国庆中秋假期，顺延至 10/9
        ("2025-09-01", 1, "2025-10-09"),
        # 月末日 2026-02-28 是调休上班的周六，不顺延
        ("2025-12-31", 2, "2026-02-28"),
        # 对应日 2024-02-04 是调休上班的周日，不顺延
        ("2024-01-04", 1, "2024-02-04"),
        # 对应日 2024-03-16 是普通周六，顺延至周一
        ("2024-02-16", 1, "2024-03-18"),
    ],
)
def test_add_months(start: str, n: int, expected: str) -> None:
    assert add_months(D(start), n, ORACLE) == D(expected)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2024-02-29", 1, "2025-02-28"),  # 无 2/29，取月末日（周五）
        ("2020-02-29", 4, "2024-02-29"),  # 有对应日（周四）
        # 2021-02-28 是周日，顺延至 3/1（周一）
        ("2020-02-29", 1, "2021-03-01"),
        # 对应日 2024-10-01 国庆，顺延至 10/8
        ("2023-10-01", 1, "2024-10-08"),
        # 对应日 2025-02-18 周二；开始日（调休周日）不影响
        ("2024-02-18", 1, "2025-02-18"),
        # 对应日 2026-02-16 春节，顺延至 2/24
        ("2024-02-16", 2, "2026-02-24"),
    ],
)
def test_add_years(start: str, n: int, expected: str) -> None:
    assert add_years(D(start), n, ORACLE) == D(expected)


def test_twelve_months_equals_one_year() -> None:
    for start in ("2024-02-29", "2023-10-01", "2024-12-31", "2025-01-28"):
        assert add_months(D(start), 12, ORACLE) == add_years(D(start), 1, ORACLE)


# ---------------------------------------------------------------------------
# next_working_day_on_or_after


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-02-09", "2024-02-09"),  # 工作日本身
        ("2024-02-04", "2024-02-04"),  # 调休上班周日本身
        ("2024-02-10", "2024-02-18"),  # 春节首日 -> 调休上班周日
        ("2025-10-01", "2025-10-09"),
        ("2026-09-25", "2026-09-28"),  # 中秋
        ("2026-10-11", "2026-10-12"),  # 普通周日
    ],
)
def test_next_working_day_on_or_after(day: str, expected: str) -> None:
    assert next_working_day_on_or_after(D(day), ORACLE) == D(expected)


def test_next_working_day_guards_against_oracle_without_working_days() -> None:
    class NeverWorking:
        def is_working_day(self, day: date) -> bool:
            return False

    with pytest.raises(RuntimeError, match="非工作日"):
        next_working_day_on_or_after(D("2024-01-01"), NeverWorking())


# ---------------------------------------------------------------------------
# 缺年度数据


def test_year_2027_missing_working_days() -> None:
    with pytest.raises(YearDataMissing) as info:
        add_working_days(D("2026-12-28"), 5, ORACLE)
    assert info.value.year == 2027
    assert str(info.value) == (
        "缺少2027年的节假日安排数据，请系统管理员先录入该年度国务院办公厅节假日安排通知"
    )


@pytest.mark.parametrize(
    ("start", "n", "unit"),
    [
        ("2026-12-20", 15, PeriodUnit.CALENDAR),  # 终日 2027-01-04
        ("2026-12-01", 1, PeriodUnit.YEARS),
        ("2026-06-30", 7, PeriodUnit.MONTHS),
        ("2026-12-30", 3, "working"),
    ],
)
def test_year_2027_missing_all_units(start: str, n: int, unit: PeriodUnit | str) -> None:
    with pytest.raises(YearDataMissing, match="2027年"):
        deadline(D(start), n, unit, ORACLE)


def test_year_before_package_range_missing() -> None:
    with pytest.raises(YearDataMissing) as info:
        ORACLE.is_working_day(D("2003-05-06"))
    assert info.value.year == 2003
    assert "2003年" in str(info.value)


def test_year_data_missing_pickles() -> None:
    err = pickle.loads(pickle.dumps(YearDataMissing(2027)))
    assert err.year == 2027
    assert "2027年" in str(err)


def test_calendar_period_only_needs_data_for_its_end() -> None:
    # 结果日及之前均在已知年度内，不因 2027 缺数据而失败
    assert add_calendar_days(D("2026-12-01"), 30, ORACLE) == D("2026-12-31")


# ---------------------------------------------------------------------------
# 覆盖数据 / 已录入年度


ORACLE_2027 = ChineseCalendarOracle(overrides={D("2027-01-01"): False}, known_years={2027})


def test_known_year_with_overrides_makes_2027_work() -> None:
    # 2026-12-30（周三）：12/31(1)，2027-01-01 元旦(覆盖为休)，1/2–1/3 周末，
    # 1/4(2) 1/5(3)
    assert add_working_days(D("2026-12-30"), 3, ORACLE_2027) == D("2027-01-05")
    # 12/20 + 15 = 2027-01-04（周一）
    assert deadline(D("2026-12-20"), 15, PeriodUnit.CALENDAR, ORACLE_2027) == D("2027-01-04")
    # 2026-12-01 + 1 月 = 2027-01-01，覆盖为假日，顺延过周末至 1/4
    assert add_months(D("2026-12-01"), 1, ORACLE_2027) == D("2027-01-04")


def test_known_year_without_overrides_is_monday_to_friday() -> None:
    oracle = ChineseCalendarOracle(known_years={2027})
    # 12/31(1)，2027-01-01 周五(2)，1/4(3)
    assert add_working_days(D("2026-12-30"), 3, oracle) == D("2027-01-04")
    assert oracle.is_working_day(D("2027-03-06")) is False  # 周六
    assert oracle.is_working_day(D("2027-03-08")) is True  # 周一


def test_override_can_declare_adjusted_working_weekend_in_new_year() -> None:
    oracle = ChineseCalendarOracle(
        overrides={D("2027-01-01"): False, D("2027-01-02"): True},
        known_years={2027},
    )
    # 12/31(1)，1/1 休，1/2 周六调休上班(2)，1/3 周日休，1/4(3)
    assert add_working_days(D("2026-12-30"), 3, oracle) == D("2027-01-04")


def test_overrides_alone_do_not_make_a_year_known() -> None:
    oracle = ChineseCalendarOracle(overrides={D("2027-01-01"): False})
    assert oracle.is_working_day(D("2027-01-01")) is False
    with pytest.raises(YearDataMissing, match="2027年"):
        oracle.is_working_day(D("2027-01-04"))


def test_known_years_do_not_replace_package_data() -> None:
    oracle = ChineseCalendarOracle(known_years={2024})
    assert oracle.is_working_day(D("2024-10-07")) is False  # 国庆周一仍是假日
    assert oracle.is_working_day(D("2024-10-12")) is True  # 调休周六仍上班


def test_override_corrects_package_day() -> None:
    # 9/30 起1个工作日：包数据为 10/8
    assert add_working_days(D("2024-09-30"), 1, ORACLE) == D("2024-10-08")
    # 更正 10/8 为休息日 -> 10/9
    off = ChineseCalendarOracle(overrides={D("2024-10-08"): False})
    assert add_working_days(D("2024-09-30"), 1, off) == D("2024-10-09")
    # 更正 10/7 为工作日 -> 10/7；自然日期间也随之不再顺延
    on = ChineseCalendarOracle(overrides={D("2024-10-07"): True})
    assert add_working_days(D("2024-09-30"), 1, on) == D("2024-10-07")
    assert add_calendar_days(D("2024-09-22"), 15, on) == D("2024-10-07")
    assert add_calendar_days(D("2024-09-22"), 15, ORACLE) == D("2024-10-08")


# ---------------------------------------------------------------------------
# deadline 分派与参数校验


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        (PeriodUnit.WORKING, "2024-02-23"),
        ("working", "2024-02-23"),
        (PeriodUnit.CALENDAR, "2024-02-18"),  # 2/15 春节 -> 2/18 周日调休上班
        ("calendar", "2024-02-18"),
    ],
)
def test_deadline_dispatch_days(unit: PeriodUnit | str, expected: str) -> None:
    assert deadline(D("2024-02-08"), 7, unit, ORACLE) == D(expected)


def test_deadline_dispatch_months_years() -> None:
    assert deadline(D("2024-01-31"), 1, "months", ORACLE) == D("2024-02-29")
    assert deadline(D("2024-02-29"), 1, PeriodUnit.YEARS, ORACLE) == D("2025-02-28")


@pytest.mark.parametrize(
    ("n", "unit"),
    [
        (0, PeriodUnit.WORKING),
        (-1, PeriodUnit.CALENDAR),
        (3651, PeriodUnit.WORKING),
        (3651, PeriodUnit.CALENDAR),
        (1201, PeriodUnit.MONTHS),
        (101, PeriodUnit.YEARS),
        (0, PeriodUnit.YEARS),
    ],
)
def test_deadline_rejects_out_of_range_n(n: int, unit: PeriodUnit) -> None:
    with pytest.raises(ValueError, match="期间长度必须在1至"):
        deadline(D("2024-01-10"), n, unit, ORACLE)


def test_individual_functions_validate_n() -> None:
    for func in (add_working_days, add_calendar_days, add_months, add_years):
        with pytest.raises(ValueError, match="期间长度"):
            func(D("2024-01-10"), 0, ORACLE)


def test_deadline_rejects_unknown_unit() -> None:
    with pytest.raises(ValueError, match="未知的期间单位"):
        deadline(D("2024-01-10"), 5, "weeks", ORACLE)


@pytest.mark.parametrize("n", [True, 2.0, "5"])
def test_deadline_rejects_non_int_n(n: object) -> None:
    with pytest.raises(TypeError, match="整数"):
        deadline(D("2024-01-10"), n, PeriodUnit.WORKING, ORACLE)  # type: ignore[arg-type]


def test_datetime_rejected() -> None:
    with pytest.raises(TypeError, match=r"datetime\.date"):
        add_working_days(datetime(2024, 1, 10, 9, 0), 5, ORACLE)
    with pytest.raises(TypeError):
        ORACLE.is_working_day(datetime(2024, 1, 10, 9, 0))


def test_max_period_is_accepted() -> None:
    start = D("2010-01-04")
    assert deadline(start, 3650, PeriodUnit.CALENDAR, ORACLE) > start
    # 2110-01-04 是周六，按周一至周五数据源顺延至周一 2110-01-06
    assert deadline(start, 1200, PeriodUnit.MONTHS, WeekdayOracle()) == D("2110-01-06")
    assert deadline(start, 100, PeriodUnit.YEARS, WeekdayOracle()) == D("2110-01-06")
    assert deadline(D("2005-01-04"), 3650, PeriodUnit.WORKING, ORACLE) < D("2020-01-01")


# ---------------------------------------------------------------------------
# 性质测试（真实 2024–2026 数据）

dates_2024_2026 = st.dates(min_value=D("2024-01-01"), max_value=D("2026-09-30"))


def _working_days_between(start: date, end: date) -> int:
    """(start, end] 中的工作日数。"""
    return sum(
        ORACLE.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1)
    )


@settings(max_examples=200, deadline=None)
@given(start=dates_2024_2026, n=st.integers(min_value=1, max_value=30))
def test_property_add_working_days(start: date, n: int) -> None:
    result = add_working_days(start, n, ORACLE)
    assert result > start
    assert ORACLE.is_working_day(result)
    assert _working_days_between(start, result) == n
    # 最小性：前一日之前工作日数不足 n
    assert _working_days_between(start, result - timedelta(days=1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(start=dates_2024_2026, n=st.integers(min_value=1, max_value=60))
def test_property_add_calendar_days(start: date, n: int) -> None:
    result = add_calendar_days(start, n, ORACLE)
    nominal = start + timedelta(days=n)
    assert result >= nominal
    assert ORACLE.is_working_day(result)
    # 顺延跳过的全是非工作日
    for i in range((result - nominal).days):
        assert not ORACLE.is_working_day(nominal + timedelta(days=i))


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D("2024-01-01"), max_value=D("2025-11-30")),
    n=st.integers(min_value=1, max_value=12),
)
def test_property_add_months(start: date, n: int) -> None:
    result = add_months(start, n, ORACLE)
    year, month0 = divmod(start.year * 12 + start.month - 1 + n, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    nominal = date(year, month0 + 1, min(start.day, last_day))
    assert result >= nominal > start
    assert ORACLE.is_working_day(result)
    for i in range((result - nominal).days):
        assert not ORACLE.is_working_day(nominal + timedelta(days=i))


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(min_value=D("2000-01-01"), max_value=D("2099-12-31")),
    n=st.integers(min_value=1, max_value=40),
)
def test_property_working_days_monotonic_in_n_weekday_oracle(start: date, n: int) -> None:
    oracle = WeekdayOracle()
    a = add_working_days(start, n, oracle)
    b = add_working_days(start, n + 1, oracle)
    assert b > a
    assert b.weekday() < 5
    # 每 5 个工作日恰好一周
    first_week = add_working_days(start, 5, oracle)
    assert add_working_days(start, 5 * n, oracle) - first_week == timedelta(weeks=n - 1)
