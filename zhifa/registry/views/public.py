"""Public pages (mounted at /public/, no login): each enforcement body's 主体资格 record and its
执法人员信息公示 — name, field, certificate number and its state today. Never an ID number or a
phone number of a person; only officers on duty in an enforcement post are listed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from zhifa.org.models import Agency
from zhifa.registry.forms import PublicOfficerSearchForm, PublicSearchForm
from zhifa.registry.models import Officer, OfficerStatus
from zhifa.registry.queries import certificate_q
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


def agency_list(request: HttpRequest) -> HttpResponse:
    form = PublicSearchForm(request.GET or None)
    agencies = (
        Agency.objects.filter(is_active=True)
        .select_related("region", "delegating_agency")
        .annotate(published=Count("officers", filter=PUBLISHED))
        .order_by("region__code", "name")
    )
    if form.is_valid():
        q, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
        if q:
            agencies = agencies.filter(Q(name__contains=q) | Q(short_name__contains=q))
        if kind:
            agencies = agencies.filter(kind=kind)
    page = Paginator(agencies, 30).get_page(request.GET.get("page"))
    template = "public/_agency_rows.html" if request.htmx else "public/agency_list.html"
    return render(request, template, {"form": form, "page": page})


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


def officer_search(request: HttpRequest) -> HttpResponse:
    """亮证核验: find an officer by name or certificate number."""
    form = PublicOfficerSearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        q = form.cleaned_data["q"].strip()
        found = published_officers().filter(Q(name__contains=q) | certificate_q(q))
        ids = found.values("pk")
        page = Paginator(
            published_officers().filter(pk__in=ids).order_by("agency__name", "name"), 30
        ).get_page(request.GET.get("page"))
        page.object_list = _with_certificates_today(page.object_list)
    return render(
        request,
        "public/officer_search.html",
        {"form": form, "page": page, "today": timezone.localdate()},
    )


urlpatterns: list = [
    path("agencies/", agency_list, name="agency_list"),
    path("agencies/<int:pk>/", agency_detail, name="agency_detail"),
    path("officers/", officer_search, name="officer_search"),
]
