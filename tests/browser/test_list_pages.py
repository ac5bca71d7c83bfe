"""A list page in the browser (core.listing): typing a search, choosing a filter, sorting by a
column and following a page number swap only the table (htmx), the address keeps the state, and
the export button downloads the filtered rows."""

from __future__ import annotations

import io
import re
from importlib import import_module
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from zhifa.catalog import demo as catalog_demo
from zhifa.org.models import EnforcementField
from zhifa.registry import demo as registry_demo


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_matter_list_filters_sorts_and_pages_in_place(login, page: Page, live_demo) -> None:
    # A transactional test flushed what migrations wrote (the enforcement fields): put them back.
    fields = import_module("zhifa.registry.migrations.0002_enforcement_fields").FIELDS
    for code, name in fields:
        EnforcementField.objects.get_or_create(code=code, defaults={"name": name})
    registry_demo.seed()
    catalog_demo.seed()
    login("sfj_chen", "Shifan@2026")
    page.goto(f"{live_demo.url}/catalog/matters/")
    page.evaluate("window.notReloaded = true")
    rows = page.get_by_test_id("matter-rows").locator("tbody tr")

    page.get_by_label("范围").select_option("all")
    expect(page).to_have_url(re.compile(r"scope=all"))
    page.get_by_label("编码、名称或依据").fill("广告法")
    expect(page).to_have_url(re.compile(r"q=%E5%B9%BF%E5%91%8A%E6%B3%95"))
    expect(rows.first).to_contain_text("广告")
    found = rows.count()
    assert 0 < found < 30

    page.get_by_role("link", name="事项编码").click()
    expect(page.get_by_role("columnheader", name="事项编码 ▲")).to_be_visible()
    page.get_by_role("link", name="事项编码 ▲").click()
    expect(page.get_by_role("columnheader", name="事项编码 ▼")).to_be_visible()
    codes = rows.locator("td:first-child").all_inner_texts()
    assert codes == sorted(codes, reverse=True)
    assert page.evaluate("window.notReloaded") is True, "the page reloaded instead of htmx"

    with page.expect_download() as download:
        page.get_by_test_id("export-button").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    exported = [r[0] for r in workbook.worksheets[0].iter_rows(values_only=True)][1:]
    assert exported == codes

    page.get_by_label("编码、名称或依据").fill("")
    expect(page.get_by_role("navigation", name="分页")).to_contain_text("第1/")
    page.get_by_role("navigation", name="分页").get_by_role("link", name="2", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=-code.*page=2|page=2.*sort=-code"))
    expect(page.get_by_role("navigation", name="分页")).to_contain_text("第2/")
    assert page.evaluate("window.notReloaded") is True
    # A filter change after sorting keeps the sort.
    page.get_by_label("职权类别").select_option("penalty")
    expect(page).to_have_url(
        re.compile(r"category=penalty.*sort=-code|sort=-code.*category=penalty")
    )
    codes = rows.locator("td:first-child").all_inner_texts()
    assert codes == sorted(codes, reverse=True)
