"""Sign-in throttling by account and client address, failed sign-ins recorded without flooding
the ledger, and API tokens that end with the events that should end them (等保 level 3:
登录失败处理, 身份鉴别)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from rest_framework.authtoken.models import Token

from zhifa.org.services import accounts
from zhifa.org.tests.conftest import entries, password_of, payload

WRONG = "Wrong#Pass2026"
ATTACKER = "10.9.9.9"
OFFICE = "10.1.1.1"


@pytest.fixture(autouse=True)
def _no_lockout_left_behind(db):
    yield
    AccessAttempt.objects.all().delete()


def sign_in(client, username: str, password: str | None = None, address: str = OFFICE):
    return client.post(
        "/login/",
        {"username": username, "password": password or password_of(username)},
        REMOTE_ADDR=address,
    )


def api_sign_in(api_client, username: str, address: str = OFFICE) -> str:
    response = api_client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password_of(username)},
        format="json",
        REMOTE_ADDR=address,
    )
    assert response.status_code == 200, response.json()
    return response.json()["token"]


def test_an_attacker_cannot_lock_the_system_administrator_out_from_elsewhere(demo, client):
    for _ in range(10):
        sign_in(client, "sysadmin", WRONG, address=ATTACKER)
    assert sign_in(client, "sysadmin", address=ATTACKER).status_code == 403  # locked there
    assert sign_in(client, "sysadmin", address=OFFICE).status_code == 302  # not here


def test_an_address_spraying_passwords_across_accounts_is_locked(demo, client, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    names = ["scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sthj_xu", "cg_sun", "qs_he"]
    for name in names:  # one guess each: no account reaches its own limit
        assert sign_in(client, name, WRONG, address=ATTACKER).status_code == 200
    sign_in(client, "sfj_chen", WRONG, address=ATTACKER)
    response = sign_in(client, "dc_sfj_liu", address=ATTACKER)  # even the right password
    assert response.status_code == 403
    assert "锁定" in response.content.decode()
    assert sign_in(client, "dc_sfj_liu", address=OFFICE).status_code == 302


def test_failed_sign_ins_are_recorded_once_per_account_and_address(demo, client, settings):
    for _ in range(4):
        sign_in(client, "scjg_zhang", WRONG, address=ATTACKER)
    sign_in(client, "scjg_zhang", WRONG, address=OFFICE)
    failed = entries("org.auth.login_failed")
    assert [payload(e)["after"]["ip"] for e in failed] == [ATTACKER, OFFICE]
    sign_in(client, "scjg_zhang", WRONG, address=ATTACKER)  # the fifth: locked
    for _ in range(20):  # hammering a locked account adds nothing
        sign_in(client, "scjg_zhang", WRONG, address=ATTACKER)
    assert len(entries("org.auth.login_failed")) == 2
    (locked,) = entries("org.auth.locked")
    assert payload(locked)["after"]["failures"] == settings.AXES_FAILURE_LIMIT
    assert payload(locked)["after"]["ip"] == ATTACKER


def test_a_password_change_ends_the_accounts_tokens(demo, api_client):
    token = api_sign_in(api_client, "scjg_zhang")
    accounts.change_password(
        demo["scjg_zhang"], old_password=password_of("scjg_zhang"), new_password="Xin#Mima2026"
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/agencies").status_code == 401
    assert payload(entries("org.user.change_password")[-1])["after"]["tokens_revoked"] == 1


def test_signing_out_of_the_page_ends_the_accounts_tokens(demo, client, api_client):
    token = api_sign_in(api_client, "scjg_zhang")
    sign_in(client, "scjg_zhang")
    client.post("/logout/")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/agencies").status_code == 401


def test_signing_out_of_the_api_revokes_the_token(demo, api_client):
    token = api_sign_in(api_client, "scjg_zhang")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.delete("/api/v1/auth/token").status_code == 204
    assert api_client.get("/api/v1/agencies").status_code == 401
    assert entries("org.auth.logout")[-1].actor == demo["scjg_zhang"]
    assert api_client.delete("/api/v1/auth/token").status_code == 401


def test_a_lockout_ends_the_accounts_tokens(demo, client, api_client):
    token = api_sign_in(api_client, "scjg_zhang")
    for _ in range(5):
        sign_in(client, "scjg_zhang", WRONG, address=ATTACKER)
    assert not Token.objects.filter(key=token).exists()
    assert payload(entries("org.auth.locked")[-1])["after"]["tokens_revoked"] == 1


def test_disabling_an_account_ends_its_tokens(demo, api_client):
    api_sign_in(api_client, "scjg_zhang")
    accounts.set_user_active(demo["sysadmin"], demo["scjg_zhang"], active=False)
    assert not Token.objects.filter(user=demo["scjg_zhang"]).exists()
