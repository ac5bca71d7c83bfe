"""The test clock: fixed days for tests that depend on the date, and the switch that moves the
whole suite's clock (``ZHIFA_TEST_NOW``), so CI can prove the suite passes on any day — on
31 December 23:59 above all, when a test looking a few minutes ahead crosses into a new year."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: A Wednesday in June of a year the holiday data covers (``midyear`` freezes the clock on it).
MIDYEAR = datetime(2026, 6, 17, 10, 0, tzinfo=SHANGHAI)

#: The last minute of a year and the first minutes of the next (the year-boundary tests).
NEW_YEARS_EVE = datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI)
NEW_YEAR = datetime(2027, 1, 1, 0, 1, tzinfo=SHANGHAI)

ENV = "ZHIFA_TEST_NOW"


def moved_now() -> datetime | None:
    """The moment ``ZHIFA_TEST_NOW`` sets (ISO 8601; Asia/Shanghai when it names no zone), or
    None when the suite runs on the real clock."""
    text = os.environ.get(ENV, "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"{ENV}={text!r} is not an ISO 8601 date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)
