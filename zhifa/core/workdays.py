"""法定期间（期限）计算：工作日、自然日、月、年。

本模块是纯 Python 逻辑，不依赖 Django 模型；“某日是否为工作日”由注入的
:class:`DayOracle` 回答，默认实现 :class:`ChineseCalendarOracle` 使用
``chinesecalendar`` 包（模块名 ``chinese_calendar``，收录 2004–2026 年国务院
办公厅节假日安排），并允许以覆盖数据（管理员更正、次年通知）补充或更正。

适用规则：

* 《中华人民共和国行政处罚法》第八十五条：本法中“二日”“三日”“五日”“七日”的
  规定是指工作日，不含法定节假日。
* 《中华人民共和国行政强制法》第六十九条：本法中十日以内期限的规定是指工作日，
  不含法定节假日。
* 《中华人民共和国民法典》第二百零一条：按照年、月、日、小时计算期间的，开始的
  当日不计入，自下一日开始计算。
* 《中华人民共和国民法典》第二百零二条：按照年、月计算期间的，到期月的对应日为
  期间的最后一日；没有对应日的，月末日为期间的最后一日。
* 《中华人民共和国民法典》第二百零三条：期间的最后一日是法定休假日的，以法定
  休假日结束的次日为期间的最后一日。

“工作日”以国务院办公厅节假日安排通知为准：因调休而上班的周六、周日是工作日；
节假日期间内的周一至周五不是工作日。
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol, runtime_checkable

import chinese_calendar

__all__ = [
    "MAX_PERIOD",
    "ChineseCalendarOracle",
    "DayOracle",
    "PeriodUnit",
    "YearDataMissing",
    "add_calendar_days",
    "add_months",
    "add_working_days",
    "add_years",
    "deadline",
    "next_working_day_on_or_after",
]

_ONE_DAY = timedelta(days=1)

# 连续非工作日的安全上限：现实中最长的连续休假不过十来天，超过此数说明
# 数据源配置有误（例如覆盖数据把整年都标成休息日），应报错而不是死循环。
_MAX_CONSECUTIVE_REST_DAYS = 366


class YearDataMissing(Exception):
    """缺少某年度的节假日安排数据，无法判断该年的某日是否为工作日。

    ``year`` 属性为缺数据的年份；``str()`` 为面向用户的中文提示。
    """

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year

    @property
    def message(self) -> str:
        return (
            f"缺少{self.year}年的节假日安排数据，请系统管理员先录入该年度国务院办公厅节假日安排通知"
        )

    def __str__(self) -> str:
        return self.message


@runtime_checkable
class DayOracle(Protocol):
    """回答“某日是否为工作日”的数据源。"""

    def is_working_day(self, day: date) -> bool:
        """返回 ``day`` 是否为工作日（含调休上班日，不含法定节假日及休息日）。

        无法判断（缺少该年度数据）时抛出 :class:`YearDataMissing`。
        """
        ...


class ChineseCalendarOracle:
    """基于 ``chinese_calendar`` 包的默认工作日数据源。

    判断顺序：

    1. ``overrides``（日期 -> 是否工作日）优先，用于管理员更正或录入包中尚无的
       年度（如次年通知）；
    2. 包中收录的年度，使用 ``chinese_calendar.is_workday``；
    3. 包中未收录、但在 ``known_years`` 中的年度（管理员已完整录入该年通知），
       不在 ``overrides`` 中的日期按周一至周五为工作日处理；
    4. 其余情况抛出 :class:`YearDataMissing`。
    """

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        known_years: Iterable[int] = (),
    ) -> None:
        self._overrides: dict[date, bool] = {
            _as_date(day): bool(working) for day, working in (overrides or {}).items()
        }
        self._known_years: frozenset[int] = frozenset(known_years)

    def is_working_day(self, day: date) -> bool:
        day = _as_date(day)
        override = self._overrides.get(day)
        if override is not None:
            return override
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            if day.year in self._known_years:
                return day.weekday() < 5
            raise YearDataMissing(day.year) from None


class PeriodUnit(StrEnum):
    """期间单位。"""

    WORKING = "working"  # 工作日（处罚法第85条、强制法第69条）
    CALENDAR = "calendar"  # 自然日（日）
    MONTHS = "months"  # 月
    YEARS = "years"  # 年


_UNIT_LABELS: dict[PeriodUnit, str] = {
    PeriodUnit.WORKING: "工作日",
    PeriodUnit.CALENDAR: "日",
    PeriodUnit.MONTHS: "个月",
    PeriodUnit.YEARS: "年",
}

#: 各单位允许的最大期间长度（防止误输入导致超长计算或日期溢出）。
MAX_PERIOD: dict[PeriodUnit, int] = {
    PeriodUnit.WORKING: 3650,
    PeriodUnit.CALENDAR: 3650,
    PeriodUnit.MONTHS: 1200,
    PeriodUnit.YEARS: 100,
}


def _as_date(day: date) -> date:
    """拒绝 ``datetime``：期间按日计算，时区换算应由调用方先完成。"""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"期间计算需要 datetime.date 类型的日期，收到 {day!r}")
    return day


def _check_n(n: int, unit: PeriodUnit) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"期间长度必须是整数，收到 {n!r}")
    maximum = MAX_PERIOD[unit]
    if not 1 <= n <= maximum:
        label = _UNIT_LABELS[unit]
        raise ValueError(f"期间长度必须在1至{maximum}{label}之间，收到 {n}")


def next_working_day_on_or_after(day: date, oracle: DayOracle) -> date:
    """返回 ``day`` 当日（若为工作日）或其后第一个工作日。

    即《民法典》第二百零三条的顺延规则：期间最后一日是法定休假日（含休息日）的，
    以休假日结束的次日为期间的最后一日；调休上班日是工作日，不顺延。
    """
    current = _as_date(day)
    for _ in range(_MAX_CONSECUTIVE_REST_DAYS + 1):
        if oracle.is_working_day(current):
            return current
        current += _ONE_DAY
    raise RuntimeError(
        f"自{day.isoformat()}起连续超过{_MAX_CONSECUTIVE_REST_DAYS}日均非工作日，请检查节假日数据"
    )


def add_working_days(start: date, n: int, oracle: DayOracle) -> date:
    """自 ``start`` 起计算 ``n`` 个工作日的期间，返回最后一日。

    依据《行政处罚法》第八十五条（二日、三日、五日、七日为工作日）、
    《行政强制法》第六十九条（十日以内期限为工作日），不含法定节假日；
    依《民法典》第二百零一条，开始当日不计入，自其后第一个工作日起算为第1日。
    调休上班的周末计为工作日，节假日中的平日不计。结果必为工作日，无需再顺延。
    """
    start = _as_date(start)
    _check_n(n, PeriodUnit.WORKING)
    current = start
    for _ in range(n):
        current = next_working_day_on_or_after(current + _ONE_DAY, oracle)
    return current


def add_calendar_days(start: date, n: int, oracle: DayOracle) -> date:
    """自 ``start`` 起计算 ``n`` 日（自然日）的期间，返回最后一日。

    依《民法典》第二百零一条，开始当日不计入，最后一日为 ``start + n`` 日；
    依第二百零三条，最后一日是法定休假日或休息日的，顺延至其后第一个工作日
    （调休上班日是工作日，不顺延）。
    """
    start = _as_date(start)
    _check_n(n, PeriodUnit.CALENDAR)
    return next_working_day_on_or_after(start + timedelta(days=n), oracle)


class DateOutOfRange(ValueError):
    """期间的起算日或届满日超出可计算的日期范围（公元1年至9999年）。"""

    def __init__(self) -> None:
        super().__init__(
            "期间届满日超出可计算的日期范围（9999年12月31日之前），请核对起算日和期间长度"
        )


def _shift_months(start: date, months: int) -> date:
    """到期月的对应日；没有对应日的，取该月月末日（《民法典》第二百零二条）。"""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise DateOutOfRange
    month = month0 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def add_months(start: date, n: int, oracle: DayOracle) -> date:
    """自 ``start`` 起计算 ``n`` 个月的期间，返回最后一日。

    依《民法典》第二百零二条，到期月的对应日为最后一日，没有对应日的为月末日
    （如 2024-01-31 加1个月为 2024-02-29）；再依第二百零三条，最后一日为休假日
    的顺延至其后第一个工作日。
    """
    start = _as_date(start)
    _check_n(n, PeriodUnit.MONTHS)
    return next_working_day_on_or_after(_shift_months(start, n), oracle)


def add_years(start: date, n: int, oracle: DayOracle) -> date:
    """自 ``start`` 起计算 ``n`` 年的期间，返回最后一日。

    依《民法典》第二百零二条，到期年同月的对应日为最后一日，没有对应日的
    （2月29日）为该月月末日（如 2024-02-29 加1年为 2025-02-28）；再依第二百零三条
    顺延至工作日。
    """
    start = _as_date(start)
    _check_n(n, PeriodUnit.YEARS)
    return next_working_day_on_or_after(_shift_months(start, 12 * n), oracle)


_DISPATCH = {
    PeriodUnit.WORKING: add_working_days,
    PeriodUnit.CALENDAR: add_calendar_days,
    PeriodUnit.MONTHS: add_months,
    PeriodUnit.YEARS: add_years,
}


def deadline(start: date, n: int, unit: PeriodUnit | str, oracle: DayOracle) -> date:
    """按单位计算期间的最后一日（期限届满日）。

    ``unit`` 可为 :class:`PeriodUnit` 或其字符串值；``n`` 须为 1 至 :data:`MAX_PERIOD`
    规定上限之间的整数，否则抛出 ``ValueError``（中文提示）。
    缺少相关年度节假日数据时抛出 :class:`YearDataMissing`。
    """
    try:
        unit = PeriodUnit(unit)
    except ValueError:
        choices = "、".join(u.value for u in PeriodUnit)
        raise ValueError(f"未知的期间单位 {unit!r}，可选：{choices}") from None
    try:
        return _DISPATCH[unit](start, n, oracle)
    except OverflowError:
        raise DateOutOfRange from None


def package_covers(year: int) -> bool:
    """Whether the official package has the State Council's holiday data for ``year``."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True
