"""The evidence pages of a case: the list with its upload form (errors in Chinese, 400), an item
with its SM3 and chain of custody, the streamed download (a changed file refused, 409), the
transfer of custody, the Excel export, and the confirmations."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from openpyxl import load_workbook

from zhifa.cases.evidence_views import panel_context
from zhifa.cases.models import CaseStatus, Evidence
from zhifa.cases.services import evidence as service
from zhifa.core import filestore
from zhifa.core.crypto import sm3_hex
from zhifa.org.models import Role
from zhifa.testing import files
from zhifa.testing.factories import CaseFactory, UserFactory
from zhifa.testing.filings import scjg
from zhifa.testing.ledger import entries
from zhifa.testing.ledger_guard import writes_around_services

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def case(db):
    with time_machine.travel(TODAY, tick=False):
        yield CaseFactory(
            discovered_on=TODAY - timedelta(days=2), violation_began=TODAY - timedelta(days=9)
        )


def url(case, *rest: object) -> str:
    return "/".join([f"/cases/{case.pk}/evidence", *map(str, rest)]) + ("" if rest else "/")


def add(case, user, content: bytes = b"", **changes) -> Evidence:
    data = {
        "kind": "documentary",
        "title": "进货单据",
        "source": "当事人提供，经核对与原件一致",
        "collected_on": TODAY,
        "collected_by": [o.officer for o in case.officers.all()],
        "upload": files.upload(content or files.pdf()),
    }
    data.update(changes)
    return service.add_evidence(user, case, **data)


def confirm_of(html: str, label: str) -> str | None:
    for attrs, text in re.findall(r"<button([^>]*)>([^<]*)</button>", html):
        if text.strip() == label:
            found = re.search(r'data-confirm="([^"]*)"', attrs)
            return found.group(1) if found else None
    raise AssertionError(f"no button {label}")


def test_an_officer_adds_evidence_through_the_page(client, personas, case):
    client.force_login(personas.officer)
    page = client.get(url(case))
    html = page.content.decode()
    assert page.status_code == 200 and "添加证据" in html
    assert confirm_of(html, "添加证据").startswith("证据添加后不能删除或替换")
    assert f'value="{TODAY.isoformat()}"' in html, "collected today unless told"
    assert 'id="add_kind"' in html and 'id="id_kind"' in html, "one id per field on the page"
    form = {
        "kind": "audiovisual",
        "title": "货架照片",
        "source": "执法人员现场拍摄",
        "collected_on": TODAY.isoformat(),
        "collected_by": [o.officer_id for o in case.officers.all()],
        "file": files.upload(files.jpeg(), "IMG_1.jpg"),
    }
    response = client.post(url(case), form, follow=True)
    html = response.content.decode()
    assert f"已添加证据1，SM3 {sm3_hex(files.jpeg())}" in html
    assert "货架照片" in html and "JPEG" in html


def test_the_page_shows_the_services_errors_in_chinese(client, personas, case, media):
    client.force_login(personas.officer)
    form = {
        "kind": "audiovisual",
        "title": "",
        "source": "执法人员现场拍摄",
        "collected_on": TODAY.isoformat(),
        "collected_by": [case.officers.first().officer_id],
        "file": files.upload(b"#!/bin/sh\nrm -rf /\n", "照片.jpg"),
    }
    response = client.post(url(case), form)
    html = response.content.decode()
    assert response.status_code == 400
    assert "请填写证据名称" in html and "取证人员不得少于两人" in html
    assert not Evidence.objects.filter(case=case).exists() and not any(media.rglob("*"))


def test_no_form_once_the_case_is_decided(client, personas, case):
    with writes_around_services("the decision is another branch's step"):
        type(case).objects.filter(pk=case.pk).update(status=CaseStatus.DECIDED)
    client.force_login(personas.officer)
    html = client.get(url(case)).content.decode()
    assert 'id="add-evidence"' not in html
    assert "不能再补充证据" in html


def test_an_item_shows_its_sm3_and_its_chain_of_custody(client, personas, case):
    item = add(case, personas.officer)
    client.force_login(personas.city_supervisor)
    html = client.get(url(case, item.pk) + "/").content.decode()
    assert item.sm3 in html
    assert "证据：添加" in html and "证据：查看" in html, "the view being made is in the trail"
    assert "移交保管" not in html, "supervisors read only"
    assert entries("cases.evidence.view")[-1].actor == personas.city_supervisor


def test_download_is_streamed_and_a_changed_file_is_refused(client, personas, case, media):
    item = add(case, personas.officer, files.docx())
    client.force_login(personas.agency_head)
    response = client.get(url(case, item.pk, "download"))
    assert response.status_code == 200 and response.streaming
    assert b"".join(response.streaming_content) == files.docx()
    assert "attachment" in response["Content-Disposition"]
    path = media / filestore.name_for(item.sm3)
    path.write_bytes(path.read_bytes().replace(b"word", b"WORD", 1))
    response = client.get(url(case, item.pk, "download"))
    assert response.status_code == 409
    assert "存证文件校验未通过：文件内容已被改动" in response.content.decode()


def test_custody_is_transferred_through_the_page(client, personas, case):
    item = add(case, personas.officer)
    client.force_login(personas.officer)
    html = client.get(url(case, item.pk) + "/").content.decode()
    assert confirm_of(html, "移交") == "移交记入台账，不能撤回。确定移交？"
    response = client.post(url(case, item.pk, "transfer"), {"recipient": "", "reason": ""})
    assert response.status_code == 400 and "请填写接收人（单位）" in response.content.decode()
    response = client.post(
        url(case, item.pk, "transfer"), {"recipient": "市公安局", "reason": "涉嫌犯罪移送"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.custodian == "市公安局"


def test_the_evidence_list_exports_to_excel_with_the_hashes(client, personas, case):
    first = add(case, personas.officer)
    add(case, personas.officer, files.png(), kind="physical", title="涉案食品照片")
    client.force_login(personas.officer)
    response = client.get(url(case, "export.xlsx"), {"kind": "documentary"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "证据种类", "证据名称")
    assert len(rows) == 2 and rows[1][2] == "进货单据" and rows[1][8] == first.sm3


def test_colleagues_off_the_case_see_the_case_but_not_its_evidence(client, personas, case):
    item = add(case, personas.officer)
    colleague = UserFactory(role=Role.OFFICER, agency=scjg())
    client.force_login(colleague)
    assert client.get(url(case)).status_code == 403
    assert client.get(url(case, item.pk) + "/").status_code == 404
    client.force_login(personas.outsider)
    assert client.get(url(case)).status_code == 404
    assert panel_context(case, colleague) == {"evidence_visible": False}
    panel = panel_context(case, personas.officer)
    assert panel["evidence_may_add"] and list(panel["evidence_rows"]) == [item]


def test_the_case_page_shows_the_evidence_panel_to_those_who_see_evidence(client, personas, case):
    item = add(case, personas.officer)
    client.force_login(personas.officer)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="panel-evidence"' in html and item.title in html
    assert 'data-testid="add-evidence"' in html
    colleague = UserFactory(role=Role.OFFICER, agency=scjg())
    client.force_login(colleague)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="panel-evidence"' in html and item.title not in html
    assert "证据仅承办本案的执法人员" in html
