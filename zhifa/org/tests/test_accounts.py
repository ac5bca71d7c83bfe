"""Accounts: opening them, passwords, the encrypted mobile, disabling and re-enabling."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from zhifa.core.models import LedgerEntry
from zhifa.org.models import User
from zhifa.org.services import accounts
from zhifa.org.tests.conftest import all_payload_text, entries, login_api, payload

GOOD_PASSWORD = "Xinren@2026!"


def create(demo, **overrides) -> User:
    data = {
        "username": "newcomer",
        "full_name": "新人",
        "password": GOOD_PASSWORD,
        "mobile": "13912345678",
    }
    data.update(overrides)
    return accounts.create_user(demo["sysadmin"], **data)


def refused(demo, **overrides) -> dict[str, list[str]]:
    """Create a user expected to be refused; check nothing at all was written."""
    users, ledger = User.objects.count(), LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        create(demo, **overrides)
    assert User.objects.count() == users
    assert LedgerEntry.objects.count() == ledger
    return exc.value.message_dict


def test_it_opens_an_account_that_can_sign_in(demo, client):
    user = create(demo)
    assert user.check_password(GOOD_PASSWORD)
    assert user.password_changed_at is not None
    entry = entries("org.user.create")[-1]
    assert (entry.actor, entry.object_id) == (demo["sysadmin"], str(user.pk))
    assert payload(entry)["after"]["username"] == "newcomer"
    response = client.post("/login/", {"username": "newcomer", "password": GOOD_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


@pytest.mark.parametrize("username", ["scjg_zhang", "SCJG_ZHANG", "Scjg_Zhang"])
def test_it_refuses_a_username_already_taken_whatever_the_case(demo, username):
    errors = refused(demo, username=username)
    assert errors == {"username": [f"登录名“{username}”已被使用"]}


@pytest.mark.parametrize("username", ["", "张三", "bad name", "a/b"])
def test_it_refuses_a_malformed_username(demo, username):
    assert "username" in refused(demo, username=username)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1@xyz", "密码太短，至少需要10个字符"),
        ("abcdefghijkl", "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类"),
        ("abcdefgh1234", "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类"),
        ("Newcomer2026", "密码跟 用户名 太相似了。"),
    ],
)
def test_it_refuses_a_weak_password_in_chinese(demo, password, message):
    errors = refused(demo, password=password)
    assert message in errors["password"]
    assert all(not m.isascii() for m in errors["password"])


@pytest.mark.parametrize("password", ["Abcdef1234", "abcdef12#$", "ABCDEF12#$", "Abcdefgh#$"])
def test_it_accepts_ten_characters_of_three_classes(demo, password):
    assert create(demo, password=password).check_password(password)


@pytest.mark.parametrize("mobile", ["12345", "23800010001", "1380001000a", "138000100011"])
def test_it_refuses_a_bad_mobile(demo, mobile):
    assert refused(demo, mobile=mobile) == {"mobile": ["手机号码格式不正确"]}


def test_it_reports_every_problem_at_once(demo):
    errors = refused(demo, username="scjg_zhang", full_name=" ", mobile="1", password="weak")
    assert set(errors) == {"username", "full_name", "mobile", "password"}


def test_it_lets_only_the_system_administrator_open_accounts(demo):
    for username in ("secadmin", "auditadmin", "scjg_admin"):
        with pytest.raises(PermissionDenied):
            accounts.create_user(
                demo[username], username="x_new", full_name="某", password=GOOD_PASSWORD
            )
    assert not User.objects.filter(username="x_new").exists()


def test_it_stores_the_mobile_encrypted(demo):
    user = create(demo, mobile="+86 139-1234-5678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT mobile FROM org_user WHERE id = %s", [user.pk])
        (raw,) = cursor.fetchone()
    assert raw.startswith("sm4gcm$")
    assert "13912345678" not in raw
    assert User.objects.get(pk=user.pk).mobile == "13912345678"


def test_it_stores_every_demo_mobile_encrypted(demo):
    with connection.cursor() as cursor:
        cursor.execute("SELECT username, mobile FROM org_user WHERE mobile <> ''")
        rows = cursor.fetchall()
    assert len(rows) == 11
    assert all(raw.startswith("sm4gcm$") and "1380001" not in raw for _, raw in rows)


def test_it_shows_the_mobile_masked_in_the_api(demo, api_client):
    login_api(api_client, demo["scjg_zhang"])
    body = api_client.get(f"/api/v1/users/{demo['scjg_zhang'].pk}").json()
    assert body["mobile"] == "138****0001"
    login_api(api_client, demo["sysadmin"])
    listing = api_client.get("/api/v1/users?limit=100").content.decode()
    assert "13800010001" not in listing
    assert "138****0001" in listing


def test_it_never_records_a_password_hash_or_a_clear_mobile_in_the_ledger(demo):
    user = create(demo)
    accounts.change_password(user, old_password=GOOD_PASSWORD, new_password="Another#2026x")
    accounts.reset_password(demo["sysadmin"], user, new_password="ThirdOne#2026")
    user.refresh_from_db()
    text = all_payload_text()
    assert entries("org.user.create")
    for someone in User.objects.all():
        assert someone.password not in text
        if someone.mobile:
            assert someone.mobile not in text
    assert "password" not in payload(entries("org.user.create")[-1])["after"]
    assert payload(entries("org.user.create")[-1])["after"]["mobile"].startswith("hmac-sm3:")


def test_it_changes_a_password_only_with_the_right_old_one(demo):
    user = create(demo)
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(user, old_password="Wrong@2026x", new_password="Another#2026x")
    assert exc.value.message_dict == {"old_password": ["原密码不正确"]}
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)

    accounts.change_password(user, old_password=GOOD_PASSWORD, new_password="Another#2026x")
    user.refresh_from_db()
    assert user.check_password("Another#2026x")
    assert not user.check_password(GOOD_PASSWORD)
    assert entries("org.user.change_password")[-1].actor == user


def test_it_refuses_a_weak_or_unchanged_new_password(demo):
    user = create(demo)
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(user, old_password=GOOD_PASSWORD, new_password=GOOD_PASSWORD)
    assert exc.value.message_dict == {"new_password": ["新密码不能与原密码相同"]}
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(user, old_password=GOOD_PASSWORD, new_password="short")
    assert "密码太短，至少需要10个字符" in exc.value.message_dict["new_password"][0]
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert not entries("org.user.change_password")


def test_it_changes_the_password_from_the_page_and_keeps_the_user_signed_in(demo, client):
    user = create(demo)
    client.force_login(user)
    response = client.post(
        "/password/",
        {
            "old_password": GOOD_PASSWORD,
            "new_password": "Another#2026x",
            "new_password_again": "Another#2026x",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    user.refresh_from_db()
    assert user.check_password("Another#2026x")


def test_it_disables_and_re_enables_an_account(demo, client):
    officer = demo["scjg_zhang"]
    accounts.set_user_active(demo["sysadmin"], officer, active=False)
    assert entries("org.user.disable")[-1].object_id == str(officer.pk)
    response = client.post("/login/", {"username": "scjg_zhang", "password": "Shifan@2026"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated

    accounts.set_user_active(demo["sysadmin"], officer, active=True)
    assert entries("org.user.enable")[-1].object_id == str(officer.pk)
    response = client.post("/login/", {"username": "scjg_zhang", "password": "Shifan@2026"})
    assert response.status_code == 302


def test_it_does_not_let_the_system_administrator_disable_themselves(demo):
    with pytest.raises(ValidationError) as exc:
        accounts.set_user_active(demo["sysadmin"], demo["sysadmin"], active=False)
    assert exc.value.message_dict == {"is_active": ["不能停用自己的账号"]}
    demo["sysadmin"].refresh_from_db()
    assert demo["sysadmin"].is_active


def test_it_lets_only_the_system_administrator_disable_accounts(demo):
    with pytest.raises(PermissionDenied):
        accounts.set_user_active(demo["secadmin"], demo["scjg_zhang"], active=False)
    demo["scjg_zhang"].refresh_from_db()
    assert demo["scjg_zhang"].is_active
