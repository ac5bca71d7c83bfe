"""The State Council's holiday notice, entered as it is published (rules.md "Time").

Each November the 国务院办公厅 publishes the next year's 部分节假日安排: holiday periods (a name,
the first and the last day off) and the weekend days made working days (调休上班). The official
package (``chinese-calendar``) covers the years up to its release; for a later year the system
administrator enters the notice here, sees the year as a calendar, and marks it complete. Only a
complete notice makes its year known to deadlines (处罚法 art. 85: periods of days are working
days); a half-entered notice must never silently produce a wrong deadline. A complete notice can
be corrected, with a reason, and every step is in the ledger.
"""

from __future__ import annotations

import calendar as pycalendar
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.errors import collect, field_error
from zhifa.core.models import AdjustedWorkday, HolidayNotice, HolidayPeriod
from zhifa.core.permissions import require_role
from zhifa.core.workdays import package_covers

SYSTEM_ADMIN = "system_admin"
DENIED = "只有系统管理员可以维护节假日数据"
MAX_PERIOD_DAYS = 15
MAX_ROWS = 20


@dataclass(frozen=True)
class Period:
    name: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class Workday:
    day: date
    note: str = ""


def _periods(raw: Iterable[Mapping[str, Any] | Period]) -> list[Period]:
    rows = []
    for row in raw:
        if isinstance(row, Period):
            rows.append(row)
        else:
            rows.append(
                Period(
                    str(row.get("name") or "").strip(), row.get("first_day"), row.get("last_day")
                )
            )
    return rows


def _workdays(raw: Iterable[Mapping[str, Any] | Workday]) -> list[Workday]:
    rows = []
    for row in raw:
        if isinstance(row, Workday):
            rows.append(row)
        else:
            rows.append(Workday(row.get("day"), str(row.get("note") or "").strip()))
    return rows


def _check_periods(year: int, periods: list[Period]) -> list[str]:
    """Each holiday has a name and lies in the notice's year (元旦 may begin the December before)."""
    errors: list[str] = []
    earliest, latest = date(year - 1, 12, 1), date(year, 12, 31)
    if len(periods) > MAX_ROWS:
        return [f"放假安排最多{MAX_ROWS}项"]
    for n, p in enumerate(periods, 1):
        label = f"第{n}项放假安排"
        if not p.name:
            errors.append(f"{label}：请填写节日名称")
        elif len(p.name) > 20:
            errors.append(f"{label}：节日名称不超过20个字")
        if not isinstance(p.first_day, date) or not isinstance(p.last_day, date):
            errors.append(f"{label}：请填写放假首日和末日")
            continue
        if p.first_day > p.last_day:
            errors.append(f"{label}（{p.name}）：放假首日不能晚于末日")
        elif (p.last_day - p.first_day).days + 1 > MAX_PERIOD_DAYS:
            errors.append(f"{label}（{p.name}）：连续放假不超过{MAX_PERIOD_DAYS}天，请核对日期")
        if not (earliest <= p.first_day and p.last_day <= latest):
            errors.append(f"{label}（{p.name}）：日期应在{year}年内（元旦可自上年12月开始）")
    dated = sorted(
        (p for p in periods if isinstance(p.first_day, date) and isinstance(p.last_day, date)),
        key=lambda p: p.first_day,
    )
    for a, b in pairwise(dated):
        if b.first_day <= a.last_day:
            errors.append(f"{a.name}与{b.name}的放假日期重叠")
    return errors


def _check_workdays(year: int, workdays: list[Workday], periods: list[Period]) -> list[str]:
    """调休上班 days are weekend days of the year, outside every holiday, each entered once."""
    errors: list[str] = []
    if len(workdays) > MAX_ROWS:
        return [f"调休上班日最多{MAX_ROWS}个"]
    seen: set[date] = set()
    for w in workdays:
        if not isinstance(w.day, date):
            errors.append("请填写调休上班日期")
            continue
        if not date(year - 1, 12, 1) <= w.day <= date(year, 12, 31):
            errors.append(f"调休上班日{w.day:%Y-%m-%d}不在{year}年内")
        if w.day.weekday() < 5:
            errors.append(f"调休上班日{w.day:%Y-%m-%d}不是周六或周日：平日本来就上班")
        if w.day in seen:
            errors.append(f"调休上班日{w.day:%Y-%m-%d}重复")
        seen.add(w.day)
        for p in periods:
            if (
                isinstance(p.first_day, date)
                and isinstance(p.last_day, date)
                and p.first_day <= w.day <= p.last_day
            ):
                errors.append(f"调休上班日{w.day:%Y-%m-%d}在{p.name}放假期间内")
        if len(w.note) > 20:
            errors.append(f"调休上班日{w.day:%Y-%m-%d}的说明不超过20个字")
    return errors


def _record(actor: Any, action: str, notice: HolidayNotice, before: Any, **extra: Any) -> None:
    after = {**notice_snapshot(notice), **extra}
    ledger.append(actor=actor, action=action, obj=notice, before=before, after=after)


def notice_snapshot(notice: HolidayNotice | None) -> dict[str, Any] | None:
    """The notice as it reads: title, holidays and 调休 days (what the ledger records)."""
    if notice is None:
        return None
    data = ledger.snapshot(notice) or {}
    data["periods"] = [
        [p.name, p.first_day.isoformat(), p.last_day.isoformat()] for p in notice.periods.all()
    ]
    data["workdays"] = [[w.day.isoformat(), w.note] for w in notice.workdays.all()]
    return data


