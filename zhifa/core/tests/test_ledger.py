"""The ledger: chained SM3 entries, append-only, tampering found and located, linear under load."""

from __future__ import annotations

import json
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from zhifa.core import ledger
from zhifa.core.crypto import sm3_hex
from zhifa.core.models import LedgerEntry, LedgerPayload
from zhifa.core.models.ledger import GENESIS_HASH, AppendOnlyError
from zhifa.testing.ledger import last_seq


def add(n: int, action: str = "test.change") -> list[LedgerEntry]:
    entries = []
    for i in range(n):
        with transaction.atomic():
            entries.append(
                ledger.append(
                    actor=None,
                    action=action,
                    object_type="test.thing",
                    object_id=i,
                    before={"n": i},
                    after={"n": i + 1, "名称": "测试"},
                )
            )
    return entries


def head_hash() -> str:
    """The hash the next entry will chain to (the demo city's ledger may precede a test's)."""
    entry = LedgerEntry.objects.order_by("-seq").first()
    return entry.entry_hash if entry else GENESIS_HASH


def raw_update(sql: str, params: list) -> None:
    """Change stored bytes behind the application's back, as an intruder with DB access would
    (switching the append-only trigger off first: on PostgreSQL for this transaction only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER core_ledgerentry_no_update")
        cursor.execute(sql, params)


def test_it_chains_entries_with_sm3(db):
    base, head = last_seq(), head_hash()
    first, second = add(2)
    assert first.seq == base + 1 and first.prev_hash == head
    assert second.prev_hash == first.entry_hash
    assert len(second.entry_hash) == 64
    assert first.payload_hash == sm3_hex(first.payload.body)
    assert json.loads(first.payload.body)["after"]["名称"] == "测试"
    assert ledger.verify().as_dict() == {
        "ok": True,
        "entries": base + 2,
        "head": second.entry_hash,
        "first_bad_seq": None,
        "problem": "",
    }


def test_it_refuses_to_append_outside_the_changes_transaction(db):
    with pytest.raises(RuntimeError):
        # pytest-django's db fixture wraps the test in a transaction: leave it for this call.
        connection.in_atomic_block, saved = False, connection.in_atomic_block
        try:
            ledger.append(actor=None, action="x", object_type="t", object_id=1)
        finally:
            connection.in_atomic_block = saved


def test_it_refuses_edits_and_deletes_through_the_application(db):
    (entry,) = add(1)
    entry.action = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()


def test_the_database_itself_refuses_an_update(db):
    (entry,) = add(1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_ledgerentry SET action = 'forged'")
    assert LedgerEntry.objects.get(seq=entry.seq).action == "test.change"
    assert not LedgerEntry.objects.filter(action="forged").exists()


@pytest.mark.parametrize(
    ("column", "value"),
    [("action", "test.chang3"), ("actor_name", "某人"), ("object_id", "99")],
)
def test_it_finds_and_locates_a_changed_entry(db, column, value):
    third = add(5)[2].seq
    raw_update(f"UPDATE core_ledgerentry SET {column} = %s WHERE seq = %s", [value, third])
    result = ledger.verify()
    assert not result.ok
    assert result.first_bad_seq == third
    assert result.problem == "记录内容已被改动"


def test_it_finds_a_changed_byte_in_a_payload(db):
    second = add(4)[1].seq
    body = LedgerPayload.objects.get(entry__seq=second).body
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_ledgerpayload SET body = %s WHERE entry_id = "
            "(SELECT id FROM core_ledgerentry WHERE seq = %s)",
            [body.replace('"n":2', '"n":7'), second],
        )
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, second, "变更内容已被改动")


def test_it_finds_a_rewritten_entry_even_with_its_hash_recomputed(db):
    """Recomputing one entry's hash breaks the link from the next entry."""
    entry = add(4)[1]
    forged = ledger.entry_digest(
        seq=entry.seq,
        created_at=entry.created_at,
        actor_id=None,
        actor_name="伪造",
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        payload_hash=entry.payload_hash,
        prev_hash=entry.prev_hash,
    )
    raw_update(
        "UPDATE core_ledgerentry SET actor_name = %s, entry_hash = %s WHERE seq = %s",
        ["伪造", forged, entry.seq],
    )
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, entry.seq + 1)


def delete_entry(seq: int) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "DELETE FROM core_ledgerpayload WHERE entry_id = "
            "(SELECT id FROM core_ledgerentry WHERE seq = %s)",
            [seq],
        )
        cursor.execute("DELETE FROM core_ledgerentry WHERE seq = %s", [seq])


def test_it_finds_a_deleted_entry(db):
    fourth = add(5)[3].seq
    delete_entry(fourth)
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, fourth)
    assert f"缺少第{fourth}条" in result.problem


def test_it_finds_a_truncated_tail(db):
    last = add(3)[-1].seq
    delete_entry(last)
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, last, "链尾记录缺失")


