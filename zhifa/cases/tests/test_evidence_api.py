"""The evidence API: multipart upload (large files streamed from disk, outside the API's write
transaction), field errors in Chinese, reads in scope with the chain of custody, the download
checked against the SM3, the transfer of custody."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import RequestFactory
from rest_framework.test import APIClient

from zhifa.cases.models import Evidence
from zhifa.cases.services import evidence as service
from zhifa.core import filestore
from zhifa.core.api_input import streams_upload
from zhifa.core.crypto import sm3_hex
from zhifa.core.models import StoredFile
from zhifa.testing import files
from zhifa.testing.api import as_user
from zhifa.testing.factories import CaseFactory
from zhifa.testing.ledger import entries, ledger_count

TODAY = date(2026, 6, 17)
URL = "/api/v1/evidence"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def login_api():
    return lambda user: as_user(APIClient(), user)


@pytest.fixture
def case(db):
    with time_machine.travel(TODAY, tick=False):
        yield CaseFactory(
            discovered_on=TODAY - timedelta(days=2), violation_began=TODAY - timedelta(days=9)
        )


def form(case, content: bytes, name: str = "现场.jpg", **changes) -> dict:
    data = {
        "case": case.pk,
        "kind": "audiovisual",
        "title": "现场照片",
        "source": "执法人员现场拍摄",
        "collected_on": (TODAY - timedelta(days=1)).isoformat(),
        "collected_by": [o.officer_id for o in case.officers.all()],
        "file": files.upload(content, name),
    }
    data.update(changes)
    return data


def post(client, data: dict):
    return client.post(URL, data, format="multipart")


def test_an_officer_uploads_evidence_and_reads_it_back_with_its_custody(login_api, personas, case):
    client = login_api(personas.officer)
    response = post(client, form(case, files.jpeg()))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["sm3"] == sm3_hex(files.jpeg()) and body["file_format"] == "JPEG"
    assert body["kind_label"] == "视听资料" and len(body["collected_by"]) == 2
    detail = client.get(f"{URL}/{body['id']}").json()
    assert [c["label"] for c in detail["custody"]] == ["证据：添加", "证据：查看"]
    assert detail["download"] == f"{URL}/{body['id']}/download"


def test_bad_input_is_a_400_in_chinese_and_writes_nothing(login_api, personas, case):
    client = login_api(personas.officer)
    before = ledger_count(), Evidence.objects.count(), StoredFile.objects.count()
    response = post(client, form(case, b"<html>not evidence</html>", title=" "))
    assert response.status_code == 400
    assert response.json()["errors"] == {"title": ["请填写证据名称"]}
    response = post(client, form(case, b"<html>not evidence</html>"))
    assert response.status_code == 400
    assert "证据文件的格式不支持" in response.json()["errors"]["file"][0]
    response = post(client, form(case, files.jpeg(), collected_by=[]))
    assert response.status_code == 400 and "collected_by" in response.json()["errors"]
    assert (ledger_count(), Evidence.objects.count(), StoredFile.objects.count()) == before


def test_a_case_the_user_does_not_see_is_not_found(login_api, personas, case):
    client = login_api(personas.outsider)
    response = post(client, form(case, files.jpeg(), collected_by=[]))
    assert response.status_code == 400
    assert response.json()["errors"]["case"] == ["没有这个案件"]


def test_outsiders_and_colleagues_off_the_case_get_404(login_api, personas, case):
    item = service.add_evidence(
        personas.officer,
        case,
        kind="documentary",
        title="营业执照复印件",
        source="当事人提供，经核对与原件一致",
        collected_on=TODAY,
        collected_by=[o.officer for o in case.officers.all()],
        upload=files.upload(files.pdf()),
    )
    for user in (personas.outsider, personas.legal_reviewer, personas.agency_admin):
        client = login_api(user)
        assert client.get(f"{URL}/{item.pk}").status_code == 404
        assert client.get(f"{URL}/{item.pk}/download").status_code == 404
        assert client.get(URL, {"case": case.pk}).json()["count"] == 0
    assert login_api(personas.city_supervisor).get(f"{URL}/{item.pk}").status_code == 200


def test_a_large_upload_is_kept_on_disk_and_read_in_chunks(
    login_api, personas, case, monkeypatch, media
):
    """Django keeps an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file; the file
    store reads it chunk by chunk (a 2 GB video behaves as these 12 MB)."""
    content = files.mp4() + bytes(12 * 1024 * 1024)
    seen: dict[str, object] = {"blocks": []}
    original = filestore._chunks

    def watched(upload):
        seen["upload"] = type(upload)
        for block in original(upload):
            seen["blocks"].append(len(block))
            yield block

    monkeypatch.setattr(filestore, "_chunks", watched)
    client = login_api(personas.officer)
    response = post(client, form(case, content, "执法记录仪.mp4"))
    assert response.status_code == 201, response.json()
    assert seen["upload"] is TemporaryUploadedFile
    assert max(seen["blocks"]) <= filestore.CHUNK_SIZE and sum(seen["blocks"]) == len(content)
    assert (media / filestore.name_for(response.json()["sm3"])).stat().st_size == len(content)


def test_the_upload_is_not_inside_the_api_write_transaction():
    factory = RequestFactory()
    assert streams_upload(factory.post(URL))
    assert not streams_upload(factory.post(f"{URL}/1/transfer"))
    assert not streams_upload(factory.post("/api/v1/officers"))


def test_download_streams_the_file_or_refuses_a_changed_one(login_api, personas, case, media):
    client = login_api(personas.officer)
    body = post(client, form(case, files.wav(), "录音.wav", kind="witness")).json()
    response = client.get(f"{URL}/{body['id']}/download")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.wav()
    assert response["X-Evidence-SM3"] == body["sm3"]
    assert response["Content-Disposition"].startswith("attachment")
    (media / filestore.name_for(body["sm3"])).write_bytes(files.wav()[:-1] + b"\x01")
    response = client.get(f"{URL}/{body['id']}/download")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("存证文件校验未通过：文件内容已被改动")
    assert [e.payload.body.count('"verified":false') for e in entries("cases.evidence.download")][
        -1
    ] == 1


def test_custody_is_transferred_through_the_api(login_api, personas, case):
    client = login_api(personas.officer)
    body = post(client, form(case, files.pdf(), "鉴定意见.pdf", kind="expert_opinion")).json()
    response = client.post(
        f"{URL}/{body['id']}/transfer",
        {"recipient": "市食品检验所", "reason": "送检"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["custodian"] == "市食品检验所"
    response = client.post(
        f"{URL}/{body['id']}/transfer", {"recipient": "", "reason": ""}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "recipient": ["请填写接收人（单位）"],
        "reason": ["请填写移交事由"],
    }
    supervisor = login_api(personas.city_supervisor)
    response = supervisor.post(
        f"{URL}/{body['id']}/transfer", {"recipient": "x", "reason": "y"}, format="json"
    )
    assert response.status_code == 403
