"""The coercive measure pages (行政强制措施, 强制法 arts. 18–28, 32): the list of the measures the
user sees (filters, numbered pages, Excel export, the soonest end first), a measure with its list
(清单), its time limit and the forms of the actions the user may take now, the form that requests a
measure or records one carried out on the spot, the case page's panel and the 工作台's to-dos.
Every action goes through :mod:`zhifa.cases.services.coercive`, as the API does."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zhifa.cases import coercive_queries, page_reads
from zhifa.cases.coercive_filters import CoerciveFilter
from zhifa.cases.coercive_forms import FORMS, MeasureForm
from zhifa.cases.models import Case
from zhifa.cases.models.coercive import RUNNING, CoerciveMeasure, CoerciveStatus
from zhifa.cases.services import coercive
from zhifa.cases.services import coercive_changes as changes
from zhifa.core import workflow
from zhifa.core.calendar import current_oracle
from zhifa.core.excel.sheets import Sheet
from zhifa.core.excel.writing import write_workbook
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, ListPage
from zhifa.core.scoping import CHANGE
from zhifa.core.workdays import YearDataMissing
from zhifa.org.models import Role

HANDLERS_ONLY = "只有本案承办人员或机关负责人可以办理"
LIST = ListPage(
    filterset=CoerciveFilter,
    columns=(
        Column("case", "案件", ("case__number",)),
        Column("kind", "措施", ("kind",)),
        Column("carried_out_at", "实施时间", ("carried_out_at",)),
        Column("status", "状态", ("status",)),
        Column("end", "期限"),
    ),
    default_order=("status", "-carried_out_at"),
)
SHEET = Sheet(
    kind="coercive_measures",
    title="行政强制措施",
    measure="项",
    columns=("案号", "案由", "措施", "当场实施", "实施地点", "实施时间", "状态", "期限届满日"),
    widths=(24, 30, 8, 8, 30, 18, 16, 14),
)


def timing(measure: CoerciveMeasure, today: Any, oracle: Any) -> dict[str, Any]:
    """The measure's last day, days left and whether it is overdue (强制法 arts. 25, 32); the
    missing holiday data said instead of a guess."""
    if measure.carried_out_at is None or not measure.is_running:
        return {}
    try:
        end = coercive.last_day(measure, oracle)
    except YearDataMissing as missing:
        return {"problem": str(missing)}
    left = end.days_left(today)
    return {
        "due": end.due,
        "days_left": left,
        "overdue": left < 0,
        "overdue_days": max(-left, 0),
        "explanation": end.explanation,
    }


def _annotated(rows: Any, oracle: Any = None) -> list[tuple[CoerciveMeasure, dict[str, Any]]]:
    today, oracle = timezone.localdate(), oracle or current_oracle()
    return [(m, timing(m, today, oracle)) for m in rows]


def _rows(user: Any) -> QuerySet:
    return CoerciveMeasure.objects.visible_to(user).select_related("case")


@require_safe
@login_required
def measure_list(request: HttpRequest) -> HttpResponse:
    """行政强制措施: the measures the user sees (the head's approvals, the supervisor's region)."""
    listing = LIST.bind(request, _rows(request.user))
    page = listing.paginate(listing.order(listing.filtered))
    context = {
        "page": page,
        "rows": _annotated(page),
        "export_url": reverse("coercive:export") + listing.query(),
    }
    return listing.render("cases/coercive/list.html", "cases/coercive/_rows.html", context)


@require_safe
@login_required
def measure_export(request: HttpRequest) -> HttpResponse:
    listing = LIST.bind(request, _rows(request.user))

    def write(rows: QuerySet) -> bytes:
        lines = []
        for m, t in _annotated(rows):
            at = timezone.localtime(m.carried_out_at) if m.carried_out_at else None
            lines.append(
                (
                    m.case.number,
                    m.case.title,
                    m.get_kind_display(),
                    "是" if m.emergency else "否",
                    m.place,
                    f"{at:%Y-%m-%d %H:%M}" if at else "",
                    m.get_status_display(),
                    t.get("due"),
                )
            )
        return write_workbook(SHEET, lines)

    return listing.export(write, "行政强制措施.xlsx")


def _measure(user: Any, pk: int) -> CoerciveMeasure:
    rows = CoerciveMeasure.objects.visible_to(user).select_related("case__agency")
    return get_object_or_404(rows, pk=pk)


def _detail(
    request: HttpRequest, measure: CoerciveMeasure, bound: dict | None = None
) -> HttpResponse:
    available = [
        a
        for a in workflow.available_actions(measure, request.user)
        if a.action in FORMS and (a.allowed or a.action != "decline_lift")
    ]
    forms_ = {
        a.action: (bound or {}).get(a.action)
        or FORMS[a.action](initial=_initial(measure, a.action))
        for a in available
    }
    when = timing(measure, timezone.localdate(), current_oracle())
    context = {
        "measure": measure,
        "case": measure.case,
        "items": list(measure.items.all()),
        "appraisals": list(measure.appraisal_periods.all()),
        "officers": list(measure.officers.order_by("name")),
        "timing": when,
        "signals": coercive_queries.signals(measure, when, timezone.now()),
        "actions": [(a, forms_[a.action]) for a in available],
    }
    status = 400 if bound else 200
    return render(request, "cases/coercive/detail.html", context, status=status)


@require_safe
@login_required
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _measure(request.user, pk))


def _act(form: Any, step: str, user: Any, measure: CoerciveMeasure) -> Any:
    data = form.cleaned_data
    if step in ("approve", "ratify"):
        service = coercive.approve if step == "approve" else coercive.ratify
        return call_service(form, service, user, measure, opinion=data["opinion"])
    if step in ("refuse", "annul"):
        service = coercive.refuse if step == "refuse" else coercive.annul
        return call_service(form, service, user, measure, opinion=data["opinion"])
    if step == "carry_out":
        moment = data["carried_out_at"]
        return call_service(form, coercive.carry_out, user, measure, carried_out_at=moment)
    if step == "report":
        return call_service(form, coercive.report, user, measure, report=data["report"])
    if step == "extend":
        return call_service(
            form, coercive.extend, user, measure, days=data["days"], reason=data["reason"]
        )
    if step == "correct_items":
        return call_service(form, changes.correct_items, user, measure, items=form.item_rows())
    if step == "record_appraisal":
        return call_service(form, changes.record_appraisal, user, measure, **data)
    if step == "propose_lift":
        return call_service(form, changes.propose_lift, user, measure, **data)
    if step == "decline_lift":
        return call_service(form, changes.decline_lift, user, measure, opinion=data["opinion"])
    return call_service(form, changes.lift, user, measure, **data)


def _initial(measure: CoerciveMeasure, step: str) -> dict[str, Any]:
    """What a form starts with: the list to correct; the reason the officers proposed."""
    if step == "correct_items":
        lines = ["|".join((i.name, i.quantity, i.place, i.note)) for i in measure.items.all()]
        return {"items": "\n".join(line.rstrip("|") for line in lines)}
    if step == "lift" and measure.lift_proposed:
        return {"reason": measure.lift_reason, "note": measure.lift_note, "items_returned": True}
    return {}


@require_POST
@login_required
def measure_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Take ``step`` on the measure (the workflow's actions), through the same services as the API."""
    measure = _measure(request.user, pk)
    if step not in FORMS:
        raise Http404("没有这一操作")
    workflow.require_role(measure, step, request.user)  # 403 before the form is read
    form = FORMS[step](request.POST)
    done = _act(form, step, request.user, measure) if form.is_valid() else None
    if done is None:
        return _detail(request, measure, {step: form})
    if done.late_report and step == "report":
        messages.warning(request, "已报告；距当场实施已超过24小时，已标记为逾期报告")
    else:
        messages.success(request, "已办理")
    return redirect("coercive:detail", pk=measure.pk)


