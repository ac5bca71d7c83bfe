"""Every list page's filters read in Chinese: a Chinese label on each, "全部" for "any" (never
"---------" or "未知"), and a bad value answered with a Chinese message that names the filter."""

from __future__ import annotations

import re
import sys

import pytest
from django.test import RequestFactory

import zhifa.urls  # noqa: F401  (imports every view module, so every ListPage is declared)
from zhifa.core.listing import ListPage, label_any_as_all

pytestmark = pytest.mark.django_db


def list_pages() -> list[ListPage]:
    """Every ListPage declared at module level in the platform's modules."""
    found = {
        id(value): value
        for name, module in list(sys.modules.items())
        if name.startswith("zhifa.") and ".tests" not in name
        for value in vars(module).values()
        if type(value) is ListPage
    }
    return sorted(found.values(), key=lambda p: p.filterset.__qualname__)


def test_the_list_pages_are_found():
    assert len(list_pages()) >= 8


@pytest.mark.parametrize("spec", list_pages(), ids=lambda p: p.filterset.__qualname__)
def test_every_filter_has_a_chinese_label_and_reads_all_for_any(spec, demo):
    request = RequestFactory().get("/")
    request.user = demo["scjg_admin"]
    queryset = spec.filterset._meta.model.objects.none()
    form = label_any_as_all(spec.filterset({}, queryset=queryset, request=request).form)
    for name, field in form.fields.items():
        assert field.label and not str(field.label).isascii(), (name, field.label)
    html = str(form)
    assert "---------" not in html
    assert ">未知<" not in html
    options = re.findall(r"<option value=\"(?:|unknown)\"[^>]*>([^<]*)</option>", html)
    assert set(options) <= {"全部"}, options


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/registry/officers/", {"agency": "x", "status": "x", "field": "x"}),
        ("/catalog/matters/", {"agency": "x", "category": "x"}),
        ("/agencies/", {"kind": "x"}),
    ],
)
def test_a_bad_filter_value_is_answered_in_chinese(client, demo, url, query):
    client.force_login(demo["scjg_admin"])
    html = client.get(url, query).content.decode()
    errors = re.search(r'<ul class="errorlist">(.*?)</ul>\s*$', html, re.S | re.M)
    assert errors, "no error shown"
    for line in re.findall(r"<li>(.*?)</li>", errors[1]):
        assert "：" in line and not line.isascii(), line
    assert "Select a valid" not in html and "Enter a" not in html
