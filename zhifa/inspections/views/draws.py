"""The draw page (/inspections/draws/<id>/): pools, exclusions, commitment, seed, selection,
inspectors, and the steps of the draw's workflow table; conflicts of interest (回避)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.core import workflow
from zhifa.core.forms import call_service
from zhifa.inspections.forms import ConflictForm, VisitDayForm
from zhifa.inspections.models import DRAW, ConflictOfInterest, Draw
from zhifa.inspections.services import conflicts, draw_filings
from zhifa.org.models import Agency
from zhifa.org.roles import Role
from zhifa.parties.models import Party
from zhifa.registry.models import Officer

#: Steps that cannot be undone: the page asks for an explicit confirmation.
IRREVERSIBLE = {
    "announce": "公布后名单和承诺值不能更改",
    "draw": "揭示种子后抽取结果即确定，不能重抽",
    "freeze_inspectors": "公布后检查人员名单和承诺值不能更改",
    "assign": "揭示种子后检查人员即确定，不能重抽",
    "publish": "公开后结果对社会公开",
}


@login_required
def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    draw = get_object_or_404(
        Draw.objects.visible_to(user).select_related("plan__lead_agency"), pk=pk
    )
    visit_form = VisitDayForm(prefix="visit", initial={"visit_on": draw.plan.period_start})
    error_form = forms.Form(request.POST or None)
    if request.method == "POST":
        act = request.POST.get("act", "")
        if act not in {s.action for s in workflow.table_of(draw).steps}:
            if not Draw.objects.restrict(user, DRAW).filter(pk=draw.pk).exists():
                raise PermissionDenied("只有牵头部门的负责人或信息管理员可以办理抽取")
            act = ""
        else:
            workflow.require_role(draw, act, user)
        data: dict = {}
        ok = True
        if act == "freeze_inspectors":
            visit_form = VisitDayForm(request.POST, prefix="visit")
            ok = visit_form.is_valid()
            if ok:
                data = dict(visit_form.cleaned_data)
            error_form = visit_form
        if not act:
            error_form.add_error(None, "未知的操作")
            ok = False
        if ok and act in IRREVERSIBLE and request.POST.get("confirm") != "yes":
            error_form.add_error(None, f"请勾选确认：{IRREVERSIBLE[act]}")
            ok = False
        if ok and call_service(error_form, workflow.transition, draw, act, user, **data):
            draw.refresh_from_db()
            messages.success(request, f"{draw.plan.name}：{draw.get_status_display()}")
            return redirect("inspections:draw_detail", pk=draw.pk)
    pools = list(draw.pools.select_related("stratum").defer("codes"))
    targets = list(
        draw.targets.select_related("party").prefetch_related(
            "inspector_draws__officers", "inspector_draws__agency"
        )
    )
    exclusions = Paginator(draw.exclusions.all(), 50).get_page(request.GET.get("page"))
    filings = dict(draw.plan.inspections.values_list("party_id", "pk"))
    for target in targets:
        target.filing_id = filings.get(target.party_id)
    context = {
        "draw": draw,
        "plan": draw.plan,
        "pools": pools,
        "targets": targets,
        "exclusions": exclusions,
        "actions": workflow.available_actions(draw, user),
        "irreversible": IRREVERSIBLE,
        "visit_form": visit_form,
        "error_form": error_form,
        "public_url": reverse("public_inspections:draw", args=[draw.pk]),
        "json_url": reverse("api-public-draw", args=[draw.pk]),
        "plan_is_joint": draw.plan.is_joint,
        "may_file_targets": draw_filings.may_file(user, draw),
        "file_targets_refusal": draw_filings.fileable_reason(draw),
        "unfiled": sum(1 for t in targets if t.filing_id is None),
    }
    return render(request, "inspections/draw_detail.html", context)


@login_required
@require_POST
def file_targets(request: HttpRequest, pk: int) -> HttpResponse:
    """按抽取结果生成备案: one pre-filing per target (``services/draw_filings.py``)."""
    user = request.user
    draw = get_object_or_404(Draw.objects.visible_to(user), pk=pk)
    if not draw_filings.may_file(user, draw):
        raise PermissionDenied("只有牵头部门的执法人员或负责人可以按抽取结果生成备案")
    try:
        result = draw_filings.file_drawn_targets(user, draw)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("inspections:draw_detail", pk=draw.pk)
    messages.success(
        request,
        f"已生成{len(result.created)}份检查备案并提交审批"
        + (f"；{len(result.already)}家此前已生成" if result.already else ""),
    )
    for target, reasons in result.refused:
        messages.warning(
            request, f"{target.party.name}（{target.code}）未生成备案：{'；'.join(reasons)}"
        )
    return redirect("inspections:draw_detail", pk=draw.pk)


@login_required
def conflict_list(request: HttpRequest) -> HttpResponse:
    """回避 of the user's agencies' officers; the head or administrator records new ones."""
    user = request.user
    if not user.has_role(Role.OFFICER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR):
        raise PermissionDenied("您的角色无权查看回避登记")
    keepers = Agency.objects.where_role(user, Role.AGENCY_HEAD, Role.AGENCY_ADMIN)
    officers = Officer.objects.filter(agency__in=keepers).order_by("agency", "name")
    form = ConflictForm(request.POST or None, officers=officers)
    if request.method == "POST":
        if not keepers.exists():
            raise PermissionDenied("只有执法主体的负责人或信息管理员可以登记回避")
        if form.is_valid():
            code = form.cleaned_data["party_code"].strip().upper()
            party = Party.objects.visible_to(user).filter(uscc=code).first()
            if party is None:
                form.add_error("party_code", f"没有统一社会信用代码为{code}的企业")
            elif call_service(
                form,
                conflicts.record_conflict,
                user,
                form.cleaned_data["officer"],
                party,
                form.cleaned_data["reason"],
            ):
                messages.success(request, "回避已登记")
                return redirect("inspections:conflict_list")
    rows = ConflictOfInterest.objects.visible_to(user).select_related("officer", "party")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    context = {"page": page, "form": form if keepers.exists() else None}
    return render(request, "inspections/conflict_list.html", context)
