"""Excel on pages: the upload form, running an importer for a page (the per-row, per-column
errors or the count created), and the .xlsx download response."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from zhifa.core.excel.imports import ImportResult
from zhifa.core.excel.sheets import CellError, ImportFailed
from zhifa.core.excel.writing import XLSX

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ERRORS_SHOWN = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excel文件（.xlsx）",
        help_text="请使用导入模板；任何一行有误，整个文件都不会导入。",
        error_messages={"required": "请选择要导入的Excel文件", "empty": "上传的文件是空的"},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件过大，不能超过{MAX_UPLOAD_BYTES // 1024 // 1024}MB")
        return upload


@dataclass
class ImportAttempt:
    """An import page's state: the form, and either the result or the errors (all of them
    counted, the first :data:`ERRORS_SHOWN` shown)."""

    form: UploadForm
    result: ImportResult | None = None
    errors: list[CellError] = field(default_factory=list)

    def context(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "errors": self.errors[:ERRORS_SHOWN],
            "error_count": len(self.errors),
            "errors_cut": len(self.errors) > ERRORS_SHOWN,
        }


def attempt_import(
    request: HttpRequest, importer: Callable[[Any, Any], ImportResult]
) -> ImportAttempt:
    """On POST, run ``importer(user, file)``; a refused file leaves its errors, nothing written."""
    if request.method != "POST":
        return ImportAttempt(UploadForm())
    form = UploadForm(request.POST, request.FILES)
    attempt = ImportAttempt(form)
    if form.is_valid():
        try:
            attempt.result = importer(request.user, form.cleaned_data["file"])
        except ImportFailed as exc:
            attempt.errors = exc.cell_errors
    return attempt


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
