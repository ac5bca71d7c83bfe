"""三员分立 holds for passwords: no administrator takes over another's account alone. A reset of
an administrator's password waits for a second administrator's approval; every reset forces a
change at the next sign-in; requests and decisions are in the ledger the audit administrator
reads."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.authtoken.models import Token

from zhifa.core.models import LedgerEntry
from zhifa.org.models import PasswordResetRequest, ResetStatus, User
from zhifa.org.services import accounts, resets
from zhifa.org.tests.conftest import all_payload_text, entries, password_of

NEW = "Chongzhi#2026x"
MINE = "Ziji#Mima2026"


@pytest.fixture(autouse=True)
def _no_lockout_left_behind(db):
    yield
    AccessAttempt.objects.all().delete()


def sign_in(client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_the_system_administrator_cannot_set_another_administrators_password(demo, client):
    before = LedgerEntry.objects.count()
    for target in ("secadmin", "auditadmin"):
        with pytest.raises(PermissionDenied, match="须经另一名管理员批准"):
            accounts.reset_password(demo["sysadmin"], demo[target], new_password=NEW)
    assert LedgerEntry.objects.count() == before
    assert sign_in(client, "secadmin", NEW).status_code == 200  # not signed in
    assert sign_in(client, "secadmin", password_of("secadmin")).status_code == 302


def test_nor_through_the_page(demo, client):
    client.force_login(demo["sysadmin"])
    secadmin = demo["secadmin"]
    response = client.post(
        f"/users/{secadmin.pk}/", {"act": "reset", "reset-new_password": NEW}, follow=True
    )
    assert "已提交密码重置申请，待另一名管理员批准后生效" in response.content.decode()
    client.post("/logout/")
    assert sign_in(client, "secadmin", NEW).status_code == 200
    assert PasswordResetRequest.objects.get().status == ResetStatus.PENDING


def test_a_second_administrator_approves_and_the_holder_must_change_it(demo, client):
    request = resets.request_reset(demo["sysadmin"], demo["secadmin"], new_password=NEW)
    with pytest.raises(PermissionDenied, match="申请人不能批准自己的申请"):
        resets.approve_reset(demo["sysadmin"], request)
    with pytest.raises(PermissionDenied, match="不能批准重置自己账号密码的申请"):
        resets.approve_reset(demo["secadmin"], request)
    with pytest.raises(PermissionDenied):
        resets.approve_reset(demo["scjg_admin"], request)
    assert sign_in(client, "secadmin", NEW).status_code == 200  # nothing changed yet

    resets.approve_reset(demo["auditadmin"], request)
    with pytest.raises(ValidationError, match="该申请已批准"):
        resets.approve_reset(demo["auditadmin"], request)

    response = sign_in(client, "secadmin", NEW)
    assert response.status_code == 302
    page = client.get("/users/", follow=True)
    assert page.redirect_chain[-1][0].startswith("/password/")
    assert "您的密码已被重置，请先设置您自己的新密码" in page.content.decode()
    assert client.get("/api/v1/agencies").status_code == 403
    client.post(
        "/password/", {"old_password": NEW, "new_password": MINE, "new_password_again": MINE}
    )
    assert client.get("/users/").status_code == 200
    assert not User.objects.get(username="secadmin").must_change_password


def test_a_rejected_request_changes_nothing(demo, client):
    request = resets.request_reset(demo["secadmin"], demo["sysadmin"], new_password=NEW)
    with pytest.raises(ValidationError, match="已有待批准的密码重置申请"):
        resets.request_reset(demo["auditadmin"], demo["sysadmin"], new_password=NEW)
    resets.reject_reset(demo["auditadmin"], request)
    assert sign_in(client, "sysadmin", NEW).status_code == 200
    assert not User.objects.get(username="sysadmin").must_change_password


def test_requests_are_for_administrators_accounts_and_never_ones_own(demo):
    with pytest.raises(PermissionDenied):
        resets.request_reset(demo["sysadmin"], demo["sysadmin"], new_password=NEW)
    with pytest.raises(ValidationError, match="不是管理员账号"):
        resets.request_reset(demo["sysadmin"], demo["scjg_zhang"], new_password=NEW)
    with pytest.raises(PermissionDenied):
        resets.request_reset(demo["scjg_admin"], demo["sysadmin"], new_password=NEW)
    with pytest.raises(ValidationError):
        resets.request_reset(demo["secadmin"], demo["sysadmin"], new_password="short")
    assert not PasswordResetRequest.objects.exists()


def test_the_audit_administrator_sees_each_request_and_decision(demo, client):
    request = resets.request_reset(demo["sysadmin"], demo["auditadmin"], new_password=NEW)
    client.force_login(demo["secadmin"])
    response = client.post("/users/resets/", {"request": request.pk, "act": "approve"}, follow=True)
    assert "已批准，新密码已生效" in response.content.decode()
    (asked,) = entries("org.user.reset_password.request")
    (approved,) = entries("org.user.reset_password.approve")
    assert (asked.actor, approved.actor) == (demo["sysadmin"], demo["secadmin"])
    assert NEW not in all_payload_text()
    assert PasswordResetRequest.objects.get().password_hash not in all_payload_text()

    # the holder, once they have chosen their own password
    holder = accounts.change_password(
        User.objects.get(username="auditadmin"), old_password=NEW, new_password=MINE
    )
    client.force_login(holder)
    ledger = client.get("/api/v1/ledger/entries?action=org.user.reset_password").json()
    assert "results" in ledger, ledger
    assert [e["action"] for e in ledger["results"]] == [
        "org.user.reset_password.approve",
        "org.user.reset_password.request",
    ]
    page = client.get("/users/resets/").content.decode()
    assert "已批准" in page and "系统管理员" in page


def test_outsiders_cannot_see_the_requests(demo, client):
    client.force_login(demo["scjg_admin"])
    assert client.get("/users/resets/").status_code == 403


def test_a_users_reset_forces_a_change_and_ends_their_tokens(demo, client, api_client):
    zhang = demo["scjg_zhang"]
    token = Token.objects.create(user=zhang)
    accounts.reset_password(demo["sysadmin"], zhang, new_password=NEW)
    assert not Token.objects.filter(key=token.key).exists()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/agencies").status_code == 401
    api_client.credentials()
    refused = api_client.post(
        "/api/v1/auth/token", {"username": "scjg_zhang", "password": NEW}, format="json"
    )
    assert refused.status_code == 403
    assert "请先登录页面修改密码" in refused.json()["detail"]
    assert sign_in(client, "scjg_zhang", NEW).status_code == 302
    assert client.get("/").url.startswith("/password/")
