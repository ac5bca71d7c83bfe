"""执法主体 pages: list and detail (scoped), the agency's units, edits through services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core.forms import call_service
from zhifa.core.listing import Column, Listing, ListPage
from zhifa.core.scoping import CHANGE, permits
from zhifa.org import queries
from zhifa.org.excel import AGENCIES, export_agencies
from zhifa.org.filters import AgencyFilter
from zhifa.org.models import Agency, Unit, UnitKind
from zhifa.org.services import organisation

AGENCY_LIST = ListPage(
    filterset=AgencyFilter,
    columns=(
        Column("name", "名称", ("name",)),
        Column("kind", "主体类型", ("kind",)),
        Column("region", "所属区划", ("region__code",)),
        Column("phone", "投诉电话"),
    ),
    default_order=("region__code", "name"),
)


def agency_listing(request: HttpRequest) -> Listing:
    """The agencies the user sees, with the API's AgencyFilter (the page and its export)."""
    return AGENCY_LIST.bind(request, queries.agencies_for(request.user))


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    listing = agency_listing(request)
    page = listing.paginate(listing.order(listing.filtered))
    context = {"page": page, "export_url": reverse("agency_export")}
    return listing.render("org/agency_list.html", "org/_agency_rows.html", context)


@login_required
def agency_export(request: HttpRequest) -> HttpResponse:
    """The list's agencies, with its filters and order, as an .xlsx file."""
    filename = f"{AGENCIES.title}_{timezone.localdate():%Y%m%d}.xlsx"
    return agency_listing(request).export(export_agencies, filename)


class UnitForm(forms.Form):
    name = forms.CharField(label="科室名称", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=UnitKind.choices)
    phone = forms.CharField(label="办公电话", max_length=30, required=False)


class AgencyContactForm(forms.Form):
    legal_representative = forms.CharField(label="法定代表人/负责人", max_length=50, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    complaint_phone = forms.CharField(label="投诉电话", max_length=30, required=False)


def _may_manage(user, agency: Agency) -> bool:
    """The system administrator, or the agency's information administrator (``change`` scope)."""
    return permits(user, agency, CHANGE)


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(queries.agencies_for(request.user), pk=pk)
    may_manage = _may_manage(request.user, agency)
    unit_form = UnitForm(prefix="unit")
    contact_form = AgencyContactForm(
        prefix="contact",
        initial={f: getattr(agency, f) for f in AgencyContactForm.base_fields},
    )
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied("只有系统管理员或本单位信息管理员可以修改执法主体信息")
        if "unit-name" in request.POST:
            unit_form = UnitForm(request.POST, prefix="unit")
            if unit_form.is_valid() and call_service(
                unit_form, organisation.create_unit, request.user, agency, **unit_form.cleaned_data
            ):
                messages.success(request, "已新增科室")
                return redirect("agency_detail", pk=agency.pk)
        else:
            contact_form = AgencyContactForm(request.POST, prefix="contact")
            if contact_form.is_valid() and call_service(
                contact_form,
                organisation.update_agency,
                request.user,
                agency,
                **contact_form.cleaned_data,
            ):
                messages.success(request, "已保存")
                return redirect("agency_detail", pk=agency.pk)
    context = {
        "agency": agency,
        "units": Unit.objects.visible_to(request.user).filter(agency=agency),
        "may_manage": may_manage,
        "unit_form": unit_form,
        "contact_form": contact_form,
        **queries.agency_overview(request.user, agency),
    }
    return render(request, "org/agency_detail.html", context)
