"""The execution API (/api/v1/case-executions/): the record with its account, payments and
applications; each step through the same services (400 with Chinese field errors, nothing
written; the head's steps 403 to officers; outsiders 404)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from zhifa.cases.models import Payment, PaymentArrangement
from zhifa.cases.tests.test_execution import served
from zhifa.testing.api import chinese_error, login_api

TODAY = date(2026, 6, 17)
URL = "/api/v1/case-executions"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_the_record_reads_the_account_to_the_day_and_a_payment_is_taken(api_client, personas):
    case = served(personas, on=date(2026, 5, 20))  # last day 2026-06-04: 13 days late today
    login_api(api_client, personas.officer)
    body = api_client.get(f"{URL}/{case.pk}").json()
    assert body["record"]["fine"] == "1000.00"
    assert body["account"]["owed"] == "1390.00" and body["account"]["days_left"] == -13
    assert {"pay", "demand"} <= {a["action"] for a in body["actions"]}
    assert "apply_court" not in {a["action"] for a in body["actions"]}
    refused = api_client.post(
        f"{URL}/{case.pk}/pay",
        {"paid_on": "2026-05-19", "amount": "100", "reference": "R1"},
        format="json",
    )
    assert refused.status_code == 400 and chinese_error(refused.json())
    assert "不能早于送达日期" in refused.json()["errors"]["paid_on"][0]
    assert not Payment.objects.filter(case=case).exists()
    paid = api_client.post(
        f"{URL}/{case.pk}/pay",
        {"paid_on": "2026-06-17", "amount": "1390", "reference": "R1"},
        format="json",
    )
    assert paid.status_code == 200, paid.json()
    body = paid.json()
    assert body["account"]["owed"] == "0.00" and body["record"]["settled"]
    assert body["payments"][0]["late_fee_part"] == "390.00"


def test_instalments_are_applied_for_by_officers_and_approved_by_the_head(api_client, personas):
    case = served(personas, on=date(2026, 6, 15))
    login_api(api_client, personas.officer)
    plan = {
        "kind": "instalments",
        "applied_on": "2026-06-16",
        "reason": "经营困难",
        "instalments": [
            {"due": "2026-07-15", "amount": "400"},
            {"due": "2026-08-15", "amount": "500"},
        ],
    }
    wrong = api_client.post(f"{URL}/{case.pk}/apply-arrangement", plan, format="json")
    assert wrong.status_code == 400 and "合计应等于" in wrong.json()["errors"]["instalments"][0]
    plan["instalments"][1]["amount"] = "600"
    applied = api_client.post(f"{URL}/{case.pk}/apply-arrangement", plan, format="json")
    assert applied.status_code == 200, applied.json()
    assert applied.json()["arrangements"][0]["status"] == "applied"
    approve = f"{URL}/{case.pk}/approve-arrangement"
    assert api_client.post(approve, {}, format="json").status_code == 403
    login_api(api_client, personas.agency_head)
    approved = api_client.post(approve, {"opinion": "同意"}, format="json").json()
    assert approved["record"]["next_due"] == "2026-07-15"
    assert approved["account"]["next_due"] == "2026-07-15"
    assert PaymentArrangement.objects.get(case=case).status == "approved"


def test_outsiders_do_not_see_the_execution(api_client, personas):
    case = served(personas)
    login_api(api_client, personas.outsider)
    assert api_client.get(f"{URL}/{case.pk}").status_code == 404
    assert api_client.post(f"{URL}/{case.pk}/pay", {}, format="json").status_code == 404
    assert case.pk not in [c["id"] for c in api_client.get(f"{URL}").json()["results"]]
    login_api(api_client, personas.city_supervisor)
    assert api_client.get(f"{URL}/{case.pk}").json()["actions"] == []
    assert api_client.post(f"{URL}/{case.pk}/pay", {}, format="json").status_code == 403


def test_the_list_reads_a_fixed_number_of_queries(api_client, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_api(api_client, personas.officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as found:
            assert api_client.get(URL).status_code == 200
        return len(found)

    served(personas)
    queries()  # warm the per-process caches
    one = queries()
    for _ in range(2):
        served(personas, on=date(2026, 6, 1))
    assert queries() == one
