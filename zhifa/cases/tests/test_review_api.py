"""The legal review and discretion API: the same services as the pages, 400 with Chinese field
errors and nothing written on bad input, 404 outside the user's sight."""

from __future__ import annotations

import pytest

from zhifa.cases.models import Decision, LegalReview, ReviewStatus
from zhifa.cases.tests.review_fixtures import ALL_OK, food_benchmark, handler, head, reviewer
from zhifa.org.models import Role
from zhifa.testing.api import chinese_error, login_api
from zhifa.testing.factories import AgencyFactory, UserFactory

SMALL = {"goods_value": 5000, "illegal_income": 800}


@pytest.fixture
def lead(midyear, case):
    return case


def test_a_review_goes_through_the_api(lead, api_client):
    officer = reviewer(lead.agency)
    login_api(api_client, handler(lead))
    made = api_client.post(
        "/api/v1/legal-reviews",
        {"case": lead.pk, "reviewer": officer.pk, "grounds": "案情复杂"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["status"] == "pending" and body["due_on"] == "2026-06-25"
    assert [c["label"] for c in body["checklist"]][:3] == ["主体", "事实", "证据"]
    login_api(api_client, officer.user)
    url = f"/api/v1/legal-reviews/{body['id']}"
    assert [a["action"] for a in api_client.get(url).json()["actions"]] == ["opine"]
    done = api_client.post(
        url + "/opinion",
        {"opinion": "disagree", "reasons": "证据不足", "checklist": ALL_OK},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == ReviewStatus.REJECTED
    login_api(api_client, handler(lead))
    objected = api_client.post(url + "/objection", {"objection": "证据充分"}, format="json")
    assert objected.json()["status"] == ReviewStatus.DISPUTED
    login_api(api_client, head(lead))
    ruled = api_client.post(
        url + "/ruling", {"ruling": "overrule", "reasons": "采纳承办意见"}, format="json"
    )
    assert ruled.json()["status"] == ReviewStatus.COORDINATED


def test_bad_input_is_a_chinese_400_and_writes_nothing(lead, api_client):
    officer = reviewer(lead.agency)
    login_api(api_client, handler(lead))
    answer = api_client.post(
        "/api/v1/legal-reviews",
        {"case": lead.pk, "reviewer": lead.officers.first().officer.pk},
        format="json",
    )
    assert answer.status_code == 400 and chinese_error(answer.json())
    assert "reviewer" in answer.json()["errors"]
    made = api_client.post(
        "/api/v1/legal-reviews", {"case": lead.pk, "reviewer": officer.pk}, format="json"
    ).json()
    login_api(api_client, officer.user)
    bad = api_client.post(
        f"/api/v1/legal-reviews/{made['id']}/opinion",
        {"opinion": "agree", "reasons": "", "checklist": {}},
        format="json",
    )
    assert bad.status_code == 400 and chinese_error(bad.json())
    assert set(bad.json()["errors"]) == {"reasons", "checklist"}
    assert LegalReview.objects.get().status == ReviewStatus.PENDING


def test_an_outsider_gets_404(lead, api_client):
    outsider = UserFactory(role=Role.OFFICER, agency=AgencyFactory())
    login_api(api_client, outsider)
    answer = api_client.post(
        "/api/v1/legal-reviews",
        {"case": lead.pk, "reviewer": reviewer(lead.agency).pk},
        format="json",
    )
    assert answer.status_code == 400 and answer.json()["errors"] == {"case": ["没有这个案件"]}
    assert not LegalReview.objects.exists()


def test_a_penalty_is_assessed_and_recorded_through_the_api(lead, api_client):
    food_benchmark(lead)
    login_api(api_client, handler(lead))
    assessed = api_client.post(
        "/api/v1/case-decisions/assess", {"case": lead.pk, "facts": SMALL}, format="json"
    ).json()
    assert assessed["grade"] == "轻微" and assessed["allowed_max"] == "60000.00"
    assert not Decision.objects.exists()
    outside = api_client.post(
        "/api/v1/case-decisions",
        {
            "case": lead.pk,
            "kind": "intended",
            "measures": ["fine"],
            "fine": "90000",
            "facts": SMALL,
        },
        format="json",
    )
    assert outside.status_code == 400 and "outside_reason" in outside.json()["errors"]
    made = api_client.post(
        "/api/v1/case-decisions",
        {
            "case": lead.pk,
            "kind": "intended",
            "measures": ["fine"],
            "fine": "55000",
            "facts": SMALL,
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["summary"] == "罚款55000元" and made.json()["grade"] == "轻微"


def test_a_penalty_where_none_shall_be_given_is_a_400_naming_the_article(lead, api_client):
    """处罚法 art. 30: under 14, no penalty — the API answers 400 on ``measures``, nothing written."""
    food_benchmark(lead)
    login_api(api_client, handler(lead))
    answer = api_client.post(
        "/api/v1/case-decisions",
        {
            "case": lead.pk,
            "kind": "intended",
            "measures": ["fine"],
            "fine": "55000",
            "facts": {**SMALL, "under_14": True},
            "outside_reason": "情节严重",
        },
        format="json",
    )
    assert answer.status_code == 400
    (message,) = answer.json()["errors"]["measures"]
    assert "依法应当不予行政处罚" in message and "第三十条" in message
    assert not Decision.objects.exists()


def test_the_lists_filter_as_the_pages_do(lead, api_client):
    from zhifa.cases.services import decisions, reviews

    food_benchmark(lead)
    officer = reviewer(lead.agency)
    reviews.request_review(handler(lead), lead, reviewer=officer)
    decisions.record_decision(
        handler(lead),
        lead,
        kind="intended",
        measures=["fine"],
        fine="40000",
        facts=SMALL,
        outside_reason="初次违法，主动消除危害后果",
    )
    login_api(api_client, officer.user)
    mine = api_client.get("/api/v1/legal-reviews", {"mine": "true", "status": "pending"}).json()
    assert [r["case"] for r in mine["results"]] == [lead.pk]
    late = api_client.get("/api/v1/legal-reviews", {"overdue": "true"}).json()
    assert late["results"] == []
    flagged = api_client.get("/api/v1/case-decisions", {"flagged": "true"}).json()
    assert [d["outside_range"] for d in flagged["results"]] == [True]
    bad = api_client.get("/api/v1/case-decisions", {"kind": "bogus"})
    assert bad.status_code == 400 and chinese_error(bad.json())
