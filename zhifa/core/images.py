"""Pictures uploaded by users (an officer's photo, a photo taken on site): checked by content, never
by the file's name, and re-encoded so that only the pixels are kept.

Shared by the apps that take pictures (registry, inspections). A format is recognised by its magic
bytes, decoded by Pillow (anything it cannot decode is refused), turned upright by its EXIF
orientation and encoded again in the same format with no metadata: what rode along in the file
(HTML or script appended or in a comment — a JPEG+HTML polyglot —, EXIF with the place it was
taken) never reaches storage. Pictures larger than ``max_pixels`` are refused before decoding (a
"decompression bomb" is a small file of billions of pixels).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps

from zhifa.core.crypto import sm3_hex

#: Accepted formats by their magic bytes: extension, content type.
FORMATS = (
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)
MAX_PIXELS = 40_000_000


def image_format(head: bytes) -> tuple[str, str] | None:
    """``(extension, content type)`` of a JPEG or PNG by its first bytes; None for anything else."""
    for magic, extension, content_type in FORMATS:
        if head.startswith(magic):
            return extension, content_type
    return None


def reencode(
    content: bytes,
    extension: str,
    *,
    field: str = "photo",
    max_pixels: int = MAX_PIXELS,
    too_large: str = "照片尺寸过大",
    broken: str = "照片已损坏或无法识别，请重新拍摄或扫描",
) -> bytes:
    """The picture decoded and encoded again in the same format, upright and without metadata."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > max_pixels:
                raise ValidationError({field: [too_large]})
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError({field: [broken]}) from None
    upright.info = {}  # comments, EXIF, ICC profile, text chunks: Pillow would write them back
    out = io.BytesIO()
    if extension == "jpg":
        if upright.mode not in ("L", "RGB"):
            upright = upright.convert("RGB")
        upright.save(out, format="JPEG", quality=90, optimize=True)
    else:
        if upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            upright = upright.convert("RGBA")
        upright.save(out, format="PNG", optimize=True)
    return out.getvalue()


@dataclass(frozen=True)
class Picture:
    """An accepted upload: the re-encoded bytes that are stored, and the SM3 of what was sent."""

    content: bytes
    extension: str
    content_type: str
    received_sm3: str
    received_size: int

    @property
    def sm3(self) -> str:
        """SM3 of the stored bytes."""
        return sm3_hex(self.content)


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:g}MB" if value >= 1 else f"{limit // 1024}KB"


def read_picture(
    upload: Any, *, max_bytes: int, field: str = "photo", label: str = "照片"
) -> Picture:
    """Read an upload (a Django ``UploadedFile`` or any file-like object) as a picture: at most
    ``max_bytes``, JPEG or PNG by content, decodable; otherwise a ValidationError on ``field``
    with a Chinese message."""
    if upload is None:
        raise ValidationError({field: [f"请选择{label}"]})
    too_big = f"{label}不能超过{_megabytes(max_bytes)}"
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError({field: [too_big]})
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ValidationError({field: [too_big]})
    if not content:
        raise ValidationError({field: [f"{label}是空文件"]})
    found = image_format(content)
    if found is None:
        raise ValidationError({field: [f"{label}须为JPEG或PNG格式的图片"]})
    extension, content_type = found
    stored = reencode(
        content,
        extension,
        field=field,
        too_large=f"{label}尺寸过大",
        broken=f"{label}已损坏或无法识别，请重新拍摄",
    )
    return Picture(stored, extension, content_type, sm3_hex(content), len(content))
