"""Keyboard use and 大字版, as a visitor would meet them (GB/T 37668, WCAG 2.1 AA; the 适老化 rules).

Keyboard only: the first Tab shows a skip link, which jumps past the menu to the page; the search
box is reached and submitted with Enter; on a phone the folded main menu opens and is followed
without a pointer; focus is always drawn as a visible ring. 大字版: the header's switch works with
JavaScript off (a form), makes the body text at least 18px and the buttons taller, and holds on the
next page until switched off.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from zhifa.org.demo import DEMO_PASSWORD


def tab_to(page: Page, target: Locator, limit: int = 40) -> int:
    """Press Tab until ``target`` has the focus; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


def focus_ring(page: Page) -> tuple[str, float]:
    """The focused element's outline: its style and its width in CSS pixels."""
    style, width = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    return style, width


def px(locator: Locator, prop: str) -> float:
    return float(locator.evaluate(f"el => parseFloat(getComputedStyle(el)['{prop}'])"))


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_keyboard_skips_to_the_page_and_searches(page: Page, live_demo: Any) -> None:
    page.goto(f"{live_demo.url}/public/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_ring(page) == ("solid", 3)

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    box = page.get_by_role("search").get_by_role("searchbox", name="搜索")
    assert tab_to(page, box) == 1, "the search box is the first stop after the skip link"
    assert focus_ring(page) == ("solid", 3)
    page.keyboard.type("市场监督")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/public/search/\?q="))
    expect(page.get_by_role("heading", name="搜索公示信息", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("市场监督管理局")


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_keyboard_sorts_a_list_and_keeps_its_place(page: Page, live_demo: Any) -> None:
    """A sort header swapped in by htmx keeps the focus: the next Enter reverses the order
    instead of starting again from the top of the page."""
    page.goto(f"{live_demo.url}/public/agencies/")
    page.evaluate("window.notReloaded = true")
    tab_to(page, page.get_by_role("link", name="主体类型"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="主体类型 ▲")).to_be_visible()
    expect(page.get_by_role("link", name="主体类型 ▲")).to_be_focused()
    # The first swap has settled (htmx's request classes gone) before the next key, as for a user.
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="主体类型 ▼")).to_be_visible()
    expect(page.get_by_role("link", name="主体类型 ▼")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True, "the page reloaded instead of htmx"


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_keyboard_signs_in_and_follows_the_folded_menu_on_a_phone(
    page: Page, live_demo: Any
) -> None:
    page.goto(f"{live_demo.url}/login/")
    tab_to(page, page.get_by_label("登录名"))
    page.keyboard.type("scjg_zhang")
    page.keyboard.press("Tab")
    expect(page.get_by_label("密码", exact=True)).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_demo.url}/")

    summary = page.locator("details.menu > summary")
    item = page.get_by_role("navigation", name="主导航").get_by_role("link", name="执法主体")
    expect(item).to_be_hidden()
    tab_to(page, summary)
    style, width = focus_ring(page)
    assert style == "solid" and width >= 2
    ring = summary.evaluate("el => getComputedStyle(el).outlineColor")
    assert ring == "rgb(255, 255, 255)", "the ring on the red bar is white, not lost in the red"
    page.keyboard.press("Enter")
    expect(item).to_be_visible()
    tab_to(page, item)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_title(re.compile("执法主体"))


@pytest.mark.parametrize("viewport", ["phone", "desktop"], indirect=True)
def test_large_text_switch_works_without_javascript_and_holds(
    make_context: Any, live_demo: Any, viewport: str
) -> None:
    page = make_context(viewport, java_script_enabled=False).new_page()
    page.goto(f"{live_demo.url}/public/")
    html, body = page.locator("html"), page.locator("body")
    search = page.get_by_role("search").get_by_role("button", name="搜索")
    assert px(body, "fontSize") == 16
    normal_height = search.bounding_box()["height"]

    page.get_by_role("button", name="大字版", exact=True).click()
    page.wait_for_url(f"{live_demo.url}/public/")
    expect(html).to_have_class("text-large")
    assert px(body, "fontSize") >= 18
    assert search.bounding_box()["height"] >= max(48, normal_height * 1.15)
    assert px(page.locator(".help").first, "fontSize") >= 16

    # Kept on the next page, signed-in pages' login form included.
    page.get_by_role("link", name="工作人员登录").click()
    page.wait_for_url(f"{live_demo.url}/login/")
    expect(html).to_have_class("text-large")
    assert px(page.get_by_label("登录名"), "fontSize") >= 18

    page.get_by_role("button", name="退出大字版").click()
    page.wait_for_url(f"{live_demo.url}/login/")
    expect(html).not_to_have_class("text-large")
    assert px(body, "fontSize") == 16
    expect(page.get_by_role("button", name="大字版", exact=True)).to_be_visible()
