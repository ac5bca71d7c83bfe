"""Document pages: the public check (look a code up, upload a file to compare its SM3: no
account, no personal data, rate-limited per address) and the download of an issued document for
those who may see what it belongs to (architecture invariant 1: others get 404)."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhifa.core import documents, filestore, ratelimit
from zhifa.core.models import IssuedDocument

NOT_FOUND = "没有这个验证码的文书：请核对验证码，或向出具文书的机关核实"


class LookupForm(forms.Form):
    code = forms.CharField(
        label="文书验证码", max_length=40, help_text="16位，如 ABCD-EFGH-JKMN-PQRS"
    )


class CheckForm(forms.Form):
    file = forms.FileField(label="选择要核验的文书文件", help_text="上传您收到的电子文书（DOCX）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.DOCUMENT_CHECK_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(f"文件不能超过{limit // (1024 * 1024)}MB")
        return upload


def _limited(request: HttpRequest, scope: str, limit: int) -> HttpResponse | None:
    window = settings.PUBLIC_RATE_WINDOW_SECONDS
    if ratelimit.allow(request, scope, limit=limit, window=window):
        return None
    response = render(
        request, "public_documents/limited.html", {"message": ratelimit.TOO_MANY}, status=429
    )
    response["Retry-After"] = str(window)
    return response


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    """Type the code printed on a document to open its check page."""
    form = LookupForm(request.GET or None)
    status = 200
    if form.is_valid():
        limited = _limited(request, "document-lookup", settings.PUBLIC_DOCUMENT_LOOKUPS)
        if limited:
            return limited
        document = documents.find(form.cleaned_data["code"])
        if document is not None:
            return redirect("public_documents:detail", code=document.display_code)
        form.add_error("code", NOT_FOUND)
        status = 404
    elif form.is_bound:
        status = 400
    return render(request, "public_documents/lookup.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, code: str) -> HttpResponse:
    """The facts of one issued document and the file check; an unknown code is 404."""
    is_check = request.method == "POST"
    limited = _limited(
        request,
        "document-check" if is_check else "document-lookup",
        settings.PUBLIC_DOCUMENT_CHECKS if is_check else settings.PUBLIC_DOCUMENT_LOOKUPS,
    )
    if limited:
        return limited
    document = documents.find(code)
    if document is None:
        raise Http404(NOT_FOUND)
    form = CheckForm(request.POST or None, request.FILES or None)
    result = None
    if is_check and form.is_valid():
        result = documents.check(document, form.cleaned_data["file"].chunks())
    context = {"document": document, "form": form, "result": result}
    return render(
        request, "public_documents/detail.html", context, status=400 if form.errors else 200
    )


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored file as issued, for whoever may see its owner; refused if it was altered."""
    document = get_object_or_404(
        IssuedDocument.objects.restrict(request.user).select_related("file"), pk=pk
    )
    try:
        content = documents.stored_content(document)
    except filestore.FileProblem as exc:
        return render(request, "403.html", {"exception": exc.message}, status=409)
    response = HttpResponse(content, content_type=document.media_type)
    response["Content-Disposition"] = _attachment(document.file_name)
    response["Cache-Control"] = "private, no-store"
    return response


def _attachment(file_name: str) -> str:
    return f"attachment; filename=\"document.docx\"; filename*=UTF-8''{quote(file_name)}"
