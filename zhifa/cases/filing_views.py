"""The filing and transfer pages: the filings queue (重大行政处罚决定备案: the justice bureau's
supervisors see their region's, a district's supervisor only its district's; the agency its own;
filters, numbered pages, Excel export, the closest time limit first), a filing with the forms of
the actions the user may take now (file, accept, clear, correct, respond), the transfer form on a
case (移送: the evidence list chosen from the case's evidence) and a transfer with its receipt and
outcome forms. The case page shows both in a panel (``zhifa.cases.panels``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zhifa.cases import filing_forms as forms_
from zhifa.cases import page_reads
from zhifa.cases.filing_filters import FilingFilter
from zhifa.cases.filing_rules import filing_grounds
from zhifa.cases.models import Case, MajorDecisionFiling, Transfer
from zhifa.cases.services import filings, transfers
from zhifa.core import workflow
from zhifa.core.excel.sheets import Sheet
from zhifa.core.excel.writing import write_workbook
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, ListPage

QUEUE = ListPage(
    filterset=FilingFilter,
    columns=(
        Column("case", "案件", ("case__number",)),
        Column("agency", "执法主体", ("case__agency__name",)),
        Column("decided_on", "决定日期", ("decided_on",)),
        Column("due_on", "备案期限", ("dated", "due_on")),
        Column("filed_on", "报备日期", ("filed_on",)),
        Column("status", "状态", ("status",)),
    ),
    # Missing due dates first on every database (see ``missing_due_first``).
    default_order=("dated", "due_on", "pk"),
)
SHEET = Sheet(
    kind="major_decision_filings",
    title="重大行政处罚决定备案",
    measure="件",
    columns=(
        "案号",
        "案由",
        "执法主体",
        "应当备案的情形",
        "决定日期",
        "备案期限",
        "报备日期",
        "逾期报备",
        "状态",
        "审查意见",
    ),
    widths=(24, 30, 20, 30, 12, 12, 12, 8, 16, 40),
)
FILING_FORMS = {
    "file": forms_.FileForm,
    "accept": forms_.AcceptForm,
    "clear": forms_.ClearForm,
    "correct": forms_.CorrectForm,
    "respond": forms_.RespondForm,
}
TRANSFER_FORMS = {"receive": forms_.ReceiveForm, "conclude": forms_.ConcludeForm}


def _rows(user: Any) -> QuerySet:
    return MajorDecisionFiling.objects.restrict(user).select_related("case__agency")


def missing_due_first(rows: QuerySet) -> QuerySet:
    """``rows`` with ``dated``: 0 for a filing without a due date (its 10 working days reach a
    year without holiday data: a problem to see), 1 for the rest. Ordered on it before
    ``due_on``, the missing ones come first on every database (SQLite sorts NULL first, PostgreSQL
    last)."""
    return rows.annotate(
        dated=When_(
            When(due_on__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    )


@require_safe
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """重大行政处罚决定备案: the filings the user sees, the closest time limit first."""
    listing = QUEUE.bind(request, missing_due_first(_rows(request.user)))
    context = {
        "page": listing.paginate(listing.order(listing.filtered)),
        "today": timezone.localdate(),
        "export_url": reverse("filings:export") + listing.query(),
    }
    return listing.render("cases/filings/queue.html", "cases/filings/_rows.html", context)


@require_safe
@login_required
def export(request: HttpRequest) -> HttpResponse:
    listing = QUEUE.bind(request, missing_due_first(_rows(request.user)))

    def write(rows: QuerySet) -> bytes:
        return write_workbook(
            SHEET,
            (
                (
                    f.case.number,
                    f.case.title,
                    f.case.agency.name,
                    "；".join(f.grounds),
                    f.decided_on,
                    f.due_on,
                    f.filed_on,
                    "是" if f.late else "",
                    f.get_status_display(),
                    f.opinion,
                )
                for f in rows
            ),
        )

    return listing.export(write, "重大行政处罚决定备案.xlsx")


def _render(
    request: HttpRequest, obj: Any, template: str, forms: dict, bound: dict | None
) -> HttpResponse:
    available = [a for a in workflow.available_actions(obj, request.user) if a.action in forms]
    context = {
        "obj": obj,
        "case": obj.case,
        "actions": [(a, (bound or {}).get(a.action) or forms[a.action]()) for a in available],
        "today": timezone.localdate(),
    }
    return render(request, template, context, status=400 if bound else 200)


def _filing(user: Any, pk: int) -> MajorDecisionFiling:
    return get_object_or_404(_rows(user).select_related("filed_by", "reviewed_by"), pk=pk)


@require_safe
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = _filing(request.user, pk)
    return _render(request, filing, "cases/filings/detail.html", FILING_FORMS, None)


@require_POST
@login_required
def act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Take ``step`` on the filing, through the same services as the API."""
    filing = _filing(request.user, pk)
    if step not in FILING_FORMS:
        raise Http404("没有这一操作")
    workflow.require_role(filing, step, request.user)  # 403 before the form is read
    form = FILING_FORMS[step](request.POST)
    done = None
    if form.is_valid():
        data = form.cleaned_data
        service = {
            "file": filings.file_filing,
            "accept": filings.accept,
            "clear": filings.clear,
            "correct": filings.correct,
            "respond": filings.respond,
        }[step]
        done = call_service(form, service, request.user, filing, **data)
    if done is None:
        return _render(request, filing, "cases/filings/detail.html", FILING_FORMS, {step: form})
    messages.success(request, "已办理")
    return redirect("filings:detail", pk=filing.pk)


