"""Public pages (mounted at /public/, no login): each enforcement body's 主体资格 record and its
执法人员信息公示 — name, field, certificate number and its state today. Never an ID number or a
phone number of a person; only officers on duty in an enforcement post are listed."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from zhifa.core.listing import Column, ListPage
from zhifa.org.filters import PublicAgencyFilter
from zhifa.org.models import Agency
from zhifa.registry.filters import PublicOfficerFilter
from zhifa.registry.models import Officer, OfficerStatus
from zhifa.registry.views.common import current_certificate, with_certificates

PUBLISHED = Q(officers__status=OfficerStatus.ON_DUTY, officers__in_enforcement_post=True)


def published_officers() -> QuerySet[Officer]:
    """The officers the public may see: on duty, in an enforcement post."""
    return with_certificates(
        Officer.objects.filter(status=OfficerStatus.ON_DUTY, in_enforcement_post=True)
        .select_related("agency")
        .prefetch_related("fields")
        .only("id", "name", "agency__id", "agency__name", "agency__short_name")
    )


def _with_certificates_today(officers) -> list[Officer]:
    today = timezone.localdate()
    rows = list(officers)
    for officer in rows:
        officer.current = current_certificate(officer, today)
    return rows


PUBLIC_AGENCY_LIST = ListPage(
    filterset=PublicAgencyFilter,
    columns=(
        Column("name", "执法主体", ("name",)),
        Column("kind", "主体类型", ("kind",)),
        Column("region", "所属区划", ("region__code",)),
        Column("published", "执法人员", ("published",)),
        Column("phone", "投诉电话"),
    ),
    default_order=("region__code", "name"),
)


def agency_list(request: HttpRequest) -> HttpResponse:
    listing = PUBLIC_AGENCY_LIST.bind(request, Agency.objects.filter(is_active=True))
    agencies = (
        Agency.objects.filter(pk__in=listing.filtered.values("pk"))
        .select_related("region", "delegating_agency")
        .annotate(published=Count("officers", filter=PUBLISHED))
    )
    page = listing.paginate(listing.order(agencies))
    return listing.render("public/agency_list.html", "public/_agency_rows.html", {"page": page})


def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(
        Agency.objects.filter(is_active=True).select_related("region", "delegating_agency"), pk=pk
    )
    officers = _with_certificates_today(published_officers().filter(agency=agency))
    return render(
        request,
        "public/agency_detail.html",
        {"agency": agency, "officers": officers, "today": timezone.localdate()},
    )


PUBLIC_OFFICER_SEARCH = ListPage(
    filterset=PublicOfficerFilter,
    columns=(
        Column("name", "姓名", ("name",)),
        Column("agency", "执法主体", ("agency__name",)),
        Column("fields", "执法领域"),
        Column("number", "执法证件编号"),
        Column("state", "证件状态"),
    ),
    default_order=("agency__name", "name"),
)


def officer_search(request: HttpRequest) -> HttpResponse:
    """亮证核验: find an officer by name or certificate number (nothing is listed until a name
    or number is given: the page verifies, it does not enumerate)."""
    listing = PUBLIC_OFFICER_SEARCH.bind(request, published_officers())
    page = None
    if listing.filterset.is_valid() and listing.filterset.form.cleaned_data.get("q", "").strip():
        page = listing.paginate(listing.order(listing.filtered))
        page.object_list = _with_certificates_today(page.object_list)
    context = {"page": page, "today": timezone.localdate()}
    return listing.render("public/officer_search.html", "public/_officer_search_rows.html", context)


urlpatterns: list = [
    path("agencies/", agency_list, name="agency_list"),
    path("agencies/<int:pk>/", agency_detail, name="agency_detail"),
    path("officers/", officer_search, name="officer_search"),
]
