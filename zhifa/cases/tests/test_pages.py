"""Case pages: the list (deadlines first, filters, export), the lead form, the case page with the
actions the table allows this user now (irreversible ones ask first), the panels; outsiders 404;
the head's approvals and the officer's cases on the 工作台."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from zhifa.cases.models import Case, CaseStatus
from zhifa.testing.factories import CaseFactory, MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_the_list_puts_running_deadlines_first_and_exports_the_same_rows(client, personas):
    lead = CaseFactory(title="线索案")
    with time_machine.travel(date(2026, 5, 4), tick=False):
        older = CaseFactory(title="较早立案", state="investigation")
    newer = CaseFactory(title="新立案", state="investigation")
    client.force_login(personas.officer)
    html = client.get("/cases/").content.decode()
    assert html.index("较早立案") < html.index("新立案") < html.index("线索案")
    assert "2026-08-03（剩47日）" in html  # 5 May + 90 days = 2 August, a Sunday: Monday 3rd
    rows = client.get("/cases/", {"q": "立案"}).content.decode()
    assert "较早立案" in rows and "线索案" not in rows
    response = client.get("/cases/export.xlsx", {"q": "立案"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [r[1] for r in sheet.iter_rows(values_only=True)]
    assert "较早立案" in titles and "新立案" in titles and "线索案" not in titles
    assert {older.number, newer.number} <= {r[0] for r in sheet.iter_rows(values_only=True)}
    assert lead.number == ""


def test_an_officer_records_a_lead_through_the_form(client, personas, scjg):
    _, lead = case_handler(scjg)
    partner = eligible_officer(scjg)
    party, matter = PartyFactory(), MatterFactory(agency=scjg)
    client.force_login(personas.officer)
    assert client.get("/cases/new/").status_code == 200
    data = {
        "agency": scjg.pk,
        "title": "涉嫌无照经营案",
        "source": "complaint",
        "unit": scjg.units.filter(kind="handling").first().pk,
        "lead_officer": lead.pk,
        "officers": [partner.pk],
        "party": party.uscc,
        "matters": [matter.pk],
        "discovered_on": "2026-06-16",
        "violation_began": "2026-06-01",
    }
    response = client.post("/cases/new/", data)
    case = Case.objects.get(title="涉嫌无照经营案")
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert case.officers.get(role="assisting").officer == partner
    assert case.officers.get(role="lead").officer == lead
    bad = client.post("/cases/new/", {**data, "discovered_on": "2026-06-18"})
    assert bad.status_code == 200 and "发现日期不能晚于今天" in bad.content.decode()
    assert Case.objects.filter(title="涉嫌无照经营案").count() == 1


def test_the_case_page_offers_what_the_table_allows_and_asks_before_the_irreversible(
    client, personas
):
    case = CaseFactory(state="opening")
    client.force_login(personas.agency_head)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="act-open"' in html and 'data-confirm="批准立案后将编定案号' in html
    assert 'data-testid="act-send_back"' in html
    assert 'data-testid="panel-people"' in html and 'data-testid="panel-trail"' in html
    response = client.post(f"/cases/{case.pk}/", {"act": "send_back", "opinion": ""})
    assert "请填写退回理由" in response.content.decode()
    response = client.post(f"/cases/{case.pk}/", {"act": "open", "opinion": "同意"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION and case.number
    client.force_login(personas.officer)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="act-notify"' in html and 'data-testid="act-open"' not in html
    assert "同意" in html  # the opinion in the trail


def test_a_step_the_user_may_not_take_is_refused_and_outsiders_get_404(client, personas):
    case = CaseFactory(state="opening")
    client.force_login(personas.officer)
    assert client.post(f"/cases/{case.pk}/", {"act": "open"}).status_code == 403
    client.force_login(personas.city_supervisor)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="case-actions"' not in html  # the supervisor reads only
    assert client.post(f"/cases/{case.pk}/", {"act": "open"}).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert case.title not in client.get("/cases/").content.decode()
    client.force_login(personas.enterprise)
    assert client.get("/cases/").status_code == 403


def test_the_home_page_shows_the_heads_approvals_and_the_officers_cases(client, personas):
    waiting = CaseFactory(title="待审批立案", state="opening")
    client.force_login(personas.agency_head)
    html = client.get("/").content.decode()
    assert 'data-testid="case-todos"' in html and "待审批立案" in html
    client.force_login(personas.officer)
    assert "待审批立案" in client.get("/").content.decode()
    client.force_login(personas.city_supervisor)
    assert 'data-testid="case-supervision"' in client.get("/").content.decode()
    assert waiting.status == CaseStatus.OPENING
