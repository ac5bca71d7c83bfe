"""事前备案 and 撮合 on a phone: an officer of 市市场监管局 files a visit on the phone form; 市生态环境局
has filed for the same enterprise in an overlapping window, so both are offered one joint visit;
each accepts from its own phone and one joint filing with both agencies remains."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from zhifa.inspections.models import Inspection, InspectionStatus
from zhifa.org.models import Agency, EnforcementField, User
from zhifa.testing.factories import PartyFactory
from zhifa.testing.filings import InspectionFactory, eligible_officers, listed_matter

PASSWORD = "Shifan@2026"


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_filing_on_the_phone_meets_the_other_agencys_and_they_join(
    make_context, page: Page, live_demo, login
) -> None:
    # A transactional test flushed what migrations wrote (the enforcement fields): put them back.
    for code, name in import_module("zhifa.registry.migrations.0002_enforcement_fields").FIELDS:
        EnforcementField.objects.get_or_create(code=code, defaults={"name": name})
    scjg = Agency.objects.get(short_name="市市场监管局")
    sthj = Agency.objects.get(short_name="市生态环境局")
    party = PartyFactory(name="示范市东港燃气有限公司")
    ours = eligible_officers(scjg)
    matter = listed_matter(scjg, name="对燃气经营企业安全生产条件的行政检查")
    start = timezone.localdate() + timedelta(days=1)
    theirs = InspectionFactory(
        agency=sthj,
        party=party,
        filer=User.objects.get(username="sthj_xu"),
        window_start=start,
        window_end=start + timedelta(days=4),
    )

    login("scjg_zhang", PASSWORD)
    page.goto(f"{live_demo.url}/inspections/filings/new/")
    page.get_by_label("检查类型").select_option(label="日常检查")
    page.get_by_label("检查对象").fill(party.uscc)
    page.get_by_label("检查起始日").fill(start.isoformat())
    page.get_by_label("检查截止日").fill((start + timedelta(days=2)).isoformat())
    for officer in ours:
        page.get_by_label(officer.name, exact=False).check()
    page.get_by_label(matter.name, exact=False).check()
    page.get_by_label("检查依据及内容").fill("依据涉企检查事项清单检查燃气安全生产条件")
    page.get_by_role("button", name="提交审批").click()

    expect(page.get_by_test_id("inspection-status")).to_have_text("待审批")
    offer = page.get_by_test_id("joint-offer")
    expect(offer).to_contain_text("示范市生态环境局已备案")
    offer.get_by_role("button", name="同意联合检查").click()
    expect(page.get_by_test_id("joint-offer")).to_contain_text("示范市市场监督管理局已同意")

    other = make_context("phone").new_page()
    other.goto(f"{live_demo.url}/login/")
    other.get_by_label("登录名").fill("sthj_xu")
    other.get_by_label("密码", exact=True).fill(PASSWORD)
    other.get_by_role("button", name="登录").click()
    expect(other.get_by_test_id("joint-offer-todo")).to_contain_text("1个联合检查撮合待回应")
    other.goto(f"{live_demo.url}/inspections/filings/{theirs.pk}/")
    other.get_by_test_id("joint-offer").get_by_role("button", name="同意联合检查").click()
    # 市生态环境局 filed first: its filing leads the joint visit, ours is merged into it.
    expect(other.get_by_test_id("filing-agencies")).to_contain_text("联合检查")
    expect(other.get_by_test_id("inspection-status")).to_have_text("待审批")
    page.reload()
    expect(page.get_by_test_id("inspection-status")).to_have_text("已并入联合检查")
    theirs.refresh_from_db()
    assert set(theirs.agencies.all()) == {scjg, sthj}
    assert Inspection.objects.exclude(pk=theirs.pk).get().status == InspectionStatus.MERGED
