"""The head's approvals page (单位负责人待办, ``/cases/approvals/``): what waits for the agency
head's decision across the cases (:mod:`zhifa.cases.approvals`), oldest first with the days
waited, each linking to where it is decided; filtered by kind and 案号/案由, numbered pages and an
Excel export of the filtered rows. The rows come from several tables, so the page pages a list
rather than binding ``core.listing.ListPage``, and reuses its templates (filters, pager)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from zhifa.cases import approvals
from zhifa.core.excel.sheets import Sheet
from zhifa.core.excel.views import xlsx_response
from zhifa.core.excel.writing import write_workbook
from zhifa.core.listing import ELLIPSIS, PER_PAGE, Header, label_any_as_all
from zhifa.org.models import Role

HEADS_ONLY = "只有执法主体负责人有待审批事项"
COLUMNS = ("事项", "案件", "案由", "等待自", "已等待（日）")
SHEET = Sheet(
    kind="head_approvals",
    title="待审批事项",
    measure="件",
    columns=COLUMNS,
    widths=(24, 24, 36, 12, 12),
)


class ApprovalFilter(forms.Form):
    kind = forms.ChoiceField(
        label="事项",
        required=False,
        choices=[("", ""), *((k.key, k.label) for k in approvals.KINDS)],
    )
    q = forms.CharField(label="案号或案由", required=False, max_length=100)


class ApprovalListing:
    """The filter form and the query strings the list templates ask of a listing."""

    sort_param = ""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.form = label_any_as_all(ApprovalFilter(request.GET or None))
        self.headers = [Header(label, "", "", "none") for label in COLUMNS]

    def rows(self) -> list[approvals.Waiting]:
        if self.form.is_bound and not self.form.is_valid():
            return []
        data = self.form.cleaned_data if self.form.is_bound else {}
        chosen = approvals.BY_KEY.get(data.get("kind") or "")
        kinds = (chosen,) if chosen else approvals.KINDS
        return approvals.waiting(self.request.user, kinds, data.get("q") or "")

    def query(self, **changes: Any) -> str:
        params = self.request.GET.copy()
        for key, value in changes.items():
            params.pop(key, None)
            if value is not None:
                params[key] = str(value)
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else "?"


def _listing(request: HttpRequest) -> ApprovalListing:
    if not request.user.has_role(Role.AGENCY_HEAD):
        raise PermissionDenied(HEADS_ONLY)
    return ApprovalListing(request)


@require_safe
@login_required
def approval_list(request: HttpRequest) -> HttpResponse:
    """待审批事项: the head's decisions owed, oldest first."""
    listing = _listing(request)
    page = Paginator(listing.rows(), PER_PAGE).get_page(request.GET.get("page"))
    page.numbers = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    page.ellipsis = ELLIPSIS
    context = {
        "listing": listing,
        "filter": listing,
        "page": page,
        "export_url": reverse("cases:approval_export"),
    }
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request
    template = "cases/approvals/_rows.html" if partial else "cases/approvals/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
@login_required
def approval_export(request: HttpRequest) -> HttpResponse:
    """The rows of the page (same filters), every page, as .xlsx."""
    rows = (
        (w.kind.label, w.case.number or "（线索）", w.case.title, w.since, w.days)
        for w in _listing(request).rows()
    )
    filename = f"待审批事项_{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(write_workbook(SHEET, rows), filename)
