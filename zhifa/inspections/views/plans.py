"""Plan pages (mounted at /inspections/): the list (ListPage), a new plan, a plan with the actions
its workflow table offers the user (the same table as the API's ``actions/{step}``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core import workflow
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, ListPage
from zhifa.inspections import plan_excel
from zhifa.inspections.filters import PlanFilter
from zhifa.inspections.forms import OpinionForm, PlanForm, ratio_field_name
from zhifa.inspections.models import Draw, InspectionPlan
from zhifa.inspections.services import draws, plans
from zhifa.org.models import Agency
from zhifa.org.roles import BUSINESS_ROLES, Role

READERS = (*BUSINESS_ROLES, Role.SUPERVISOR)
DRAFTERS = (Role.OFFICER, Role.AGENCY_ADMIN)
#: Steps that take an opinion (the rest take nothing on this page; revise has its own page).
WITH_OPINION = ("send_back", "acknowledge", "return")

PLAN_LIST = ListPage(
    filterset=PlanFilter,
    columns=(
        Column("name", "计划名称", ("name",)),
        Column("kind", "检查类型", ("kind",)),
        Column("agency", "牵头部门", ("lead_agency__name",)),
        Column("period", "检查期限", ("period_start",)),
        Column("status", "状态", ("status",)),
        Column("draw", "抽取"),
    ),
    default_order=("-period_start",),
)


def _require_reader(user: Any) -> None:
    if not user.has_role(*READERS):
        raise PermissionDenied("您的角色无权查看抽查计划")


def _plan_listing(request: HttpRequest) -> Any:
    user = request.user
    _require_reader(user)
    rows = InspectionPlan.objects.visible_to(user).select_related("lead_agency", "draw")
    return PLAN_LIST.bind(request, rows)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    listing = _plan_listing(request)
    page = listing.paginate(listing.order(listing.filtered))
    context = {
        "page": page,
        "may_draft": Agency.objects.where_role(request.user, *DRAFTERS).exists(),
        "export_url": reverse("inspections:plan_export"),
    }
    return listing.render("inspections/plan_list.html", "inspections/_plan_rows.html", context)


@login_required
def plan_export(request: HttpRequest) -> HttpResponse:
    """The rows of the plans list (same filters, scope and order), every page."""
    filename = f"抽查计划_{timezone.localdate():%Y%m%d}.xlsx"
    return _plan_listing(request).export(plan_excel.export_plans_xlsx, filename)


def _drafting_agencies(user: Any) -> Any:
    agencies = Agency.objects.where_role(user, *DRAFTERS)
    if not agencies.exists():
        raise PermissionDenied("只有执法主体的执法人员或信息管理员可以制定抽查计划")
    return agencies


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    agencies = _drafting_agencies(user)
    form = PlanForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        plan = call_service(
            form, plans.create_plan, user, form.cleaned_data["lead_agency"], **form.service_data()
        )
        if plan is not None:
            messages.success(request, f"已新建抽查计划“{plan.name}”")
            return redirect("inspections:plan_detail", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    plan = get_object_or_404(InspectionPlan.objects.visible_to(user), pk=pk)
    workflow.require_role(plan, "revise", user)
    initial = {
        "lead_agency": plan.lead_agency,
        "name": plan.name,
        "kind": plan.kind,
        "agencies": list(plan.agencies.all()),
        "matters": list(plan.matters.all()),
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "basis": plan.basis,
        "regions": list(plan.regions.all()),
        "industries": ",".join(plan.industries),
        "party_kinds": plan.party_kinds,
        **{
            ratio_field_name(s.risk_class, s.credit_grade): s.ratio
            for s in plan.strata.all()
            if s.risk_class and s.credit_grade
        },
    }
    agencies = Agency.objects.filter(pk=plan.lead_agency_id)
    form = PlanForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, workflow.transition, plan, "revise", user, **form.service_data())
        if done is not None:
            messages.success(request, "计划已修改")
            return redirect("inspections:plan_detail", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "plan": plan})


def _require_some_role(plan: InspectionPlan, user: Any) -> None:
    """A request naming no step of the table: refused unless the user may act on the plan at
    all (draft, draw, or supervise it), so that it learns nothing either way."""
    acts = InspectionPlan.objects.restrict(user, "change") | InspectionPlan.objects.restrict(
        user, "draw"
    )
    if not (acts.filter(pk=plan.pk).exists() or user.has_role(Role.SUPERVISOR)):
        raise PermissionDenied("您无权办理此事项")


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    plan = get_object_or_404(
        InspectionPlan.objects.visible_to(user).select_related("lead_agency", "justice_bureau"),
        pk=pk,
    )
    form = OpinionForm(request.POST or None)
    if request.method == "POST":
        act = request.POST.get("act", "")
        if act == "freeze":
            draw = call_service(form, draws.start_draw, user, plan)
            if draw is not None:
                messages.success(request, "抽取名单已冻结，请核对后公布")
                return redirect("inspections:draw_detail", pk=draw.pk)
        elif act not in {s.action for s in workflow.table_of(plan).steps}:
            _require_some_role(plan, user)
            form.add_error(None, "未知的操作")
        else:
            workflow.require_role(plan, act, user)
            data = {"opinion": request.POST.get("opinion", "")} if act in WITH_OPINION else {}
            if form.is_valid() and call_service(form, workflow.transition, plan, act, user, **data):
                plan.refresh_from_db()
                messages.success(request, f"{plan.name}：{plan.get_status_display()}")
                return redirect("inspections:plan_detail", pk=plan.pk)
    actions = [a for a in workflow.available_actions(plan, user) if a.action != "revise"]
    draw = Draw.objects.filter(plan=plan).first()
    context = {
        "plan": plan,
        "strata": plan.strata.all(),
        "matters": plan.matters.select_related("agency"),
        "agencies": plan.agencies.all(),
        "regions": plan.regions.all(),
        "actions": actions,
        "with_opinion": WITH_OPINION,
        "may_revise": "revise" in workflow.allowed_actions(plan, user),
        "draw": draw,
        "may_draw": draw is None
        and InspectionPlan.objects.restrict(user, "draw").filter(pk=plan.pk).exists()
        and draws.plan_is_drawable(None, user, {"plan": plan}) is None,
        "form": form,
        "list_url": reverse("inspections:plan_list"),
    }
    return render(request, "inspections/plan_detail.html", context)
