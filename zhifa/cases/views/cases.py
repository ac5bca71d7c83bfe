"""Case pages (mounted at /cases/): the list (an officer's own with 我承办的, the head's, the
supervisors' read-only view of every case in scope), deadlines first, with its Excel export; the
new lead form; one case with its state, the actions its workflow table allows this user now
(irreversible ones ask first), its deadline and the panels of ``zhifa.cases.panels``.

Reads go through ``Case.objects.restrict`` (outsiders: 404); writes through the services (their
Chinese errors on the form); an action the user's roles do not allow is a 403 before the form
is read.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from zhifa.cases import approvals, excel, page_reads
from zhifa.cases.deadlines_view import decision_deadline
from zhifa.cases.filters import DECISION_DUE, DEFAULT_ORDER, CaseFilter, deadlines_first
from zhifa.cases.forms import ActionForm, LeadForm
from zhifa.cases.models import FINISHED, Case, CaseOfficer, CaseStatus
from zhifa.cases.panels import panels_for
from zhifa.cases.services import leads
from zhifa.cases.workflows import EXECUTION_ACTIONS
from zhifa.core import referrals, workflow
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, Listing, ListPage
from zhifa.core.scoping import chosen_or_first
from zhifa.org.models import Agency, Role, User
from zhifa.org.scope import scope_of

#: Who reads the cases: the agencies' staff and the supervisors.
READERS = (Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR)
#: Who records leads: an agency's officers and its head.
RECORDERS = (Role.OFFICER, Role.AGENCY_HEAD)
#: Steps the case follows from another page's service, never offered as its own button: the
#: summary collection and filing (their forms), a transfer with its evidence list (``filings:transfer``), going
#: into and passing legal review (the review's request and opinion, 处罚法 art. 58; its grounds
#: have their own form).
ELSEWHERE = frozenset(
    {
        "collect_on_spot",
        "file_on_spot",
        "transfer",
        "submit_review",
        "pass_review",
        "mark_review_grounds",
    }
)
#: The head's answers to an on-the-spot decision's filing (处罚法 art. 52): shown only while a
#: filing waits (otherwise every case in execution would show them blocked).
ANSWER_ONLY_WHEN_ASKED = frozenset({"acknowledge_filing", "return_filing"})
#: Steps taken on the case page.
PAGE_ACTIONS = frozenset(
    s.action
    for s in workflow.latest(Case).steps
    if workflow.INITIAL not in s.sources
    and s.action not in ELSEWHERE
    and s.action not in EXECUTION_ACTIONS
)


def _require_reader(user: User) -> None:
    if not user.has_role(*READERS):
        raise PermissionDenied("您的角色无权查看行政处罚案件")


def visible(user: User) -> QuerySet[Case]:
    return Case.objects.restrict(user).select_related("agency", "unit")


def page_case(user: User) -> QuerySet[Case]:
    """The case page's case, with the one-to-one rows its panels read (the execution record,
    the decision on the spot) in the same query."""
    return visible(user).select_related("execution", "on_spot")


CASE_LIST = ListPage(
    filterset=CaseFilter,
    columns=(
        Column("number", "案号", ("number_year", "number_seq")),
        Column("title", "案由", ("title",)),
        Column("parties", "当事人"),
        Column("agency", "执法主体", ("agency__name",)),
        Column("status", "状态", ("status",)),
        Column("opened", "立案日期", ("opened_on",)),
        Column("deadline", "决定期限"),
    ),
    default_order=DEFAULT_ORDER,
)


def case_listing(request: HttpRequest) -> Listing:
    _require_reader(request.user)
    return CASE_LIST.bind(request, deadlines_first(visible(request.user)))


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    listing = case_listing(request)
    page = listing.paginate(
        listing.order(listing.filtered).prefetch_related("parties__party", "extensions")
    )
    today = timezone.localdate()
    for case in page:
        case.deadline = decision_deadline(case, today)
    context = {
        "page": page,
        "may_record": user.has_role(*RECORDERS),
        "export_url": reverse("cases:case_export"),
        "read_only": not user.has_role(*RECORDERS, Role.LEGAL_REVIEWER),
    }
    return listing.render("cases/case_list.html", "cases/_case_rows.html", context)


@login_required
def case_export(request: HttpRequest) -> HttpResponse:
    """The rows of the list page (same filters, scope and order), every page."""
    filename = f"行政处罚案件_{timezone.localdate():%Y%m%d}.xlsx"
    return case_listing(request).export(excel.export_cases_xlsx, filename)


def _recording_agencies(user: User) -> QuerySet[Agency]:
    return Agency.objects.where_role(user, *RECORDERS).order_by("pk")


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    """登记线索: one column on a phone."""
    user = request.user
    agencies = _recording_agencies(user)
    if not agencies.exists():
        raise PermissionDenied("只有执法主体的执法人员或负责人可以登记案件线索")
    agency = chosen_or_first(request, agencies)
    referral = referrals.find(request.GET.get("referral")) if request.method == "GET" else None
    if referral is not None and (agency.pk not in referral.agency_ids or referral.taken):
        referral = None
    form = LeadForm(request.POST or None, agency=agency, user=user, referral=referral)
    if request.method == "POST" and form.is_valid():
        case = call_service(form, leads.record_lead, user, agency, **form.service_data())
        if case is not None:
            messages.success(request, f"已登记线索：{case.title}")
            return redirect("cases:case_detail", pk=case.pk)
    context = {"form": form, "agency": agency, "agencies": agencies}
    return render(request, "cases/case_form.html", context)


def _act(request: HttpRequest, case: Case, form: ActionForm) -> bool:
    user, act = request.user, request.POST.get("act")
    if act not in PAGE_ACTIONS:
        raise PermissionDenied("未知的操作")
    workflow.require_role(case, act, user)
    if not form.is_valid():
        return False
    data = form.data_for(act)
    seen = request.POST.get("state") or None  # the state the page showed (stale: refused)
    done = call_service(form, workflow.transition, case, act, user, seen=seen, **data)
    return done is not None


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One case with the actions the user may take now (with the reasons when blocked); an
    outsider gets 404, as in the API."""
    user = request.user
    case = get_object_or_404(page_case(user), pk=pk)
    form = ActionForm(request.POST or None, initial={"served_on": timezone.localdate()})
    if request.method == "POST":
        if _act(request, case, form):
            messages.success(request, "已办理")
            return redirect("cases:case_detail", pk=case.pk)
        case = get_object_or_404(page_case(user), pk=pk)
    page_reads.load(case)  # after the action: the panels read what it left
    actions = [
        a
        for a in page_reads.actions(case, user)
        if a.action in PAGE_ACTIONS and not (a.action in ANSWER_ONLY_WHEN_ASKED and a.reasons)
    ]
    context = {
        "case": case,
        "actions": actions,
        "form": form,
        "deadline": decision_deadline(case, timezone.localdate(), page_reads.oracle(case)),
        "panels": panels_for(case, user, set(scope_of(user).roles)),
        "fields": sorted(
            {f for a in actions for f in ActionForm.FIELDS.get(a.action, ("opinion",))}
        ),
    }
    return render(request, "cases/case_detail.html", context)


