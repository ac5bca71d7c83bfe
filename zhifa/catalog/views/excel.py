"""Excel pages of the catalogue (mounted by ``pages`` at /catalog/): import 执法事项 (upload, then
the per-row, per-column errors or the count created), the blank template, and the export of the
matters the user sees with the list's filters (the catalogue is public: nothing is masked).

The upload form and the response are the registry's (:mod:`zhifa.registry.views.excel`). This
module uses ``pages`` (the list's filters, the tabs) and is mounted beside it in ``catalog.urls``.
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
from zhifa.catalog.views.pages import filtered_matters, tabs_for
from zhifa.org.models import Role
from zhifa.registry.excel import CellError
from zhifa.registry.services.imports import ImportFailed
from zhifa.registry.views.excel import ERRORS_SHOWN, UploadForm, xlsx_response


@login_required
def import_matters(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.AGENCY_ADMIN):
        raise PermissionDenied("只有执法主体的信息管理员可以导入执法事项")
    form = UploadForm()
    errors: list[CellError] = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = imports.import_matters(request.user, form.cleaned_data["file"])
            except ImportFailed as exc:
                errors = exc.cell_errors
            else:
                messages.success(request, f"{result}。")
                return redirect("catalog:matter_import")
    context = {
        "sheet": excel.MATTERS,
        "form": form,
        "errors": errors[:ERRORS_SHOWN],
        "error_count": len(errors),
        "errors_cut": len(errors) > ERRORS_SHOWN,
        **tabs_for(request.user),
    }
    return render(request, "catalog/matter_import.html", context)


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    return xlsx_response(excel.template_xlsx(request.user), f"{excel.MATTERS.title}导入模板.xlsx")


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    """The matters of the list with the same filters (``agency``, ``q``, ``category``,
    ``status``, ``scope``), every one the user sees."""
    _, matters = filtered_matters(request.user, request.GET)
    filename = f"{excel.MATTERS.title}_{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(excel.export_xlsx(matters), filename)


urlpatterns = [
    path("import/matters/", import_matters, name="matter_import"),
    path("template/matters.xlsx", template_download, name="matter_template"),
    path("export/matters.xlsx", export_download, name="matter_export"),
]
