"""Excel pages of the catalogue (mounted by ``pages`` at /catalog/): import 执法事项 (upload, then
the per-row, per-column errors or the count created), the blank template, and the export of the
matters the user sees with the list's filters (the catalogue is public: nothing is masked).

The upload form, the import attempt and the response are the core kit's
(:mod:`zhifa.core.excel.views`). This module uses ``pages`` (the list's filters, the tabs) and is
mounted beside it in ``catalog.urls``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from zhifa.catalog import excel
from zhifa.catalog.services import imports
from zhifa.catalog.views.pages import filing_listing, matter_listing, tabs_for
from zhifa.core.excel.views import attempt_import, xlsx_response
from zhifa.org.models import Role


@login_required
def import_matters(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.AGENCY_ADMIN):
        raise PermissionDenied("只有执法主体的信息管理员可以导入执法事项")
    attempt = attempt_import(request, imports.import_matters)
    if attempt.result is not None:
        messages.success(request, f"{attempt.result}。")
        return redirect("catalog:matter_import")
    context = {"sheet": excel.MATTERS, **attempt.context(), **tabs_for(request.user)}
    return render(request, "catalog/matter_import.html", context)


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    return xlsx_response(excel.template_xlsx(request.user), f"{excel.MATTERS.title}导入模板.xlsx")


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    """The matters of the list with the same filters (the API's ``MatterFilter``: ``q``,
    ``scope``, ``agency``, ``category``, ``level``, ``status``) and order, every page of them."""
    filename = f"{excel.MATTERS.title}_{timezone.localdate():%Y%m%d}.xlsx"
    return matter_listing(request).export(excel.export_xlsx, filename)


@login_required
def filing_export(request: HttpRequest) -> HttpResponse:
    """The filings of the 清单报备 page with its filters and order (the API's ``FilingFilter``),
    every page of them; those the user may not read are not there."""
    filename = f"{excel.FILINGS.title}_{timezone.localdate():%Y%m%d}.xlsx"
    return filing_listing(request).export(excel.export_filings_xlsx, filename)


urlpatterns = [
    path("import/matters/", import_matters, name="matter_import"),
    path("template/matters.xlsx", template_download, name="matter_template"),
    path("export/matters.xlsx", export_download, name="matter_export"),
    path("export/filings.xlsx", filing_export, name="filing_export"),
]