def home_summary(user: User, role: str) -> dict[str, Any]:
    """The 工作台's cases: the head's approvals (:mod:`zhifa.cases.approvals`, oldest first), the
    reviewer's cases under legal review, the officer's open cases (deadlines first); for the
    supervisor, the cases in scope opened more than 90 days ago and still undecided (处罚法
    art. 60)."""
    today = timezone.localdate()
    if role == Role.SUPERVISOR:
        late = Case.objects.restrict(user).filter(
            status__in=DECISION_DUE, opened_on__lt=today - timedelta(days=90)
        )
        return {"overdue": late.count()}
    agencies = Agency.objects.where_role(user, role)
    mine = Case.objects.filter(agency__in=agencies).select_related("agency")
    if role == Role.AGENCY_HEAD:
        waiting = approvals.waiting(user)
        return {"approvals": waiting[:10], "approval_count": len(waiting)}
    if role == Role.LEGAL_REVIEWER:
        under = mine.filter(status=CaseStatus.LEGAL_REVIEW)
        return {
            "reviews": list(under.order_by("opened_on", "pk")[:10]),
            "review_count": under.count(),
        }
    handling = mine.filter(
        pk__in=CaseOfficer.objects.filter(officer__user=user).values("case_id")
    ).exclude(status__in=FINISHED)
    # A visit's 移送立案 waits for one of the agency's officers to record it as a lead.
    referred = (
        referrals.open_for(agencies.values_list("pk", flat=True)) if role == Role.OFFICER else []
    )
    return {
        "handling": list(deadlines_first(handling).order_by(*DEFAULT_ORDER, "pk")[:10]),
        "handling_count": handling.count(),
        "referrals": [{"referral": r, "agency": r.agency_ids[0]} for r in referred[:10]],
        "referral_count": len(referred),
    }


urlpatterns = [
    path("", case_list, name="case_list"),
    path("export.xlsx", case_export, name="case_export"),
    path("new/", case_create, name="case_create"),
    path("<int:pk>/", case_detail, name="case_detail"),
]
