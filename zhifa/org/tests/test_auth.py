"""Signing in and out on the pages: the audit trail, lockout after repeated failures, and the
session's idle timeout (等保 level 3: 登录失败处理, 安全审计)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.utils import timezone

from zhifa.core.models import LedgerEntry
from zhifa.org.tests.conftest import all_payload_text, entries, password_of, payload

WRONG = "Wrong#Pass2026"


@pytest.fixture(autouse=True)
def _no_lockout_left_behind(db):
    """Lockouts live in the database (django-axes); start and end every test with none."""
    assert not AccessAttempt.objects.exists()
    yield
    AccessAttempt.objects.all().delete()


def sign_in(client, username: str, password: str | None = None):
    return client.post(
        "/login/", {"username": username, "password": password or password_of(username)}
    )


def signed_in_user(client):
    return client.get("/").wsgi_request.user


def test_it_signs_in_from_the_page_and_records_it(demo, client):
    response = sign_in(client, "scjg_zhang")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user(client) == demo["scjg_zhang"]
    entry = entries("org.auth.login")[-1]
    assert (entry.actor, entry.object_id) == (demo["scjg_zhang"], str(demo["scjg_zhang"].pk))
    assert payload(entry)["after"]["via"] == "page"


def test_it_records_a_failed_sign_in_without_the_password(demo, client):
    response = sign_in(client, "scjg_zhang", WRONG)
    assert response.status_code == 200
    assert "登录名或密码不正确。连续失败5次后账号将被锁定。" in response.content.decode()
    assert not signed_in_user(client).is_authenticated
    entry = entries("org.auth.login_failed")[-1]
    assert entry.object_id == "scjg_zhang"
    assert "scjg_zhang" in entry.actor_name
    assert entry.actor is None
    assert WRONG not in all_payload_text()
    for field in ("actor_name", "object_id", "object_type"):
        assert not LedgerEntry.objects.filter(**{f"{field}__contains": WRONG}).exists()


def test_it_records_failures_for_unknown_usernames_too(demo, client):
    sign_in(client, "nobody_here", WRONG)
    assert entries("org.auth.login_failed")[-1].object_id == "n***（11位，无此账号）"
    assert WRONG not in all_payload_text()


def test_a_password_typed_into_the_name_box_is_not_recorded(demo, client):
    """People do type their password as the login name; the ledger must not keep it."""
    sign_in(client, "Shifan@2026", WRONG)
    entry = entries("org.auth.login_failed")[-1]
    assert "Shifan@2026" not in entry.object_id + entry.actor_name
    assert "Shifan@2026" not in all_payload_text()


def test_it_locks_an_account_after_the_configured_number_of_failures(demo, client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "scjg_zhang", WRONG)
    # aggregated: one entry for the account and address, the count in the lockout entry
    assert len(entries("org.auth.login_failed")) == 1

    response = sign_in(client, "scjg_zhang")  # the right password, too late
    assert response.status_code == 403
    assert "账号已暂时锁定" in response.content.decode()
    assert "30分钟" in response.content.decode()
    assert not signed_in_user(client).is_authenticated
    assert not entries("org.auth.login")
    locked = entries("org.auth.locked")
    assert locked
    assert locked[-1].object_id == "scjg_zhang"
    assert WRONG not in all_payload_text()


def test_it_locks_only_the_attacked_account(demo, client):
    for _ in range(5):
        sign_in(client, "scjg_zhang", WRONG)
    assert sign_in(client, "scjg_li").status_code == 302


def test_it_follows_a_changed_failure_limit(demo, client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "scjg_zhang", WRONG)
    assert sign_in(client, "scjg_zhang").status_code == 302  # one failure is not enough
    client.post("/logout/")
    sign_in(client, "scjg_zhang", WRONG)
    sign_in(client, "scjg_zhang", WRONG)
    assert sign_in(client, "scjg_zhang").status_code == 403


def test_it_forgets_failures_after_a_successful_sign_in(demo, client):
    for _ in range(4):
        sign_in(client, "scjg_zhang", WRONG)
    assert sign_in(client, "scjg_zhang").status_code == 302
    client.post("/logout/")
    for _ in range(4):
        sign_in(client, "scjg_zhang", WRONG)
    assert sign_in(client, "scjg_zhang").status_code == 302


def test_it_times_out_an_idle_session_after_30_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_it_sends_an_expired_session_back_to_the_login_page(demo, client):
    sign_in(client, "scjg_zhang")
    assert client.get("/agencies/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/agencies/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/agencies/"
    # At the root an expired session is an anonymous visitor: the public portal, not the 工作台.
    assert "示范市行政执法信息公示" in client.get("/").content.decode()


def test_it_extends_the_session_on_every_request(demo, client):
    sign_in(client, "scjg_zhang")
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))  # 29 min idle
    assert client.get("/").status_code == 200
    (session,) = Session.objects.all()
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)


def test_it_signs_out_only_on_post_and_records_it(demo, client):
    sign_in(client, "scjg_zhang")
    response = client.get("/logout/")
    assert response.status_code == 302
    assert signed_in_user(client).is_authenticated
    assert not entries("org.auth.logout")

    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert not signed_in_user(client).is_authenticated
    entry = entries("org.auth.logout")[-1]
    assert (entry.actor, entry.object_id) == (demo["scjg_zhang"], str(demo["scjg_zhang"].pk))


def test_it_sends_anonymous_visitors_to_the_login_page(db, client):
    for path in ("/agencies/", "/users/", "/ledger/", "/password/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/login/?next="), path