@transaction.atomic
def save_notice(
    actor: Any,
    *,
    year: int,
    title: str,
    periods: Iterable[Mapping[str, Any] | Period] = (),
    workdays: Iterable[Mapping[str, Any] | Workday] = (),
    reason: str = "",
    new: bool = False,
) -> HolidayNotice:
    """Enter (or re-enter) a year's notice as it reads, replacing its holidays and 调休 days.

    A notice already marked complete is being corrected: that needs a reason, kept in the ledger.
    With ``new``, a year that already has a notice is refused (the notice is edited, not doubled).
    """
    require_role(actor, SYSTEM_ADMIN, message=DENIED)
    period_rows, workday_rows = _periods(periods), _workdays(workdays)
    errors: dict[str, list[str]] = {"year": [], "title": [], "periods": [], "workdays": []}
    errors["reason"] = []
    notice = None
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"].append("年度应为2000至2100之间的整数")
    elif package_covers(year):
        errors["year"].append(
            f"{year}年的节假日安排已内置，无需录入通知；个别日期有误请在“日期调整”中更正"
        )
    else:
        notice = HolidayNotice.objects.select_for_update().filter(year=year).first()
        if new and notice is not None:
            errors["year"].append(f"{year}年的节假日安排通知已录入，请在该通知上修改")
        errors["periods"] = _check_periods(year, period_rows)
        errors["workdays"] = _check_workdays(year, workday_rows, period_rows)
    title = (title or "").strip()
    if not title:
        errors["title"].append("请填写通知名称及文号")
    elif len(title) > 200:
        errors["title"].append("通知名称及文号不超过200个字")
    if notice is not None and notice.is_complete and not (reason or "").strip():
        errors["reason"].append(f"{year}年的通知已确认录入完毕，更正须说明理由")
    collect(errors)
    before = notice_snapshot(notice)
    if notice is None:
        notice = HolidayNotice.objects.create(year=year, title=title)
        action = "core.calendar.notice"
    else:
        notice.title = title
        notice.save(update_fields=["title"])
        notice.periods.all().delete()
        notice.workdays.all().delete()
        action = (
            "core.calendar.notice_correct" if notice.is_complete else "core.calendar.notice_edit"
        )
    HolidayPeriod.objects.bulk_create(
        HolidayPeriod(notice=notice, name=p.name, first_day=p.first_day, last_day=p.last_day)
        for p in period_rows
    )
    AdjustedWorkday.objects.bulk_create(
        AdjustedWorkday(notice=notice, day=w.day, note=w.note) for w in workday_rows
    )
    extra = {"reason": reason.strip()} if action == "core.calendar.notice_correct" else {}
    _record(actor, action, notice, before, **extra)
    return notice


@transaction.atomic
def complete_notice(actor: Any, notice: HolidayNotice) -> HolidayNotice:
    """Mark a notice as entered in full: from now on deadlines in its year use it."""
    require_role(actor, SYSTEM_ADMIN, message=DENIED)
    notice = HolidayNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.is_complete:
        raise field_error("notice", f"{notice.year}年的通知已确认录入完毕")
    if not notice.periods.exists():
        raise field_error("periods", "请先录入通知中的放假安排，再确认录入完毕")
    before = notice_snapshot(notice)
    notice.is_complete, notice.completed_at = True, timezone.now()
    notice.save(update_fields=["is_complete", "completed_at"])
    _record(actor, "core.calendar.notice_complete", notice, before)
    return notice


def period_days(period: HolidayPeriod) -> Iterator[date]:
    """Every day of a holiday period, first to last."""
    for n in range((period.last_day - period.first_day).days + 1):
        yield period.first_day + timedelta(days=n)


def notice_rows(notice: HolidayNotice) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A notice's holidays and 调休 days in the shape :func:`save_notice` takes."""
    periods = [
        {"name": p.name, "first_day": p.first_day, "last_day": p.last_day}
        for p in notice.periods.all()
    ]
    return periods, [{"day": w.day, "note": w.note} for w in notice.workdays.all()]


def notice_days(notices: Iterable[HolidayNotice]) -> dict[date, bool]:
    """Day → is it a working day, for the holidays and 调休 days of the given notices."""
    days: dict[date, bool] = {}
    for notice in notices:
        for p in notice.periods.all():
            days.update(dict.fromkeys(period_days(p), False))
        for w in notice.workdays.all():
            days[w.day] = True
    return days


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: str  # "holiday", "workday" (调休上班), "weekend", "working", "" (outside the month)
    label: str = ""


def year_calendar(notice: HolidayNotice) -> list[dict[str, Any]]:
    """The notice's year as twelve months of weeks (Monday first), each day with its kind."""
    names = {d: p.name for p in notice.periods.all() for d in period_days(p)}
    adjusted = {w.day: w.note or "调休上班" for w in notice.workdays.all()}
    months = []
    cal = pycalendar.Calendar(firstweekday=0)
    for month in range(1, 13):
        weeks = []
        for week in cal.monthdatescalendar(notice.year, month):
            row = []
            for d in week:
                if d.month != month:
                    row.append(CalendarDay(d, ""))
                elif d in names:
                    row.append(CalendarDay(d, "holiday", names[d]))
                elif d in adjusted:
                    row.append(CalendarDay(d, "workday", adjusted[d]))
                elif d.weekday() >= 5:
                    row.append(CalendarDay(d, "weekend"))
                else:
                    row.append(CalendarDay(d, "working"))
            weeks.append(row)
        months.append({"month": month, "weeks": weeks})
    return months
