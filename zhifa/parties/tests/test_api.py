"""The parties API: Chinese field errors with HTTP 400 and nothing written, personal data only
masked, an enterprise sees only its own party (404 for the others), administrator-only actions."""

from __future__ import annotations

from zhifa.core.validators import uscc_check_char
from zhifa.parties.models import Party
from zhifa.testing.api import chinese_error, login_api
from zhifa.testing.factories import PartyAccountFactory, PartyFactory, county_id_number, party_uscc
from zhifa.testing.ledger import last_seq, ledger_actions

URL = "/api/v1/parties"
GOOD = party_uscc(77)
BAD = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")


def body(**extra):
    data = {
        "kind": "enterprise",
        "name": "示范市华泰餐饮有限公司",
        "uscc": GOOD,
        "region": "990103",
        "industry": "H6210",
        "policy_officer_name": "李政策",
        "policy_officer_phone": "13812345678",
    }
    data.update(extra)
    return data


def test_an_officer_registers_a_party_and_reads_it_masked(api_client, personas):
    client = login_api(api_client, personas.officer)
    since = last_seq()
    response = client.post(URL, body(), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["uscc"] == GOOD and data["region"] == "990103" and data["industry_division"] == "62"
    assert data["policy_officer_phone_masked"] == "138****5678"
    assert "13812345678" not in response.content.decode()
    assert ledger_actions(since) == ["parties.party.create"]


def expect_400(client, data, field, message):
    since, count = last_seq(), Party.objects.count()
    response = client.post(URL, data, format="json")
    assert response.status_code == 400
    answer = response.json()
    assert chinese_error(answer), answer
    assert any(message in m for m in answer["errors"][field]), answer
    assert last_seq() == since and Party.objects.count() == count


def test_bad_input_is_a_400_in_chinese_and_writes_nothing(api_client, personas):
    client = login_api(api_client, personas.officer)
    expect_400(client, body(uscc=BAD), "uscc", f"校验位错误，应为{uscc_check_char(GOOD[:17])}")
    expect_400(client, body(region="999999"), "region", "未找到行政区划代码999999")
    expect_400(client, body(industry="X99"), "industry", "行业代码应为国民经济行业分类")
    expect_400(client, body(kind="company"), "kind", "")
    PartyFactory(uscc=GOOD)
    expect_400(client, body(), "uscc", "该统一社会信用代码已登记")


def test_only_an_administrator_records_a_failing_code_as_verified(api_client, personas):
    party = PartyFactory()
    verify = {"code": BAD, "reason": "登记机关复函确认"}
    officer = login_api(api_client, personas.officer)
    assert officer.post(f"{URL}/{party.pk}/verify", verify, format="json").status_code == 403
    admin = login_api(api_client, personas.agency_admin)
    response = admin.post(f"{URL}/{party.pk}/verify", verify, format="json")
    assert response.status_code == 200
    assert response.json()["uscc"] == BAD and response.json()["uscc_verified"] is True


def test_an_enterprise_sees_only_its_own_party(api_client, personas):
    own, other = PartyFactory(), PartyFactory()
    PartyAccountFactory(party=own, user=personas.enterprise)
    client = login_api(api_client, personas.enterprise)
    listed = client.get(URL).json()
    assert [p["id"] for p in listed["results"]] == [own.pk]
    assert client.get(f"{URL}/{own.pk}").status_code == 200
    assert client.get(f"{URL}/{other.pk}").status_code == 404
    assert client.patch(f"{URL}/{other.pk}", {"name": "x"}, format="json").status_code == 404
    assert client.patch(f"{URL}/{own.pk}", {"name": "x"}, format="json").status_code == 403


def test_a_person_is_found_by_the_whole_id_number_and_shown_masked(api_client, personas):
    number = county_id_number(4321)
    person = PartyFactory(kind="person", name="郑十", id_number=number)
    PartyFactory(kind="person", name="郑十一")
    client = login_api(api_client, personas.city_supervisor)
    found = client.get(URL, {"q": number}).json()["results"]
    assert [p["id"] for p in found] == [person.pk]
    assert found[0]["id_number_masked"] == number[:6] + "********" + number[-4:]
    assert number not in str(found)
    assert client.get(URL, {"q": number[:10]}).json()["results"] == []


def test_filters_by_region_kind_industry_and_grades(api_client, personas):
    from datetime import date

    from zhifa.org.models import Region
    from zhifa.parties import services

    west = PartyFactory(region=Region.objects.get(code="990103"), industry="H6210")
    PartyFactory(region=Region.objects.get(code="990102"), industry="C1311")
    services.set_risk_class(
        personas.agency_admin, west, risk="high", classed_on=date(2026, 1, 5), source="分类"
    )
    client = login_api(api_client, personas.officer)

    def ids(**query):
        return [p["id"] for p in client.get(URL, query).json()["results"]]

    region = Region.objects.get(code="990103").pk
    assert ids(region=region) == [west.pk]
    assert ids(industry="H62") == [west.pk]
    assert ids(industry="h") == [west.pk]
    assert ids(risk_class="high") == [west.pk]
    assert west.pk not in ids(kind="person")
    response = client.get(URL, {"risk_class": "extreme"})
    assert response.status_code == 400 and chinese_error(response.json())


def test_accounts_are_bound_and_unbound_by_an_administrator(api_client, personas):
    party = PartyFactory()
    admin = login_api(api_client, personas.agency_admin)
    response = admin.post(f"{URL}/{party.pk}/bind", {"user": "qy_demo"}, format="json")
    assert response.status_code == 201 and response.json()["user"] == "qy_demo"
    account = response.json()["id"]
    wrong = admin.post(f"{URL}/{party.pk}/bind", {"user": "nobody"}, format="json")
    assert wrong.status_code == 400 and "未找到账号nobody" in wrong.json()["errors"]["user"][0]
    response = admin.post(f"{URL}/{party.pk}/unbind", {"account": account}, format="json")
    assert response.status_code == 204
    assert not party.accounts.exists()
