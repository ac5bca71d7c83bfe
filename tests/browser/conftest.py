"""Browser journeys: headless Chromium driven by Playwright against pytest-django's live server.

Never ``playwright install``: the browser is the system's (``/usr/bin/chromium``, or
``ZHIFA_CHROMIUM``), and the machine has no internet — which is also what these journeys check
the app does not need.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise refuse
# to be called from it (fixtures seeding the database, assertions reading it).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

CHROMIUM = os.environ.get("ZHIFA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1366, "height": 900}}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser`` (the hook sees the whole session's items)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium, or set ZHIFA_CHROMIUM")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    """The viewport name; tests that care about one viewport only override it."""
    return request.param


@pytest.fixture
def make_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """``make_context(viewport, **options)``: a fresh browser context (closed after the test)."""
    made: list[BrowserContext] = []

    def _make(viewport: str, **options: Any) -> BrowserContext:
        options = {"locale": "zh-CN", "timezone_id": "Asia/Shanghai", **options}
        ctx = browser.new_context(**VIEWPORTS[viewport], **options)
        ctx.set_default_timeout(10_000)
        made.append(ctx)
        return ctx

    yield _make
    for ctx in made:
        ctx.close()


@pytest.fixture
def context(make_context: Callable[..., BrowserContext], viewport: str) -> BrowserContext:
    return make_context(viewport)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def live_demo(transactional_db: None, live_server: Any) -> Any:
    """The demo city, committed so the live server's thread sees it; returns the live server.

    ``transactional_db`` flushes the tables after each test, so every test gets a fresh city
    (and a fresh login-failure count).
    """
    from zhifa.org import demo

    demo.seed()
    return live_server


@pytest.fixture
def login(page: Page, live_demo: Any):
    """Sign ``username`` in through the login form; return the page on the home page."""

    def _login(username: str, password: str) -> Page:
        page.goto(f"{live_demo.url}/login/")
        page.get_by_label("登录名").fill(username)
        page.get_by_label("密码", exact=True).fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_demo.url}/")
        return page

    return _login
