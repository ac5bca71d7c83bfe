"""/healthz: ok when the database answers and the ledger head can be read; 503 in Chinese if not."""

from __future__ import annotations

from unittest import mock

from django.db import OperationalError, connection, connections


def test_it_says_ok_without_signing_in_and_tells_nothing_more(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "ledger": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Server" not in response


def test_a_ledger_it_cannot_read_is_a_503(db, client):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_ledgerhead RENAME TO core_ledgerhead_gone")
    try:
        response = client.get("/healthz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_ledgerhead_gone RENAME TO core_ledgerhead")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "detail": "全过程记录台账无法读取"}
    assert "core_ledgerhead" not in response.content.decode()
    assert client.get("/healthz").status_code == 200


def test_a_database_it_cannot_reach_is_a_503(db, client):
    down = OperationalError('connection to server at "10.0.0.5", port 5432 failed')
    with mock.patch.object(connections["default"], "cursor", side_effect=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "detail": "数据库无法连接"}
    assert "10.0.0.5" not in response.content.decode()


def test_it_only_answers_reads(db, client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
