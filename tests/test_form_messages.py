"""An empty submit of the main forms: the page answers with an error summary in Chinese whose
every line names its field (“请填写「姓名」”, not “这个字段是必填项。” or “This field is required.”),
each linking to its input, and nothing is written. The forms are submitted as a browser would:
every input of the form sent, empty, hidden ones (the action) as they are."""

from __future__ import annotations

import re
from html import unescape

import pytest

from zhifa.core.models import LedgerEntry

pytestmark = pytest.mark.django_db

FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S)
FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.S)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
SELECT = re.compile(r'<select\b[^>]*name="([^"]*)"[^>]*>(.*?)</select>', re.S)


def empty_submit(client, url: str, button: str) -> str:
    """POST the form of ``url`` whose submit button reads ``button`` as a browser would with
    nothing typed: text left empty, drop-downs as they stand, hidden fields and the button's own
    name and value as they are."""
    page = client.get(url).content.decode()
    submit = re.compile(rf"<button\b([^>]*)>\s*{button}\s*</button>")
    form = next(f for f in FORM.findall(page) if submit.search(f))
    data: dict[str, str] = {}
    for tag, attrs in FIELD.findall(form):
        found = dict(ATTR.findall(attrs))
        name = found.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if tag == "input" and found.get("type") in ("checkbox", "radio", "file", "submit"):
            continue
        data[name] = unescape(found.get("value", "")) if found.get("type") == "hidden" else ""
    for name, options in SELECT.findall(form):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = unescape(chosen[1]) if chosen else ""
    pressed = dict(ATTR.findall(submit.search(form)[1]))
    if "name" in pressed:
        data[pressed["name"]] = pressed.get("value", "")
    entries = LedgerEntry.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    assert LedgerEntry.objects.count() == entries  # nothing written
    return response.content.decode()


def summary(html: str) -> list[str]:
    box = re.search(r'data-testid="error-summary">(.*?)</div>', html, re.S)
    assert box, "no error summary"
    return [unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", box[1])]


def assert_named(html: str, *expected: str) -> None:
    lines = summary(html)
    assert lines, "the summary names no field"
    for line in lines:
        assert re.search(r"「[^」]+」", line), line  # every line names its field
        assert not line.isascii(), line
    for text in expected:
        assert text in lines, lines
    for leak in ("必填项", "This field", "Enter a", "Select a valid"):
        assert leak not in html


@pytest.mark.parametrize(
    ("username", "url", "button", "expected"),
    [
        ("scjg_admin", "/registry/officers/new/", "登记", ["请填写「姓名」"]),
        ("scjg_admin", "/catalog/matters/new/", "登记", ["「事项编码」：请填写事项编码"]),
        ("sysadmin", "/users/", "新建", ["请填写「登录名」"]),
        ("scjg_zhang", "/password/", "保存", ["请填写「原密码」"]),
        ("sysadmin", "/calendar/", "保存", ["请填写「日期」"]),
        ("scjg_admin", "/registry/training/", "登记培训", []),
    ],
)
def test_an_empty_submit_names_every_field_in_chinese(
    client, demo, username, url, button, expected
):
    client.force_login(demo[username])
    assert_named(empty_submit(client, url, button), *expected)


def test_the_sign_in_form_names_its_fields(client, demo):
    assert_named(empty_submit(client, "/login/", "登录"), "请填写「登录名」", "请填写「密码」")
