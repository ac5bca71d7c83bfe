"""Two users acting on one case at once (issue #10, "Bad input"; architecture invariant 4): the
transition locks the case's row, so the second of two concurrent actions waits for the first to
commit, reads the new state and is refused in Chinese, writing nothing; neither is ever a 500.

Each user acts in a thread of its own, with its own database connection. The first holds its
transaction open (after taking the lock) until the second is waiting: on PostgreSQL for the row
lock (``select_for_update``, seen in ``pg_stat_activity``), on SQLite for the write lock (every
transaction begins IMMEDIATE, see settings; SQLite cannot tell us it is waiting, so the first
gives it a moment). The same tests run on both databases.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from rest_framework.test import APIClient

from zhifa.cases.models import Case, CaseEvent, CaseStatus
from zhifa.core import workflow
from zhifa.core.models import LedgerEntry
from zhifa.org.models import Role
from zhifa.testing.city import seed_city
from zhifa.testing.factories import CaseFactory, UserFactory
from zhifa.testing.filings import head_of, scjg

RACE = pytest.mark.django_db(transaction=True)
STALE = "案件状态已变化，请刷新后重试"
NOT_OPENING = "当前状态为调查取证，不能"
SQLITE_MOMENT = 0.3  # seconds the first gives the second to reach SQLite's write lock


def _second_is_waiting() -> None:
    """Return once another connection waits for a lock (PostgreSQL; or after ~3 s: without the
    lock the second has then finished, which the test's assertions catch), or after a moment
    (SQLite)."""
    if connection.vendor != "postgresql":
        time.sleep(SQLITE_MOMENT)
        return
    with connection.cursor() as cursor:
        for _ in range(300):
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # else frozen for the transaction
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)


class Race:
    """Run ``first`` and ``second`` in threads so that ``second`` starts while ``first`` holds its
    transaction (and the case's lock), and ``first`` commits only once ``second`` waits."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.inside = threading.Event()
        self.started = threading.Event()
        real = workflow._require_guards

        def held(*args: Any) -> None:
            if threading.current_thread().name == "first":
                self.inside.set()
                assert self.started.wait(10)
                _second_is_waiting()
            real(*args)

        monkeypatch.setattr(workflow, "_require_guards", held)

    def run(self, first: Callable[[], Any], second: Callable[[], Any]) -> dict[str, Any]:
        results: dict[str, Any] = {}

        def call(name: str, fn: Callable[[], Any]) -> None:
            try:
                if name == "second":
                    self.started.set()
                results[name] = fn()
            except Exception as exc:  # reported by the test's assertions
                results[name] = exc
            finally:
                connection.close()

        one = threading.Thread(target=call, args=("first", first), name="first")
        one.start()
        assert self.inside.wait(10), results.get("first")
        two = threading.Thread(target=call, args=("second", second), name="second")
        two.start()
        one.join(30)
        two.join(30)
        return results


@pytest.fixture
def opening(midyear) -> Iterator[Case]:
    seed_city()  # an earlier transactional test flushed the session's city
    yield CaseFactory(agency=scjg(), state="opening")


@pytest.fixture
def heads(opening) -> tuple[Any, Any]:
    return head_of(opening.agency), UserFactory(role=Role.AGENCY_HEAD, agency=opening.agency)


def _messages(exc: Any) -> str:
    assert isinstance(exc, ValidationError), exc
    return " ".join(exc.messages)


def _case_entries(case: Case) -> list[str]:
    rows = LedgerEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
    return list(rows.order_by("seq").values_list("action", flat=True))


@RACE
@pytest.mark.parametrize("other", ["open", "not_open"])
def test_the_second_of_two_heads_acting_at_once_is_refused(opening, heads, monkeypatch, other):
    first, second = heads
    before = _case_entries(opening)
    data = {"reason": "违法事实不能成立"} if other == "not_open" else {}
    results = Race(monkeypatch).run(
        lambda: workflow.transition(opening, "open", first, opinion="同意立案"),
        lambda: workflow.transition(opening, other, second, **data),
    )
    assert isinstance(results["first"], Case)
    assert NOT_OPENING in _messages(results["second"])
    case = Case.objects.get(pk=opening.pk)
    assert case.status == CaseStatus.INVESTIGATION and case.number_seq == 1
    assert _case_entries(case) == [*before, "cases.case.open"]
    events = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert events[-2:] == ["submit_opening", "open"] and events.count("open") == 1


@RACE
def test_through_the_api_the_second_gets_400_in_chinese(opening, heads, monkeypatch):
    clients = []
    for user in heads:
        client = APIClient()
        client.force_authenticate(user)
        clients.append(client)
    url = f"/api/v1/cases/{opening.pk}/act"
    refuse = {"action": "not_open", "reason": "违法事实不能成立", "state": "opening"}
    results = Race(monkeypatch).run(
        lambda: clients[0].post(url, {"action": "open", "state": "opening"}, format="json"),
        lambda: clients[1].post(url, refuse, format="json"),
    )
    assert results["first"].status_code == 200
    assert results["second"].status_code == 400
    body = results["second"].json()
    assert (body["detail"], body["code"]) == (STALE, "stale")
    assert body["errors"] == {"status": [STALE]}
    case = Case.objects.get(pk=opening.pk)
    assert case.status == CaseStatus.INVESTIGATION and not case.end_reason


def test_a_page_posted_for_a_state_the_case_has_left_is_refused(midyear, db, client):
    """Head B's page showed 待决定; head A sent the case to collective discussion meanwhile: B's
    撤销立案 (open from both states) is refused, nothing written, until B reloads the page."""
    case = CaseFactory(state="deciding")
    first = head_of(case.agency)
    second = UserFactory(role=Role.AGENCY_HEAD, agency=case.agency)
    client.force_login(second)
    url = f"/cases/{case.pk}/"
    assert '<input type="hidden" name="state" value="deciding">' in client.get(url).text
    workflow.transition(case, "submit_discussion", first)
    before = _case_entries(case)
    withdraw = {"act": "withdraw", "reason": "违法事实不能成立", "state": "deciding"}
    refused = client.post(url, withdraw)
    assert refused.status_code == 200 and STALE in refused.text
    assert '<input type="hidden" name="state" value="discussion">' in refused.text
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DISCUSSION
    assert _case_entries(case) == before
    assert client.post(url, {**withdraw, "state": "discussion"}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WITHDRAWN
