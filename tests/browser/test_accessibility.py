"""Accessibility (GB/T 37668-2019, which takes WCAG 2.1 AA): axe-core over the public portal (in
standard and 大字版 type) and the main pages of an officer, the agency administrator, the supervisor,
the audit and the system administrators, with no serious or critical violation.

axe-core comes with the ``axe-playwright-python`` package (a test dependency, MPL-2.0): Playwright
evaluates its bundled ``axe.min.js`` in the page, so nothing is fetched from anywhere and nothing
is served to users. The rules are WCAG 2.0/2.1 A and AA and axe's best practices; the failure
lists each violation with its rule, impact, help page and the elements at fault.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from zhifa.catalog import demo as catalog_demo
from zhifa.org.demo import ADMIN_PASSWORDS, DEMO_PASSWORD
from zhifa.org.models import EnforcementField, Role
from zhifa.registry import demo as registry_demo
from zhifa.registry.models import Officer
from zhifa.testing.objects import url_kwargs

AXE = Axe()
OPTIONS: dict[str, Any] = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = ("serious", "critical")

pytestmark = pytest.mark.parametrize("viewport", ["desktop"], indirect=True)


def violations(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page as it stands now (every impact)."""
    return AXE.run(page, options=OPTIONS).response["violations"]


def describe(where: str, found: list[dict[str, Any]], nodes: int = 5) -> list[str]:
    """One line per violation (rule, impact, what it asks, where to read more), one per element."""
    lines = []
    for v in found:
        lines.append(f"{where}: {v['id']} ({v['impact']}) {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:nodes]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > nodes:
            lines.append(f"    … and {len(v['nodes']) - nodes} more")
    return lines


class Audit:
    """Visits pages, runs axe on each, and keeps what is serious or critical."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base, self.found, self.seen = page, base, [], []

    def visit(self, path: str) -> Page:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (
            f"{path}: {response and response.status}"
        )
        return self.page

    def check(self, where: str) -> None:
        self.seen.append(where)
        serious = [v for v in violations(self.page) if v["impact"] in BLOCKING]
        self.found += describe(where, serious)

    def page_at(self, path: str) -> None:
        self.visit(path)
        self.check(path)

    def verdict(self) -> None:
        if self.found:
            pytest.fail(
                f"axe-core found serious or critical violations on {len(self.seen)} pages:\n"
                + "\n".join(self.found),
                pytrace=False,
            )


def url(name: str, label: str | None = None, **query: str) -> str:
    path = reverse(name, kwargs=url_kwargs(label))
    return f"{path}?{urlencode(query)}" if query else path


@pytest.fixture
def city(live_demo: Any) -> Any:
    """The demo city with its officers and catalogue (the live server's URL in ``.url``)."""
    # A transactional test flushed what migrations wrote (the enforcement fields): put them back.
    fields = import_module("zhifa.registry.migrations.0002_enforcement_fields").FIELDS
    for code, name in fields:
        EnforcementField.objects.get_or_create(code=code, defaults={"name": name})
    registry_demo.seed()
    catalog_demo.seed()
    return live_demo


def test_axe_runs_and_reports_what_it_finds(page: Page, live_server: Any) -> None:
    """The check can fail: a planted unlabelled field and pale text are reported, readably."""
    page.goto(f"{live_server.url}/deadline/")
    page.evaluate(
        """() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<input id="planted"><p id="pale">浅色文字</p>');
        document.getElementById('pale').style.color = '#bbb';  // the CSP refuses style=""
    }"""
    )
    found = violations(page)
    rules = {v["id"] for v in found}
    assert {"label", "color-contrast"} <= rules
    text = "\n".join(describe("/deadline/", found))
    assert "/deadline/: label (critical)" in text
    assert "#planted" in text


def _public_pages(audit: Audit, page: Page) -> None:
    officer = Officer.objects.filter(agency__short_name="市市场监管局").order_by("pk").first()
    for path in (
        "/",
        url("public_home"),
        url("public_search", q="市场监督"),
        url("public:agency_list"),
        url("public:agency_detail", "agency@scjg"),
        url("public:officer_search", q=officer.name),
        url("public_catalog:matter_list"),
        url("public_catalog:matter_detail", "guided_matter@scjg"),
        url("public_catalog:list_index"),
        url("public_catalog:list_version", "list@scjg"),
        url("public_catalog:list_history", "list_history@scjg"),
        url("public_catalog:compliance_list"),
        url("public_catalog:compliance_detail", "compliance@scjg"),
        url("login"),
    ):
        audit.page_at(path)
    expect(page.get_by_label("登录名")).to_be_visible()

    # A matter with a benchmark: the trial form, refused (errors shown) and then computed.
    matter = reverse(
        "public_catalog:matter_detail",
        kwargs={"pk": _benchmark(url_kwargs("benchmark@scjg")["pk"]).matter_id},
    )
    audit.page_at(matter)
    outcome = page.locator("#benchmark-outcome")
    outcome.get_by_role("button", name="计算").click()
    expect(outcome.locator(".field-error, .errors").first).to_be_visible()
    audit.check(f"{matter} (试算，未填事实)")

    # The deadline calculator with its answer swapped in.
    audit.visit(url("deadline"))
    page.get_by_label("起算日（当日不计入）").fill("2024-02-08")
    page.get_by_label("期间").fill("7")
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_test_id("deadline-due")).to_be_visible()
    # Swapped in without a reload: a screen reader hears it because the box is a live region.
    expect(page.locator("#deadline-result")).to_have_attribute("aria-live", "polite")
    audit.check("/deadline/ (计算结果)")

    # 大字版: larger type must not break contrast or hide anything axe checks.
    audit.visit(url("public_home"))
    page.get_by_role("button", name="大字版", exact=True).click()
    expect(page.locator("html")).to_have_class("text-large")
    for path in (url("public_home"), url("public_search", q="市场监督"), matter):
        audit.visit(path)
        audit.check(f"{path} (大字版)")


def _benchmark(pk: int) -> Any:
    from zhifa.catalog.models import DiscretionBenchmark

    return DiscretionBenchmark.objects.get(pk=pk)


def _sign_in(
    context: BrowserContext, page: Page, base: str, username: str, password: str | None = None
) -> None:
    context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("登录名").fill(username)
    page.get_by_label("密码", exact=True).fill(password or DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _officers_pages(audit: Audit, context: BrowserContext, page: Page) -> None:
    _sign_in(context, page, audit.base, "scjg_zhang")
    for path in (
        "/",
        url("registry:officer_list"),
        url("registry:officer_detail", "officer@scjg"),
        url("catalog:matter_list"),
        url("catalog:matter_detail", "matter@scjg"),
        url("catalog:benchmark_detail", "benchmark@scjg"),
        url("catalog:list_index"),
        url("catalog:list_version", "list@scjg"),
        url("catalog:compliance_list"),
        url("deadline"),
        url("password_change"),
    ):
        audit.page_at(path)

    # The agency's administrator: the pages an officer does not have.
    _sign_in(context, page, audit.base, "scjg_admin")
    for path in (
        "/",
        url("registry:staffing"),
        url("registry:training"),
        url("registry:assessments"),
        url("catalog:filing_list"),
        url("agency_list"),
        url("imports"),
    ):
        audit.page_at(path)

    # The supervisor, the audit administrator and the system administrator: their own pages.
    supervisor = ("/", url("catalog:filing_list"), url("catalog:filing_detail", "filing@scjg"))
    _sign_in(context, page, audit.base, "sfj_chen")
    for path in supervisor:
        audit.page_at(path)
    _sign_in(context, page, audit.base, "auditadmin", ADMIN_PASSWORDS[Role.AUDIT_ADMIN])
    for path in ("/", url("ledger"), url("ledger_entry", "ledger@first")):
        audit.page_at(path)
    _sign_in(context, page, audit.base, "sysadmin", ADMIN_PASSWORDS[Role.SYSTEM_ADMIN])
    for path in (url("calendar"), url("parameters"), url("user_list")):
        audit.page_at(path)


def test_public_and_officers_pages_have_no_serious_violation(
    context: BrowserContext, page: Page, city: Any
) -> None:
    """One demo city, one browser page: the public portal anonymously, then an officer's and
    the agency administrator's pages (seeding the city twice would double the time)."""
    audit = Audit(page, city.url)
    _public_pages(audit, page)
    _officers_pages(audit, context, page)
    audit.verdict()
