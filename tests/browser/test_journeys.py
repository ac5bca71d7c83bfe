"""Journeys a user would notice: a mistyped password, the public deadline calculator, and the
offline guarantee (no page asks any host but the app's own)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from zhifa.org.demo import DEMO_PASSWORD
from zhifa.org.models import User

SHOTS = Path("/tmp/zhifa-shots")


def test_wrong_password_shows_chinese_error_and_stays_on_login(page: Page, live_demo) -> None:
    page.goto(f"{live_demo.url}/login/")
    page.get_by_label("登录名").fill("scjg_zhang")
    page.get_by_label("密码", exact=True).fill("Cuowu@2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()

    expect(page.get_by_role("alert")).to_have_text(
        "登录名或密码不正确。连续失败5次后账号将被锁定。"
    )
    assert page.url == f"{live_demo.url}/login/"
    expect(page).to_have_title(re.compile("登录"))
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    # The user name is kept, the password is not.
    expect(page.get_by_label("登录名")).to_have_value("scjg_zhang")
    expect(page.get_by_label("密码", exact=True)).to_have_value("")


def _calculate(page: Page, start: str, days: str, unit: str) -> None:
    page.get_by_label("起算日（当日不计入）").fill(start)
    page.get_by_label("期间").fill(days)
    page.get_by_label("单位").select_option(label=unit)
    page.get_by_role("button", name="计算").click()


def test_deadline_calculator_over_spring_festival(page: Page, live_server) -> None:
    """Public, no login; htmx swaps the result in without reloading the page."""
    page.goto(f"{live_server.url}/deadline/")
    expect(page.get_by_role("heading", name="法定期限计算")).to_be_visible()
    page.evaluate("window.notReloaded = true")

    # 2024春节: 2月10日–17日 off, 2月18日 (Sunday) a 调休 working day.
    _calculate(page, "2024-02-08", "7", "工作日")
    due = page.get_by_test_id("deadline-due")
    expect(due).to_have_text(re.compile(r"2024年2月23日"))
    expect(due).to_contain_text("星期五")
    assert page.evaluate("window.notReloaded") is True, "the form reloaded the page, not htmx"

    _calculate(page, "2027-03-01", "5", "工作日")
    expect(page.get_by_role("alert")).to_contain_text("缺少2027年的节假日安排数据")
    expect(page.get_by_test_id("deadline-due")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True


def test_chinese_even_for_an_english_browser(make_context, live_server) -> None:
    """Django's own texts (form errors, weekday names) follow LANGUAGE_CODE, not the browser."""
    page = make_context("desktop", locale="en-US").new_page()
    page.goto(f"{live_server.url}/deadline/")
    _calculate(page, "2024-02-08", "7", "工作日")
    expect(page.get_by_test_id("deadline-due")).to_contain_text("星期五")
    page.get_by_label("期间").fill("")
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_role("alert")).to_have_text("请填写「期间」")


def test_no_request_leaves_the_app(
    context: BrowserContext, page: Page, live_demo, login, viewport: str
) -> None:
    """The offline guarantee: login, home and the htmx calculator load nothing from elsewhere.

    Also takes the home-page screenshots for review (outside the repository).
    """
    requested: list[str] = []
    failed: list[str] = []
    page_errors: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    context.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    page.on("pageerror", lambda e: page_errors.append(str(e)))

    login("scjg_zhang", DEMO_PASSWORD)
    expect(page.get_by_test_id("panel-officer")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # The page is styled by the app's own stylesheet (it loaded, and applied).
    assert page.locator("header.topbar").evaluate("e => getComputedStyle(e).display") == "flex"
    no_overflow = "() => document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_overflow), "the page scrolls sideways"

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"home-{viewport}.png", full_page=True)
    if viewport == "phone":
        page.locator("details.menu > summary").tap()
        expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
        assert page.evaluate(no_overflow), "the open menu scrolls sideways"
        page.screenshot(path=SHOTS / "home-phone-menu.png", full_page=True)

    # The fast test hasher reached the live server's thread: had it not, signing in would have
    # upgraded the stored hash to the production hasher.
    assert User.objects.get(username="scjg_zhang").password.startswith("md5$")

    page.goto(f"{live_demo.url}/deadline/")
    _calculate(page, "2024-02-08", "7", "工作日")
    expect(page.get_by_test_id("deadline-due")).to_contain_text("2024年2月23日")
    page.wait_for_load_state("networkidle")

    assert requested, "no requests recorded"
    elsewhere = [u for u in requested if not u.startswith(f"{live_demo.url}/")]
    assert elsewhere == [], f"requests left the app: {elsewhere}"
    assert any("/static/" in u for u in requested), "no static file was requested"
    assert failed == []
    assert page_errors == []
