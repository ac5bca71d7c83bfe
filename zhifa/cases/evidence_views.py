"""The evidence pages of a case: its evidence list (证据清单: filters, pages, Excel export) with the
upload form, an evidence item with its chain of custody, the streamed download (refused when the
stored file no longer has its SM3) and the transfer of custody. The case page shows the same list
as a panel (``cases/evidence/_panel.html``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zhifa.cases.evidence_filters import EvidenceFilter
from zhifa.cases.models import Case, Evidence, EvidenceKind, cases_with_evidence
from zhifa.cases.services import evidence as service
from zhifa.core import filestore
from zhifa.core.excel.sheets import Sheet
from zhifa.core.excel.writing import write_workbook
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, ListPage
from zhifa.core.scoping import CHANGE, VIEW
from zhifa.registry.models import Officer

EVIDENCE_LIST = ListPage(
    filterset=EvidenceFilter,
    columns=(
        Column("number", "序号", ("number",)),
        Column("kind", "证据种类", ("kind",)),
        Column("title", "证据名称", ("title",)),
        Column("source", "来源及取得方式"),
        Column("collected_on", "取证日期", ("collected_on",)),
        Column("collected_by", "取证人员"),
        Column("file", "文件"),
        Column("custodian", "保管人（单位）", ("custodian",)),
    ),
    default_order=("number",),
)
SHEET = Sheet(
    kind="evidence",
    title="证据清单",
    measure="项",
    columns=(
        "序号",
        "证据种类",
        "证据名称",
        "来源及取得方式",
        "取证日期",
        "取证人员",
        "文件格式",
        "文件大小（字节）",
        "SM3",
        "保管人（单位）",
        "上传时间",
    ),
    widths=(6, 12, 30, 30, 12, 20, 10, 14, 66, 20, 20),
)
NOT_YOURS = "只有承办本案的执法人员、机关负责人、审核期间的法制审核人员和执法监督人员可以查看证据"


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label="证据种类", choices=[("", "请选择"), *EvidenceKind.choices])
    title = forms.CharField(label="证据名称", required=False)
    source = forms.CharField(
        label="来源及取得方式",
        required=False,
        help_text="如：执法人员现场拍摄；当事人提供的复印件，经核对与原件一致",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    collected_on = forms.DateField(
        label="取证日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    collected_by = forms.ModelMultipleChoiceField(
        label="取证人员",
        queryset=Officer.objects.none(),
        required=False,
        help_text="不得少于两人",
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(label="证据文件", required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        # Its own ids: the filter form above it on the page has a ``kind`` field too.
        kwargs.setdefault("auto_id", "add_%s")
        super().__init__(*args, **kwargs)
        officers = Officer.objects.filter(cases__case=case).order_by("cases__role", "pk")
        self.fields["collected_by"].queryset = officers
        self.fields["collected_by"].label_from_instance = lambda o: o.name
        self.fields["collected_on"].initial = timezone.localdate()


class TransferForm(forms.Form):
    recipient = forms.CharField(label="接收人（单位）", required=False)
    reason = forms.CharField(
        label="移交事由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def evidence_case(user: Any, pk: int, action: str = VIEW) -> Case:
    """The case, if ``user`` sees it (404 otherwise), and may ``action`` its evidence (403)."""
    case = get_object_or_404(Case.objects.visible_to(user).select_related("agency", "unit"), pk=pk)
    if not cases_with_evidence(user, action).filter(pk=case.pk).exists():
        raise PermissionDenied(NOT_YOURS if action == VIEW else service.HANDLERS_ONLY)
    return case


def _item(user: Any, case: int, pk: int) -> Evidence:
    """An evidence item of case ``case`` in the user's evidence scope (404 otherwise, as in the
    API: outside that scope the item does not exist for them)."""
    rows = Evidence.objects.restrict(user).select_related(
        "case__agency", "case__unit", "file", "uploaded_by"
    )
    return get_object_or_404(rows, case_id=case, pk=pk)


def _rows(user: Any, case: Case) -> QuerySet:
    return (
        Evidence.objects.restrict(user)
        .filter(case=case)
        .select_related("file")
        .prefetch_related("collected_by")
    )


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    """What the case page's evidence panel (``zhifa.cases.panels``) shows: nothing for a user who
    may not see the case's evidence."""
    if not cases_with_evidence(user).filter(pk=case.pk).exists():
        return {"evidence_visible": False}
    return {
        "evidence_visible": True,
        "evidence_rows": _rows(user, case).order_by("number"),
        "evidence_may_add": cases_with_evidence(user, CHANGE).filter(pk=case.pk).exists()
        and not service.collecting_problem(case),
    }


