"""API tokens expire after API_TOKEN_HOURS; a new sign-in issues a fresh one."""

from __future__ import annotations

from datetime import timedelta

from rest_framework.authtoken.models import Token

from zhifa.org.demo import DEMO_PASSWORD


def sign_in(api_client, username: str) -> str:
    response = api_client.post(
        "/api/v1/auth/token", {"username": username, "password": DEMO_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    return response.json()["token"]


def test_an_expired_token_is_refused_and_a_new_sign_in_replaces_it(api_client, demo, settings):
    old = sign_in(api_client, "scjg_zhang")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert api_client.get("/api/v1/agencies").status_code == 200

    Token.objects.filter(key=old).update(
        created=Token.objects.get(key=old).created - timedelta(hours=settings.API_TOKEN_HOURS + 1)
    )
    response = api_client.get("/api/v1/agencies")
    assert response.status_code == 401
    assert response.json()["detail"] == "令牌已过期，请重新获取"

    api_client.credentials()
    new = sign_in(api_client, "scjg_zhang")
    assert new != old
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert api_client.get("/api/v1/agencies").status_code == 200


def test_a_disabled_accounts_token_stops_working(api_client, demo):
    from zhifa.org.services.accounts import set_user_active

    token = sign_in(api_client, "scjg_zhang")
    set_user_active(demo["sysadmin"], demo["scjg_zhang"], active=False)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/agencies").status_code == 401
