"""Core's image kit: a picture is judged by its content, limited in size, stored re-encoded."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zhifa.core.crypto import sm3_hex
from zhifa.core.images import read_picture


def jpeg(width: int = 40, height: int = 30, tail: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue() + tail


def upload(content: bytes, name: str = "现场.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def message(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return exc.value.message_dict["photo"][0]


def test_it_accepts_a_jpeg_and_records_the_sm3_of_what_was_sent():
    sent = jpeg(tail=b"<script>alert(1)</script>")
    picture = read_picture(upload(sent), max_bytes=1024 * 1024)
    assert picture.extension == "jpg" and picture.content_type == "image/jpeg"
    assert picture.received_sm3 == sm3_hex(sent)
    assert b"<script>" not in picture.content, "only the pixels are stored"
    assert Image.open(io.BytesIO(picture.content)).size == (40, 30)


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ValidationError) as caught:
        read_picture(upload(b"%PDF-1.7 not a picture"), max_bytes=1024 * 1024)
    assert message(caught) == "照片须为JPEG或PNG格式的图片"


def test_a_broken_jpeg_is_refused():
    with pytest.raises(ValidationError) as caught:
        read_picture(upload(b"\xff\xd8\xff\xe0" + b"0" * 100), max_bytes=1024 * 1024)
    assert message(caught) == "照片已损坏或无法识别，请重新拍摄"


def test_an_oversize_upload_is_refused_with_the_limit():
    with pytest.raises(ValidationError) as caught:
        read_picture(upload(jpeg(tail=b"0" * 3000)), max_bytes=2048, label="现场照片")
    assert message(caught) == "现场照片不能超过2KB"
    with pytest.raises(ValidationError) as caught:
        read_picture(upload(jpeg()), max_bytes=1, field="file")
    assert "不能超过" in caught.value.message_dict["file"][0]
