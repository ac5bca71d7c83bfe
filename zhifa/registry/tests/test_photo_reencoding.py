"""An uploaded photo is decoded and encoded again: only its pixels are kept, so a JPEG+HTML
polyglot, a comment carrying a script or the EXIF of where it was taken does not survive, and a
file that only starts like a photo is refused."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from zhifa.registry.models import Officer
from zhifa.registry.services import officers
from zhifa.registry.tests.helpers import refused

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(fmt: str = "JPEG", size: tuple[int, int] = (16, 8), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 220)).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def with_jpeg_comment(jpeg: bytes, comment: bytes) -> bytes:
    """A COM segment (FF FE) right after SOI."""
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + jpeg[2:]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_png_text(png: bytes, text: bytes) -> bytes:
    """A tEXt chunk before IEND."""
    end = png.rindex(b"IEND") - 4
    return png[:end] + png_chunk(b"tEXt", b"Comment\x00" + text) + png[end:]


def stored_bytes(officer: Officer, media: Path) -> bytes:
    officer.refresh_from_db()
    return (media / officer.photo.name).read_bytes()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("appended.jpg", picture() + HTML),
        ("comment.jpg", with_jpeg_comment(picture(), HTML)),
        ("both.jpg", with_jpeg_comment(picture(), HTML) + HTML),
        ("text.png", with_png_text(picture("PNG"), HTML)),
        ("appended.png", picture("PNG") + HTML),
    ],
)
def test_html_riding_in_a_photo_does_not_survive(admin, officer, media, name, content):
    assert HTML in content
    officers.set_officer_photo(admin, officer, SimpleUploadedFile(name, content))
    kept = stored_bytes(officer, media)
    assert b"<script" not in kept and b"<html" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (16, 8)
        assert image.format == ("PNG" if name.endswith(".png") else "JPEG")


def test_a_polyglot_uploaded_through_the_api_comes_back_re_encoded(
    admin, officer, media, api_client, client
):
    api_client.force_authenticate(admin)
    content = with_jpeg_comment(picture(), HTML) + HTML
    response = api_client.post(
        f"/api/v1/officers/{officer.pk}/photo",
        {"photo": SimpleUploadedFile("x.jpg", content)},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    client.force_login(admin)
    url = reverse("registry:officer_photo", args=[officer.pk])
    shown = b"".join(client.get(url).streaming_content)
    assert shown.startswith(b"\xff\xd8\xff") and HTML not in shown and b"<script" not in shown


def test_exif_is_dropped_and_the_photo_turned_upright(admin, officer, media):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    exif[0x010F] = "Camera maker with <b>html</b>"
    content = picture(size=(16, 8), exif=exif.tobytes())
    officers.set_officer_photo(admin, officer, SimpleUploadedFile("p.jpg", content))
    kept = stored_bytes(officer, media)
    assert b"Exif" not in kept and b"<b>html" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (8, 16)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xd8\xff" + HTML, "照片已损坏或无法识别"),
        (b"\x89PNG\r\n\x1a\n" + HTML, "照片已损坏或无法识别"),
        (picture()[:40], "照片已损坏或无法识别"),
    ],
)
def test_a_file_that_only_starts_like_a_photo_is_refused(admin, officer, media, content, message):
    with refused(message, Officer, field="photo"):
        officers.set_officer_photo(admin, officer, SimpleUploadedFile("x.jpg", content))
    assert not list(media.rglob("*.*"))


def test_a_picture_of_too_many_pixels_is_refused_before_decoding(admin, officer, media):
    header = struct.pack(">IIBBBBB", 7000, 7000, 8, 0, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 7001))
        + png_chunk(b"IEND", b"")
    )
    with refused("照片尺寸过大", Officer, field="photo"):
        officers.set_officer_photo(admin, officer, SimpleUploadedFile("x.png", bomb))
