"""Plans and draws on the pages and in the API: the same workflow table offers the same steps,
bad input is explained in Chinese and writes nothing, outsiders get 404, irreversible steps ask
for confirmation, the public sees announced draws only."""

from __future__ import annotations

import pytest
from django.test import Client

from zhifa.catalog.models import ListKind
from zhifa.inspections.models import Draw, DrawStatus, InspectionPlan, PlanStatus
from zhifa.inspections.services import draws
from zhifa.inspections.tests.draw_fixtures import (
    PERIOD,
    agency,
    filed_plan,
    inspection_matter,
    make_parties,
    plan_data,
    random_list_with,
)
from zhifa.testing.api import chinese_error, login_api


@pytest.fixture
def listed(midyear, personas):
    matter = inspection_matter()
    random_list_with(matter)
    random_list_with(matter, kind=ListKind.ENTERPRISE_INSPECTION)
    make_parties(40, risk="low", credit="A")
    return matter


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_officer_drafts_a_plan_on_the_page_and_the_head_approves_it(listed, personas):
    officer = signed_in(personas.officer)
    form = {
        "lead_agency": agency().pk,
        "name": "2026年第三季度食品经营者抽查",
        "kind": "daily",
        "matters": [listed.pk],
        "period_start": PERIOD[0].isoformat(),
        "period_end": PERIOD[1].isoformat(),
        "ratio_low_A": "5",
        "ratio_low_B": "",
        "ratio_high_D": "40",
    }
    response = officer.post("/inspections/plans/new/", form)
    plan = InspectionPlan.objects.get(name="2026年第三季度食品经营者抽查")
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{plan.pk}/")
    assert [s.label for s in plan.strata.all()] == ["高风险·信用D", "低风险·信用A"]
    page = officer.get(f"/inspections/plans/{plan.pk}/").content.decode()
    assert "提交审批" in page and "批准" not in page
    officer.post(f"/inspections/plans/{plan.pk}/", {"act": "submit"})
    head = signed_in(personas.agency_head)
    assert "批准" in head.get(f"/inspections/plans/{plan.pk}/").content.decode()
    head.post(f"/inspections/plans/{plan.pk}/", {"act": "approve"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    listing = signed_in(personas.city_supervisor).get("/inspections/plans/").content.decode()
    assert "2026年第三季度食品经营者抽查" in listing and "已批准" in listing
    assert signed_in(personas.outsider).get(f"/inspections/plans/{plan.pk}/").status_code == 404


def test_a_plan_form_with_a_bad_ratio_says_why_and_writes_nothing(listed, personas):
    form = {
        "lead_agency": agency().pk,
        "name": "比例颠倒的计划",
        "kind": "daily",
        "matters": [listed.pk],
        "period_start": PERIOD[0].isoformat(),
        "period_end": PERIOD[1].isoformat(),
        "ratio_low_A": "30",
        "ratio_low_D": "10",
    }
    response = signed_in(personas.officer).post("/inspections/plans/new/", form)
    assert response.status_code == 200
    assert "信用好的企业抽查比例应更低" in response.content.decode()
    assert not InspectionPlan.objects.filter(name="比例颠倒的计划").exists()


def test_the_draw_page_asks_before_an_irreversible_step(listed, personas):
    plan = filed_plan(personas, [listed])
    admin = signed_in(personas.agency_admin)
    response = admin.post(f"/inspections/plans/{plan.pk}/", {"act": "freeze"})
    draw = Draw.objects.get(plan=plan)
    assert response["Location"].endswith(f"/inspections/draws/{draw.pk}/")
    page = admin.get(f"/inspections/draws/{draw.pk}/").content.decode()
    assert (
        draw.commitment in page
        and "尚未揭示" in page
        and "确认：公布后名单和承诺值不能更改" in page
    )
    refused = admin.post(f"/inspections/draws/{draw.pk}/", {"act": "announce"})
    assert "请勾选确认" in refused.content.decode()
    draw.refresh_from_db()
    assert draw.status == DrawStatus.FROZEN
    admin.post(f"/inspections/draws/{draw.pk}/", {"act": "announce", "confirm": "yes"})
    draw.refresh_from_db()
    assert draw.status == DrawStatus.ANNOUNCED
    officer = signed_in(personas.officer)
    assert (
        officer.post(
            f"/inspections/draws/{draw.pk}/", {"act": "draw", "confirm": "yes"}
        ).status_code
        == 403
    )


def test_the_public_sees_a_draw_once_announced_with_how_to_recheck(listed, personas, client):
    plan = filed_plan(personas, [listed])
    draw = draws.start_draw(personas.agency_admin, plan)
    assert client.get(f"/public/inspections/draws/{draw.pk}/").status_code == 404
    plans_page = client.get("/public/inspections/").content.decode()
    assert plan.name in plans_page and "尚未公布" in plans_page
    from zhifa.core import workflow

    workflow.transition(draw, "announce", personas.agency_admin)
    page = client.get(f"/public/inspections/draws/{draw.pk}/").content.decode()
    assert draw.commitment in page and "recheck_draw.py" in page and "抽取时公布" in page
    assert f"/api/v1/public/draws/{draw.pk}" in page


def test_the_api_offers_the_same_steps_and_explains_bad_input(listed, personas, api_client):
    login_api(api_client, personas.officer)
    bad = api_client.post(
        "/api/v1/inspection-plans",
        {
            "lead_agency": agency().pk,
            "name": "",
            "kind": "daily",
            "matters": [listed.pk],
            "period_start": "2026-06-18",
            "period_end": "2026-06-01",
            "strata": [],
        },
        format="json",
    )
    assert bad.status_code == 400 and chinese_error(bad.json())
    body = {**plan_data([listed.pk]), "lead_agency": agency().pk}
    body.update(period_start="2026-06-18", period_end="2026-09-30", matters=[listed.pk])
    made = api_client.post("/api/v1/inspection-plans", body, format="json")
    assert made.status_code == 201, made.json()
    plan_id = made.json()["id"]
    assert [a["action"] for a in made.json()["actions"]] == ["revise", "submit"]
    submitted = api_client.post(
        f"/api/v1/inspection-plans/{plan_id}/actions/submit", {}, format="json"
    )
    assert submitted.status_code == 200 and submitted.json()["status_display"] == "待审批"
    again = api_client.post(f"/api/v1/inspection-plans/{plan_id}/actions/submit", {}, format="json")
    assert again.status_code == 400 and "当前状态为待审批" in again.json()["detail"]
    unknown = api_client.post(
        f"/api/v1/inspection-plans/{plan_id}/actions/explode", {}, format="json"
    )
    assert unknown.status_code == 400 and "没有“explode”这一操作" in unknown.json()["detail"]
    login_api(api_client, personas.outsider)
    assert api_client.get(f"/api/v1/inspection-plans/{plan_id}").status_code == 404


def test_a_conflict_of_interest_is_recorded_by_the_code_of_the_enterprise(listed, personas):
    from zhifa.inspections.tests.draw_fixtures import enforcing_officer
    from zhifa.parties.models import Party

    officer = enforcing_officer()
    party = Party.objects.exclude(uscc=None).first()
    admin = signed_in(personas.agency_admin)
    unknown = admin.post(
        "/inspections/conflicts/",
        {"officer": officer.pk, "party_code": "91370102000000000X", "reason": "亲属任职"},
    )
    assert "没有统一社会信用代码为91370102000000000X的企业" in unknown.content.decode()
    admin.post(
        "/inspections/conflicts/",
        {"officer": officer.pk, "party_code": party.uscc, "reason": "亲属任职"},
    )
    page = admin.get("/inspections/conflicts/").content.decode()
    assert officer.name in page and party.name in page and "亲属任职" in page
