"""The pre-filing pages and API: the officer files on the phone form, the head approves from the
to-dos, the supervisor sees the flags, outsiders get 404, bad input a Chinese 400."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zhifa.inspections.models import Inspection, InspectionStatus, JointOffer
from zhifa.testing.filings import InspectionFactory

TOMORROW = date(2026, 6, 18)


@pytest.fixture
def inspection(party, pair, matter):
    return InspectionFactory(party=party, officers=pair, matters=[matter])


def signed_in(client, user):
    client.force_login(user)
    return client


def form_data(party, pair, matter, **more):
    data = {
        "kind": "routine",
        "party": party.uscc,
        "window_start": "2026-06-18",
        "window_end": "2026-06-20",
        "officers": [o.pk for o in pair],
        "matters": [matter.pk],
        "basis": "依据清单检查燃气安全",
        "act": "submit",
    }
    data.update(more)
    return data


def test_an_officer_files_on_the_form_and_lands_on_the_filing(
    client, officer_user, party, pair, matter
):
    page = signed_in(client, officer_user).get(reverse("inspections:filing_create"))
    assert page.status_code == 200
    assert matter.name in page.content.decode() and pair[0].name in page.content.decode()
    response = client.post(
        reverse("inspections:filing_create"), form_data(party, pair, matter), follow=True
    )
    inspection = Inspection.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "inspections:filing_detail", args=[inspection.pk]
    )
    assert "待审批" in response.content.decode()


def test_the_form_shows_the_refusals_in_chinese_and_writes_nothing(
    client, officer_user, party, pair, matter
):
    data = form_data(party, pair[:1], matter, window_start="2026-06-01", window_end="2026-06-02")
    response = signed_in(client, officer_user).post(reverse("inspections:filing_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "检查人员不得少于2人" in body and "检查时段不能早于今天" in body
    assert not Inspection.objects.exists()


def test_an_unknown_enterprise_is_refused_on_the_form(client, officer_user, party, pair, matter):
    data = {**form_data(party, pair, matter), "party": "91330100MA00000000"}
    response = signed_in(client, officer_user).post(reverse("inspections:filing_create"), data)
    assert "没有找到该企业" in response.content.decode()


def test_the_head_approves_from_the_filing_page(client, head, inspection):
    url = reverse("inspections:filing_detail", args=[inspection.pk])
    page = signed_in(client, head).get(url)
    assert "批准" in page.content.decode()
    client.post(url, {"act": "approve", "opinion": "同意"})
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.APPROVED


def test_the_heads_workbench_lists_what_awaits_approval(client, head, inspection):
    body = signed_in(client, head).get(reverse("home")).content.decode()
    assert "1件检查备案待您审批" in body and inspection.party.name in body


def test_an_officer_cannot_approve_from_the_page(client, officer_user, inspection):
    url = reverse("inspections:filing_detail", args=[inspection.pk])
    response = signed_in(client, officer_user).post(url, {"act": "approve"})
    assert response.status_code == 403
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED


def test_an_outsider_gets_404(client, demo, inspection):
    url = reverse("inspections:filing_detail", args=[inspection.pk])
    assert signed_in(client, demo["sthj_xu"]).get(url).status_code == 404


def test_the_supervisor_sees_the_flags(client, demo, party, pair, matter, officer_user):
    InspectionFactory(
        party=party,
        officers=pair,
        matters=[matter],
        window_start=date(2026, 6, 16),
        window_end=date(2026, 6, 16),
        emergency=True,
        emergency_reason="突发事故",
    )
    response = signed_in(client, demo["sfj_chen"]).get(
        reverse("inspections:filing_list") + "?flag=emergency"
    )
    assert "紧急检查" in response.content.decode() and party.name in response.content.decode()
    empty = client.get(reverse("inspections:filing_list") + "?flag=cap").content.decode()
    assert party.name not in empty


def test_joint_offers_reach_both_agencies_to_dos(
    client, inspection, sthj, party, sthj_side, officer_user
):
    InspectionFactory(
        party=party,
        agency=sthj,
        filer=sthj_side["filer"],
        officers=sthj_side["officers"],
        matters=sthj_side["matters"],
    )
    offer = JointOffer.objects.get()
    for user in (officer_user, sthj_side["filer"]):
        body = signed_in(client, user).get(reverse("home")).content.decode()
        assert "1个联合检查撮合待回应" in body
    url = reverse("inspections:filing_detail", args=[inspection.pk])
    signed_in(client, officer_user).post(url, {"offer": offer.pk, "act": "accept"})
    other = reverse("inspections:filing_detail", args=[offer.second_id])
    signed_in(client, sthj_side["filer"]).post(other, {"offer": offer.pk, "act": "accept"})
    inspection.refresh_from_db()
    assert inspection.agencies.count() == 2
    assert "联合检查" in client.get(url).content.decode()


# --- API ---------------------------------------------------------------------------------------


def api_data(scjg, party, pair, matter, **more):
    data = {
        "agency": scjg.pk,
        "party": party.pk,
        "kind": "routine",
        "window_start": "2026-06-18",
        "window_end": "2026-06-20",
        "officers": [o.pk for o in pair],
        "matters": [matter.pk],
        "basis": "依据清单检查",
    }
    data.update(more)
    return data


def test_the_api_files_and_offers_the_same_actions(
    api_client, officer_user, head, scjg, party, pair, matter
):
    api_client.force_authenticate(officer_user)
    response = api_client.post(
        "/api/v1/inspections", api_data(scjg, party, pair, matter), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status_label"] == "待审批"
    api_client.force_authenticate(head)
    pk = response.json()["id"]
    actions = api_client.get(f"/api/v1/inspections/{pk}").json()["actions"]
    assert [a["action"] for a in actions] == ["approve", "refuse", "withdraw"]
    approved = api_client.post(f"/api/v1/inspections/{pk}/approve", {}, format="json")
    assert approved.json()["status"] == "approved"


def test_the_api_answers_400_with_the_reasons_by_field(
    api_client, officer_user, scjg, party, pair, matter
):
    api_client.force_authenticate(officer_user)
    data = api_data(scjg, party, pair[:1], matter, window_start="2026-06-01")
    response = api_client.post("/api/v1/inspections", data, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "检查人员不得少于2人" in errors["officers"][0]
    assert "检查时段不能早于今天" in errors["window_start"][0]
    assert not Inspection.objects.exists()


def test_the_api_refuses_an_approval_by_an_officer(api_client, officer_user, inspection):
    api_client.force_authenticate(officer_user)
    response = api_client.post(f"/api/v1/inspections/{inspection.pk}/approve", {}, format="json")
    assert response.status_code == 403


def test_the_enterprise_sees_its_own_approved_visits_only(api_client, inspection, head, party):
    from zhifa.testing.factories import PartyAccountFactory

    account = PartyAccountFactory(party=party)
    api_client.force_authenticate(account.user)
    assert api_client.get("/api/v1/inspections").json()["count"] == 0
    from zhifa.inspections.services import filings

    filings.approve_inspection(head, inspection)
    assert api_client.get("/api/v1/inspections").json()["count"] == 1
    InspectionFactory(state="approved")  # another enterprise's visit
    assert api_client.get("/api/v1/inspections").json()["count"] == 1


def test_the_export_holds_the_rows_of_the_page(client, head, inspection):
    import io

    import openpyxl

    response = signed_in(client, head).get(
        reverse("inspections:filing_export") + "?status=submitted"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("备案号", "检查对象")
    assert [r[1] for r in rows[1:]] == [inspection.party.name]
    empty = client.get(reverse("inspections:filing_export") + "?status=closed").content
    assert len(list(openpyxl.load_workbook(io.BytesIO(empty)).active.iter_rows())) == 1


def test_my_filings_are_those_i_filed_or_go_on(client, officer_user, demo, party, pair, matter):
    from zhifa.testing.factories import PartyFactory, UserFactory
    from zhifa.testing.filings import scjg

    mine = InspectionFactory(party=party, officers=pair, matters=[matter], filer=officer_user)
    colleague = UserFactory(role="officer", agency=scjg())
    other_party = PartyFactory(name="示范市另一家企业有限公司")
    InspectionFactory(party=other_party, officers=pair, matters=[matter], filer=colleague)
    url = reverse("inspections:filing_list")
    everything = signed_in(client, officer_user).get(url).content.decode()
    assert party.name in everything and other_party.name in everything
    own = client.get(url + "?scope=mine").content.decode()
    assert party.name in own and other_party.name not in own
    assert f"第{mine.pk}号" in own
