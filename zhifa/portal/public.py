"""The public entrance (no login): what the law says must be published before enforcement
(118号; seed 001: bodies, officers, powers, lists, service guides, benchmarks), reachable from one
page and one search across what each app declares (``public_search`` on its AppConfig)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

from zhifa.core.declarations import PublicSearch
from zhifa.portal.collect import public_searches

PER_PAGE = 20
PREVIEW = 5


class SearchForm(forms.Form):
    q = forms.CharField(
        label="搜索",
        max_length=60,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": "执法主体、执法人员或证件号、事项名称、法律条款……",
            }
        ),
    )
    kind = forms.CharField(required=False, widget=forms.HiddenInput)


@dataclass
class Section:
    search: PublicSearch
    count: int
    hits: list[Any]
    page: Any = None


def _section(search: PublicSearch, q: str, page_number: Any = None) -> Section:
    found = import_string(search.search)(q)
    hit = import_string(search.hit)
    if page_number is None:
        rows = list(found[:PREVIEW])
        return Section(search, found.count(), [hit(r) for r in rows])
    page = Paginator(found, PER_PAGE).get_page(page_number)
    return Section(search, page.paginator.count, [hit(r) for r in page.object_list], page)


def public_home(request: HttpRequest) -> HttpResponse:
    """The public portal's front page: a search box and the published records by kind."""
    return render(
        request,
        "portal/public_home.html",
        {"form": SearchForm(), "searches": public_searches()},
    )


def public_search(request: HttpRequest) -> HttpResponse:
    """Search every kind the apps publish; with ``kind``, one kind with numbered pages."""
    form = SearchForm(request.GET or None)
    q, kind = "", ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    searches = public_searches()
    chosen = next((s for s in searches if s.key == kind), None)
    sections: list[Section] = []
    if q and chosen is not None:
        sections = [_section(chosen, q, request.GET.get("page") or 1)]
    elif q:
        sections = [_section(s, q) for s in searches]
    return render(
        request,
        "portal/public_search.html",
        {
            "form": form,
            "q": q,
            "chosen": chosen,
            "sections": sections,
            "searches": searches,
            "total": sum(s.count for s in sections),
        },
    )


def links_summary(user: Any, role: str) -> dict[str, Any]:
    """The public pages' links need no data of their own."""
    return {}
