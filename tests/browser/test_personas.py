"""Every demo login signs in on a phone and on a desktop, and lands on its own 工作台."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from zhifa.org.demo import ADMIN_PASSWORDS, DEMO_PASSWORD, PERSONAS
from zhifa.org.models import Role
from zhifa.portal.collect import menu_items

ADMINS = {
    Role.SYSTEM_ADMIN: ("sysadmin", "系统管理员"),
    Role.SECURITY_ADMIN: ("secadmin", "安全管理员"),
    Role.AUDIT_ADMIN: ("auditadmin", "审计管理员"),
}

# A menu item to tap through to, specific to the role where the role has one of its own.
ROLE_MENU_ITEM = {
    Role.SYSTEM_ADMIN: "节假日数据",
    Role.SECURITY_ADMIN: "用户管理",
    Role.AUDIT_ADMIN: "审计台账",
    Role.OFFICER: "执法主体",
    Role.LEGAL_REVIEWER: "执法主体",
    Role.AGENCY_HEAD: "执法主体",
    Role.AGENCY_ADMIN: "执法主体",
    Role.SUPERVISOR: "执法主体",
    Role.ENTERPRISE: "期限计算",
    Role.SOCIAL_SUPERVISOR: "期限计算",
}


def menu_labels(role: str) -> list[str]:
    return [i.label for i in menu_items() if i.roles is None or role in i.roles]


# (username, password, name shown, role value)
LOGINS = [
    (username, ADMIN_PASSWORDS[role], full_name, role.value)
    for role, (username, full_name) in ADMINS.items()
] + [(p.username, DEMO_PASSWORD, p.full_name, Role(p.role).value) for p in PERSONAS]


def _lands_on_own_home(
    page: Page, base: str, viewport: str, username: str, password: str, full_name: str, role: str
) -> None:
    page.goto(f"{base}/login/")
    expect(page).to_have_title(re.compile("登录"))
    assert page.locator("html").get_attribute("lang") == "zh-CN"

    page.get_by_label("登录名").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()

    page.wait_for_url(f"{base}/")
    expect(page.get_by_role("heading", name="工作台", level=1)).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_text(full_name)
    expect(page.get_by_test_id(f"panel-{role}")).to_be_visible()

    nav = page.get_by_role("navigation", name="主导航")
    item = nav.get_by_role("link", name=ROLE_MENU_ITEM[role], exact=True)
    summary = page.locator("details.menu > summary")
    if viewport == "phone":
        # The menu folds behind "☰ 菜单": closed, its items are out of reach until tapped open.
        expect(summary).to_be_visible()
        expect(summary).to_have_text("☰ 菜单")
        expect(item).to_be_hidden()
        summary.tap()
        expect(nav.get_by_role("link")).to_have_text(menu_labels(role))
        expect(item).to_be_visible()
        item.tap()
    else:
        expect(summary).to_be_hidden()
        expect(nav.get_by_role("link")).to_have_text(menu_labels(role))
        expect(item).to_be_visible()
        item.click()
    page.wait_for_load_state()
    expect(page).to_have_title(re.compile(ROLE_MENU_ITEM[role]))


def test_every_demo_login_lands_on_own_home_on_a_phone_and_a_desktop(
    make_context: Callable[..., BrowserContext], live_demo
) -> None:
    """One demo city for every login on both viewports (seeding it per login was most of the
    journeys' time): each login in its own browser context, so no session carries over; every
    failing login is named with its viewport."""
    failures = []
    for viewport in ("phone", "desktop"):
        for username, password, full_name, role in LOGINS:
            page = make_context(viewport).new_page()
            try:
                _lands_on_own_home(
                    page, live_demo.url, viewport, username, password, full_name, role
                )
            except AssertionError as error:
                failures.append(f"{viewport} {username}（{role}）: {error}")
            finally:
                page.context.close()
    assert not failures, "\n".join(failures)
