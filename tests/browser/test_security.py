"""The Content-Security-Policy holds in a real browser: signed-in pages, the htmx calculator and
the Swagger UI at /api/v1/docs/ work without a single blocked script or style."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from zhifa.org.demo import DEMO_PASSWORD


@pytest.fixture
def viewport() -> str:
    return "desktop"


def test_nothing_is_blocked_by_the_content_security_policy(page: Page, live_demo, login) -> None:
    blocked: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(f"{page.url}: {message.text}")

    page.on("console", watch)

    page.goto(f"{live_demo.url}/deadline/")
    page.get_by_label("起算日（当日不计入）").fill("2024-02-08")
    page.get_by_label("期间").fill("7")
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_test_id("deadline-due")).to_contain_text("2024年2月23日")

    login("scjg_zhang", DEMO_PASSWORD)
    expect(page.get_by_test_id("current-user")).to_be_visible()

    page.goto(f"{live_demo.url}/api/v1/docs/")
    # Swagger UI's scripts ran: it fetched the schema and rendered the title and the operations.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("zhifa 执法 API")
    expect(page.locator(".opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    assert blocked == []
