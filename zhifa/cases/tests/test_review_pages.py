"""The legal review pages: the reviewer's queue (deadlines first, export), a review with its
forms, the request form, the discretion page, the case page's panels and the home to-dos."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from zhifa.cases import review_home, review_views
from zhifa.cases.deadline_panel import case_deadlines
from zhifa.cases.models import Decision, LegalReview, ReviewStatus
from zhifa.cases.services import reviews
from zhifa.cases.tests.review_fixtures import ALL_OK, food_benchmark, handler, head, reviewer
from zhifa.org.models import Role
from zhifa.testing.factories import CaseFactory


@pytest.fixture
def lead(midyear, case):
    return case


@pytest.fixture
def pending(lead):
    return reviews.request_review(handler(lead), lead, reviewer=reviewer(lead.agency))


def test_the_reviewer_sees_the_queue_deadlines_first_and_exports_it(client, pending):
    later = CaseFactory()
    reviews.request_review(handler(later), later, reviewer=pending.reviewer)
    client.force_login(pending.reviewer.user)
    page = client.get("/cases/reviews/?mine=true")
    assert page.status_code == 200
    text = page.content.decode()
    assert "2026-06-25" in text and str(pending.case) in text
    export = client.get("/cases/reviews/export.xlsx?mine=true")
    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet.max_row >= 3  # the header and both reviews
    assert sheet.cell(1, 1).value == "案号"


def test_the_reviewer_gives_the_opinion_on_the_page(client, pending):
    client.force_login(pending.reviewer.user)
    url = f"/cases/reviews/{pending.pk}/"
    assert "出具审核意见" in client.get(url).content.decode()
    form = {"opinion": "agree", "reasons": "事实清楚，证据确凿"}
    form.update({f"ok_{k}": "yes" for k in ALL_OK})
    answer = client.post(f"/cases/reviews/{pending.pk}/opine", form)
    assert answer.status_code == 302
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.PASSED and pending.checklist["law"]["ok"] is True


def test_a_bad_opinion_shows_its_errors_and_changes_nothing(client, pending):
    client.force_login(pending.reviewer.user)
    answer = client.post(f"/cases/reviews/{pending.pk}/opine", {"opinion": "agree"})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "请填写审核意见的理由" in text and "未填写" in text
    assert LegalReview.objects.get(pk=pending.pk).status == ReviewStatus.PENDING


def test_only_the_reviewer_role_may_post_an_opinion(client, pending):
    client.force_login(handler(pending.case))
    answer = client.post(f"/cases/reviews/{pending.pk}/opine", {"opinion": "agree"})
    assert answer.status_code == 403


def test_the_case_officer_requests_a_review_on_the_page(client, lead):
    officer = reviewer(lead.agency)
    client.force_login(handler(lead))
    url = f"/cases/{lead.pk}/legal-review/request"
    assert officer.name in client.get(url).content.decode()
    refused = client.post(url, {"reviewer": "", "grounds": ""})
    assert refused.status_code == 400 and "请选择法制审核人员" in refused.content.decode()
    done = client.post(url, {"reviewer": officer.pk, "grounds": "案情复杂"})
    assert done.status_code == 302
    assert LegalReview.objects.get(case=lead).reviewer == officer


def test_the_discretion_page_assesses_and_records(client, lead):
    food_benchmark(lead)
    client.force_login(handler(lead))
    url = f"/cases/{lead.pk}/discretion/"
    form = {
        "kind": "intended",
        "measures": ["fine"],
        "fine": "55000",
        "fact_goods_value": "5000",
        "fact_illegal_income": "800",
    }
    assessed = client.post(url, {**form, "assess": "1"})
    text = assessed.content.decode()
    assert assessed.status_code == 200 and "按“轻微”情形裁量" in text
    assert not Decision.objects.exists()
    too_high = client.post(url, {**form, "fine": "90000", "record": "1"})
    assert too_high.status_code == 400 and "应当书面说明理由" in too_high.content.decode()
    recorded = client.post(url, {**form, "record": "1"})
    assert recorded.status_code == 302
    assert Decision.objects.get(case=lead).summary == "罚款55000元"
    assert "罚款55000元" in client.get(url).content.decode()


def test_the_discretion_page_refuses_a_penalty_where_none_shall_be_given(client, lead):
    """处罚法 art. 33(2): no fault, no penalty — the form comes back with the reason, nothing saved."""
    food_benchmark(lead)
    client.force_login(handler(lead))
    form = {
        "kind": "intended",
        "measures": ["fine"],
        "fine": "55000",
        "fact_goods_value": "5000",
        "fact_illegal_income": "800",
        "fact_no_fault": "on",
        "outside_reason": "情节严重",
        "record": "1",
    }
    answer = client.post(f"/cases/{lead.pk}/discretion/", form)
    text = answer.content.decode()
    assert (
        answer.status_code == 400 and "依法应当不予行政处罚" in text and "第三十三条第二款" in text
    )
    assert not Decision.objects.exists()


def test_the_case_panels_show_the_review_the_refusals_and_the_deadlines(lead, pending):
    data = review_views.panel_context(lead, handler(lead))
    assert data["reviews"] == [pending]
    assert "法制审核尚未完成" in data["refusals"][0]
    advanced = CaseFactory(state="investigation")
    rows, problems = case_deadlines(advanced)
    assert problems == []
    assert rows[0]["label"] == "作出处罚决定" and rows[0]["days_left"] >= 89


def test_the_home_to_dos_count_the_reviews(lead, pending):
    user = pending.reviewer.user
    assert review_home.reviews_summary(user, Role.LEGAL_REVIEWER) == {"pending": 1, "overdue": 0}
    reviews.give_opinion(user, pending, opinion="disagree", reasons="证据不足", checklist=ALL_OK)
    pending.refresh_from_db()
    reviews.raise_objection(handler(lead), pending, objection="证据充分")
    assert review_home.reviews_summary(head(lead), Role.AGENCY_HEAD) == {"disputed": 1}


def test_the_case_page_shows_the_deadlines_and_review_panels(client, midyear, db):
    from django.urls import reverse

    from zhifa.cases.services import extensions

    opened = CaseFactory(state="investigation")
    extensions.extend(head(opened), opened, days=30, reason="案情复杂")
    client.force_login(head(opened))
    html = client.get(reverse("cases:case_detail", args=[opened.pk])).content.decode()
    assert 'data-testid="panel-deadlines"' in html and 'data-testid="panel-review"' in html
    assert "2026-10-15" in html and "经批准延长30日" in html  # 90 + 30 days after 17 June
    assert "批准延长办案期限" in html and "尚未提请法制审核" in html
