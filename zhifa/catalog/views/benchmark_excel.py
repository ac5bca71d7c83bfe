"""Benchmarks in Excel (mounted at /catalog/): the import page (upload, then the errors by row and
column or the count of drafts created), its blank template, and the export of one benchmark in the
same layout (one row per grade; :mod:`zhifa.catalog.benchmark_excel`), or of every benchmark in
force of the user's own agencies.

The upload form, the import attempt and the response are the core kit's
(:mod:`zhifa.core.excel.views`); the import itself is
:func:`zhifa.catalog.services.benchmark_imports.import_benchmarks`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from zhifa.catalog import benchmark_excel
from zhifa.catalog.filters import own_agencies
from zhifa.catalog.models import BenchmarkStatus, DiscretionBenchmark
from zhifa.catalog.services import benchmark_imports
from zhifa.catalog.views.pages import tabs_for
from zhifa.core.excel.views import attempt_import, xlsx_response
from zhifa.org.models import Role


@login_required
def import_benchmarks(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.AGENCY_ADMIN):
        raise PermissionDenied("只有执法主体的信息管理员可以导入裁量基准")
    attempt = attempt_import(request, benchmark_imports.import_benchmarks)
    if attempt.result is not None:
        messages.success(request, f"{attempt.result}（均为草稿，请核对后发布）。")
        return redirect("catalog:benchmark_import")
    context = {"sheet": benchmark_excel.BENCHMARKS, **attempt.context(), **tabs_for(request.user)}
    return render(request, "catalog/benchmark_import.html", context)


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    content = benchmark_excel.template_xlsx(request.user)
    return xlsx_response(content, f"{benchmark_excel.BENCHMARKS.title}导入模板.xlsx")


@login_required
def benchmark_export(request: HttpRequest, pk: int) -> HttpResponse:
    """One benchmark the user sees (published ones are public), one row per grade."""
    benchmark = get_object_or_404(
        DiscretionBenchmark.objects.visible_to(request.user).select_related("matter"), pk=pk
    )
    filename = f"裁量基准_{benchmark.matter.code}_第{benchmark.version}版.xlsx"
    return xlsx_response(benchmark_excel.export_xlsx([benchmark]), filename)


@login_required
def agency_export(request: HttpRequest) -> HttpResponse:
    """The benchmarks of the user's own agencies (a supervisor: the region's) as they keep them:
    the latest published version of each matter's benchmark, in matter-code order."""
    published = (
        DiscretionBenchmark.objects.visible_to(request.user)
        .filter(status=BenchmarkStatus.PUBLISHED, matter__agency__in=own_agencies(request.user))
        .select_related("matter")
        .order_by("matter__code", "-version")
    )
    latest: dict[int, DiscretionBenchmark] = {}
    for benchmark in published:
        latest.setdefault(benchmark.matter_id, benchmark)
    filename = f"裁量基准_{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(benchmark_excel.export_xlsx(latest.values()), filename)


urlpatterns = [
    path("import/benchmarks/", import_benchmarks, name="benchmark_import"),
    path("template/benchmarks.xlsx", template_download, name="benchmark_template"),
    path("benchmarks/<int:pk>/export.xlsx", benchmark_export, name="benchmark_xlsx"),
    path("export/benchmarks.xlsx", agency_export, name="benchmark_export"),
]
