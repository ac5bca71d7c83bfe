"""A legal review is never refused because next year's holiday notice is not entered yet."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.cases.services.reviews import review_due_on
from zhifa.core.calendar import compute_deadline

pytestmark = pytest.mark.django_db


def test_on_a_year_with_the_official_calendar_it_counts_its_working_days():
    assert review_due_on(date(2026, 9, 25), 5) == compute_deadline(date(2026, 9, 25), 5)


def test_past_the_calendar_it_counts_monday_to_friday_instead_of_refusing():
    # 2031 has no holiday data: 31 Dec is a Wednesday; Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 January.
    assert review_due_on(date(2031, 12, 31), 5) == date(2032, 1, 7)
