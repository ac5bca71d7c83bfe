"""Excel pages: import (upload, then the per-row, per-column errors or the count created), the
blank templates, and the scoped exports with masked ID numbers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header

from zhifa.org.models import Role
from zhifa.org.scope import scope_of
from zhifa.registry import excel
from zhifa.registry.excel import Sheet
from zhifa.registry.services.imports import IMPORTERS, ImportFailed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ERRORS_SHOWN = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excel文件（.xlsx）",
        help_text="请使用导入模板；任何一行有误，整个文件都不会导入。",
        error_messages={"required": "请选择要导入的Excel文件", "empty": "上传的文件是空的"},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件过大，不能超过{MAX_UPLOAD_BYTES // 1024 // 1024}MB")
        return upload


def _sheet(kind: str) -> Sheet:
    try:
        return excel.SHEETS[kind]
    except KeyError:
        raise Http404("没有这种导入导出") from None


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def import_page(request: HttpRequest, kind: str) -> HttpResponse:
    sheet = _sheet(kind)
    if not request.user.has_role(Role.AGENCY_ADMIN):
        raise PermissionDenied("只有执法主体的信息管理员可以导入")
    form = UploadForm()
    errors: list[excel.CellError] = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = IMPORTERS[kind](request.user, form.cleaned_data["file"])
            except ImportFailed as exc:
                errors = exc.cell_errors
            else:
                messages.success(request, f"{result}。")
                return redirect("registry:excel_import", kind=kind)
    context = {
        "sheet": sheet,
        "sheets": excel.SHEETS.values(),
        "form": form,
        "errors": errors[:ERRORS_SHOWN],
        "error_count": len(errors),
        "errors_cut": len(errors) > ERRORS_SHOWN,
    }
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
    content = excel.EXPORTS[kind](request.user)
    return xlsx_response(content, f"{sheet.title}_{timezone.localdate():%Y%m%d}.xlsx")


urlpatterns = [
    path("import/<slug:kind>/", import_page, name="excel_import"),
    path("template/<slug:kind>.xlsx", template_download, name="excel_template"),
    path("export/<slug:kind>.xlsx", export_download, name="excel_export"),
]
