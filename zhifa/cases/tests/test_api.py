"""Cases API: the same services as the pages — the list deadlines first, a lead recorded, every
step through ``act`` with Chinese field errors (400, nothing written), a step the user may not take
403, outsiders 404."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from zhifa.cases.models import Case, CaseEvent, CaseStatus
from zhifa.testing.factories import CaseFactory, MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer
from zhifa.testing.ledger import last_seq

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_the_list_and_one_case_with_its_actions(api_client, personas):
    lead = CaseFactory(title="线索")
    opened = CaseFactory(title="已立案", state="investigation")
    api_client.force_authenticate(personas.officer)
    rows = api_client.get("/api/v1/cases").json()["results"]
    titles = [r["title"] for r in rows]
    assert titles.index("已立案") < titles.index("线索")
    detail = api_client.get(f"/api/v1/cases/{opened.pk}").json()
    assert detail["status_label"] == "调查取证" and detail["number"] == opened.number
    assert [a["action"] for a in detail["actions"] if a["allowed"]] == [
        "notify",
        "mark_review_grounds",
    ]
    assert [e["label"] for e in detail["events"]] == ["登记线索", "提请立案", "批准立案"]
    api_client.force_authenticate(personas.outsider)
    assert api_client.get(f"/api/v1/cases/{lead.pk}").status_code == 404


def test_a_lead_is_recorded_and_bad_input_answers_400_in_chinese(api_client, personas, scjg):
    _, lead = case_handler(scjg)
    body = {
        "agency": scjg.pk,
        "unit": scjg.units.filter(kind="handling").first().pk,
        "title": "涉嫌虚假宣传案",
        "source": "assigned",
        "officers": [lead.pk, eligible_officer(scjg).pk],
        "parties": [PartyFactory().pk],
        "matters": [MatterFactory(agency=scjg).pk],
        "discovered_on": "2026-06-10",
    }
    api_client.force_authenticate(personas.officer)
    created = api_client.post("/api/v1/cases", body, format="json")
    assert created.status_code == 201 and created.json()["status"] == "lead"
    seq = last_seq()
    bad = api_client.post("/api/v1/cases", {**body, "discovered_on": "2026-07-01"}, format="json")
    assert bad.status_code == 400
    assert "发现日期不能晚于今天" in str(bad.json())
    assert last_seq() == seq
    api_client.force_authenticate(personas.legal_reviewer)
    assert api_client.post("/api/v1/cases", body, format="json").status_code == 403


def test_steps_through_act(api_client, personas):
    case = CaseFactory(state="opening")
    api_client.force_authenticate(personas.officer)
    refused = api_client.post(f"/api/v1/cases/{case.pk}/act", {"action": "open"}, format="json")
    assert refused.status_code == 403
    api_client.force_authenticate(personas.agency_head)
    seq = last_seq()
    empty = api_client.post(f"/api/v1/cases/{case.pk}/act", {"action": "not_open"}, format="json")
    assert empty.status_code == 400 and "请填写不予立案的理由" in str(empty.json())
    wrong = api_client.post(f"/api/v1/cases/{case.pk}/act", {"action": "fly"}, format="json")
    assert wrong.status_code == 400 and "没有“fly”这一操作" in str(wrong.json())
    stale = api_client.post(f"/api/v1/cases/{case.pk}/act", {"action": "serve"}, format="json")
    assert stale.status_code == 400 and "当前状态为立案审批中" in str(stale.json())
    assert last_seq() == seq and not CaseEvent.objects.filter(case=case, action="not_open")
    opened = api_client.post(f"/api/v1/cases/{case.pk}/act", {"action": "open"}, format="json")
    assert opened.status_code == 200 and opened.json()["status"] == CaseStatus.INVESTIGATION
    again = api_client.post(f"/api/v1/cases/{case.pk}/act", {"action": "open"}, format="json")
    assert again.status_code == 400  # a repeated request changes nothing
    assert Case.objects.get(pk=case.pk).number_seq == 1


def test_a_summary_decision_through_the_api(api_client, personas, scjg):
    _, lead = case_handler(scjg)
    body = {
        "agency": scjg.pk,
        "unit": scjg.units.filter(kind="handling").first().pk,
        "title": "未亮照经营案",
        "officers": [lead.pk, eligible_officer(scjg).pk],
        "parties": [PartyFactory(kind="person").pk],
        "matters": [MatterFactory(agency=scjg).pk],
        "measure": "fine",
        "fine": "300",
        "place": "示范市测试路1号",
        "facts": "未在经营场所公示营业执照",
    }
    api_client.force_authenticate(personas.officer)
    too_much = api_client.post("/api/v1/cases/on-spot", body, format="json")
    assert too_much.status_code == 400 and "须适用普通程序" in str(
        too_much.json()["errors"]["fine"]
    )
    done = api_client.post("/api/v1/cases/on-spot", {**body, "fine": "50"}, format="json")
    assert done.status_code == 201 and done.json()["status"] == "execution"
    pk = done.json()["id"]
    paid = api_client.post(
        f"/api/v1/cases/{pk}/act",
        {"action": "collect_on_spot", "amount": "50", "receipt_number": "S-001"},
        format="json",
    )
    assert paid.status_code == 200


def test_a_bare_pass_or_decision_answers_400_with_the_article(api_client, personas):
    """处罚法 arts. 58, 59: the API cannot pass a review nobody gave, nor decide a penalty whose
    content is not recorded; nothing is written."""
    under_review = CaseFactory(state="legal_review")
    deciding = CaseFactory(state="deciding")
    seq = last_seq()
    api_client.force_authenticate(personas.legal_reviewer)
    bare = api_client.post(
        f"/api/v1/cases/{under_review.pk}/act", {"action": "pass_review"}, format="json"
    )
    assert bare.status_code == 400 and "第五十八条" in str(bare.json())
    api_client.force_authenticate(personas.agency_head)
    blank = api_client.post(f"/api/v1/cases/{deciding.pk}/act", {"action": "decide"}, format="json")
    assert blank.status_code == 400
    assert "请先录入处罚决定的内容" in blank.json()["errors"]["decision"][0]
    assert last_seq() == seq
    assert Case.objects.get(pk=under_review.pk).status == CaseStatus.LEGAL_REVIEW
