"""The benchmark editor as legal staff use it: a first draft typed in rows (no JSON), a grade row
added, the gap between grades named while typing (htmx, no reload), fixed, and saved."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from zhifa.catalog.models import DiscretionBenchmark
from zhifa.catalog.tests.catalog_fixtures import make_matter
from zhifa.org.models import User


def field(page: Page, name: str):
    return page.locator(f'[name="{name}"]')


# The editor is desk work (a legal officer drafting tables); the phone layout is covered elsewhere.
@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_draft_typed_in_the_editor_with_a_gap_fixed_live(login, page: Page, live_demo) -> None:
    matter = make_matter(User.objects.get(username="scjg_admin"))
    login("scjg_admin", "Shifan@2026")
    page.goto(f"{live_demo.url}/catalog/matters/{matter.pk}/benchmarks/new/")
    expect(page.get_by_role("heading", name=re.compile("制定裁量基准"))).to_be_visible()
    page.evaluate("window.notReloaded = true")

    field(page, "head-source_document").fill("示市监规〔2024〕7号")
    field(page, "head-violation").fill("未按规定公示信息")
    field(page, "head-statutory_range").fill("处一千元以上一万元以下罚款")
    field(page, "head-fine_min").fill("1000")
    field(page, "head-fine_max").fill("10000")

    page.get_by_role("button", name="＋ 添加事实").click()
    expect(page.get_by_test_id("fact-row")).to_have_count(1)
    field(page, "facts-0-label").fill("违法次数")
    field(page, "facts-0-kind").select_option("integer")
    field(page, "facts-0-unit").fill("次")

    field(page, "grades-0-name").fill("一般")
    field(page, "grades-0-fine_min").fill("1000")
    field(page, "grades-0-fine_max").fill("5000")
    page.get_by_role("button", name="＋ 添加阶次").click()
    expect(page.get_by_test_id("grade-row")).to_have_count(2)
    expect(field(page, "grades-0-name")).to_have_value("一般")  # nothing typed is lost

    field(page, "grades-0-conditions-0-fact").select_option("fact1")
    field(page, "grades-0-conditions-0-op").select_option("le")
    field(page, "grades-0-conditions-0-value").fill("2")
    field(page, "grades-1-name").fill("较重")
    field(page, "grades-1-fine_min").fill("5000")
    field(page, "grades-1-fine_max").fill("10000")
    field(page, "grades-1-conditions-0-fact").select_option("fact1")
    field(page, "grades-1-conditions-0-op").select_option("gt")
    field(page, "grades-1-conditions-0-value").fill("3")

    check = page.get_by_test_id("benchmark-check")
    expect(check).to_contain_text("违法次数为3次时不属于任何阶次")
    serious = [  # GB/T 37668 (WCAG 2.1 AA): every row's fields labelled, contrast, …
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    field(page, "grades-1-conditions-0-op").select_option("ge")
    expect(check).to_contain_text("各裁量阶次覆盖全部情形，互不重叠")
    assert page.evaluate("window.notReloaded") is True, "rows and the check reloaded the page"

    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(re.compile(r"/catalog/benchmarks/\d+/$"))
    expect(page.get_by_test_id("benchmark-status")).to_contain_text("草稿，未发布")
    expect(page.get_by_test_id("grades")).to_contain_text("违法次数 ≥ 3次")
    saved = DiscretionBenchmark.objects.get(matter=matter)
    assert [g.name for g in saved.grades.all()] == ["一般", "较重"]
