"""Accessibility as the server renders it: 大字版 (the larger-text mode: the header's switch sets a
cookie and the server marks <html> itself, so there is no flash of small text, signed in or not;
the switch is a plain form), a skip link to the main content on every page, and a field's error
and help text tied to the field (what a screen reader reads when the field has the focus)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from zhifa.portal.display import COOKIE
from zhifa.testing.personas import People

LARGE_HTML = '<html lang="zh-CN" class="text-large">'
PLAIN_HTML = '<html lang="zh-CN">'

pytestmark = pytest.mark.django_db


def _switch(client: Client, size: str, back: str) -> str:
    response = client.post("/text-size/", {"size": size, "next": back})
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize("page", ["/public/", "/deadline/", "/login/"])
def test_it_renders_large_text_from_the_first_byte_for_a_visitor(client: Client, page) -> None:
    assert PLAIN_HTML in client.get(page).text
    assert _switch(client, "large", page) == page
    body = client.get(page).text
    assert LARGE_HTML in body
    assert ">退出大字版</button>" in body
    # Kept across pages: the cookie lasts a year, for the whole site.
    cookie = client.cookies[COOKIE]
    assert cookie.value == "large"
    assert cookie["path"] == "/"
    assert int(cookie["max-age"]) >= 30 * 24 * 3600
    assert cookie["httponly"]
    assert LARGE_HTML in client.get("/public/search/?q=市场").text

    assert _switch(client, "normal", page) == page
    body = client.get(page).text
    assert PLAIN_HTML in body
    assert ">大字版</button>" in body


def test_it_keeps_large_text_for_a_signed_in_officer(client: Client, demo: People) -> None:
    client.force_login(demo.officer)
    home = client.get("/").text
    assert PLAIN_HTML in home
    assert re.search(r'<form method="post" action="/text-size/"[^>]*>', home)
    _switch(client, "large", "/")
    assert LARGE_HTML in client.get("/").text
    assert LARGE_HTML in client.get("/deadline/").text


def test_it_goes_back_only_to_this_site(client: Client) -> None:
    assert _switch(client, "large", "https://example.com/") == "/"
    assert _switch(client, "large", "//example.com/x") == "/"
    assert _switch(client, "large", "") == "/"


def test_it_refuses_an_unknown_size_in_chinese(client: Client) -> None:
    response = client.post("/text-size/", {"size": "huge", "next": "/public/"})
    assert response.status_code == 400
    assert response.content.decode() == "字号只能选择“大字版”或“标准字号”。"
    assert COOKIE not in response.cookies
    assert client.get("/text-size/").status_code == 405


@pytest.mark.parametrize("page", ["/public/", "/deadline/"])
def test_every_page_starts_with_a_skip_link_to_the_main_content(client: Client, page) -> None:
    body = client.get(page).text
    first_link = re.search(r"<body[^>]*>\s*(<a [^>]*>[^<]*</a>)", body)
    assert first_link is not None
    assert first_link.group(1) == '<a class="skip-link" href="#main">跳到主要内容</a>'
    assert '<main class="page" id="main" tabindex="-1">' in body


class _Ids(HTMLParser):
    """Every element's id, its text, and every field's aria-describedby."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.described: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"]] = ""
            if tag in ("div", "p"):
                self._open.append(a["id"])
        if a.get("aria-describedby"):
            self.described[a.get("name") or ""] = a["aria-describedby"].split()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "p") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for open_id in self._open:
            self.ids[open_id] += data


def test_a_fields_error_and_help_are_tied_to_it(client: Client, demo: People) -> None:
    client.force_login(demo.officer)
    page = _Ids()
    refused = {"old_password": "", "new_password": "Xin@2026abcd", "new_password_again": "x"}
    page.feed(client.post("/password/", refused).text)
    assert page.described, "no field says what describes it"
    for name, ids in page.described.items():
        missing = [i for i in ids if i not in page.ids]
        assert not missing, f"{name}: aria-describedby names {missing}, which the page lacks"
    old = page.described["old_password"]
    assert old == ["id_old_password_error"]
    assert "请填写「原密码」" in page.ids["id_old_password_error"]
