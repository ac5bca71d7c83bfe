"""The document kit: an issued document is stored under the SM3 of its exact bytes, carries a
verification code and QR in its footer, is recorded in the ledger, is downloaded only by those who
see what it belongs to, and the public page catches a changed byte; an unknown code is 404."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zhifa.core import documents, filestore
from zhifa.core.crypto import sm3_hex
from zhifa.core.docx_kit import Builder
from zhifa.core.models import IssuedDocument
from zhifa.org.models import Agency
from zhifa.testing.documents import docx_text, footer_images
from zhifa.testing.ledger import entries

AGENCY = "示范市市场监督管理局"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def owner(monkeypatch, personas) -> Agency:
    """Documents here belong to the officer's agency: seen by its staff, not by the outsider."""
    monkeypatch.setattr("zhifa.core.models.documents.owner_models", lambda: [Agency], raising=True)
    return personas.officer.memberships.first().agency


def _builder() -> Builder:
    builder = Builder("行政处罚决定书", agency=AGENCY, number="示市监罚〔2026〕12号")
    builder.fields([("当事人", "示范市某某商贸有限公司")])
    builder.paragraph("经查，当事人销售过期食品。")
    builder.signature("2026年6月17日")
    return builder


@pytest.fixture
def issued(owner, personas) -> IssuedDocument:
    return documents.issue(
        actor=personas.officer,
        owner=owner,
        kind="test.decision",
        kind_name="行政处罚决定书",
        builder=_builder(),
        file_name="行政处罚决定书.docx",
    )


def _bytes(document: IssuedDocument) -> bytes:
    with filestore.storage().open(filestore.name_for(document.sm3), "rb") as stored:
        return stored.read()


def test_it_stores_the_exact_bytes_under_their_sm3_and_records_the_issue(issued):
    content = _bytes(issued)
    assert sm3_hex(content) == issued.sm3
    entry = entries(documents.ISSUE_ACTION)[-1]
    assert entry.object_id == str(issued.pk)
    assert entries(filestore.RECEIVE_ACTION)[-1].object_id == issued.sm3


def test_the_footer_prints_the_code_and_the_check_address_with_a_qr(issued):
    content = _bytes(issued)
    text = docx_text(content)
    assert f"文书验证码：{issued.display_code}" in text
    assert f"/public/documents/{issued.display_code}/" in text
    assert footer_images(content) == 1
    assert "示范市某某商贸有限公司" in text and "示市监罚〔2026〕12号" in text


def test_codes_are_16_typable_characters_and_differ(owner, personas):
    codes = {documents.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 16 and set(c) <= set(documents.ALPHABET) for c in codes)
    assert documents.normalise_code("abcd-efgh-jkmn-pqr0") == "ABCDEFGHJKMNPQR0"
    assert documents.normalise_code("ABCD EFGH JKMN PQRO") == "ABCDEFGHJKMNPQR0"  # O read as 0
    assert documents.normalise_code("ABCD-EFGH") is None
    assert documents.normalise_code("ABCD-EFGH-JKMN-PQR!") is None


