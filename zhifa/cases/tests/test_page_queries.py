"""A case page stays within a fixed number of queries whatever the case's history (issue 10,
"Speed"): a case sent back from legal review twice reads like one reviewed once."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhifa.cases.services import reviews
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.review_fixtures import ALL_OK
from zhifa.testing.factories import CaseFactory, legal_reviewer

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def page_queries(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/cases/{case.pk}/").status_code == 200
    return len(queries)


def test_the_case_page_reads_a_fixed_number_of_queries(client, personas):
    short = CaseFactory(state="legal_review")
    long = CaseFactory(state="legal_review")
    for _ in range(2):
        reviews.give_opinion(
            personas.legal_reviewer,
            long.legal_reviews.order_by("-round").first(),
            opinion="supplement",
            reasons="补充证据",
            checklist=ALL_OK,
        )
        act(personas.officer, long, "notify")
        reviews.request_review(personas.officer, long, reviewer=legal_reviewer(long.agency))
    assert long.events.count() > short.events.count() + 5
    for user in (personas.officer, personas.legal_reviewer, personas.city_supervisor):
        client.force_login(user)
        page_queries(client, short)  # warm the per-process caches (parameters, calendar)
        assert page_queries(client, long) == page_queries(client, short)
        assert page_queries(client, short) <= 40
