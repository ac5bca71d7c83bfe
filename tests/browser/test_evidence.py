"""Evidence in the browser: the officer opens the case, follows the evidence panel to the upload
form, adds a photo (the button asks first), sees its SM3 and chain of custody, downloads it; after
one byte of the stored file changes on disk, the download is refused in Chinese."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from zhifa.cases.models import Evidence
from zhifa.core import filestore
from zhifa.core.crypto import sm3_hex
from zhifa.org.demo import DEMO_PASSWORD
from zhifa.testing.factories import CaseFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def case(live_demo: Any, settings, tmp_path) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return CaseFactory(discovered_on=timezone.localdate())


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (120, 90, 60)).save(out, format="JPEG")
    return out.getvalue()


def test_an_officer_adds_a_photo_downloads_it_and_a_changed_file_is_refused(
    page: Page, login, live_demo, case, tmp_path: Path
) -> None:
    login("scjg_zhang", DEMO_PASSWORD)
    page.goto(f"{live_demo.url}/cases/{case.pk}/")
    expect(page.get_by_test_id("panel-evidence")).to_contain_text("尚无证据")
    page.get_by_test_id("add-evidence").click()
    form = page.locator("#add-evidence")
    form.get_by_label("证据种类").select_option("audiovisual")
    form.get_by_label("证据名称").fill("货架现场照片")
    form.get_by_label("来源及取得方式").fill("执法人员现场拍摄")
    for officer in case.officers.select_related("officer"):
        form.get_by_label(officer.officer.name, exact=True).check()
    form.get_by_label("证据文件").set_input_files(
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": photo()}
    )
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    form.get_by_role("button", name="添加证据").click()
    expect(page.get_by_text(f"已添加证据1，SM3 {sm3_hex(photo())}")).to_be_visible()
    assert asked and asked[0].startswith("证据添加后不能删除或替换")

    page.get_by_role("link", name="货架现场照片").click()
    expect(page.get_by_test_id("evidence-sm3")).to_have_text(sm3_hex(photo()))
    expect(page.get_by_test_id("custody-trail")).to_contain_text("证据：查看")
    with page.expect_download() as download:
        page.get_by_test_id("evidence-download").click()
    assert Path(download.value.path()).read_bytes() == photo()

    item = Evidence.objects.get(case=case)
    stored = tmp_path / filestore.name_for(item.sm3)
    data = bytearray(stored.read_bytes())
    data[100] ^= 0x01
    stored.write_bytes(bytes(data))
    page.goto(f"{live_demo.url}/cases/{case.pk}/evidence/{item.pk}/download")
    expect(page.get_by_test_id("download-refused")).to_contain_text(
        re.compile("存证文件校验未通过：文件内容已被改动")
    )
