"""The visit on a phone: the officer opens today's visit, fills the checklist, loses the signal,
keeps entering, gets it back — every entry arrives once —, uploads a photo, submits; the QR link
opens the rating page for the enterprise (no account), and the justice bureau sees the rating."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from zhifa.inspections.models import ChecklistEntry, OnSiteRecord, Rating, VisitPhoto
from zhifa.inspections.tests.visit_fixtures import build_visit
from zhifa.org.demo import DEMO_PASSWORD
from zhifa.testing.personas import people


@pytest.fixture
def viewport() -> str:
    return "phone"


@pytest.fixture
def visit(live_demo: Any, settings, tmp_path) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return build_visit(people(), today=timezone.localdate())


def photo_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 140, 60)).save(out, format="JPEG")
    return out.getvalue()


def choose(page: Page, item: int, label: str) -> None:
    page.locator(f'[data-item="{item}"]').get_by_label(label, exact=True).check()


def test_checklist_offline_then_online_photo_and_qr_rating(
    page: Page, context, login, live_demo, visit, make_context
) -> None:
    login("scjg_zhang", DEMO_PASSWORD)
    page.goto(f"{live_demo.url}/inspections/visits/")
    page.get_by_role("button", name="开始现场检查").click()
    page.wait_for_url(re.compile(r"/checklist/$"))
    record = OnSiteRecord.objects.get(inspection=visit.inspection)
    first, second = list(record.results.values_list("pk", flat=True))
    status = page.locator("[data-sync-status]")

    choose(page, first, "合格")
    expect(status).to_have_text("全部登记已发送")

    context.set_offline(True)
    choose(page, second, "不合格")
    hint = page.locator(f'[data-item="{second}"] [data-note-hint]')
    expect(hint).to_be_visible()
    page.locator(f"#note-{second}").fill("两名员工健康证明过期")
    page.locator(f"#note-{second}").blur()
    expect(status).to_contain_text("当前无网络")
    expect(page.locator("form[data-offline-checklist]")).to_have_attribute("data-pending", "1")
    assert ChecklistEntry.objects.filter(record=record).count() == 1

    context.set_offline(False)
    expect(status).to_have_text("全部登记已发送")
    entries = ChecklistEntry.objects.filter(record=record)
    assert entries.count() == 2, "each entry once"
    assert len(set(entries.values_list("key", flat=True))) == 2
    failed = record.results.get(pk=second)
    assert failed.result == "fail" and failed.note == "两名员工健康证明过期"

    page.get_by_role("link", name="照片、在场人员和检查结果").click()
    page.get_by_label("现场照片").set_input_files(
        {"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    page.get_by_role("button", name="上传照片").click()
    expect(page.get_by_text("已上传照片")).to_be_visible()
    assert VisitPhoto.objects.filter(record=record).count() == 1

    page.get_by_label("已出示执法证件（亮证）").check()
    page.get_by_label("企业政策官意见").fill("检查规范，未影响营业")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.get_by_text("已保存")).to_be_visible()

    page.get_by_label("责令限期改正").check()
    page.get_by_label("整改期限").fill(
        (timezone.localdate() + timezone.timedelta(days=15)).isoformat()
    )
    page.get_by_label("检查情况").fill("两名员工健康证明过期")
    page.get_by_label("拟采取的措施").fill("责令十五日内补办健康证明")
    page.get_by_label("对生产经营的影响程度").select_option("none")
    page.get_by_label("对生产经营的影响", exact=True).fill("不影响正常营业")
    page.get_by_label(re.compile("我已核对")).check()
    page.get_by_role("button", name="提交检查结果").click()
    expect(page.get_by_test_id("record-state")).to_have_text("已提交")
    expect(page.locator(".qr-box svg")).to_be_visible()
    link = page.get_by_test_id("rating-link").get_attribute("href")

    enterprise = make_context("phone").new_page()
    enterprise.goto(link)
    expect(enterprise.get_by_text("示范市好味食品有限公司")).to_be_visible()
    enterprise.locator('input[name="civility"][value="2"]').check()
    enterprise.locator('input[name="rights"][value="4"]').check()
    enterprise.get_by_label("没有").check()
    enterprise.get_by_label("意见建议").fill("态度生硬")
    enterprise.get_by_role("button", name="提交评价").click()
    expect(enterprise.get_by_test_id("rating-done")).to_be_visible()
    assert Rating.objects.get(record=record).flagged

    supervisor = make_context("phone").new_page()
    supervisor.goto(f"{live_demo.url}/login/")
    supervisor.get_by_label("登录名").fill("sfj_chen")
    supervisor.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
    supervisor.get_by_role("button", name="登录").click()
    supervisor.goto(f"{live_demo.url}/inspections/visits/ratings/")
    expect(supervisor.get_by_text("态度生硬")).to_be_visible()
    expect(supervisor.get_by_text("检查规范，未影响营业")).to_be_visible()
