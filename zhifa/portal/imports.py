"""数据导入: one page listing every Excel import the user may use, as the apps declare them
(``importers`` on their AppConfigs, :class:`zhifa.core.declarations.Importer`): for each, its blank
template and an upload form. An upload runs the declared service all or nothing (the core kit,
:mod:`zhifa.core.excel.views`): the count created, or every error by row and column and nothing
written. The apps' own import pages stay where they are; this page links to them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string

from zhifa.core.declarations import Importer
from zhifa.core.excel.views import ImportAttempt, UploadForm, attempt_import, xlsx_response
from zhifa.portal.collect import importers, importers_for

REFUSED = "您没有可用的数据导入"


def _usable(request: HttpRequest) -> list[Importer]:
    usable = importers_for(request.user)
    if not usable:
        raise PermissionDenied(REFUSED)
    return usable


def _importer(request: HttpRequest, key: str) -> Importer:
    """The importer ``key``: 404 if no app declares it, 403 if the user may not use it."""
    importer = next((i for i in importers() if i.key == key), None)
    if importer is None:
        raise Http404("没有这种数据导入")
    if not request.user.has_role(*importer.roles):
        raise PermissionDenied(f"您无权导入{importer.label}")
    return importer


def _entries(usable: list[Importer], attempt: ImportAttempt | None, key: str | None) -> list[dict]:
    entries = []
    for importer in usable:
        entry: dict[str, Any] = {
            "importer": importer,
            "page_url": reverse(importer.url_name, kwargs=dict(importer.url_kwargs)),
            "form": UploadForm(auto_id=f"id_{importer.key}_%s"),
        }
        if attempt is not None and importer.key == key:
            entry.update(attempt.context())
        entries.append(entry)
    return entries


def _page(
    request: HttpRequest, attempt: ImportAttempt | None = None, key: str | None = None
) -> HttpResponse:
    context = {"entries": _entries(_usable(request), attempt, key)}
    return render(request, "portal/imports.html", context)


@login_required
def imports_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
def import_upload(request: HttpRequest, key: str) -> HttpResponse:
    """POST: import the file with the declared service (all or nothing); GET: the page."""
    _usable(request)
    importer = _importer(request, key)
    if request.method != "POST":
        return _page(request)
    attempt = attempt_import(request, import_string(importer.service))
    if attempt.result is not None:
        messages.success(request, f"{attempt.result}。")
        return redirect("imports")
    return _page(request, attempt, key)


@login_required
def import_template(request: HttpRequest, key: str) -> HttpResponse:
    importer = _importer(request, key)
    content = import_string(importer.template)(request.user)
    return xlsx_response(content, f"{importer.label}导入模板.xlsx")


def home_summary(user: Any, role: str) -> dict[str, Any]:
    """The 工作台 section: the imports the user may use."""
    return {"importers": importers_for(user)}
