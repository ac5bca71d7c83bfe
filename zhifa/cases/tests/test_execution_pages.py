"""The case page's execution panel: owed, paid, late fee to the day, days left; a payment posted
from it; a bad one answered in Chinese and nothing written; the head's steps refused to officers."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from zhifa.cases.models import Payment
from zhifa.cases.tests.test_execution import served

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_the_panel_shows_the_account_to_the_day_and_takes_a_payment(client, personas):
    case = served(personas, on=date(2026, 5, 20))  # last day 2026-06-04: 13 days late today
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "尚欠" in page and "1390.00元" in page and "已逾期13日" in page
    answer = client.post(
        f"/cases/{case.pk}/execution/pay",
        {"paid_on": "2026-05-19", "amount_paid": "100", "reference": "R1"},
        follow=True,
    )
    assert "不能早于送达日期" in answer.content.decode()
    assert not Payment.objects.filter(case=case).exists()
    client.post(
        f"/cases/{case.pk}/execution/pay",
        {"paid_on": "2026-06-17", "amount_paid": "1390", "reference": "R1"},
    )
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "0.00元" in page and "R1" in page


def test_an_officer_may_not_approve_or_apply_to_the_court(client, personas):
    case = served(personas)
    client.force_login(personas.officer)
    assert client.post(f"/cases/{case.pk}/execution/apply_court", {}).status_code == 403
