"""The tamper-evident ledger (全过程记录's backbone, architecture invariant 2).

Entries form an SM3 hash chain: each entry's hash covers its own fields, the SM3 of its change
payload, and the previous entry's hash. The payload (before/after JSON) lives beside the chain in
:class:`LedgerPayload`, so personal data can later be redacted without breaking verification
(the Certificate Transparency pattern, RFC 9162). Nothing in the application updates or deletes an
entry: the model refuses, and a database trigger refuses on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a ledger entry."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("台账记录只能追加，不能修改")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("台账记录只能追加，不能删除")


class LedgerEntry(models.Model):
    seq = models.PositiveBigIntegerField("序号", unique=True)
    created_at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=150)
    action = models.CharField("操作", max_length=64, db_index=True)
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField("对象标识", max_length=64)
    payload_hash = models.CharField("变更内容SM3", max_length=64)
    prev_hash = models.CharField("前一条SM3", max_length=64, unique=True)
    entry_hash = models.CharField("本条SM3", max_length=64, unique=True)
    # The HTTP request that made the change (see zhifa.core.requestid), so the audit administrator
    # can group one request's changes; empty for changes made outside a request.
    request_id = models.CharField("请求标识", max_length=64, blank=True, default="", db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = "全过程记录台账"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("台账记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("台账记录只能追加，不能删除")


class LedgerPayload(models.Model):
    """The before/after JSON of one entry, as the canonical text whose SM3 the entry holds."""

    entry = models.OneToOneField(
        LedgerEntry, primary_key=True, on_delete=models.PROTECT, related_name="payload"
    )
    body = models.TextField("变更内容")
    redacted_by = models.ForeignKey(
        LedgerEntry,
        verbose_name="脱敏记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redactions",
    )

    class Meta:
        verbose_name = "台账变更内容"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"payload of #{self.entry_id}"


class LedgerHead(models.Model):
    """A single row naming the chain's last entry; appends lock it to stay strictly linear."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = "台账链头"

    def __str__(self) -> str:
        return f"head #{self.seq}"