@login_required
def measure_new(request: HttpRequest, case: int) -> HttpResponse:
    """Request a measure of the head, or record one carried out on the spot (the case's officers
    or the head)."""
    user = request.user
    found = get_object_or_404(Case.objects.visible_to(user).select_related("agency"), pk=case)
    if not Case.objects.restrict(user, CHANGE).filter(pk=found.pk).exists():
        raise PermissionDenied(HANDLERS_ONLY)
    form = MeasureForm(request.POST or None, case=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "kind": data["kind"],
            "place": data["place"],
            "reason": data["reason"],
            "officers": list(data["officers"]),
            "items": form.item_rows(),
        }
        if data["emergency"]:
            made = call_service(
                form,
                coercive.carry_out_on_spot,
                user,
                found,
                carried_out_at=data["carried_out_at"],
                **common,
            )
        else:
            made = call_service(form, coercive.request_measure, user, found, **common)
        if made is not None:
            messages.success(
                request, f"已登记{made.get_kind_display()}：{made.get_status_display()}"
            )
            return redirect("coercive:detail", pk=made.pk)
    status = 400 if form.errors else 200
    return render(request, "cases/coercive/new.html", {"case": found, "form": form}, status=status)


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The case page's coercive measure panel (``zhifa.cases.panels``)."""
    rows = CoerciveMeasure.objects.visible_to(user).filter(case=case).order_by("-pk")
    cache: dict = {}
    listed = []
    for measure, when in _annotated(rows, page_reads.oracle(case)):
        actions = [a for a in workflow.available_actions(measure, user, cache=cache) if a.allowed]
        listed.append({"measure": measure, "timing": when, "actions": actions})
    may_add = not case.is_finished and page_reads.may(case, user, CHANGE)
    return {"measures": listed, "may_add": may_add}


def home_summary(user: Any, role: str) -> dict[str, Any]:
    """The 工作台's to-dos: the officer's emergency measures to report to the head within
    24 hours (强制法 art. 19); the head's approvals and reports awaiting; the supervisor's late
    emergency reports (强制法 arts. 18, 19)."""
    if role == Role.OFFICER:
        return {"to_report": coercive_queries.to_report(user)}
    if role == Role.AGENCY_HEAD:
        rows = CoerciveMeasure.objects.restrict(user, "approve")
        return {
            "to_approve": rows.filter(status=CoerciveStatus.REQUESTED).count(),
            "reported": rows.filter(status=CoerciveStatus.REPORTED).count(),
            "lift_proposed": rows.filter(
                status__in=RUNNING, lift_proposed_on__isnull=False
            ).count(),
        }
    if role == Role.SUPERVISOR:
        rows = CoerciveMeasure.objects.visible_to(user)
        today = timezone.localdate()
        return {
            "late": rows.filter(coercive_queries.late_report_q(timezone.now())).count(),
            "overdue": len(coercive_queries.overdue_pks(rows, today)),
        }
    return {}
