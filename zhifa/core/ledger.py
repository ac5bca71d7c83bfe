"""Appending to and verifying the ledger (architecture invariant 2; 118号 全过程记录).

Every state change in zhifa is a service function that calls :func:`append` inside the same
database transaction as the change. Appends are serialised by locking the single ``LedgerHead``
row (PostgreSQL) and by SQLite's ``BEGIN IMMEDIATE`` write lock, so two writers never fork the
chain; ``prev_hash`` is also unique in the database as a last line of defence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from zhifa.core import bulk, requestid
from zhifa.core.crypto import blind_index, canonical_json, sm3_hex
from zhifa.core.models.ledger import GENESIS_HASH, LedgerEntry, LedgerHead, LedgerPayload

SYSTEM_ACTOR_NAME = "系统"
REDACT_ACTION = "core.ledger.redact"
REDACTED = "[已脱敏]"
NEVER_RECORDED = frozenset({"password"})


def object_label(obj: models.Model) -> str:
    """``app_label.model`` of an instance, the ledger's object type."""
    return obj._meta.label_lower


def snapshot(
    instance: models.Model | None, *, exclude: Iterable[str] = ()
) -> dict[str, Any] | None:
    """The recordable state of an instance: concrete fields by column name.

    Secrets are never recorded (passwords); encrypted personal data is recorded only by its
    keyed SM3 index, so the ledger shows that a value changed without holding it in clear.
    """
    if instance is None:
        return None
    skip = NEVER_RECORDED | set(exclude)
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in skip:
            continue
        value = field.value_from_object(instance)
        if getattr(field, "encrypted", False):
            value = f"hmac-sm3:{blind_index(value)}" if value else ""
        data[field.attname] = value
    return json.loads(canonical_json(data))


def entry_digest(
    *,
    seq: int,
    created_at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    object_type: str,
    object_id: str,
    payload_hash: str,
    prev_hash: str,
    request_id: str = "",
) -> str:
    """SM3 over an entry's fields in a fixed order, as canonical JSON (no separator ambiguity).

    The request id is inside the hash, so nobody can regroup recorded changes under another
    request unnoticed; it is appended only when present, so entries written before it existed
    (and changes made outside a request: commands, the shell) keep exactly their old hash.
    """
    fields: list[Any] = [
        seq,
        created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        actor_id,
        actor_name,
        action,
        object_type,
        object_id,
        payload_hash,
        prev_hash,
    ]
    if request_id:
        fields.append({"request_id": request_id})
    return sm3_hex(canonical_json(fields))


def actor_display_name(actor: Any) -> str:
    if actor is None:
        return SYSTEM_ACTOR_NAME
    return getattr(actor, "full_name", "") or actor.get_username()


def append(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    before: Any = None,
    after: Any = None,
    actor_name: str | None = None,
) -> LedgerEntry:
    """Append one entry for a change; must be called inside the change's own transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.append must run inside the transaction of the change it records")
    if obj is not None:
        object_type = object_type or object_label(obj)
        object_id = object_id or str(obj.pk)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    body = canonical_json({"before": before, "after": after})
    payload_hash = sm3_hex(body)

    head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
    seq = head.seq + 1
    created_at = timezone.now()
    name = actor_name or actor_display_name(actor)
    request_id = requestid.current()
    entry_hash = entry_digest(
        seq=seq,
        created_at=created_at,
        actor_id=actor.pk if actor else None,
        actor_name=name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        payload_hash=payload_hash,
        prev_hash=head.entry_hash,
        request_id=request_id,
    )
    entry = LedgerEntry.objects.create(
        seq=seq,
        created_at=created_at,
        actor=actor,
        actor_name=name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        payload_hash=payload_hash,
        prev_hash=head.entry_hash,
        entry_hash=entry_hash,
        request_id=request_id,
    )
    LedgerPayload.objects.create(entry=entry, body=body)
    LedgerHead.objects.filter(id=1).update(seq=seq, entry_hash=entry_hash)
    return entry


@dataclass(frozen=True)
class Change:
    """One change for :func:`append_many`."""

    obj: models.Model
    before: Any = None
    after: Any = None


def append_many(*, actor: Any, action: str, changes: list[Change]) -> list[LedgerEntry]:
    """Append one entry per change, in order, taking the chain's lock once (bulk imports).

    Same chain, same hashes as calling :func:`append` for each change; only the round trips differ.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.append_many must run inside the transaction of its changes")
    if not changes:
        return []
    actor = actor if getattr(actor, "is_authenticated", False) else None
    name = actor_display_name(actor)
    request_id = requestid.current()
    head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
    seq, prev_hash = head.seq, head.entry_hash
    entries, bodies = [], []
    for change in changes:
        seq += 1
        body = canonical_json({"before": change.before, "after": change.after})
        created_at = timezone.now()
        fields = {
            "seq": seq,
            "created_at": created_at,
            "actor_name": name,
            "action": action,
            "object_type": object_label(change.obj),
            "object_id": str(change.obj.pk),
            "payload_hash": sm3_hex(body),
            "prev_hash": prev_hash,
            "request_id": request_id,
        }
        prev_hash = entry_digest(actor_id=actor.pk if actor else None, **fields)
        entries.append(LedgerEntry(actor=actor, entry_hash=prev_hash, **fields))
        bodies.append(body)
    bulk.insert(entries)  # as bulk_create, without compiling every value (imports of 100,000)
    created = entries
    if any(e.pk is None for e in created):  # a backend that does not return ids
        created = list(LedgerEntry.objects.filter(seq__gt=head.seq).order_by("seq"))
    bulk.insert([LedgerPayload(entry=e, body=b) for e, b in zip(created, bodies, strict=True)])
    LedgerHead.objects.filter(id=1).update(seq=seq, entry_hash=prev_hash)
    return created