def test_redaction_removes_personal_data_and_the_chain_still_verifies(db):
    base = last_seq()
    with transaction.atomic():
        person = ledger.append(
            actor=None,
            action="test.person",
            object_type="test.person",
            object_id=1,
            after={"name": "张三", "id_number": "11010519491231002X"},
        )
    add(2)
    ledger.redact_payload(
        actor=None, seq=person.seq, keys=["id_number"], reason="当事人申请删除个人信息"
    )
    body = json.loads(LedgerPayload.objects.get(entry__seq=person.seq).body)
    assert body["after"] == {"name": "张三", "id_number": ledger.REDACTED}
    result = ledger.verify()
    assert result.ok and result.entries == base + 4
    assert LedgerEntry.objects.get(seq=base + 4).action == ledger.REDACT_ACTION


def test_a_payload_pointing_at_a_bogus_redaction_is_still_caught(db):
    first, second, _ = add(3)
    with connection.cursor() as cursor:
        # Point the first payload at the second entry (not a redaction of it), change its body.
        cursor.execute(
            "UPDATE core_ledgerpayload SET body = '{}', redacted_by_id = %s WHERE entry_id = %s",
            [second.pk, first.pk],
        )
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, first.seq)


def test_verify_ledger_command_reports_and_fails_on_tampering(db, capsys):
    second = add(3)[1].seq
    call_command("verify_ledger")
    assert f"台账完整：共{second + 1}条" in capsys.readouterr().out
    raw_update("UPDATE core_ledgerentry SET action = 'x' WHERE seq = %s", [second])
    with pytest.raises(CommandError, match=f"第{second}条"):
        call_command("verify_ledger")


def test_snapshot_never_holds_passwords_or_clear_personal_data(demo):
    user = demo["scjg_zhang"]
    data = ledger.snapshot(user)
    assert "password" not in data
    assert data["mobile"].startswith("hmac-sm3:")
    assert "13800010001" not in json.dumps(data)


def _append_many(n: int, errors: list, barrier: threading.Barrier) -> None:
    try:
        barrier.wait()
        for i in range(n):
            with transaction.atomic():
                ledger.append(actor=None, action="test.concurrent", object_type="t", object_id=i)
    except Exception as exc:  # pragma: no cover - reported by the assertion below
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    """Four threads, each with its own database connection, append at once."""
    threads, per_thread, errors = 4, 25, []
    base = last_seq()
    barrier = threading.Barrier(threads)
    workers = [
        threading.Thread(target=_append_many, args=(per_thread, errors, barrier))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    result = ledger.verify()
    assert result.ok, result.problem
    assert result.entries == base + threads * per_thread
    seqs = list(LedgerEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, base + threads * per_thread + 1))


def test_only_the_audit_administrator_verifies_and_reads_the_ledger(api_client, demo):
    response = api_client.get("/api/v1/ledger/verify")
    assert response.status_code == 401
    for username in ("sysadmin", "secadmin", "sfj_chen", "scjg_wang"):
        api_client.force_authenticate(demo[username])
        assert api_client.get("/api/v1/ledger/verify").status_code == 403
        assert api_client.get("/api/v1/ledger/entries").status_code == 403
    api_client.force_authenticate(demo["auditadmin"])
    body = api_client.get("/api/v1/ledger/verify").json()
    assert body["ok"] is True
    assert body["entries"] == LedgerEntry.objects.count() > 50
    entries = api_client.get("/api/v1/ledger/entries", {"action": "org.role"}).json()
    assert entries["count"] > 0
    assert all(e["action"].startswith("org.role") for e in entries["results"])


def test_the_api_has_no_way_to_change_an_entry(api_client, demo):
    api_client.force_authenticate(demo["auditadmin"])
    url = "/api/v1/ledger/entries/1"
    assert api_client.get(url).status_code == 200
    assert api_client.put(url, {"action": "x"}).status_code == 405
    assert api_client.delete(url).status_code == 405
    assert api_client.post("/api/v1/ledger/entries", {"action": "x"}).status_code == 405


def test_the_api_reports_where_the_chain_breaks(api_client, demo):
    raw_update("UPDATE core_ledgerentry SET actor_name = '冒名' WHERE seq = 7", [])
    api_client.force_authenticate(demo["auditadmin"])
    body = api_client.get("/api/v1/ledger/verify").json()
    assert (body["ok"], body["first_bad_seq"]) == (False, 7)


def test_the_audit_page_shows_the_verification(client, demo):
    client.force_login(demo["auditadmin"])
    page = client.get("/ledger/", {"verify": "1"}).content.decode()
    assert "哈希链完整" in page


def test_bulk_appends_chain_exactly_like_single_ones(db):
    from zhifa.core.models import CalendarOverride

    base = add(2)[-1].seq
    with transaction.atomic():  # the rows and their entries in one transaction, as a service does
        rows = [
            CalendarOverride.objects.create(day=f"2030-01-0{i}", is_working_day=False)
            for i in (1, 2, 3)
        ]
        created = ledger.append_many(
            actor=None,
            action="test.bulk",
            changes=[ledger.Change(obj=r, after=ledger.snapshot(r)) for r in rows],
        )
    add(1)
    assert [e.seq for e in created] == [base + 1, base + 2, base + 3]
    assert created[0].prev_hash == LedgerEntry.objects.get(seq=base).entry_hash
    assert LedgerEntry.objects.get(seq=base + 4).prev_hash == created[-1].entry_hash
    result = ledger.verify()
    assert result.ok and result.entries == base + 4
