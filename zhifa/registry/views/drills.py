"""The 岗位练兵 list of the training page (and its Excel export) on the core list-page helper:
the drills of the agencies whose registry the user keeps, this year's unless the filter says."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from zhifa.core.listing import Column, Listing, ListPage
from zhifa.registry import excel
from zhifa.registry.filters import DrillFilter
from zhifa.registry.models import Drill
from zhifa.registry.views.common import admin_agencies

DRILL_LIST = ListPage(
    filterset=DrillFilter,
    columns=(
        Column("held_on", "日期", ("held_on",)),
        Column("agency", "执法主体", ("agency__region__code", "agency__name")),
        Column("title", "练兵项目", ("title",)),
        Column("people", "参加人数", ("people",)),
    ),
    default_order=("-held_on", "agency__name"),
    per_page=20,
)


def drill_listing(request: HttpRequest) -> Listing:
    """The drills of the user's own agencies (信息管理员), this year's by default."""
    agencies = admin_agencies(request.user)
    if not agencies:
        raise PermissionDenied("只有信息管理员可以登记培训和岗位练兵")
    rows = Drill.objects.filter(agency__in=agencies).annotate(people=Count("participants"))
    spec = replace(DRILL_LIST, defaults={"year": str(timezone.localdate().year)})
    return spec.bind(request, rows)


@login_required
def drill_export(request: HttpRequest) -> HttpResponse:
    """The drills of the training page with its filters and order, every page of them."""
    filename = f"{excel.DRILLS.title}_{timezone.localdate():%Y%m%d}.xlsx"
    return drill_listing(request).export(excel.export_drills, filename)
