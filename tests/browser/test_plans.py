"""双随机、一公开 in the browser: the head approves a plan, the administrator freezes, announces and
reveals the draw and draws the inspectors, the officer files the drawn targets (one pre-filing
each), the public page shows the draw and, once a visit is recorded, its result."""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from zhifa.catalog.models import ListKind
from zhifa.core import workflow
from zhifa.inspections.models import Draw, Inspection, OnSiteRecord
from zhifa.inspections.services import filings, plans, visits
from zhifa.inspections.tests.draw_fixtures import make_parties, random_list_with
from zhifa.org.demo import DEMO_PASSWORD
from zhifa.org.models import Agency, EnforcementField, User
from zhifa.testing.filings import eligible_officer, listed_matter


def signed_in(make_context: Any, url: str, username: str | None) -> Page:
    """A fresh desktop page signed in as ``username`` (anonymous for None); confirms accepted."""
    page = make_context("desktop").new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    if username:
        page.goto(f"{url}/login/")
        page.get_by_label("登录名").fill(username)
        page.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{url}/")
    return page


def step(page: Page, label: str) -> None:
    """Tick the confirmation of the form holding the ``label`` button, then press it."""
    form = page.locator("form.mini-form", has=page.get_by_role("button", name=label))
    box = form.locator('input[name="confirm"]')
    if box.count():
        box.check()
    form.get_by_role("button", name=label).click()


def test_a_plan_from_approval_to_published_results(make_context, live_demo) -> None:
    # A transactional test flushed what migrations wrote (the enforcement fields): put them back.
    for code, name in import_module("zhifa.registry.migrations.0002_enforcement_fields").FIELDS:
        EnforcementField.objects.get_or_create(code=code, defaults={"name": name})
    today = timezone.localdate()
    scjg = Agency.objects.get(short_name="市市场监管局")
    officer, partner = (User.objects.get(username=u) for u in ("scjg_zhang", "scjg_li"))
    for user in (officer, partner):
        eligible_officer(scjg, user=user, name=user.full_name)
    matter = listed_matter(scjg, name="食品经营者遵守食品安全法规情况的检查", category="inspection")
    random_list_with(matter, on=today, kind=ListKind.RANDOM_INSPECTION)
    make_parties(3, start=700, risk="high", credit="D", region=scjg.region.code)
    plan = plans.create_plan(
        officer,
        scjg,
        name="食品经营者双随机抽查",
        kind="daily",
        matters=[matter],
        period_start=today,
        period_end=today + timedelta(days=30),
        strata=[{"risk_class": "high", "credit_grade": "D", "ratio": "50"}],
        basis="国办发〔2019〕5号",
    )
    plans.act(officer, plan, "submit")
    url = live_demo.url

    head = signed_in(make_context, url, "scjg_wang")
    head.goto(f"{url}/inspections/plans/{plan.pk}/")
    head.get_by_role("button", name="批准").click()
    expect(head.get_by_text("食品经营者双随机抽查：已批准")).to_be_visible()
    plans.act(User.objects.get(username="scjg_admin"), plan, "file")

    admin = signed_in(make_context, url, "scjg_admin")
    admin.goto(f"{url}/inspections/plans/{plan.pk}/")
    admin.get_by_role("button", name="冻结抽取名单").click()
    admin.wait_for_url(re.compile(r"/inspections/draws/\d+/$"))
    step(admin, "公布名单和承诺值")
    step(admin, "揭示种子并抽取")
    expect(admin.get_by_test_id("seed")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    step(admin, "公布检查人员名单和承诺值")
    expect(admin.get_by_test_id("draw-actions")).to_contain_text("抽取检查人员")
    step(admin, "抽取检查人员")
    draw = Draw.objects.get(plan=plan)
    expect(admin.get_by_test_id("targets")).to_contain_text(officer.full_name)

    desk = signed_in(make_context, url, "scjg_zhang")
    desk.goto(f"{url}/inspections/draws/{draw.pk}/")
    desk.get_by_role("button", name="按抽取结果生成备案").click()
    expect(desk.get_by_text("已生成2份检查备案并提交审批")).to_be_visible()
    filed = list(Inspection.objects.filter(plan=plan).order_by("party__uscc"))
    assert len(filed) == 2 and {i.status for i in filed} == {"submitted"}
    expect(desk.get_by_test_id("targets")).to_contain_text(f"第{filed[0].pk}号")

    public = signed_in(make_context, url, None)
    public.goto(f"{url}/public/inspections/draws/{draw.pk}/")
    expect(public.get_by_test_id("seed")).to_have_text(draw.revealed_seed)
    results = public.get_by_test_id("results")
    expect(results).to_contain_text("检查尚未完成")

    # The visit to the first target is done (approved, recorded on site, submitted).
    visited = filed[0]
    filings.approve_inspection(User.objects.get(username="scjg_wang"), visited)
    record = workflow.start(OnSiteRecord, "open", officer, agency=visited, inspection=visited)
    visits.save_details(officer, record, badges_shown=True, present="王经理")
    workflow.transition(record, "submit", officer, outcome="no_problem")

    public.reload()
    expect(public.get_by_text("抽查结果（已完成1家，共2家）")).to_be_visible()
    row = public.get_by_test_id("results").locator("tr", has_text=visited.party.uscc)
    expect(row).to_contain_text("未发现问题")
    expect(row).to_contain_text(today.isoformat())
    expect(public.locator("main")).not_to_contain_text(officer.full_name)
