"""An officer's photo: personal data. Set and removed only by the agency's 信息管理员 through the
services (JPEG or PNG by magic bytes, at most 2 MB, a random stored name, the ledger holding the
SM3 of the bytes, never the bytes); streamed, never cached, to those who can see the officer;
outsiders get 404; public pages never show it."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from zhifa.core import ledger
from zhifa.core.crypto import sm3_hex
from zhifa.core.models import LedgerEntry, LedgerPayload
from zhifa.org.models import Agency, Role, User
from zhifa.org.services import accounts
from zhifa.registry.models import Officer
from zhifa.registry.services import officers
from zhifa.registry.tests.helpers import forbidden, recorded, refused


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(grey: int = 0) -> bytes:
    """A valid 1×1 greyscale PNG."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes([0, grey]))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def jpeg(colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (8, 8)) -> bytes:
    """A valid small JPEG (photos are decoded and re-encoded, so they must be real images)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


JPEG = jpeg()


def kept(content: bytes, extension: str = "png") -> bytes:
    """What is stored of an upload: its pixels, re-encoded."""
    return officers.reencode_photo(content, extension)


TEXT = "这不是照片，只是文字。".encode()


def upload(content: bytes, name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


@pytest.fixture
def outsider(demo) -> User:
    """admin_dc_cgzf, the 信息管理员 of 东城区城管执法局: cannot see 市市场监管局's officers."""
    user = accounts.create_user(
        demo["sysadmin"], username="admin_dc_cgzf", full_name="周平", password="Shifan@2026"
    )
    dc_cgzf = Agency.objects.get(short_name="东城区城管执法局")
    accounts.grant_role(demo["secadmin"], user, role=Role.AGENCY_ADMIN, agency=dc_cgzf)
    return user


def photo_url(officer: Officer) -> str:
    return reverse("registry:officer_photo", args=[officer.pk])


def detail_url(officer: Officer) -> str:
    return reverse("registry:officer_detail", args=[officer.pk])


def last_payload(action: str = "registry.officer.photo") -> str:
    entry = LedgerEntry.objects.filter(action=action).order_by("-seq").first()
    return LedgerPayload.objects.get(entry=entry).body


# --- the service ---


def test_the_administrator_sets_a_photo_under_a_random_name(admin, officer, media):
    content = png()
    with recorded("registry.officer.photo"):
        officers.set_officer_photo(admin, officer, upload(content, "张伟身份证照.png"))
    officer.refresh_from_db()
    assert officer.has_photo
    name = officer.photo.name
    assert name.startswith("officers/") and name.endswith(".png")
    assert "张伟" not in name
    assert stored(media) == [name]
    assert (media / name).read_bytes() == kept(content)


def test_the_ledger_holds_the_sm3_of_the_photo_never_its_bytes(admin, officer):
    content = png()
    officers.set_officer_photo(admin, officer, upload(content))
    body = last_payload()
    assert sm3_hex(kept(content)) in body
    assert base64.b64encode(content).decode() not in body
    assert content.hex() not in body
    assert "IHDR" not in body
    assert ledger.verify().ok
    # The officer's own entries never carry the photo.
    officers.update_officer(admin, officer, post="执法队员")
    assert "officers/" not in last_payload("registry.officer.update")


def test_a_jpeg_is_accepted_by_its_magic_bytes_whatever_its_name(admin, officer):
    officers.set_officer_photo(admin, officer, upload(JPEG, "scan.png"))
    officer.refresh_from_db()
    assert officer.photo.name.endswith(".jpg")


@pytest.mark.parametrize("name", ["photo.png", "photo.jpg", "photo.txt"])
def test_text_is_refused_whatever_its_name(admin, officer, media, name):
    with refused("照片须为JPEG或PNG格式", Officer, field="photo"):
        officers.set_officer_photo(admin, officer, upload(TEXT, name))
    assert stored(media) == []
    officer.refresh_from_db()
    assert not officer.has_photo


def test_more_than_2_mb_is_refused(admin, officer, media):
    too_big = png() + b"\0" * (2 * 1024 * 1024)
    with refused("照片不能超过2MB", Officer, field="photo"):
        officers.set_officer_photo(admin, officer, upload(too_big))
    assert stored(media) == []
    exactly = png() + b"\0" * (2 * 1024 * 1024 - len(png()))
    officers.set_officer_photo(admin, officer, upload(exactly))