def _case(user: Any, pk: int) -> Case:
    return get_object_or_404(Case.objects.visible_to(user).select_related("agency"), pk=pk)


@login_required
def transfer_new(request: HttpRequest, case: int) -> HttpResponse:
    """移送 (行刑衔接) a case: the agency head, with the evidence list."""
    found = _case(request.user, case)
    workflow.require_role(found, "transfer", request.user)  # 403 before the form is read
    form = forms_.TransferForm(request.POST or None, case=found)
    if request.method == "POST" and form.is_valid():
        made = call_service(form, transfers.transfer_case, request.user, found, **form.cleaned_data)
        if made is not None:
            messages.success(request, f"已移送{made.recipient}")
            return redirect("filings:transfer_detail", pk=made.pk)
    context = {"case": found, "form": form, "has_evidence": found.evidence.exists()}
    status = 400 if form.errors else 200
    return render(request, "cases/filings/transfer_form.html", context, status=status)


def _transfer(user: Any, pk: int) -> Transfer:
    rows = Transfer.objects.restrict(user).select_related("case__agency", "receipt")
    return get_object_or_404(rows, pk=pk)


@require_safe
@login_required
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _transfer(request.user, pk)
    return _render(request, found, "cases/filings/transfer_detail.html", TRANSFER_FORMS, None)


@require_POST
@login_required
def transfer_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    found = _transfer(request.user, pk)
    if step not in TRANSFER_FORMS:
        raise Http404("没有这一操作")
    workflow.require_role(found, step, request.user)
    if not Transfer.objects.restrict(request.user, "change").filter(pk=found.pk).exists():
        raise PermissionDenied("只有本案承办人员或机关负责人可以办理")
    form = TRANSFER_FORMS[step](request.POST, request.FILES)
    done = None
    if form.is_valid():
        data = dict(form.cleaned_data)
        if step == "receive":
            data["upload"] = data.pop("receipt")
            done = call_service(form, transfers.record_receipt, request.user, found, **data)
        else:
            done = call_service(form, transfers.record_outcome, request.user, found, **data)
    if done is None:
        template = "cases/filings/transfer_detail.html"
        return _render(request, found, template, TRANSFER_FORMS, {step: form})
    messages.success(request, "已办理")
    return redirect("filings:transfer_detail", pk=found.pk)


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The case page's filing and transfer panel (``zhifa.cases.panels``)."""
    filing = MajorDecisionFiling.objects.restrict(user).filter(case=case).first()
    transfer = Transfer.objects.restrict(user).filter(case=case).first()
    evidence = []
    if transfer is not None:
        evidence = list(transfer.evidence.order_by("number").values_list("number", "title"))
    may_transfer = transfer is None and any(
        a.action == "transfer" and a.allowed for a in page_reads.actions(case, user)
    )
    return {
        "filing": filing,
        "grounds": filing.grounds if filing else filing_grounds(case) if case.decided_on else [],
        "transfer": transfer,
        "transfer_evidence": evidence,
        "may_transfer": may_transfer,
        "today": timezone.localdate(),
    }