def test_the_public_page_shows_the_facts_without_the_party(issued):
    response = Client().get(f"/public/documents/{issued.display_code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert AGENCY in page and "示市监罚〔2026〕12号" in page and issued.sm3 in page
    assert "示范市某某商贸有限公司" not in page


def test_the_code_may_be_typed_in_lower_case_without_dashes(issued):
    response = Client().get("/public/documents/", {"code": issued.code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/public/documents/{issued.display_code}/"


def test_an_unknown_code_is_404(issued):
    other = "0" * 16 if issued.code != "0" * 16 else "1" * 16
    assert Client().get(f"/public/documents/{documents.grouped(other)}/").status_code == 404
    assert Client().get("/public/documents/not-a-code/").status_code == 404
    response = Client().get("/public/documents/", {"code": other})
    assert response.status_code == 404
    assert "没有这个验证码的文书" in response.content.decode()
    assert Client().get(f"/api/v1/public/documents/{other}").status_code == 404


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("收到的文书.docx", content)


def test_the_original_file_passes_the_check(issued):
    response = Client().post(
        f"/public/documents/{issued.display_code}/", {"file": _upload(_bytes(issued))}
    )
    assert response.status_code == 200
    assert "核验通过" in response.content.decode()


def test_a_changed_byte_fails_the_check(issued):
    content = bytearray(_bytes(issued))
    content[len(content) // 2] ^= 0x01
    response = Client().post(
        f"/public/documents/{issued.display_code}/", {"file": _upload(bytes(content))}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "核验未通过" in page and sm3_hex(bytes(content)) in page


def test_the_api_check_answers_whether_the_bytes_match(issued):
    client = Client()
    url = f"/api/v1/public/documents/{issued.display_code}"
    facts = client.get(url).json()
    assert facts["agency"] == AGENCY and facts["sm3"] == issued.sm3
    good = client.post(url, {"file": io.BytesIO(_bytes(issued))}).json()
    assert good["matches"] is True
    forged = client.post(url, {"file": io.BytesIO(_bytes(issued) + b"\0")}).json()
    assert forged["matches"] is False
    missing = client.post(url, {})
    assert missing.status_code == 400
    assert missing.json()["errors"]["file"] == ["请上传要核验的文件"]


def test_a_file_too_large_is_refused_in_chinese(issued, settings):
    settings.DOCUMENT_CHECK_MAX_BYTES = 1024 * 1024
    response = Client().post(
        f"/public/documents/{issued.display_code}/", {"file": _upload(b"x" * (1024 * 1024 + 1))}
    )
    assert response.status_code == 400
    assert "文件不能超过1MB" in response.content.decode()


def test_checks_are_limited_per_address(issued, settings):
    settings.PUBLIC_DOCUMENT_CHECKS = 3
    client = Client(REMOTE_ADDR="203.0.113.7")
    url = f"/public/documents/{issued.display_code}/"
    for _ in range(3):
        assert client.post(url, {"file": _upload(b"x")}).status_code == 200
    refused = client.post(url, {"file": _upload(b"x")})
    assert refused.status_code == 429
    assert "请求过于频繁" in refused.content.decode()
    api = client.post(f"/api/v1/public/documents/{issued.display_code}", {"file": _upload(b"x")})
    assert api.status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.8").post(url, {"file": _upload(b"x")}).status_code == 200


def test_lookups_are_limited_per_address(issued, settings):
    settings.PUBLIC_DOCUMENT_LOOKUPS = 2
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = f"/public/documents/{issued.display_code}/"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_those_who_see_the_owner_download_the_document_as_issued(issued, personas):
    client = Client()
    client.force_login(personas.officer)
    response = client.get(f"/documents/{issued.pk}/download/")
    assert response.status_code == 200
    assert sm3_hex(response.content) == issued.sm3
    api = client.get(f"/api/v1/documents/{issued.pk}/download")
    assert api.status_code == 200 and sm3_hex(api.content) == issued.sm3
    listed = client.get("/api/v1/documents").json()["results"]
    assert [d["verification_code"] for d in listed] == [issued.display_code]


def test_an_outsider_gets_404_for_the_document(issued, personas):
    client = Client()
    client.force_login(personas.outsider)
    assert client.get(f"/documents/{issued.pk}/download/").status_code == 404
    assert client.get(f"/api/v1/documents/{issued.pk}").status_code == 404
    assert client.get("/api/v1/documents").json()["results"] == []


def test_a_stored_file_changed_on_disk_is_refused(issued, personas, media):
    path = media / filestore.name_for(issued.sm3)
    content = bytearray(path.read_bytes())
    content[-1] ^= 0x01
    path.write_bytes(bytes(content))
    client = Client()
    client.force_login(personas.officer)
    response = client.get(f"/documents/{issued.pk}/download/")
    assert response.status_code == 409
    assert "文件内容已被改动" in response.content.decode()
    assert not filestore.verify_files().ok
    api = client.get(f"/api/v1/documents/{issued.pk}/download")
    assert api.status_code == 409
    assert "文件内容已被改动" in api.json()["detail"]
