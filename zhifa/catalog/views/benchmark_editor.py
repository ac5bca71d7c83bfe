"""The benchmark editor's pages (mounted at /catalog/): a first draft for a 行政处罚 matter, a draft
edited in place, and the check the editor posts as it is typed (an htmx fragment naming the values
that fall in no grade or in two).

Facts, grades and conditions are rows of a form: buttons add and remove them (with htmx the form is
redrawn in place; without it the page is), and the rows are translated to the stored benchmark by
:mod:`zhifa.catalog.services.benchmark_editor`, whose errors land on their cells. Only the matter's
信息管理员 edits: anyone else who sees the matter gets 403 before anything is read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.catalog.forms_editor import BenchmarkEditor, blank_condition, blank_grade
from zhifa.catalog.models import BenchmarkStatus, DiscretionBenchmark, Matter
from zhifa.catalog.services import benchmark_editor, benchmarks
from zhifa.catalog.views.pages import tabs_for
from zhifa.core.scoping import CHANGE, require_permission
from zhifa.org.models import Role
from zhifa.org.permissions import refusal


def _matter(request: HttpRequest, pk: int) -> Matter:
    matter = get_object_or_404(
        Matter.objects.visible_to(request.user).select_related("agency__region"), pk=pk
    )
    require_permission(request.user, matter, CHANGE, refusal(matter.agency, Role.AGENCY_ADMIN))
    return matter


def _check(editor: BenchmarkEditor) -> benchmark_editor.CheckResult:
    return benchmark_editor.check(editor.head_data(), editor.facts, editor.grades)


def _editor_page(
    request: HttpRequest,
    matter: Matter,
    editor: BenchmarkEditor,
    benchmark: DiscretionBenchmark | None,
) -> HttpResponse:
    """GET: the editor as given. POST: a row added or removed, or the rows saved as a draft."""
    if request.method == "POST":
        editor = BenchmarkEditor.from_post(request.POST)
        op = str(request.POST.get("op") or "save")
        if op != "save":
            editor = editor.apply(op)
        elif editor.head.is_valid():
            try:
                saved = benchmark_editor.save(
                    request.user,
                    matter,
                    head=editor.head_data(),
                    fact_rows=editor.facts,
                    grade_rows=editor.grades,
                    benchmark=benchmark,
                )
            except ValidationError as exc:
                editor.add_errors(exc)
            else:
                messages.success(request, f"已保存裁量基准第{saved.version}版草稿")
                return redirect("catalog:benchmark_detail", pk=saved.pk)
    context = {
        "matter": matter,
        "benchmark": benchmark,
        "editor": editor,
        "check": _check(editor),
        "check_url": reverse("catalog:benchmark_check", args=[matter.pk]),
        **tabs_for(request.user),
    }
    return render(request, "catalog/benchmark_editor.html", context)


@login_required
def benchmark_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The first draft of a benchmark for a 行政处罚 matter (later ones start from a version)."""
    matter = _matter(request, pk)
    head = {
        "effective_on": timezone.localdate().isoformat(),
        "violation_basis": matter.basis,
        "penalty_basis": matter.basis,
        "multiple_base": "illegal_income",
    }
    editor = BenchmarkEditor(head, [], [blank_grade()])
    return _editor_page(request, matter, editor, None)


@login_required
def benchmark_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's content in the editor; a published version is not edited (a new one is made)."""
    benchmark = get_object_or_404(
        DiscretionBenchmark.objects.visible_to(request.user).select_related("matter__agency"),
        pk=pk,
    )
    matter = _matter(request, benchmark.matter_id)
    if benchmark.status != BenchmarkStatus.DRAFT:
        messages.error(request, "已发布的裁量基准不能修改，请新建版本")
        return redirect("catalog:benchmark_detail", pk=benchmark.pk)
    content = benchmarks.content_of(benchmark)
    facts, grades = benchmark_editor.to_rows(content)
    for grade in grades:
        grade["conditions"] = grade["conditions"] or [blank_condition()]
    head = {k: v for k, v in content.items() if k not in ("facts", "grades")}
    editor = BenchmarkEditor.from_content(head, facts, grades)
    return _editor_page(request, matter, editor, benchmark)


@login_required
@require_POST
def benchmark_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The gap/overlap check of the posted rows (an htmx fragment); writes nothing."""
    matter = _matter(request, pk)
    editor = BenchmarkEditor.from_post(request.POST)
    context: dict[str, Any] = {"check": _check(editor), "matter": matter}
    return render(request, "catalog/_benchmark_check.html", context)


urlpatterns = [
    path("matters/<int:pk>/benchmarks/new/", benchmark_create, name="benchmark_create"),
    path("matters/<int:pk>/benchmarks/check/", benchmark_check, name="benchmark_check"),
    path("benchmarks/<int:pk>/edit/", benchmark_edit, name="benchmark_edit"),
]
