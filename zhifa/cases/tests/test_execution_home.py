"""The 工作台's to-do "罚款逾期未缴" (处罚法 arts. 67, 72): the case's officers and the head see
a fine not paid by its day, in one query; paid or not yet due, it is not there."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhifa.cases.execution_home import overdue_fines
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.test_execution import served
from zhifa.org.models import Role

TODAY = date(2026, 6, 17)
PANEL = 'data-testid="execution-overdue"'


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_an_overdue_fine_is_a_to_do_of_the_officer_and_the_head_until_paid(client, personas):
    late = served(personas, on=date(2026, 5, 20))  # last day 2026-06-04: 13 days late today
    served(personas, on=date(2026, 6, 15))  # still within its 15 days
    client.force_login(personas.officer)
    page = client.get("/").content.decode()
    assert PANEL in page and "1件案件的罚款逾期未缴" in page and "已逾期13日" in page
    client.force_login(personas.agency_head)
    assert "1件案件的罚款逾期未缴" in client.get("/").content.decode()
    client.force_login(personas.legal_reviewer)
    assert PANEL not in client.get("/").content.decode()
    client.force_login(personas.outsider)
    assert PANEL not in client.get("/").content.decode()
    act(personas.officer, late, "pay", paid_on=TODAY, amount_paid="1000", reference="R1")
    # the fine is paid; the late fee (390 元) is still owed
    client.force_login(personas.officer)
    assert "加处罚款未缴清" in client.get("/").content.decode()
    act(personas.officer, late, "pay", paid_on=TODAY, amount_paid="390", reference="R2")
    assert PANEL not in client.get("/").content.decode()


def test_the_to_do_is_one_query_whatever_the_number_of_cases(personas):
    for day in (date(2026, 5, 18), date(2026, 5, 20)):
        served(personas, on=day)
    with CaptureQueriesContext(connection) as queries:
        found = overdue_fines(personas.agency_head, Role.AGENCY_HEAD)
    assert len(queries) == 1 and [f["days"] for f in found] == [15, 13]


def test_the_demo_records_payments_and_a_deferral_through_the_steps_once(personas):
    from zhifa.cases import demo_execution
    from zhifa.cases.models import Execution, Payment, PaymentArrangement

    cases = [served(personas) for _ in range(4)]
    lines = demo_execution.seed()
    assert lines == [
        "送达与执行：部分缴纳、批准暂缓缴纳、已缴清、分期缴纳申请待批准（市市场监管局）"
    ]
    part, deferred, paid, pending = (Execution.objects.get(case=c) for c in cases)
    assert not part.settled and Payment.objects.get(case=cases[0]).amount == 500
    assert deferred.plan and deferred.next_due == date(2026, 8, 16)
    assert paid.settled and pending.next_due == date(2026, 7, 2)
    assert PaymentArrangement.objects.get(case=cases[3]).status == "applied"
    assert demo_execution.seed() == [] and Payment.objects.count() == 2
