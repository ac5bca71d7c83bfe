"""The org API: token sign-in, the one error shape, scoped reads, writes through services."""

from __future__ import annotations

import re

import pytest
from rest_framework.authtoken.models import Token

from zhifa.org.demo import agency_uscc
from zhifa.org.models import Agency, Membership, Region, User
from zhifa.org.tests.conftest import entries, login_api, password_of, payload


def is_chinese_error(body: dict) -> bool:
    """The one error shape, every message in Chinese (never DRF's English)."""
    if set(body) != {"detail", "code", "errors"} or body["detail"].isascii():
        return False
    return all(not m.isascii() for msgs in body["errors"].values() for m in msgs)


def get_token(api_client, username: str, password: str | None = None):
    return api_client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password or password_of(username)},
        format="json",
    )


# --- tokens ---


def test_it_exchanges_a_password_for_a_token_that_authenticates(demo, api_client):
    response = get_token(api_client, "scjg_zhang")
    assert response.status_code == 200
    assert list(response.json()) == ["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    listing = api_client.get("/api/v1/agencies").json()
    assert [a["name"] for a in listing["results"]] == ["示范市市场监督管理局"]
    entry = entries("org.auth.login")[-1]
    assert entry.actor == demo["scjg_zhang"]
    assert payload(entry)["after"]["via"] == "api"


def test_it_refuses_a_wrong_password_in_chinese(demo, api_client):
    response = get_token(api_client, "scjg_zhang", "Wrong#Pass2026")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "登录名或密码不正确",
        "code": "invalid",
        "errors": {"non_field_errors": ["登录名或密码不正确"]},
    }
    assert not Token.objects.exists()
    assert entries("org.auth.login_failed")[-1].object_id == "scjg_zhang"


def test_it_asks_for_both_username_and_password(db, api_client):
    response = api_client.post("/api/v1/auth/token", {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert is_chinese_error(body)
    assert set(body["errors"]) == {"username", "password"}


def test_it_locks_the_api_sign_in_too(demo, api_client):
    for _ in range(5):
        get_token(api_client, "scjg_zhang", "Wrong#Pass2026")
    response = get_token(api_client, "scjg_zhang")
    assert response.status_code == 403
    assert response.json()["code"] == "locked"
    assert is_chinese_error(response.json())
    assert not Token.objects.exists()


def test_it_answers_401_in_chinese_without_credentials(db, api_client):
    response = api_client.get("/api/v1/agencies")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert is_chinese_error(response.json())


def test_it_refuses_a_made_up_token(db, api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = api_client.get("/api/v1/agencies")
    assert response.status_code == 401
    assert is_chinese_error(response.json())


# --- outsiders get 404, not 403 ---


def test_it_hides_another_agencys_records_behind_404(demo, agencies, api_client):
    login_api(api_client, demo["scjg_zhang"])
    own, other = agencies["市市场监管局"], agencies["市生态环境局"]
    assert api_client.get(f"/api/v1/agencies/{own.pk}").status_code == 200
    other_unit = other.units.first()
    for path in (
        f"/api/v1/agencies/{other.pk}",
        f"/api/v1/units/{other_unit.pk}",
        f"/api/v1/users/{demo['sthj_xu'].pk}",
        f"/api/v1/users/{demo['scjg_li'].pk}",  # a colleague: officers see only themselves
    ):
        response = api_client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "未找到该对象", "code": "not_found", "errors": {}}
    assert api_client.get(f"/api/v1/units/{own.units.first().pk}").status_code == 200
    assert api_client.get(f"/api/v1/users/{demo['scjg_zhang'].pk}").status_code == 200


def test_it_hides_another_agency_from_an_edit_behind_404(demo, agencies, api_client):
    login_api(api_client, demo["scjg_admin"])
    other = agencies["市生态环境局"]
    response = api_client.patch(f"/api/v1/agencies/{other.pk}", {"address": "别处"}, format="json")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.address != "别处"


def test_it_hides_another_agencys_page_behind_404(demo, agencies, client):
    client.force_login(demo["scjg_zhang"])
    assert client.get(f"/agencies/{agencies['市市场监管局'].pk}/").status_code == 200
    assert client.get(f"/agencies/{agencies['市生态环境局'].pk}/").status_code == 404


def test_it_lists_only_agencies_in_the_district_supervisors_region(demo, api_client):
    login_api(api_client, demo["dc_sfj_liu"])
    body = api_client.get("/api/v1/agencies").json()
    assert body["count"] == 3
    assert {a["region_name"] for a in body["results"]} == {"东城区"}


# --- writes ---


AGENCY = {
    "name": "示范市东城区新设执法局",
    "kind": "authority",
    "uscc": agency_uscc("990102", 99),
    "complaint_phone": "12345",
}


def test_it_creates_an_agency_for_the_system_administrator(demo, api_client):
    login_api(api_client, demo["sysadmin"])
    data = {**AGENCY, "region": Region.objects.get(code="990102").pk}
    response = api_client.post("/api/v1/agencies", data, format="json")
    assert response.status_code == 201
    assert response.json()["region_name"] == "东城区"
    agency = Agency.objects.get(name=AGENCY["name"])
    assert entries("org.agency.create")[-1].object_id == str(agency.pk)


def test_it_refuses_an_officer_creating_an_agency(demo, api_client):
    login_api(api_client, demo["scjg_zhang"])
    data = {**AGENCY, "region": Region.objects.get(code="990102").pk}
    response = api_client.post("/api/v1/agencies", data, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "只有系统管理员可以新增执法主体"
    assert not Agency.objects.filter(name=AGENCY["name"]).exists()


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"kind": "nonsense", "region": None}, {"kind", "region"}),
        ({"uscc": "911100001234567890", "complaint_phone": "1"}, {"uscc", "complaint_phone"}),
        ({"kind": "delegated"}, {"delegating_agency", "delegation_agreement", "delegation_end"}),
    ],
)
def test_it_refuses_bad_agency_input_with_chinese_field_errors(demo, api_client, changes, fields):
    login_api(api_client, demo["sysadmin"])
    before = (Agency.objects.count(), len(entries("org.agency.create")))
    data = {**AGENCY, "region": Region.objects.get(code="990102").pk, **changes}
    response = api_client.post("/api/v1/agencies", data, format="json")
    assert response.status_code == 400
    assert is_chinese_error(response.json())
    assert set(response.json()["errors"]) == fields
    assert (Agency.objects.count(), len(entries("org.agency.create"))) == before


