"""A read-only or full database: a clear Chinese 503, nothing half-saved, and recovery by itself."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import psycopg.errors
import pytest
from django.db import InternalError, OperationalError, ProgrammingError, connection, transaction
from django.test import Client
from rest_framework.authtoken.models import Token

from zhifa.core import outage, parameters
from zhifa.core.models import LedgerEntry
from zhifa.org.demo import DEMO_PASSWORD

HOURS = "registry.training_hours_per_year"


@contextmanager
def read_only_database() -> Iterator[None]:
    """The database refuses every write, as a disk remounted read-only or a standby would."""
    if connection.vendor == "sqlite":
        # Writes now fail as on a read-only file: "attempt to write a readonly database".
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = ON")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA query_only = OFF")
    else:
        savepoint = transaction.savepoint()
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION READ ONLY")  # writes fail with SQLSTATE 25006
        try:
            yield
        finally:
            transaction.savepoint_rollback(savepoint)


def _wrapped(django_error: type[Exception], cause: Exception) -> Exception:
    """A database error as Django raises it: its own class, the driver's error as the cause."""
    error = django_error(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OperationalError("attempt to write a readonly database"), outage.READ_ONLY),
        (OperationalError("database or disk is full"), outage.FULL),
        (OperationalError("database is locked"), outage.BUSY),
        (OperationalError("unable to open database file"), outage.UNREACHABLE),
        (
            _wrapped(
                InternalError,
                psycopg.errors.ReadOnlySqlTransaction(
                    "cannot execute INSERT in a read-only transaction"
                ),
            ),
            outage.READ_ONLY,
        ),
        (
            _wrapped(OperationalError, psycopg.errors.DiskFull("could not extend file")),
            outage.FULL,
        ),
        (
            _wrapped(OperationalError, psycopg.errors.AdminShutdown("terminating connection")),
            outage.UNREACHABLE,
        ),
        (OperationalError("no such table: core_ledgerhead"), None),  # a bug, not an outage
        (ProgrammingError("syntax error"), None),
        (ValueError("attempt to write a readonly database"), None),
    ],
)
def test_it_tells_an_outage_from_a_bug(error, expected):
    assert outage.unavailable_message(error) == expected


def test_a_change_on_a_read_only_database_is_refused_in_chinese_and_then_goes_through(demo):
    client = Client(raise_request_exception=False)
    client.force_login(demo["sysadmin"])
    with read_only_database():
        response = client.post("/parameters/", {"key": HOURS, "value": "72"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "数据库当前为只读状态" in page and "已保存的数据不受影响" in page
    assert "Traceback" not in page and "readonly" not in page
    assert parameters.get(HOURS) == 60
    assert not LedgerEntry.objects.filter(action="core.parameter.set").exists()

    # The cause is gone: the very same request goes through, nothing to reset.
    response = client.post("/parameters/", {"key": HOURS, "value": "72"})
    assert response.status_code == 302
    assert parameters.get(HOURS) == 72


def test_a_signed_in_page_on_a_read_only_database_says_so_instead_of_a_500(demo):
    """Even reading a page saves the session (idle timeout); that failure is a 503 too."""
    client = Client(raise_request_exception=False)
    client.force_login(demo["scjg_zhang"])
    with read_only_database():
        response = client.get("/")
    assert response.status_code == 503
    assert "数据库当前为只读状态" in response.content.decode()
    assert client.get("/").status_code == 200


def test_the_api_on_a_read_only_database_answers_503_in_its_error_shape(demo, api_client):
    body = {"username": "scjg_zhang", "password": DEMO_PASSWORD}
    with read_only_database():
        response = api_client.post("/api/v1/auth/token", body, format="json")
    assert response.status_code == 503
    assert response.json() == {
        "detail": outage.READ_ONLY,
        "code": "database_unavailable",
        "errors": {},
    }
    assert not Token.objects.exists()
    assert api_client.post("/api/v1/auth/token", body, format="json").status_code == 200


def test_a_full_disk_is_named_on_the_page_and_in_the_api(demo, api_client):
    client = Client(raise_request_exception=False)
    client.force_login(demo["sysadmin"])
    full = OperationalError("database or disk is full")
    with mock.patch.object(parameters, "set_value", side_effect=full):
        response = client.post("/parameters/", {"key": HOURS, "value": "72"})
    assert response.status_code == 503
    assert "数据库存储空间已满" in response.content.decode()

    pg_full = _wrapped(OperationalError, psycopg.errors.DiskFull("could not extend file"))
    with mock.patch("zhifa.org.api.issue_token", side_effect=pg_full):
        response = api_client.post(
            "/api/v1/auth/token",
            {"username": "scjg_zhang", "password": DEMO_PASSWORD},
            format="json",
        )
    assert response.status_code == 503
    assert response.json()["detail"] == outage.FULL


def test_a_database_bug_is_still_a_500(demo, api_client):
    api_client.force_authenticate(user=demo["sysadmin"])
    bug = OperationalError("no such column: core_parameter.oops")
    with mock.patch("zhifa.org.api.issue_token", side_effect=bug):
        response = api_client.post(
            "/api/v1/auth/token",
            {"username": "scjg_zhang", "password": DEMO_PASSWORD},
            format="json",
        )
    assert response.status_code == 500
    assert "oops" not in response.content.decode()
