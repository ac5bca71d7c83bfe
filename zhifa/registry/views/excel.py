"""Excel pages: import (upload, then the per-row, per-column errors or the count created), the
blank templates, and the scoped exports with masked ID numbers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from zhifa.core.excel import Sheet
from zhifa.core.excel.views import attempt_import, xlsx_response
from zhifa.org.models import Role
from zhifa.org.scope import scope_of
from zhifa.registry import excel
from zhifa.registry.services.imports import IMPORTERS
from zhifa.registry.views.officers import officer_listing


def _sheet(kind: str) -> Sheet:
    try:
        return excel.SHEETS[kind]
    except KeyError:
        raise Http404("没有这种导入导出") from None


@login_required
def import_page(request: HttpRequest, kind: str) -> HttpResponse:
    sheet = _sheet(kind)
    if not request.user.has_role(Role.AGENCY_ADMIN):
        raise PermissionDenied("只有执法主体的信息管理员可以导入")
    attempt = attempt_import(request, IMPORTERS[kind])
    if attempt.result is not None:
        messages.success(request, f"{attempt.result}。")
        return redirect("registry:excel_import", kind=kind)
    context = {"sheet": sheet, "sheets": excel.SHEETS.values(), **attempt.context()}
    return render(request, "registry/excel/import.html", context)


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    sheet = _sheet(kind)
    return xlsx_response(excel.template_xlsx(kind, request.user), f"{sheet.title}导入模板.xlsx")


@login_required
def export_download(request: HttpRequest, kind: str) -> HttpResponse:
    sheet = _sheet(kind)
    scope = scope_of(request.user)
    if not (scope.agency_ids or scope.region_prefixes):
        raise PermissionDenied(f"您无权导出{sheet.title}")
    filename = f"{sheet.title}_{timezone.localdate():%Y%m%d}.xlsx"
    # Every export follows the officer list's filters (none: every officer in scope): its
    # officers, or their certificates or training records.
    listing = officer_listing(request)
    if kind == "officers":
        return listing.export(lambda rows: excel.export_officers(request.user, rows), filename)
    return xlsx_response(excel.EXPORTS[kind](request.user, listing.filtered), filename)


urlpatterns = [
    path("import/<slug:kind>/", import_page, name="excel_import"),
    path("template/<slug:kind>.xlsx", template_download, name="excel_template"),
    path("export/<slug:kind>.xlsx", export_download, name="excel_export"),
]
