"""Files kept by their content: one row per distinct content, named by its SM3 (zhifa.core.filestore)."""

from __future__ import annotations

from django.db import models


class StoredFile(models.Model):
    """A file received once and stored under its SM3 (content addressing): the same bytes uploaded
    again are the same row. The ledger entry that registered it holds the same SM3, so
    ``verify_ledger`` can re-hash the stored bytes against the chain, not against this table."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "文档"
        IMAGE = "image", "图片"
        AUDIO = "audio", "音频"
        VIDEO = "video", "视频"

    sm3 = models.CharField("SM3", max_length=64, unique=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    format = models.CharField("格式", max_length=16)
    content_type = models.CharField("内容类型", max_length=100)
    name = models.CharField("存储位置", max_length=200, unique=True)
    received_at = models.DateTimeField("接收时间", auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = "存证文件"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.format} {self.sm3[:12]}…"
