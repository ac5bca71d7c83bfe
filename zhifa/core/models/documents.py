"""Issued documents (文书): the exact bytes an agency issued, their SM3, and the verification code
printed in the document's footer that anyone can check on the public page (seed 001 三项制度:
执法全过程记录; 处罚法 art. 59 for the decision's elements, checked by the documents' builders).

The document belongs to an object of a domain app (a case) by a generic reference: core knows no
app. Who may see a document is who may see the object it belongs to (architecture invariant 1);
the owner models are those the apps declare in ``document_owners`` on their AppConfig. The bytes
are kept by the core file store (:mod:`zhifa.core.filestore`: stored once under their SM3, the SM3
in the ledger, re-hashed by ``verify_ledger``).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhifa.core.scoping import VIEW, ScopedQuerySet


def owner_models() -> list[type[models.Model]]:
    """The models documents may belong to, as the apps declare them (``document_owners``)."""
    found: list[type[models.Model]] = []
    for config in apps.get_app_configs():
        for label in getattr(config, "document_owners", ()):
            found.append(apps.get_model(label))
    return found


class IssuedDocumentQuerySet(ScopedQuerySet):
    def scope_q(self, user: Any, action: str = VIEW) -> models.Q:
        """``view`` (read, download): whoever may see the object the document belongs to."""
        if action != VIEW:
            return super().scope_q(user, action)
        q = models.Q(pk__in=[])
        for model in owner_models():
            content_type = ContentType.objects.get_for_model(model)
            visible = model._default_manager.restrict(user, VIEW).values("pk")
            q |= models.Q(content_type=content_type, object_id__in=visible)
        return q


class IssuedDocument(models.Model):
    """One document as issued: never edited; a corrected document is a new one."""

    kind = models.CharField("文书种类代码", max_length=64)
    kind_name = models.CharField("文书种类", max_length=64)
    title = models.CharField("标题", max_length=200)
    number = models.CharField("文书编号", max_length=100, blank=True)
    agency_name = models.CharField("制作机关", max_length=200)
    content_type = models.ForeignKey(
        ContentType, verbose_name="所属对象类型", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("所属对象")
    owner = GenericForeignKey("content_type", "object_id")
    issued_at = models.DateTimeField("出具时间")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="出具人",
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    code = models.CharField("验证码", max_length=16, unique=True)
    file = models.ForeignKey(
        "core.StoredFile",
        verbose_name="文件",
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    file_name = models.CharField("文件名", max_length=200)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = "文书"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_doc_owner")]

    def __str__(self) -> str:
        return f"{self.kind_name} {self.number}".strip()

    @property
    def display_code(self) -> str:
        """The code in groups of four, as printed (``ABCD-EFGH-JKMN-PQRS``)."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def sm3(self) -> str:
        return self.file.sm3

    @property
    def size(self) -> int:
        return self.file.size

    @property
    def media_type(self) -> str:
        return self.file.content_type
