"""The request id: in the response, in every log line, on every ledger entry the request wrote."""

from __future__ import annotations

import io
import logging
import uuid
from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from rest_framework.authtoken.models import Token

from zhifa.core import ledger
from zhifa.core.models import LedgerEntry
from zhifa.core.requestid import RequestIdFilter
from zhifa.org.demo import DEMO_PASSWORD


def _is_uuid4(value: str) -> bool:
    try:
        return uuid.UUID(value).version == 4
    except ValueError:
        return False


def test_each_response_carries_its_own_request_id(db, client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert _is_uuid4(first) and _is_uuid4(second)
    assert first != second


def test_a_proxys_request_id_is_kept(db, client):
    response = client.get("/healthz", headers={"X-Request-ID": "nginx-7f3a9c01e2"})
    assert response["X-Request-ID"] == "nginx-7f3a9c01e2"


@pytest.mark.parametrize(
    "hostile",
    ["x" * 65, "two words", "id\r\nSet-Cookie: a=b", "<script>", "-starts-with-dash", "编号"],
)
def test_a_request_id_that_is_not_a_plain_token_is_replaced(db, client, hostile):
    response = client.get("/healthz", headers={"X-Request-ID": hostile})
    assert _is_uuid4(response["X-Request-ID"])


def test_an_installation_that_trusts_no_proxy_makes_its_own(db, client, settings):
    settings.TRUST_REQUEST_ID = False
    response = client.get("/healthz", headers={"X-Request-ID": "nginx-7f3a9c01e2"})
    assert _is_uuid4(response["X-Request-ID"])


def test_log_lines_name_the_request(db, client):
    """The format and filter from settings.LOGGING: Django's own "Not Found" line carries it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"]))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        response = client.get("/no-such-page/", headers={"X-Request-ID": "probe-404"})
        logging.getLogger("zhifa.test").warning("after the request")
    finally:
        root.removeHandler(handler)
    assert response.status_code == 404
    lines = stream.getvalue().splitlines()
    assert any("[probe-404]" in line and "Not Found: /no-such-page/" in line for line in lines)
    assert any(line.endswith("after the request") and "[-]" in line for line in lines)


# --- the ledger ---


def _token_request(client, username: str, request_id: str):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": DEMO_PASSWORD},
        content_type="application/json",
        headers={"X-Request-ID": request_id},
    )


def test_ledger_entries_carry_the_request_that_made_them(client, demo):
    response = _token_request(client, "scjg_zhang", "req-login-1")
    assert response.status_code == 200
    entry = LedgerEntry.objects.get(action="org.auth.login")
    assert entry.request_id == "req-login-1"
    assert ledger.verify().ok


def test_changes_made_outside_a_request_have_none_and_keep_the_old_hash(db):
    """Entries written before request ids existed verify exactly as before."""
    with transaction.atomic():
        entry = ledger.append(actor=None, action="test.change", object_type="t", object_id=1)
    assert entry.request_id == ""
    old_formula = ledger.sm3_hex(
        ledger.canonical_json(
            [
                entry.seq,
                entry.created_at.astimezone(ledger.UTC).isoformat(timespec="microseconds"),
                None,
                entry.actor_name,
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.payload_hash,
                entry.prev_hash,
            ]
        )
    )
    assert entry.entry_hash == old_formula
    assert ledger.verify().ok


def test_the_request_id_is_inside_the_hash(client, demo):
    """Regrouping a change under another request is tampering, and verification finds it."""
    _token_request(client, "scjg_zhang", "req-a")
    _token_request(client, "scjg_li", "req-b")
    seq = LedgerEntry.objects.get(request_id="req-a").seq
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER core_ledgerentry_no_update")
        cursor.execute("UPDATE core_ledgerentry SET request_id = 'req-b' WHERE seq = %s", [seq])
    result = ledger.verify()
    assert not result.ok
    assert result.first_bad_seq == seq
    assert result.problem == "记录内容已被改动"


def test_the_audit_administrator_filters_the_ledger_by_request(client, demo, api_client):
    _token_request(client, "scjg_zhang", "req-one")
    _token_request(client, "scjg_li", "req-two")
    api_client.force_authenticate(user=demo["auditadmin"])
    rows = api_client.get("/api/v1/ledger/entries", {"request_id": "req-one"}).json()["results"]
    assert [(r["request_id"], r["actor_name"]) for r in rows] == [
        ("req-one", demo["scjg_zhang"].full_name)
    ]
    client.force_login(demo["auditadmin"])
    page = client.get("/ledger/", {"request_id": "req-two"}).content.decode()
    assert demo["scjg_li"].full_name in page
    assert demo["scjg_zhang"].full_name not in page


def test_no_token_is_issued_when_its_ledger_entry_cannot_be_written(client, demo):
    """The token and the ledger entry of the sign-in stand or fall together."""
    with mock.patch.object(ledger, "append", side_effect=DatabaseError("disk gone")):
        response = _token_request(client, "scjg_zhang", "req-fail")
    assert response.status_code >= 500
    assert not Token.objects.filter(user=demo["scjg_zhang"]).exists()
    assert _token_request(client, "scjg_zhang", "req-ok").status_code == 200
    assert Token.objects.filter(user=demo["scjg_zhang"]).exists()
