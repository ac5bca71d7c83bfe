"""Extending the decision's time limit (处罚法 art. 60): the head approves, with reasons; the
deadlines panel counts it; nobody else may, and a bad extension changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.cases.deadline_panel import case_deadlines, panel_context
from zhifa.cases.models import DecisionExtension
from zhifa.cases.services import extensions
from zhifa.cases.tests.review_fixtures import handler, head
from zhifa.testing import ledger as shared
from zhifa.testing.api import login_api
from zhifa.testing.factories import CaseFactory
from zhifa.testing.ledger import recorded


@pytest.fixture
def opened(midyear, db):
    return CaseFactory(state="investigation")  # opened on 17 June 2026


def test_the_head_extends_the_decision_deadline(opened):
    assert extensions.decision_deadline(opened).due == date(2026, 9, 15)
    with recorded("cases.decision.extend"):
        extensions.extend(head(opened), opened, days=30, reason="案情复杂，需要检验鉴定")
    deadline = extensions.decision_deadline(opened)
    assert deadline.due == date(2026, 10, 15) and "经批准延长30日" in deadline.explanation
    rows, _ = case_deadlines(opened)
    assert rows[0]["due"] == date(2026, 10, 15)
    assert panel_context(opened, head(opened))["may_extend"] is True
    assert panel_context(opened, handler(opened))["may_extend"] is False


def test_only_the_head_extends(opened):
    with shared.forbidden(DecisionExtension, message="负责人"):
        extensions.extend(handler(opened), opened, days=30, reason="案情复杂")


@pytest.mark.parametrize(
    ("days", "reason", "message"),
    [(0, "案情复杂", "延长天数"), (400, "案情复杂", "延长天数"), (30, " ", "请填写延期理由")],
)
def test_a_bad_extension_is_refused(opened, days, reason, message):
    user = head(opened)
    with shared.refused(message, DecisionExtension):
        extensions.extend(user, opened, days=days, reason=reason)


def test_a_lead_has_no_deadline_to_extend(midyear, case):
    user = head(case)
    with shared.refused("尚未立案", DecisionExtension, field="case"):
        extensions.extend(user, case, days=30, reason="案情复杂")


def test_the_api_and_the_page_extend(opened, api_client, client):
    login_api(api_client, head(opened))
    made = api_client.post(
        "/api/v1/case-extensions",
        {"case": opened.pk, "days": 15, "reason": "需要检测"},
        format="json",
    )
    assert made.status_code == 201 and made.json()["days"] == 15
    bad = api_client.post(
        "/api/v1/case-extensions", {"case": opened.pk, "days": 0, "reason": ""}, format="json"
    )
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"days", "reason"}
    client.force_login(head(opened))
    answer = client.post(
        f"/cases/{opened.pk}/decision-deadline/extend", {"days": "10", "reason": "补充鉴定"}
    )
    assert answer.status_code == 302
    assert list(opened.extensions.values_list("days", flat=True)) == [15, 10]
