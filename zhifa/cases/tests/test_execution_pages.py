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


def test_the_panel_reads_at_most_two_queries_whatever_the_history(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhifa.cases import page_reads
    from zhifa.cases.execution_views import panel_context
    from zhifa.cases.services.procedure import act
    from zhifa.cases.views.cases import page_case
    from zhifa.core.scoping import CHANGE

    case = served(personas, on=date(2026, 5, 20))
    for n in (1, 2, 3):
        act(personas.officer, case, "pay", paid_on=TODAY, amount_paid="10", reference=f"R{n}")
    act(
        personas.officer,
        case,
        "apply_arrangement",
        kind="deferral",
        applied_on=TODAY,
        reason="经营困难",
        deferred_to=date(2026, 7, 31),
    )
    user = personas.agency_head
    page = page_case(user).get(pk=case.pk)
    (
        page_reads.oracle(page),
        page_reads.may(page, user, CHANGE),
        page_reads.may(page, user, "approve"),
    )
    with CaptureQueriesContext(connection) as queries:
        panel = panel_context(page, user)
    assert len(queries) <= 2
    assert len(panel["payments"]) == 3 and panel["pending"] and panel["may_approve"]
    assert panel["account"].fine_paid == 30
