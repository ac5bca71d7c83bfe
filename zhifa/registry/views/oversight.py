"""Staffing ratios, training campaigns and drills, and the registry's home-panel summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core.forms import call_service
from zhifa.org.models import Agency, Role, User
from zhifa.org.scope import agency_data_q
from zhifa.registry import queries, todos
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.forms import (
    CampaignForm,
    DrillForm,
)
from zhifa.registry.models import (
    Officer,
    OfficerStatus,
)
from zhifa.registry.services import training
from zhifa.registry.views.common import (
    OVERSEERS,
    admin_agencies,
    require_roles,
    tabs_for,
)
from zhifa.registry.views.drills import drill_listing


@dataclass(frozen=True)
class StaffingRow:
    """An agency's staffing figures (see ``queries.AgencyStaffing``) and what the page flags."""

    figures: queries.AgencyStaffing

    def __getattr__(self, name: str) -> Any:
        if name == "figures":
            raise AttributeError(name)
        return getattr(self.figures, name)

    @property
    def empty(self) -> bool:
        """No officer registered (e.g. a 交通运输局 whose 支队 enforces): not a shortfall."""
        return self.figures.officers == 0

    @property
    def has_shortfall(self) -> bool:
        return not self.empty and bool(
            self.figures.reviewer_shortfall or self.figures.drill_shortfall
        )


def staffing_rows(agencies: QuerySet[Agency], year: int) -> list[StaffingRow]:
    """Staffing per agency, shortfalls first (legal reviewers or drills short), then by officers
    short of training hours; agencies without registered officers last."""
    rows = [
        StaffingRow(r)
        for r in queries.staffing(agencies.select_related("region", "delegating_agency"), year)
    ]
    return sorted(rows, key=lambda r: (r.empty, not r.has_shortfall, -r.short_of_training))


@login_required
def staffing(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_roles(user, *OVERSEERS)
    today = timezone.localdate()
    agencies = Agency.objects.filter(agency_data_q(user, path=""), is_active=True)
    rows = staffing_rows(agencies, today.year)
    active = [r for r in rows if not r.empty]
    summary = {
        "agencies": len(active),
        "reviewer_short": sum(1 for r in active if r.reviewer_shortfall),
        "drill_short": sum(1 for r in active if r.drill_shortfall),
        "training_short": sum(r.short_of_training for r in active),
    }
    context = {
        "rows": rows,
        "summary": summary,
        "year": today.year,
        "required_hours": queries.required_training_hours(),
        **tabs_for(user),
    }
    return render(request, "registry/staffing.html", context)


@login_required
def training_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    agencies = admin_agencies(user)
    if not agencies:
        raise PermissionDenied("只有信息管理员可以登记培训和岗位练兵")
    today = timezone.localdate()
    people = (
        Officer.objects.visible_to(user)
        .filter(agency__in=agencies, status=OfficerStatus.ON_DUTY)
        .select_related("agency", "unit")
    )
    act = request.POST.get("act") if request.method == "POST" else None
    options = {"agencies": agencies, "officers": people}
    campaign = CampaignForm(
        request.POST if act == "campaign" else None,
        prefix="campaign",
        initial={"held_on": today},
        **options,
    )
    drill = DrillForm(
        request.POST if act == "drill" else None,
        prefix="drill",
        initial={"held_on": today},
        **options,
    )
    if act == "campaign" and campaign.is_valid():
        data = {k: v for k, v in campaign.cleaned_data.items() if k not in _PARTICIPANTS}
        records = call_service(
            campaign, training.record_training_campaign, user, campaign.chosen(), **data
        )
        if records is not None:
            messages.success(request, f"已为{len(records)}名执法人员登记培训“{data['course']}”")
            return redirect("registry:training")
    elif act == "drill" and drill.is_valid():
        data = drill.cleaned_data
        held = call_service(
            drill,
            training.record_drill,
            user,
            data["agency"],
            title=data["title"],
            held_on=data["held_on"],
            participants=drill.chosen(),
        )
        if held is not None:
            messages.success(request, f"已登记岗位练兵“{held.title}”")
            return redirect("registry:training")
    listing = drill_listing(request)
    context = {
        "campaign_form": campaign,
        "drill_form": drill,
        "page": listing.paginate(listing.order(listing.filtered.select_related("agency"))),
        "export_url": reverse("registry:drill_export"),
        "year": today.year,
        **tabs_for(user),
    }
    return listing.render("registry/training.html", "registry/_drill_rows.html", context)


_PARTICIPANTS = ("agency", "everyone", "officers", "participants")


# ---------------------------------------------------------------------------------------------
# 工作台 panels (declared in RegistryConfig.home_panels, composed by the portal)
# ---------------------------------------------------------------------------------------------


def home_summary(user: User, role: str) -> dict[str, Any]:
    """A light registry summary for the role's panel on the 工作台."""
    today = timezone.localdate()
    if role in (Role.OFFICER, Role.LEGAL_REVIEWER):
        officer = Officer.objects.filter(user=user).select_related("agency").first()
        if officer is None:
            return {"officer": None}
        hours = queries.training_hours(officer, today.year)
        required = queries.required_training_hours()
        return {
            "officer": officer,
            "eligibility": can_enforce(officer, today),
            "hours": hours,
            "required_hours": required,
            "percent": min(100, int(hours * 100 / required)) if required else 100,
        }
    if role in (Role.AGENCY_HEAD, Role.AGENCY_ADMIN):
        agencies = Agency.objects.where_role(user, role)
        return {
            "rows": staffing_rows(agencies, today.year),
            "year": today.year,
            "required_hours": queries.required_training_hours(),
            "reviews_due": todos.reviews_due(agencies, today),
            "expiring": todos.expiring(agencies, today),
        }
    if role == Role.SUPERVISOR:
        agencies = Agency.objects.filter(agency_data_q(user, path=""), is_active=True)
        rows = [r for r in staffing_rows(agencies, today.year) if r.has_shortfall]
        due = todos.reviews_due(agencies, today)
        return {
            "short": rows,
            "year": today.year,
            "reviews_due": len(due),
            "review_deadline": due[0].deadline if due else None,
            "expiring": len(todos.expiring(agencies, today)),
        }
    return {}
