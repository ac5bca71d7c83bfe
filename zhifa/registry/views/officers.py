"""执法人员 pages: the officer list, registration, and an officer's record with its actions.

Reads go through ``visible_to`` (an officer outside the user's scope is a 404); writes go through
the services with ``call_service`` (their Chinese errors land on the forms). A write by someone
the service would refuse is refused here first with the same check, so it is a 403 whatever the
form holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from zhifa.core import workflow
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, Listing, ListPage
from zhifa.core.scoping import CHANGE, permits, require_permission
from zhifa.org.models import Role, User
from zhifa.org.permissions import refusal
from zhifa.registry import queries
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.filters import OfficerFilter
from zhifa.registry.forms import (
    EndForm,
    ExamForm,
    IssueForm,
    LiftForm,
    OfficerCreateForm,
    OfficerEditForm,
    PhotoForm,
    PhotoRemoveForm,
    ReviewForm,
    SuspendForm,
    TrainingForm,
    TransferForm,
)
from zhifa.registry.models import Certificate, Officer
from zhifa.registry.models.certificates import SUSPEND
from zhifa.registry.services import certificates, officers, training
from zhifa.registry.views.common import (
    READERS,
    admin_agencies,
    certificate_state,
    current_certificate,
    require_roles,
    tabs_for,
    with_certificates,
)

OFFICER_LIST = ListPage(
    filterset=OfficerFilter,
    columns=(
        Column("name", "姓名", ("name",)),
        Column("agency", "执法主体", ("agency__region__code", "agency__name")),
        Column("unit", "科室", ("unit__name",)),
        Column("fields", "执法领域"),
        Column("certificate", "执法证件"),
        Column("hours", "本年学时", ("hours",)),
        Column("status", "状态", ("status", "in_enforcement_post")),
    ),
    default_order=("agency__region__code", "agency__name", "name"),
)


def officer_listing(request: HttpRequest) -> Listing:
    """The officer list for this request: the API's OfficerFilter over the user's officers
    (the page and its Excel export)."""
    year = timezone.localdate().year
    officers_qs = Officer.objects.visible_to(request.user)
    return OFFICER_LIST.bind(request, officers_qs, labels={"hours": f"{year}年学时"})


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    require_roles(request.user, *READERS)
    listing = officer_listing(request)
    today = timezone.localdate()
    required = queries.required_training_hours()
    # Filter first, then annotate a fresh queryset: a join made by the search (certificates)
    # would otherwise multiply the summed hours.
    rows = with_certificates(
        queries.with_training(
            Officer.objects.filter(pk__in=listing.filtered.values("pk")), today.year
        )
        .select_related("agency", "unit")
        .prefetch_related("fields")
    )
    page = listing.paginate(listing.order(rows))
    for officer in page:
        officer.current = current_certificate(officer, today)
        officer.short = officer.hours < required
    context = {
        "page": page,
        "required_hours": required,
        "year": today.year,
        "export_url": reverse("registry:excel_export", args=["officers"]),
        "more_exports": [
            (reverse("registry:excel_export", args=[kind]), label)
            for kind, label in (("certificates", "执法证件"), ("training", "培训记录"))
        ],
        **tabs_for(request.user),
    }
    return listing.render("registry/officer_list.html", "registry/_officer_rows.html", context)


@login_required
def officer_create(request: HttpRequest) -> HttpResponse:
    agencies = admin_agencies(request.user)
    if not agencies:
        raise PermissionDenied("只有信息管理员可以登记执法人员")
    form = OfficerCreateForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        officer = call_service(form, officers.create_officer, request.user, agency, **data)
        if officer is not None:
            messages.success(request, f"已登记执法人员{officer.name}")
            return redirect("registry:officer_detail", pk=officer.pk)
    return render(request, "registry/officer_form.html", {"form": form, **tabs_for(request.user)})


# ---------------------------------------------------------------------------------------------
# An officer's record: details, certificates and their actions, training, exams, transfer
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateAction:
    label: str
    form: type[forms.Form]
    run: Callable[[User, Certificate, dict[str, Any]], Any]
    done: str


CERTIFICATE_ACTIONS = {
    "suspend": CertificateAction(
        "暂扣",
        SuspendForm,
        lambda u, c, d: certificates.suspend_certificate(u, c, **d),
        "已暂扣证件",
    ),
    "lift": CertificateAction(
        "提前发还",
        LiftForm,
        lambda u, c, d: certificates.lift_suspension(u, d.pop("suspension"), **d),
        "已发还证件",
    ),
    "review": CertificateAction(
        "年审",
        ReviewForm,
        lambda u, c, d: certificates.review_certificate(u, c, **d),
        "已年审",
    ),
    "collect": CertificateAction(
        "收缴",
        EndForm,
        lambda u, c, d: certificates.collect_certificate(u, c, **d),
        "已收缴证件",
    ),
    "cancel": CertificateAction(
        "注销",
        EndForm,
        lambda u, c, d: certificates.cancel_certificate(u, c, **d),
        "已注销证件",
    ),
}


def _open_suspensions(certificate: Certificate, today: date):
    return certificate.suspensions.filter(lifted_on=None, ends_on__gte=today)


def _certificate_form(
    act: str, certificate: Certificate, today: date, data: Any = None
) -> forms.Form:
    prefix = f"c{certificate.pk}-{act}"
    kwargs: dict[str, Any] = {"prefix": prefix}
    if act == "suspend":
        kwargs["initial"] = {"starts_on": today, "ends_on": today + timedelta(days=60)}
    elif act == "lift":
        kwargs["initial"] = {"lifted_on": today}
        kwargs["suspensions"] = _open_suspensions(certificate, today)
    elif act == "review":
        kwargs["initial"] = {"year": today.year - 1}
    else:
        kwargs["initial"] = {"on": today}
    return CERTIFICATE_ACTIONS[act].form(data, **kwargs)


def _certificate_acts(certificate: Certificate, user: User, today: date) -> list[str]:
    """The actions the certificate's workflow table offers ``user`` today (暂扣 only from a day
    the certificate is valid: its guard is asked about today); 发还 needs a suspension to return."""
    allowed = workflow.allowed_actions(certificate, user, {"starts_on": today})
    if not any(s.lifted_on is None and s.ends_on >= today for s in certificate.suspensions.all()):
        allowed.discard("lift")
    return [act for act in CERTIFICATE_ACTIONS if act in allowed]


def _officer_forms(officer: Officer, today: date) -> dict[str, forms.Form]:
    field = officer.fields.first()
    return {
        "edit": OfficerEditForm(prefix="edit", officer=officer),
        "transfer": TransferForm(prefix="transfer"),
        "training": TrainingForm(prefix="training", initial={"held_on": today}),
        "exam": ExamForm(prefix="exam", initial={"taken_on": today, "field": field}),
        "issue": IssueForm(prefix="issue", initial={"field": field, "issued_on": today}),
        "photo": PhotoForm(prefix="photo"),
        "photo_remove": PhotoRemoveForm(prefix="photo_remove"),
    }


def _detail_context(
    user: User, officer: Officer, today: date, bound: dict[str, forms.Form]
) -> dict[str, Any]:
    may_keep = permits(user, officer, CHANGE)
    suspendable = set(
        Certificate.objects.restrict(user, SUSPEND)
        .filter(officer=officer)
        .values_list("pk", flat=True)
    )
    may_act = may_keep or bool(suspendable)
    required = queries.required_training_hours()
    certs = list(
        officer.certificates.select_related("field").prefetch_related("suspensions", "reviews")
    )
    for certificate in certs:
        certificate_state(certificate, today)
        acts = _certificate_acts(certificate, user, today) if may_act else []
        certificate.actions = [
            {
                "act": act,
                "label": CERTIFICATE_ACTIONS[act].label,
                "confirm": workflow.confirmation(certificate, act),
                "form": bound.get(f"c{certificate.pk}-{act}")
                or _certificate_form(act, certificate, today),
            }
            for act in acts
        ]
        certificate.open = any(a["form"].is_bound for a in certificate.actions)
    records = list(officer.training.filter(held_on__year=today.year))
    hours = sum((r.hours for r in records), start=Decimal(0))
    officer_forms = {**_officer_forms(officer, today), **bound}
    return {
        "officer": officer,
        "today": today,
        "eligibility": can_enforce(officer, today),
        "certificates": certs,
        "training": records,
        "hours": hours,
        "required_hours": required,
        "percent": min(100, int(hours * 100 / required)) if required else 100,
        "exams": officer.exams.select_related("field"),
        "drills": officer.drill_set.filter(held_on__year=today.year),
        "assessments": queries.assessment_results(user)
        .filter(officer=officer, year=today.year)
        .order_by("assessed_on"),
        "may_keep": may_keep,
        "may_act": may_act,
        "forms": officer_forms,
        **tabs_for(user),
    }


def _edit(request: HttpRequest, officer: Officer, today: date) -> HttpResponse | forms.Form:
    form = OfficerEditForm(request.POST, prefix="edit", officer=officer)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["fields"] = list(data["fields"])
        if call_service(form, officers.update_officer, request.user, officer, **data):
            messages.success(request, "已保存")
            return redirect("registry:officer_detail", pk=officer.pk)
    return form


def _transfer(request: HttpRequest, officer: Officer, today: date) -> HttpResponse | forms.Form:
    form = TransferForm(request.POST, prefix="transfer")
    if form.is_valid() and call_service(
        form, officers.transfer_officer, request.user, officer, **form.cleaned_data
    ):
        agency = form.cleaned_data["agency"]
        messages.success(request, f"{officer.name}已调至{agency.name}，原执法证件已注销")
        if Officer.objects.visible_to(request.user).filter(pk=officer.pk).exists():
            return redirect("registry:officer_detail", pk=officer.pk)
        return redirect("registry:officer_list")
    return form


def _training(request: HttpRequest, officer: Officer, today: date) -> HttpResponse | forms.Form:
    form = TrainingForm(request.POST, prefix="training")
    if form.is_valid() and call_service(
        form, training.record_training, request.user, officer, **form.cleaned_data
    ):
        messages.success(request, "已登记培训记录")
        return redirect("registry:officer_detail", pk=officer.pk)
    return form


def _exam(request: HttpRequest, officer: Officer, today: date) -> HttpResponse | forms.Form:
    form = ExamForm(request.POST, prefix="exam")
    if form.is_valid() and call_service(
        form, training.record_exam, request.user, officer, **form.cleaned_data
    ):
        messages.success(request, "已登记考试成绩")
        return redirect("registry:officer_detail", pk=officer.pk)
    return form


def _issue(request: HttpRequest, officer: Officer, today: date) -> HttpResponse | forms.Form:
    form = IssueForm(request.POST, prefix="issue")
    if form.is_valid() and call_service(
        form, certificates.issue_certificate, request.user, officer, **form.cleaned_data
    ):
        messages.success(request, f"已发放执法证件{form.cleaned_data['number']}")
        return redirect("registry:officer_detail", pk=officer.pk)
    return form


def _photo(request: HttpRequest, officer: Officer, today: date) -> HttpResponse | forms.Form:
    form = PhotoForm(request.POST, request.FILES, prefix="photo")
    if form.is_valid() and call_service(
        form, officers.set_officer_photo, request.user, officer, form.cleaned_data["photo"]
    ):
        messages.success(request, "已保存照片")
        return redirect("registry:officer_detail", pk=officer.pk)
    return form


def _photo_remove(request: HttpRequest, officer: Officer, today: date) -> HttpResponse | forms.Form:
    form = PhotoRemoveForm(request.POST, prefix="photo_remove")
    if form.is_valid() and call_service(form, officers.remove_officer_photo, request.user, officer):
        messages.success(request, "已删除照片")
        return redirect("registry:officer_detail", pk=officer.pk)
    return form


OFFICER_ACTIONS = {
    "edit": _edit,
    "transfer": _transfer,
    "training": _training,
    "exam": _exam,
    "issue": _issue,
    "photo": _photo,
    "photo_remove": _photo_remove,
}


def _certificate_post(
    request: HttpRequest, officer: Officer, act: str, today: date
) -> HttpResponse | forms.Form:
    action = CERTIFICATE_ACTIONS[act]
    certificate = get_object_or_404(
        Certificate.objects.restrict(request.user).filter(officer=officer),
        pk=request.POST.get("certificate"),
    )
    workflow.require_role(certificate, act, request.user)
    form = _certificate_form(act, certificate, today, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if call_service(form, action.run, request.user, certificate, data):
            messages.success(request, f"{action.done}{certificate.number}")
            return redirect("registry:officer_detail", pk=officer.pk)
    return form


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(
        Officer.objects.visible_to(request.user).select_related("agency__region", "unit", "user"),
        pk=pk,
    )
    today = timezone.localdate()
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        act = request.POST.get("act", "")
        if act in CERTIFICATE_ACTIONS:
            result = _certificate_post(request, officer, act, today)
        elif act in OFFICER_ACTIONS:
            require_permission(
                request.user, officer, CHANGE, refusal(officer.agency, Role.AGENCY_ADMIN)
            )
            result = OFFICER_ACTIONS[act](request, officer, today)
        else:
            raise PermissionDenied("未知的操作")
        if isinstance(result, HttpResponse):
            return result
        bound[result.prefix] = result
    context = _detail_context(request.user, officer, today, bound)
    return render(request, "registry/officer_detail.html", context)


@require_safe
@login_required
def officer_photo(request: HttpRequest, pk: int) -> FileResponse:
    """An officer's photo (personal data), for those who can see the officer; never cached."""
    officer = get_object_or_404(Officer.objects.visible_to(request.user), pk=pk)
    if not officer.photo:
        raise Http404("该执法人员没有照片")
    try:
        handle = officer.photo.open("rb")
    except OSError as exc:
        raise Http404("照片文件不存在") from exc
    found = officers.photo_format(handle.read(16))
    handle.seek(0)
    if found is None:  # never stored by the service: refuse rather than serve unknown bytes
        handle.close()
        raise Http404("照片格式无效")
    extension, content_type = found
    response = FileResponse(
        handle, content_type=content_type, filename=f"officer-{officer.pk}.{extension}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------
# Staffing, training campaigns and drills
# ---------------------------------------------------------------------------------------------
