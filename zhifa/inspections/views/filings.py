"""Pre-filing pages (mounted at /inspections/): the filings list (an officer's own with 我经办的,
the head's approvals with 待审批, the supervisors' with the flags), the phone-friendly new filing
form, and one filing with the actions its workflow table offers and its joint offers.

Reads go through ``Inspection.objects.restrict`` (outsiders: 404); writes through the services
(their Chinese errors on the form); an action the user's roles do not allow is a 403 before the
form is read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from zhifa.core import workflow
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, Listing, ListPage
from zhifa.core.scoping import chosen_or_first
from zhifa.inspections import filing_excel, history
from zhifa.inspections.filing_filters import InspectionFilter, describe_flags, with_flags
from zhifa.inspections.filing_forms import DecisionForm, FilingForm
from zhifa.inspections.models import Inspection, InspectionStatus, JointOffer
from zhifa.inspections.services import filings, joint
from zhifa.org.models import Agency, Role, User

#: Who reads the filings: the agencies' staff and the supervisors.
READERS = (Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR)
#: Who files: an agency's officers and its head.
FILERS = (Role.OFFICER, Role.AGENCY_HEAD)
ACTIONS = ("submit", "approve", "refuse", "withdraw")


def _require_reader(user: User) -> None:
    if not user.has_role(*READERS):
        raise PermissionDenied("您的角色无权查看涉企检查备案")


def visible(user: User) -> QuerySet[Inspection]:
    return Inspection.objects.restrict(user).select_related("party", "lead_agency", "filed_by")


FILING_LIST = ListPage(
    filterset=InspectionFilter,
    columns=(
        Column("number", "备案号", ("pk",)),
        Column("party", "检查对象", ("party__name",)),
        Column("kind", "类型", ("kind",)),
        Column("agency", "牵头执法主体", ("lead_agency__name",)),
        Column("window", "检查时段", ("window_start", "window_end")),
        Column("status", "状态", ("status",)),
        Column("flags", "标记"),
    ),
    default_order=("-window_start",),
)


def filing_listing(request: HttpRequest) -> Listing:
    _require_reader(request.user)
    return FILING_LIST.bind(request, visible(request.user))


@login_required
def filing_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    listing = filing_listing(request)
    page = listing.paginate(with_flags(listing.order(listing.filtered)))
    cap = history.yearly_cap()
    for inspection in page:
        inspection.flags = describe_flags(inspection, cap)
    context = {
        "page": page,
        "may_file": user.has_role(*FILERS),
        "export_url": reverse("inspections:filing_export"),
        "cap": cap,
    }
    return listing.render("inspections/filing_list.html", "inspections/_filing_rows.html", context)


@login_required
def filing_export(request: HttpRequest) -> HttpResponse:
    """The rows of the list page (same filters, scope and order), every page."""
    filename = f"涉企检查备案_{timezone.localdate():%Y%m%d}.xlsx"
    return filing_listing(request).export(filing_excel.export_inspections_xlsx, filename)


def _filing_agencies(user: User) -> QuerySet[Agency]:
    return Agency.objects.where_role(user, *FILERS).order_by("pk")


@login_required
def filing_create(request: HttpRequest) -> HttpResponse:
    """The new filing, one column on a phone; 提交审批 files and submits, 保存草稿 only files."""
    user = request.user
    agencies = _filing_agencies(user)
    if not agencies.exists():
        raise PermissionDenied("只有执法主体的执法人员或负责人可以备案涉企检查")
    agency = chosen_or_first(request, agencies)
    form = FilingForm(request.POST or None, agency=agency, user=user)
    if request.method == "POST" and form.is_valid():
        inspection = call_service(
            form,
            filings.file_inspection,
            user,
            agency,
            submit=request.POST.get("act") != "draft",
            **form.service_data(),
        )
        if inspection is not None:
            messages.success(request, f"{inspection}已{inspection.get_status_display()}")
            return redirect("inspections:filing_detail", pk=inspection.pk)
    context = {"form": form, "agency": agency, "agencies": agencies}
    return render(request, "inspections/filing_form.html", context)


def _act(request: HttpRequest, inspection: Inspection, form: DecisionForm) -> bool:
    user, act = request.user, request.POST.get("act")
    if act not in ACTIONS:
        raise PermissionDenied("未知的操作")
    workflow.require_role(inspection, act, user)
    if not form.is_valid():
        return False
    opinion = form.cleaned_data["opinion"]
    data = {"submit": {}, "withdraw": {"reason": opinion}}.get(act, {"opinion": opinion})
    return call_service(form, workflow.transition, inspection, act, user, **data) is not None


def _answer(request: HttpRequest, inspection: Inspection, form: DecisionForm) -> bool:
    user, act = request.user, request.POST.get("act")
    offer = get_object_or_404(
        joint.open_offers(inspection).filter(pk__in=JointOffer.objects.restrict(user).values("pk")),
        pk=request.POST.get("offer") if str(request.POST.get("offer", "")).isdigit() else 0,
    )
    if act not in ("accept", "decline"):
        raise PermissionDenied("未知的操作")
    workflow.require_role(offer, act, user)
    data = {"note": request.POST.get("opinion", "")} if act == "decline" else {}
    return call_service(form, workflow.transition, offer, act, user, **data) is not None


@login_required
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One filing with the actions the user may take now (with the reasons when blocked) and its
    open joint offers; an outsider gets 404, as in the API."""
    user = request.user
    inspection = get_object_or_404(visible(user).select_related("decided_by"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        handler = _answer if "offer" in request.POST else _act
        if handler(request, inspection, form):
            messages.success(request, "已办理")
            return redirect("inspections:filing_detail", pk=inspection.pk)
        inspection.refresh_from_db()
    offers = list(
        JointOffer.objects.restrict(user)
        .filter(pk__in=joint.open_offers(inspection).values("pk"))
        .select_related("first__lead_agency", "second__lead_agency", "first__party")
    )
    for offer in offers:
        offer.actions = workflow.available_actions(offer, user)
        offer.partner = offer.second if offer.first_id == inspection.pk else offer.first
    context = {
        "inspection": inspection,
        "agencies": list(inspection.agencies.order_by("pk")),
        "officers": list(inspection.officers.select_related("agency")),
        "matters": list(inspection.matters.all()),
        "actions": [a for a in workflow.available_actions(inspection, user) if a.action in ACTIONS],
        "offers": offers,
        "form": form,
        "absorbed": list(inspection.absorbed.select_related("lead_agency")),
        "shown_state": InspectionStatus(inspection.status).label,
    }
    return render(request, "inspections/filing_detail.html", context)


def home_summary(user: User, role: str) -> dict[str, Any]:
    """The to-dos of the 工作台: a head's filings awaiting approval, the open joint offers of the
    user's agencies, an officer's drafts; a supervisor's flagged filings."""
    if role == Role.SUPERVISOR:
        rows = Inspection.objects.restrict(user)
        return {
            "emergencies": rows.filter(emergency=True, status=InspectionStatus.SUBMITTED).count(),
            "offers": JointOffer.objects.restrict(user).filter(status="open").count(),
        }
    agencies = Agency.objects.where_role(user, role)
    mine = Inspection.objects.filter(lead_agency__in=agencies)
    offers = JointOffer.objects.filter(status="open").filter(
        pk__in=JointOffer.objects.restrict(user, "change").values("pk")
    )
    summary: dict[str, Any] = {
        "offers": list(offers.select_related("first__party", "first", "second")[:10]),
    }
    if role == Role.AGENCY_HEAD:
        summary["approvals"] = list(
            mine.filter(status=InspectionStatus.SUBMITTED).select_related("party")[:10]
        )
        summary["approval_count"] = mine.filter(status=InspectionStatus.SUBMITTED).count()
    else:
        summary["drafts"] = list(
            mine.filter(status=InspectionStatus.DRAFT, filed_by=user).select_related("party")[:10]
        )
    return summary


urlpatterns = [
    path("filings/", filing_list, name="filing_list"),
    path("filings/export.xlsx", filing_export, name="filing_export"),
    path("filings/new/", filing_create, name="filing_create"),
    path("filings/<int:pk>/", filing_detail, name="filing_detail"),
]