@transaction.atomic
def redact_payload(*, actor: Any, seq: int, keys: Iterable[str], reason: str) -> LedgerEntry:
    """Replace personal data in one entry's payload; the chain still verifies.

    The redaction is itself an entry, and the redacted payload points at it: verification accepts
    a payload whose hash no longer matches only when such a redaction entry stands after it.
    """
    keys = sorted(set(keys))
    payload = LedgerPayload.objects.select_for_update().get(entry__seq=seq)
    data = json.loads(payload.body)
    for side in ("before", "after"):
        if isinstance(data.get(side), dict):
            for key in keys:
                if key in data[side]:
                    data[side][key] = REDACTED
    entry = append(
        actor=actor,
        action=REDACT_ACTION,
        object_type="core.ledgerentry",
        object_id=str(seq),
        after={"keys": keys, "reason": reason},
    )
    LedgerPayload.objects.filter(pk=payload.pk).update(body=canonical_json(data), redacted_by=entry)
    return entry


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    head: str
    first_bad_seq: int | None = None
    problem: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def verify() -> Verification:
    """Walk the whole chain; report the first entry whose hashes or links do not hold."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    entries = (
        LedgerEntry.objects.select_related("payload", "payload__redacted_by")
        .order_by("seq")
        .iterator(chunk_size=2000)
    )

    def broken(seq: int, problem: str) -> Verification:
        return Verification(False, count, prev_hash, first_bad_seq=seq, problem=problem)

    for entry in entries:
        if entry.seq != expected_seq:
            return broken(expected_seq, f"缺少第{expected_seq}条记录（下一条为第{entry.seq}条）")
        if entry.prev_hash != prev_hash:
            return broken(entry.seq, "前一条哈希与链不符")
        recomputed = entry_digest(
            seq=entry.seq,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            actor_name=entry.actor_name,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            payload_hash=entry.payload_hash,
            prev_hash=entry.prev_hash,
            request_id=entry.request_id,
        )
        if recomputed != entry.entry_hash:
            return broken(entry.seq, "记录内容已被改动")
        problem = _payload_problem(entry)
        if problem:
            return broken(entry.seq, problem)
        prev_hash = entry.entry_hash
        expected_seq += 1
        count += 1

    head = LedgerHead.objects.filter(id=1).first()
    if head is not None and (head.seq, head.entry_hash) != (count, prev_hash):
        return Verification(
            False, count, prev_hash, first_bad_seq=count + 1, problem="链尾记录缺失"
        )
    return Verification(True, count, prev_hash)


def _payload_problem(entry: LedgerEntry) -> str:
    try:
        payload = entry.payload
    except LedgerPayload.DoesNotExist:
        return "变更内容缺失"
    if sm3_hex(payload.body) == entry.payload_hash:
        return ""
    redaction = payload.redacted_by
    if (
        redaction is not None
        and redaction.action == REDACT_ACTION
        and redaction.object_id == str(entry.seq)
        and redaction.seq > entry.seq
    ):
        return ""
    return "变更内容已被改动"
