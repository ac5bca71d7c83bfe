"""Public pages (mounted at /public/inspections/): filed plans, their draws (pools, pool hashes,
commitments, seeds, selections, exclusions with reasons, inspectors) and how to re-check a draw
with ``scripts/recheck_draw.py`` (一公开; 国办发〔2019〕5号)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from zhifa.inspections.models import Draw, InspectionPlan
from zhifa.inspections.services import draw_results
from zhifa.inspections.services.draws import DEFINITION

#: How many codes of a pool the page lists (the JSON holds them all).
SHOWN_CODES = 200


def plans(request: HttpRequest) -> HttpResponse:
    rows = (
        InspectionPlan.objects.public()
        .select_related("lead_agency", "draw")
        .prefetch_related("matters", "agencies")
    )
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    for plan in page:
        draw = getattr(plan, "draw", None)
        found = draw_results.results(draw) if draw is not None else []
        plan.results_done = sum(1 for r in found if r["done"])
        plan.results_total = len(found)
    return render(request, "public_inspections/plans.html", {"page": page})


def draw(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Draw.objects.public().select_related("plan__lead_agency"), pk=pk)
    pools = list(found.pools.select_related("stratum"))
    for pool in pools:
        codes = pool.code_list
        pool.shown = codes[:SHOWN_CODES]
        pool.more = max(0, len(codes) - SHOWN_CODES)
    revealed = bool(found.revealed_seed)
    results = draw_results.results(found)
    context = {
        "draw": found,
        "plan": found.plan,
        "pools": pools,
        "revealed": revealed,
        "exclusions": found.exclusions.all()[:500],
        "exclusion_count": found.exclusions.count(),
        "inspector_rows": found.inspector_draws.select_related("target", "agency")
        if found.inspector_commitment
        else [],
        "definition": DEFINITION,
        "results": results,
        "done_count": sum(1 for r in results if r["done"]),
        "json_url": request.build_absolute_uri(reverse("api-public-draw", args=[found.pk])),
    }
    return render(request, "public_inspections/draw.html", context)


app_name = "public_inspections"
urlpatterns = [
    path("", plans, name="plans"),
    path("draws/<int:pk>/", draw, name="draw"),
]
