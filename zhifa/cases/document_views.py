"""Case document pages: the documents of a case (whoever sees the case) and the form that
generates one (its handling officers and the agency head; others who see the case are refused,
outsiders get 404). The same list is the case page's 文书 panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.cases import page_reads
from zhifa.cases.models import Case
from zhifa.cases.services import documents
from zhifa.core import documents as kit
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE, permits


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The case's documents the user may see, and the kinds they may generate now."""
    may_generate = page_reads.may(case, user, CHANGE)
    return {
        "documents": list(kit.for_owner(case, user).select_related("file", "issued_by")),
        "kinds": documents.available(case) if may_generate else [],
        "may_generate": may_generate,
    }


def _case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.restrict(request.user).select_related("agency", "unit"), pk=pk
    )


@login_required
def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    return render(
        request, "cases/documents.html", {"case": case, "panel": panel_context(case, request.user)}
    )


@login_required
def document_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = _case(request, pk)
    if not permits(request.user, case, CHANGE):
        raise PermissionDenied(documents.DENIED)
    found = documents.KINDS.get(kind)
    if found is None:
        raise Http404("没有这种文书")
    form = found.inputs(request.POST or None, case=case)
    refusal = documents.refusal(case, found)
    if request.method == "POST" and refusal is None and form.is_valid():
        issued = call_service(
            form,
            documents.generate,
            request.user,
            case,
            kind,
            request.POST,
            base_url=request.build_absolute_uri("/"),
        )
        if issued is not None:
            messages.success(request, f"已出具{issued.kind_name}，验证码{issued.display_code}")
            return redirect("case_documents:list", pk=case.pk)
    if request.method == "POST" and refusal is not None:
        form.add_error(None, refusal)
    context = {"case": case, "kind": found, "form": form, "refusal": refusal}
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "cases/document_form.html", context, status=status)


__all__ = ["document_list", "document_new", "panel_context"]
