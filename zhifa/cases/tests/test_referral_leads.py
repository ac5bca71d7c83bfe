"""A visit's referral (移送立案) becomes a lead: the party, matters, facts and day prefilled from
the inspection, the source 检查发现; one referral, one lead; the inspection page shows the case;
open referrals are a to-do of the agency's officers. The apps meet only in zhifa.core.referrals."""

from __future__ import annotations

import pytest

from zhifa.cases.models import Case
from zhifa.cases.services import leads
from zhifa.core import referrals
from zhifa.inspections.models import Referral
from zhifa.inspections.tests.visit_fixtures import build_visit, submitted
from zhifa.org.models import Agency, UnitKind
from zhifa.registry.models import Officer
from zhifa.testing.api import login_api
from zhifa.testing.ledger import recorded, refused

FACTS = "货架上发现超过保质期的食品12袋"


@pytest.fixture
def visit(midyear, demo):
    return build_visit(demo, today=midyear)


@pytest.fixture
def referral(visit) -> Referral:
    record = submitted(
        visit,
        outcome="case",
        findings="销售过期食品12袋",
        facts=FACTS,
        measures="移送立案调查",
        level="minor",
        effect="下架过期食品",
    )
    return Referral.objects.get(record=record)


def lead_from(visit, referral, **more):
    agency = visit.inspection.lead_agency
    officers = list(Officer.objects.filter(user__in=[visit.officer, visit.partner]))
    unit = agency.units.filter(kind=UnitKind.HANDLING).order_by("pk").first()
    return leads.record_lead(
        visit.officer,
        agency,
        unit=unit,
        title="涉嫌经营超过保质期的食品案",
        officers=sorted(officers, key=lambda o: o.user_id != visit.officer.pk),
        referral=f"inspection:{referral.pk}",
        **more,
    )


def test_a_referral_becomes_a_lead_with_what_the_visit_found(visit, referral, midyear):
    with recorded("inspections.referral.take", "cases.case.record"):
        case = lead_from(visit, referral)
    assert case.source == "inspection" and case.facts == FACTS
    assert case.source_reference.endswith("现场检查记录") and case.discovered_on == midyear
    assert [p.party for p in case.parties.all()] == [visit.party]
    assert [m.matter for m in case.matters.all()] == [visit.matter]
    referral.refresh_from_db()
    assert referral.case_pk == case.pk and referral.taken_at is not None
    assert referrals.open_for([visit.inspection.lead_agency_id]) == []


def test_a_referral_becomes_one_lead_only(visit, referral):
    lead_from(visit, referral)
    with refused("一次移送只能登记一个线索", Case, field="referral"):
        lead_from(visit, referral)


def test_another_agencys_or_an_unknown_referral_is_refused(visit, referral):
    other = Agency.objects.get(short_name="市生态环境局")
    with refused("不属于本执法主体", Case, field="referral"):
        leads.referred(other, f"inspection:{referral.pk}", {})
    with refused("没有这个移送立案", Case, field="referral"):
        lead_from(visit, Referral(pk=referral.pk + 999))


def test_the_officers_see_it_as_a_to_do_and_the_form_is_prefilled(visit, referral, client):
    client.force_login(visit.officer)
    home = client.get("/").content.decode()
    assert 'data-testid="case-referrals"' in home and "1件检查移送立案" in home
    form = client.get(f"/cases/new/?referral=inspection:{referral.pk}").content.decode()
    assert FACTS in form and f'value="inspection:{referral.pk}"' in form


def test_the_api_takes_the_referral_and_the_inspection_page_shows_the_case(
    visit, referral, api_client, client
):
    agency = visit.inspection.lead_agency
    officers = Officer.objects.filter(user__in=[visit.officer, visit.partner]).order_by("pk")
    login_api(api_client, visit.officer)
    body = {
        "agency": agency.pk,
        "unit": agency.units.filter(kind=UnitKind.HANDLING).order_by("pk").first().pk,
        "title": "涉嫌经营超过保质期的食品案",
        "officers": [o.pk for o in officers],
        "referral": f"inspection:{referral.pk}",
    }
    made = api_client.post("/api/v1/cases", body, format="json")
    assert made.status_code == 201, made.json()
    again = api_client.post("/api/v1/cases", body, format="json")
    assert (
        again.status_code == 400
        and "一次移送只能登记一个线索" in again.json()["errors"]["referral"][0]
    )
    client.force_login(visit.officer)
    page = client.get(f"/inspections/visits/records/{referral.record_id}/").content.decode()
    assert f"/cases/{made.json()['id']}/" in page and "已登记为案件线索" in page


def test_the_inspection_page_links_the_case_only_for_those_who_see_it(visit, referral, client):
    case = lead_from(visit, referral)
    record_page = f"/inspections/visits/records/{referral.record_id}/"
    client.force_login(visit.enterprise)  # sees its own record, not the agency's case
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    page = client.get(record_page).content.decode()
    assert "已登记为案件线索" in page and f"/cases/{case.pk}/" not in page
    client.force_login(visit.partner)
    assert f'href="/cases/{case.pk}/"' in client.get(record_page).content.decode()
    assert referrals.case_links(visit.enterprise, [case.pk, None]) == {}
    assert referrals.case_links(visit.officer, [case.pk]) == {case.pk: f"/cases/{case.pk}/"}