def test_it_lets_an_agency_admin_patch_contact_details_only(demo, agencies, api_client):
    scjg = agencies["市市场监管局"]
    login_api(api_client, demo["scjg_admin"])
    response = api_client.patch(f"/api/v1/agencies/{scjg.pk}", {"address": "人民路1号"})
    assert response.status_code == 200
    assert response.json()["address"] == "人民路1号"
    response = api_client.patch(f"/api/v1/agencies/{scjg.pk}", {"name": "改名局"})
    assert response.status_code == 403
    assert Agency.objects.get(pk=scjg.pk).name == "示范市市场监督管理局"


def test_it_grants_a_role_for_the_security_administrator(demo, agencies, api_client):
    login_api(api_client, demo["secadmin"])
    data = {"user": demo["qs_he"].pk, "role": "legal_reviewer", "agency": agencies["青石镇"].pk}
    response = api_client.post("/api/v1/roles", data, format="json")
    assert response.status_code == 201
    assert response.json()["role_display"] == "法制审核人员"
    assert demo["qs_he"].memberships.filter(role="legal_reviewer").exists()
    assert entries("org.role.grant")[-1].object_id == str(response.json()["id"])


def test_it_refuses_roles_from_the_system_administrator(demo, agencies, api_client):
    login_api(api_client, demo["sysadmin"])
    data = {"user": demo["qs_he"].pk, "role": "legal_reviewer", "agency": agencies["青石镇"].pk}
    response = api_client.post("/api/v1/roles", data, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "只有安全管理员可以分配角色"
    assert demo["qs_he"].memberships.count() == 1


def test_it_refuses_a_second_admin_role_over_the_api(demo, api_client):
    login_api(api_client, demo["secadmin"])
    data = {"user": demo["auditadmin"].pk, "role": "system_admin"}
    response = api_client.post("/api/v1/roles", data, format="json")
    assert response.status_code == 400
    assert "三员分立" in response.json()["detail"]
    assert Membership.objects.filter(user=demo["auditadmin"]).count() == 1


def test_it_revokes_a_role_over_the_api(demo, api_client):
    membership = demo["qs_he"].memberships.get()
    login_api(api_client, demo["secadmin"])
    assert api_client.delete(f"/api/v1/roles/{membership.pk}").status_code == 204
    assert not demo["qs_he"].memberships.exists()
    assert entries("org.role.revoke")[-1].object_id == str(membership.pk)


def test_it_lists_every_user_for_the_system_administrator_and_only_self_for_an_officer(
    demo, api_client
):
    login_api(api_client, demo["sysadmin"])
    body = api_client.get("/api/v1/users?limit=100").json()
    assert body["count"] == User.objects.count() == len(body["results"])
    assert {u["username"] for u in body["results"]} == set(
        User.objects.values_list("username", flat=True)
    )
    login_api(api_client, demo["scjg_zhang"])
    body = api_client.get("/api/v1/users").json()
    assert [u["username"] for u in body["results"]] == ["scjg_zhang"]
    assert body["results"][0]["roles"][0]["agency_name"] == "示范市市场监督管理局"


def test_it_creates_a_user_over_the_api_with_chinese_errors(demo, api_client):
    login_api(api_client, demo["sysadmin"])
    data = {"username": "api_new", "full_name": "新人", "password": "short", "mobile": "1"}
    response = api_client.post("/api/v1/users", data, format="json")
    assert response.status_code == 400
    assert is_chinese_error(response.json())
    assert set(response.json()["errors"]) == {"password", "mobile"}
    assert not User.objects.filter(username="api_new").exists()
    data.update(password="Xinren@2026!", mobile="13912345678")
    response = api_client.post("/api/v1/users", data, format="json")
    assert response.status_code == 201
    assert response.json()["mobile"] == "139****5678"
    assert "password" not in response.json()


# --- schema and docs ---


def test_it_serves_the_schema_and_docs_without_login_and_offline(db, client):
    assert client.get("/api/v1/schema/").status_code == 200
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith(".js") for a in assets)
    # Swagger UI's start-up script is served by the docs view itself (no inline script: CSP).
    assert all(a.startswith(("/static/", "/api/v1/docs/?script")) for a in assets), assets
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
