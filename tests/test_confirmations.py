"""What cannot be undone asks first: the buttons of irreversible actions carry ``data-confirm``
with the question (``zhifa/static/zhifa/zhifa.js`` asks it; without JavaScript the action still
works), and the page loads that script from the platform itself. The browser journey
(``tests/browser/test_confirm_and_focus.py``) shows the question is asked; these tests show which
buttons carry it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from zhifa.core import calendar
from zhifa.testing.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def confirm_of(html: str, label: str) -> str | None:
    """The ``data-confirm`` of the button reading ``label`` (None: the button asks nothing)."""
    for attrs, text in re.findall(r"<button([^>]*)>([^<]*)</button>", html):
        if text.strip() == label:
            found = re.search(r'data-confirm="([^"]*)"', attrs)
            return found.group(1) if found else None
    raise AssertionError(f"no button {label}")


def test_every_page_loads_the_script_from_the_platform(client, demo):
    html = client.get("/login/").content.decode()
    assert '<script src="/static/zhifa/zhifa.js" defer></script>' in html
    script = finders.find("zhifa/zhifa.js")
    assert script and "data-confirm" in Path(script).read_text(encoding="utf-8")


def test_collecting_and_cancelling_a_certificate_ask_suspending_does_not(client, demo):
    certificate = CertificateFactory()
    client.force_login(demo["scjg_admin"])
    html = client.get(f"/registry/officers/{certificate.officer.pk}/").content.decode()
    assert confirm_of(html, "收缴") == "收缴后证件不能恢复，持证人不得再以该证件执法。确定收缴？"
    assert confirm_of(html, "注销").startswith("注销后证件不能恢复")
    assert confirm_of(html, "暂扣") is None  # lifted by 发还: nothing lost
    assert "确定调动？" in confirm_of(html, "调动")


def test_removing_a_calendar_day_and_completing_a_notice_ask(client, demo):
    sysadmin = demo["sysadmin"]
    calendar.set_override(sysadmin, day=date(2030, 10, 8), is_working_day=False, note="测试")
    client.force_login(sysadmin)
    html = client.get("/calendar/").content.decode()
    assert confirm_of(html, "删除").startswith("确定删除2030年10月8日的设置？")


def test_disabling_an_account_and_revoking_a_role_ask(client, demo):
    client.force_login(demo["secadmin"])
    html = client.get(f"/users/{demo['scjg_zhang'].pk}/").content.decode()
    assert confirm_of(html, "撤销").startswith("确定撤销")
    client.force_login(demo["sysadmin"])
    html = client.get(f"/users/{demo['scjg_zhang'].pk}/").content.decode()
    assert confirm_of(html, "停用账号").startswith("停用后")
