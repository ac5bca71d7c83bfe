"""Deadlines on the official calendar plus the administrator's overrides (rules.md, "Time").

The pure rules live in :mod:`zhifa.core.workdays`; this module feeds them the database's
holiday notices and day overrides, and holds the system administrator's services to maintain them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from zhifa.core import ledger
from zhifa.core.errors import field_error
from zhifa.core.holidays import DENIED, SYSTEM_ADMIN, notice_days
from zhifa.core.models import CalendarOverride, HolidayNotice
from zhifa.core.permissions import require_role
from zhifa.core.workdays import (
    ChineseCalendarOracle,
    DateOutOfRange,
    PeriodUnit,
    YearDataMissing,
    deadline,
)


def complete_notices() -> list[HolidayNotice]:
    """The notices the system administrator has entered in full (only these count)."""
    return list(
        HolidayNotice.objects.filter(is_complete=True).prefetch_related("periods", "workdays")
    )


def current_oracle() -> ChineseCalendarOracle:
    """The official package's data, extended by the complete holiday notices of later years and
    corrected by the administrator's day overrides (which take precedence)."""
    notices = complete_notices()
    days = notice_days(notices)
    days.update(CalendarOverride.objects.values_list("day", "is_working_day"))
    return ChineseCalendarOracle(overrides=days, known_years=[n.year for n in notices])


def compute_deadline(start: date, days: int, unit: PeriodUnit | str = PeriodUnit.WORKING) -> date:
    """The last day of a period of ``days`` units from ``start`` (the start day not counted).

    Raises a ValidationError with a Chinese message on a bad period or a year with no data.
    """
    try:
        return deadline(start, days, unit, current_oracle())
    except YearDataMissing as exc:
        raise field_error("start", str(exc), code="year_data_missing") from None
    except DateOutOfRange as exc:
        raise field_error("start", str(exc), code="out_of_range") from None
    except (ValueError, TypeError) as exc:
        raise field_error("days", str(exc)) from None


@transaction.atomic
def set_override(
    actor: Any, *, day: date, is_working_day: bool, note: str = ""
) -> CalendarOverride:
    """Declare one day a rest day/holiday or a working day (调休上班), replacing any earlier entry."""
    require_role(actor, SYSTEM_ADMIN, message=DENIED)
    if not isinstance(day, date):
        raise field_error("day", "请填写日期")
    existing = CalendarOverride.objects.select_for_update().filter(day=day).first()
    before = ledger.snapshot(existing)
    try:
        with transaction.atomic():
            override, _ = CalendarOverride.objects.update_or_create(
                day=day, defaults={"is_working_day": is_working_day, "note": (note or "")[:100]}
            )
    except IntegrityError:
        raise field_error("day", "该日期正在被他人修改，请重试") from None
    ledger.append(
        actor=actor,
        action="core.calendar.override",
        obj=override,
        before=before,
        after=ledger.snapshot(override),
    )
    return override


@transaction.atomic
def remove_override(actor: Any, override: CalendarOverride) -> None:
    require_role(actor, SYSTEM_ADMIN, message=DENIED)
    before = ledger.snapshot(override)
    pk = override.pk
    override.delete()
    ledger.append(
        actor=actor,
        action="core.calendar.override_remove",
        object_type="core.calendaroverride",
        object_id=pk,
        before=before,
    )