@pytest.mark.parametrize("username", ["scjg_zhang", "sfj_chen"])
def test_others_than_the_administrator_may_not_set_or_remove_a_photo(
    demo, admin, officer, media, username
):
    with forbidden(Officer):
        officers.set_officer_photo(demo[username], officer, upload(png()))
    assert stored(media) == []
    officers.set_officer_photo(admin, officer, upload(png()))
    with forbidden(Officer):
        officers.remove_officer_photo(demo[username], officer)
    officer.refresh_from_db()
    assert officer.has_photo


def test_an_outsider_may_not_set_a_photo(outsider, officer, media):
    with forbidden(Officer):
        officers.set_officer_photo(outsider, officer, upload(png()))
    assert stored(media) == []


def test_replacing_a_photo_deletes_the_old_file_once_committed(
    admin, officer, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        officers.set_officer_photo(admin, officer, upload(png(0)))
    officer.refresh_from_db()
    old = officer.photo.name
    with django_capture_on_commit_callbacks(execute=True), recorded("registry.officer.photo"):
        officers.set_officer_photo(admin, officer, upload(JPEG, "new.jpg"))
    officer.refresh_from_db()
    assert officer.photo.name != old
    assert stored(media) == [officer.photo.name]
    body = last_payload()
    assert sm3_hex(kept(png(0))) in body and sm3_hex(kept(JPEG, "jpg")) in body


def test_removing_a_photo_deletes_its_file(
    admin, officer, media, django_capture_on_commit_callbacks
):
    officers.set_officer_photo(admin, officer, upload(png()))
    with django_capture_on_commit_callbacks(execute=True), recorded("registry.officer.photo"):
        officers.remove_officer_photo(admin, officer)
    officer.refresh_from_db()
    assert not officer.has_photo
    assert stored(media) == []
    with refused("该执法人员没有照片", Officer, field="photo"):
        officers.remove_officer_photo(admin, officer)


def test_a_change_rolled_back_leaves_no_file(admin, officer, media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("ledger unavailable")

    monkeypatch.setattr(officers.ledger, "append", broken)
    with pytest.raises(RuntimeError):
        officers.set_officer_photo(admin, officer, upload(png()))
    assert stored(media) == []
    officer.refresh_from_db()
    assert not officer.has_photo


# --- the pages ---


def test_the_administrator_uploads_on_the_record_page_and_sees_the_photo(client, admin, officer):
    client.force_login(admin)
    page = client.get(detail_url(officer)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert photo_url(officer) not in page
    content = png()
    response = client.post(
        detail_url(officer), {"act": "photo", "photo-photo": upload(content, "me.png")}
    )
    assert response.status_code == 302
    page = client.get(detail_url(officer)).content.decode()
    assert f'src="{photo_url(officer)}"' in page
    response = client.get(photo_url(officer))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == kept(content)


def test_the_record_page_shows_a_refused_upload_with_its_reason(client, admin, officer, media):
    client.force_login(admin)
    seen = LedgerEntry.objects.count()
    response = client.post(
        detail_url(officer), {"act": "photo", "photo-photo": upload(TEXT, "me.png")}
    )
    assert response.status_code == 200
    assert "照片须为JPEG或PNG格式" in response.content.decode()
    assert LedgerEntry.objects.count() == seen
    assert stored(media) == []


def test_the_administrator_removes_the_photo_on_the_record_page(
    client, admin, officer, media, django_capture_on_commit_callbacks
):
    officers.set_officer_photo(admin, officer, upload(png()))
    client.force_login(admin)
    assert "删除照片" in client.get(detail_url(officer)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(officer), {"act": "photo_remove"})
    assert response.status_code == 302
    assert stored(media) == []
    assert client.get(photo_url(officer)).status_code == 404


@pytest.mark.parametrize("username", ["scjg_zhang", "sfj_chen"])
def test_those_who_see_the_officer_see_the_photo_but_may_not_change_it(
    client, demo, admin, officer, media, username
):
    officers.set_officer_photo(admin, officer, upload(JPEG, "a.jpg"))
    client.force_login(demo[username])
    response = client.get(photo_url(officer))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    page = client.get(detail_url(officer)).content.decode()
    assert photo_url(officer) in page
    assert 'name="photo-photo"' not in page
    before = stored(media)
    response = client.post(detail_url(officer), {"act": "photo", "photo-photo": upload(png())})
    assert response.status_code == 403
    assert client.post(detail_url(officer), {"act": "photo_remove"}).status_code == 403
    assert stored(media) == before


def test_an_outsider_gets_404_for_the_photo(client, admin, officer, outsider, media):
    officers.set_officer_photo(admin, officer, upload(png()))
    client.force_login(outsider)
    assert client.get(photo_url(officer)).status_code == 404
    assert client.get(detail_url(officer)).status_code == 404
    response = client.post(detail_url(officer), {"act": "photo", "photo-photo": upload(png())})
    assert response.status_code == 404
    assert len(stored(media)) == 1


def test_no_photo_is_404_and_anonymous_users_are_sent_to_log_in(client, admin, officer):
    client.force_login(admin)
    assert client.get(photo_url(officer)).status_code == 404
    officers.set_officer_photo(admin, officer, upload(png()))
    client.logout()
    response = client.get(photo_url(officer))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_public_pages_never_show_a_photo(client, admin, officer, certificate):
    officers.set_officer_photo(admin, officer, upload(png()))
    officer.refresh_from_db()
    page = client.get(reverse("public:agency_detail", args=[officer.agency_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert officer.name in html  # the officer is published …
    assert "/photo/" not in html  # … without the photo
    assert officer.photo.name not in html
    search = client.get(reverse("public:officer_search"), {"q": officer.name}).content.decode()
    assert officer.name in search and "/photo/" not in search


# --- the API ---


def api_photo(officer: Officer) -> str:
    return f"/api/v1/officers/{officer.pk}/photo"


def test_the_administrator_uploads_and_removes_a_photo_through_the_api(
    api_client, client, admin, officer, media, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(user=admin)
    assert api_client.get(f"/api/v1/officers/{officer.pk}").json()["has_photo"] is False
    with recorded("registry.officer.photo"):
        response = api_client.post(
            api_photo(officer), {"photo": upload(JPEG, "x.jpg")}, format="multipart"
        )
    assert response.status_code == 200, response.json()
    assert response.json()["has_photo"] is True
    assert api_client.get(f"/api/v1/officers/{officer.pk}").json()["has_photo"] is True
    client.force_login(admin)
    shown = client.get(photo_url(officer))
    assert shown["Content-Type"] == "image/jpeg"
    assert b"".join(shown.streaming_content) == kept(JPEG, "jpg")
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.delete(api_photo(officer))
    assert response.status_code == 200
    assert response.json()["has_photo"] is False
    assert stored(media) == []


def test_the_api_refuses_text_and_oversized_files_in_chinese(api_client, admin, officer, media):
    api_client.force_authenticate(user=admin)
    seen = LedgerEntry.objects.count()
    response = api_client.post(
        api_photo(officer), {"photo": upload(TEXT, "x.png")}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["photo"] == ["照片须为JPEG或PNG格式"]
    big = png() + b"\0" * (2 * 1024 * 1024)
    response = api_client.post(api_photo(officer), {"photo": upload(big)}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"]["photo"] == ["照片不能超过2MB"]
    response = api_client.post(api_photo(officer), {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"]["photo"] == ["请选择照片"]
    assert LedgerEntry.objects.count() == seen
    assert stored(media) == []


@pytest.mark.parametrize("username", ["scjg_zhang", "sfj_chen"])
def test_the_api_refuses_others_than_the_administrator(
    api_client, demo, admin, officer, media, username
):
    officers.set_officer_photo(admin, officer, upload(png()))
    before = stored(media)
    api_client.force_authenticate(user=demo[username])
    response = api_client.post(api_photo(officer), {"photo": upload(png())}, format="multipart")
    assert response.status_code == 403
    assert api_client.delete(api_photo(officer)).status_code == 403
    assert stored(media) == before


def test_the_api_hides_the_officer_from_an_outsider(api_client, admin, officer, outsider, media):
    officers.set_officer_photo(admin, officer, upload(png()))
    api_client.force_authenticate(user=outsider)
    response = api_client.post(api_photo(officer), {"photo": upload(png())}, format="multipart")
    assert response.status_code == 404
    assert api_client.delete(api_photo(officer)).status_code == 404
    assert len(stored(media)) == 1
