"""One helper for every list page: the app's FilterSet (the same class its API uses, so the same
``q`` finds the same rows on the page, in the API and in the export), numbered pages, an HTMX
partial for the table, sort by whitelisted columns with Chinese headers and an arrow, and an Excel
export of the filtered rows.

An app declares its list once::

    OFFICERS = ListPage(
        filterset=OfficerFilter,
        columns=(Column("name", "姓名", ("name",)), Column("fields", "执法领域")),
        default_order=("agency__name", "name"),
    )

and its view binds it to the request and the user's scoped rows::

    listing = OFFICERS.bind(request, Officer.objects.visible_to(user))
    page = listing.paginate(listing.order(listing.filtered))
    return listing.render("app/list.html", "app/_rows.html", {"page": page})

The table partial includes ``_list_head.html`` (the sortable headers) and ``_pager.html`` (the
numbered pages); the filter form is ``_list_filters.html``. Every link carries the current
filters, so paging, sorting and exporting never lose them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import django_filters
from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from zhifa.core.api_input import bound_numbers
from zhifa.core.excel.views import xlsx_response

PER_PAGE = 30
ASCENDING, DESCENDING = "▲", "▼"
ELLIPSIS = "…"


def label_any_as_all(form: forms.Form) -> forms.Form:
    """Filter choices read "全部" for "any" (instead of "---------" and "未知")."""
    for item in form.fields.values():
        if isinstance(item.widget, forms.NullBooleanSelect):
            item.widget.choices = [("unknown", "全部"), ("true", "是"), ("false", "否")]
        elif hasattr(item, "empty_label"):  # model choices, and django-filter's choice fields
            if item.empty_label is not None:
                item.empty_label = "全部"
                if not isinstance(item, forms.ModelChoiceField):
                    item.choices = item.choices  # rebuild the choices with the new label
        elif isinstance(item, forms.ChoiceField):
            item.choices = [("", "全部") if v == "" else (v, label) for v, label in item.choices]
    return form


@dataclass(frozen=True)
class Column:
    """A table column: ``key`` is its name in ``?sort=``, ``label`` its Chinese header, ``order``
    the fields it sorts by (none: not sortable)."""

    key: str
    label: str
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Header:
    label: str
    url: str  # "" when the column does not sort
    arrow: str  # ▲ or ▼ on the sorted column
    aria: str  # aria-sort: ascending, descending or none


@dataclass(frozen=True)
class ListPage:
    """A list page's declaration: its FilterSet, columns, default order and page size;
    ``defaults`` are filter values the page assumes when the request does not say (the API,
    which has no such defaults, gives the same rows when they are sent)."""

    filterset: type[django_filters.FilterSet]
    columns: tuple[Column, ...]
    default_order: tuple[str, ...]
    per_page: int = PER_PAGE
    defaults: Mapping[str, str] = field(default_factory=dict)

    def bind(
        self, request: HttpRequest, queryset: QuerySet, labels: Mapping[str, str] | None = None
    ) -> Listing:
        """The list for this request over ``queryset`` (already scoped to the user);
        ``labels`` renames columns for this request (``{"hours": "2026年学时"}``)."""
        return Listing(self, request, queryset, labels or {})


class Listing:
    """A :class:`ListPage` bound to a request: the filter (form labelled in Chinese), the
    filtered rows, the sort, the headers and the pages."""

    def __init__(
        self,
        spec: ListPage,
        request: HttpRequest,
        queryset: QuerySet,
        labels: Mapping[str, str],
    ) -> None:
        self.spec = spec
        self.request = request
        self.labels = labels
        params = request.GET.copy()
        for key, value in spec.defaults.items():
            if key not in params:
                params[key] = value
        self.params: QueryDict = params
        self.filterset = bound_numbers(spec.filterset(params, queryset=queryset, request=request))
        label_any_as_all(self.filterset.form)
        self.sort_key, self.descending = self._sort(request.GET.get("sort", ""))

    # --- rows ---

    @property
    def filtered(self) -> QuerySet:
        """The scoped rows the filters select (an invalid filter value selects nothing and shows
        its Chinese error on the form, as the API answers 400)."""
        if not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def order(self, rows: QuerySet) -> QuerySet:
        """``rows`` in the requested column's order (then the default order, then pk)."""
        fields: list[str] = []
        if self.sort_key:
            column = self._columns()[self.sort_key]
            sign = "-" if self.descending else ""
            fields = [f"{sign}{name}" for name in column.order]
        fields += [f for f in self.spec.default_order if f.lstrip("-") not in fields]
        return rows.order_by(*fields, "pk")

    def paginate(self, rows: QuerySet) -> Page:
        page = Paginator(rows, self.spec.per_page).get_page(self.request.GET.get("page"))
        page.numbers = list(
            page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        )
        page.ellipsis = ELLIPSIS
        return page

    # --- links ---

    def query(self, **changes: Any) -> str:
        """The current query string with ``changes`` (None removes a key), starting with ``?``."""
        params = self.request.GET.copy()
        for key, value in changes.items():
            params.pop(key, None)
            if value is not None:
                params[key] = str(value)
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else "?"

    @property
    def sort_param(self) -> str:
        """The current ``?sort=`` value ("" for the default order)."""
        if not self.sort_key:
            return ""
        return f"-{self.sort_key}" if self.descending else self.sort_key

    @property
    def headers(self) -> list[Header]:
        found = []
        for column in self.spec.columns:
            label = self.labels.get(column.key, column.label)
            if not column.order:
                found.append(Header(label, "", "", "none"))
                continue
            current = column.key == self.sort_key
            flip = current and not self.descending
            url = self.query(sort=f"-{column.key}" if flip else column.key, page=None)
            arrow = (DESCENDING if self.descending else ASCENDING) if current else ""
            aria = ("descending" if self.descending else "ascending") if current else "none"
            found.append(Header(label, url, arrow, aria))
        return found

    # --- responses ---

    def render(
        self, full: str, partial: str, context: dict[str, Any], *, status: int = 200
    ) -> HttpResponse:
        """The whole page, or only the table (``partial``) for an HTMX request: the page swaps
        the table when a filter changes, a header is clicked or a page number followed."""
        context = {"listing": self, "filter": self.filterset, **context}
        htmx = getattr(self.request, "htmx", None)
        only_table = bool(htmx) and not htmx.history_restore_request
        response = render(self.request, partial if only_table else full, context, status=status)
        patch_vary_headers(response, ["HX-Request"])
        return response

    def export(self, write: Callable[[QuerySet], bytes], filename: str) -> HttpResponse:
        """An .xlsx of the rows the page shows (same filter, same scope, same order), all pages."""
        return xlsx_response(write(self.order(self.filtered)), filename)

    # --- helpers ---

    def _columns(self) -> dict[str, Column]:
        return {c.key: c for c in self.spec.columns if c.order}

    def _sort(self, value: str) -> tuple[str, bool]:
        """``name`` or ``-name`` among the sortable columns; anything else: the default order."""
        key = value.strip().removeprefix("-")
        if key not in self._columns():
            return "", False
        return key, value.strip().startswith("-")