@login_required
def evidence_list(request: HttpRequest, case: int) -> HttpResponse:
    """证据清单 of the case, and the upload form for those who handle it (while it collects)."""
    user = request.user
    found = evidence_case(user, case)
    may_add = cases_with_evidence(user, CHANGE).filter(pk=found.pk).exists()
    problem = service.collecting_problem(found)
    form = EvidenceForm(case=found)
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied(service.HANDLERS_ONLY)
        form = EvidenceForm(request.POST, request.FILES, case=found)
        if form.is_valid():
            data = form.cleaned_data
            added = call_service(
                form,
                service.add_evidence,
                user,
                found,
                kind=data["kind"],
                title=data["title"],
                source=data["source"],
                collected_on=data["collected_on"],
                collected_by=list(data["collected_by"]),
                upload=data["file"],
            )
            if added is not None:
                messages.success(request, f"已添加证据{added.number}，SM3 {added.sm3}")
                return redirect("evidence:list", case=found.pk)
    listing = EVIDENCE_LIST.bind(request, _rows(user, found))
    context = {
        "case": found,
        "page": listing.paginate(listing.order(listing.filtered)),
        "form": form,
        "may_add": may_add and not problem,
        "closed_reason": problem if may_add else "",
        "limits": {k.label: filestore.limit_bytes(k) // (1024 * 1024) for k in filestore.Kind},
        "accepted": filestore.ACCEPTED,
        "export_url": reverse("evidence:export", args=[found.pk]) + listing.query(),
    }
    status = 400 if form.errors else 200
    return listing.render(
        "cases/evidence/list.html", "cases/evidence/_rows.html", context, status=status
    )


@require_safe
@login_required
def evidence_export(request: HttpRequest, case: int) -> HttpResponse:
    found = evidence_case(request.user, case)
    listing = EVIDENCE_LIST.bind(request, _rows(request.user, found))

    def write(rows: QuerySet) -> bytes:
        return write_workbook(
            SHEET,
            (
                (
                    e.number,
                    e.get_kind_display(),
                    e.title,
                    e.source,
                    e.collected_on,
                    "、".join(o.name for o in e.collected_by.all()),
                    e.file_format,
                    e.size,
                    e.sm3,
                    e.custodian,
                    timezone.localtime(e.uploaded_at).strftime("%Y-%m-%d %H:%M"),
                )
                for e in rows
            ),
        )

    return listing.export(write, f"证据清单-{found.number or found.pk}.xlsx")


@login_required
def evidence_detail(request: HttpRequest, case: int, pk: int) -> HttpResponse:
    """An evidence item, its file's SM3 and its chain of custody; the view itself is recorded."""
    user = request.user
    item = _item(user, case, pk)
    service.record_view(user, item)
    context = {
        "case": item.case,
        "item": item,
        "collectors": item.collected_by.all(),
        "trail": service.custody_trail(item),
        "may_transfer": Evidence.objects.restrict(user, CHANGE).filter(pk=item.pk).exists(),
        "transfer_form": TransferForm(),
    }
    return render(request, "cases/evidence/detail.html", context)


@require_safe
@login_required
def evidence_download(request: HttpRequest, case: int, pk: int) -> HttpResponse:
    """The file, streamed, after its SM3 is checked; a changed file is refused (409, in Chinese)."""
    user = request.user
    item = _item(user, case, pk)
    try:
        handle = service.open_download(user, item)
    except filestore.FileProblem as problem:
        context = {"case": item.case, "item": item, "problem": problem.message}
        return render(request, "cases/evidence/refused.html", context, status=409)
    extension = filestore.BY_NAME[item.file_format].extension
    response = FileResponse(
        handle,
        as_attachment=True,
        content_type=item.file.content_type,
        filename=f"证据{item.number}-{item.title[:60]}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Evidence-SM3"] = item.sm3
    return response


@require_POST
@login_required
def evidence_transfer(request: HttpRequest, case: int, pk: int) -> HttpResponse:
    user = request.user
    item = _item(user, case, pk)
    found = item.case
    form = TransferForm(request.POST)
    form.is_valid()
    moved = call_service(form, service.transfer_custody, user, item, **form.cleaned_data)
    if moved is not None:
        messages.success(request, f"证据{item.number}已移交{moved.custodian}保管")
        return redirect("evidence:detail", case=found.pk, pk=item.pk)
    context = {
        "case": found,
        "item": item,
        "collectors": item.collected_by.all(),
        "trail": service.custody_trail(item),
        "may_transfer": True,
        "transfer_form": form,
    }
    return render(request, "cases/evidence/detail.html", context, status=400)
