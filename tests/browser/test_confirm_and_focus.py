"""zhifa.js in the browser: a button carrying data-confirm asks before it acts (dismissed:
nothing happens; accepted: done), the action still works without JavaScript, and a failed submit
puts the focus on the first invalid field, whose message names it."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Dialog, Page, expect

from zhifa.core import calendar
from zhifa.core.models import CalendarOverride
from zhifa.org.demo import ADMIN_PASSWORDS
from zhifa.org.models import Role, User

PASSWORD = ADMIN_PASSWORDS[Role.SYSTEM_ADMIN]
DAY = date(2030, 10, 8)


def an_override() -> None:
    calendar.set_override(
        User.objects.get(username="sysadmin"), day=DAY, is_working_day=False, note="测试更正"
    )


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_removing_a_calendar_day_asks_first(login, page: Page, live_demo) -> None:
    an_override()
    login("sysadmin", PASSWORD)
    page.goto(f"{live_demo.url}/calendar/")
    asked: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="删除").click()
    expect(page.get_by_role("button", name="删除")).to_be_visible()
    assert asked == ["确定删除2030年10月8日的设置？删除后期限计算不再按此设置。"]
    assert CalendarOverride.objects.filter(day=DAY).exists()  # dismissed: nothing happened

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="删除").click()
    expect(page.get_by_role("button", name="删除")).to_have_count(0)
    assert not CalendarOverride.objects.filter(day=DAY).exists()


def test_without_javascript_the_action_still_works(make_context, live_demo) -> None:
    an_override()
    page = make_context("desktop", java_script_enabled=False).new_page()
    page.goto(f"{live_demo.url}/login/")
    page.get_by_label("登录名").fill("sysadmin")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_demo.url}/calendar/")
    page.get_by_role("button", name="删除").click()
    expect(page.get_by_role("button", name="删除")).to_have_count(0)
    assert not CalendarOverride.objects.filter(day=DAY).exists()


@pytest.mark.parametrize("viewport", ["phone", "desktop"], indirect=True)
def test_a_failed_submit_focuses_the_first_invalid_field(login, page: Page, live_demo) -> None:
    login("sysadmin", PASSWORD)
    page.goto(f"{live_demo.url}/users/")
    page.get_by_label("姓名", exact=True).fill("赵敏")  # the login name is left empty
    page.get_by_role("button", name="新建").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("请填写「登录名」")
    expect(summary).to_contain_text("请填写「初始密码」")
    expect(page.locator("#id_username")).to_be_focused()
    expect(page.locator("#id_username")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_username")).to_be_in_viewport()
