"""当事人 pages: the list (filters, search, numbered pages, Excel export), registration, and a
party's record with its actions (correct details, verified code, credit grade, risk class,
enterprise accounts); the Excel import page.

Reads go through ``Party.objects.restrict`` (a party outside the user's sight is a 404); a write
the user may never make is refused (403) before the form is read; the services check the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core.errors import field_error
from zhifa.core.excel.views import attempt_import, xlsx_response
from zhifa.core.forms import call_service
from zhifa.core.listing import Column, Listing, ListPage
from zhifa.core.scoping import CHANGE
from zhifa.org.models import Role, User
from zhifa.parties import excel, services
from zhifa.parties.filters import PartyFilter
from zhifa.parties.forms import (
    BindForm,
    CreditForm,
    PartyCreateForm,
    PartyEditForm,
    RiskForm,
    UnbindForm,
    VerifyForm,
)
from zhifa.parties.imports import import_parties
from zhifa.parties.models import (
    ADMINISTER,
    Party,
    may_administer_parties,
    may_change_parties,
)

STAFF = (Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN)
READERS = (*STAFF, Role.SUPERVISOR, Role.ENTERPRISE)

PARTY_LIST = ListPage(
    filterset=PartyFilter,
    columns=(
        Column("name", "名称（姓名）", ("name",)),
        Column("identifier", "统一社会信用代码/身份证号码", ("uscc",)),
        Column("kind", "主体类型", ("kind",)),
        Column("region", "所在区划", ("region__code",)),
        Column("industry", "行业", ("industry",)),
        Column("credit", "信用等级", ("credit_grade",)),
        Column("risk", "风险等级", ("risk_class",)),
    ),
    default_order=("name",),
)


def _require_reader(user: User) -> None:
    if not user.has_role(*READERS):
        raise PermissionDenied("您无权查看当事人信息")


def party_listing(request: HttpRequest) -> Listing:
    return PARTY_LIST.bind(request, Party.objects.restrict(request.user))


def _tools(user: User) -> dict[str, Any]:
    return {"may_register": may_change_parties(user), "may_import": may_administer_parties(user)}


@login_required
def party_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    listing = party_listing(request)
    page = listing.paginate(listing.order(listing.filtered.select_related("region")))
    context = {"page": page, "export_url": reverse("parties:party_export"), **_tools(request.user)}
    return listing.render("parties/party_list.html", "parties/_party_rows.html", context)


@login_required
def party_export(request: HttpRequest) -> HttpResponse:
    """The list's rows (same filters, scope and order), every page, personal data masked."""
    _require_reader(request.user)
    filename = f"{excel.PARTIES.title}_{timezone.localdate():%Y%m%d}.xlsx"
    return party_listing(request).export(excel.export_parties, filename)


@login_required
def party_create(request: HttpRequest) -> HttpResponse:
    if not may_change_parties(request.user):
        raise PermissionDenied(services.CHANGE_REFUSAL)
    may_verify = may_administer_parties(request.user)
    form = PartyCreateForm(request.POST or None, may_verify=may_verify)
    if request.method == "POST" and form.is_valid():
        party = call_service(form, services.create_party, request.user, **form.cleaned_data)
        if party is not None:
            messages.success(request, f"已登记当事人{party.name}")
            return redirect("parties:party_detail", pk=party.pk)
    return render(request, "parties/party_form.html", {"form": form})


# --- a party's record and its actions -------------------------------------------------------


def _bind(user: User, party: Party, data: dict[str, Any]) -> Any:
    account_user = User.objects.filter(username=data["username"].strip()).first()
    if account_user is None:
        raise field_error("username", "未找到该账号")
    return services.bind_account(user, party, account_user)


def _unbind(user: User, party: Party, data: dict[str, Any]) -> Any:
    account = party.accounts.filter(pk=data["account"]).first()
    if account is None:
        raise field_error("account", "该账号未绑定本当事人")
    return services.unbind_account(user, account)


#: act → (form, the scope action it needs, the service call, the message when done)
ACTIONS: dict[str, tuple[type[forms.Form], str, Callable[..., Any], str]] = {
    "edit": (
        PartyEditForm,
        CHANGE,
        lambda u, p, d: services.update_party(u, p, **d),
        "已保存当事人信息",
    ),
    "verify": (
        VerifyForm,
        ADMINISTER,
        lambda u, p, d: services.verify_uscc(u, p, **d),
        "已记录登记机关核实的统一社会信用代码",
    ),
    "credit": (
        CreditForm,
        ADMINISTER,
        lambda u, p, d: services.set_credit_grade(u, p, **d),
        "已记录信用等级",
    ),
    "risk": (
        RiskForm,
        ADMINISTER,
        lambda u, p, d: services.set_risk_class(u, p, **d),
        "已记录风险等级",
    ),
    "bind": (BindForm, ADMINISTER, _bind, "已绑定企业账号"),
    "unbind": (UnbindForm, ADMINISTER, _unbind, "已解除企业账号绑定"),
}


def _form(act: str, party: Party, data: Any = None) -> forms.Form:
    form_class = ACTIONS[act][0]
    if form_class is PartyEditForm:
        return PartyEditForm(data, prefix=act, party=party)
    return form_class(data, prefix=act)


@login_required
def party_detail(request: HttpRequest, pk: int) -> HttpResponse:
    party = get_object_or_404(Party.objects.restrict(request.user).select_related("region"), pk=pk)
    allowed = {
        act
        for act, (_, action, _, _) in ACTIONS.items()
        if Party.objects.restrict(request.user, action).filter(pk=party.pk).exists()
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        act = request.POST.get("act", "")
        if act not in allowed:
            raise PermissionDenied("您无权办理此事项")
        form = _form(act, party, request.POST)
        if form.is_valid():
            data = form.changes() if isinstance(form, PartyEditForm) else dict(form.cleaned_data)
            call_service(form, ACTIONS[act][2], request.user, party, data)
            if not form.errors:
                messages.success(request, ACTIONS[act][3])
                return redirect("parties:party_detail", pk=party.pk)
        bound[act] = form
    forms_by_act = {act: bound.get(act) or _form(act, party) for act in ACTIONS if act in allowed}
    accounts = list(party.accounts.select_related("user", "bound_by")) if "bind" in allowed else []
    for account in accounts:
        account.unbind_form = (
            bound["unbind"]
            if "unbind" in bound
            and str(bound["unbind"].data.get("unbind-account")) == str(account.pk)
            else UnbindForm(prefix="unbind", initial={"account": account.pk})
        )
    context = {"party": party, "forms": forms_by_act, "accounts": accounts, "open": set(bound)}
    return render(request, "parties/party_detail.html", context)


# --- Excel --------------------------------------------------------------------------------


@login_required
def party_import(request: HttpRequest) -> HttpResponse:
    if not may_administer_parties(request.user):
        raise PermissionDenied("只有执法主体的信息管理员可以导入当事人")
    attempt = attempt_import(request, import_parties)
    if attempt.result is not None:
        messages.success(request, f"{attempt.result}。")
        return redirect("parties:party_import")
    return render(request, "parties/party_import.html", attempt.context())


@login_required
def party_template(request: HttpRequest) -> HttpResponse:
    if not may_administer_parties(request.user):
        raise PermissionDenied("只有执法主体的信息管理员可以导入当事人")
    return xlsx_response(excel.parties_template(request.user), "当事人导入模板.xlsx")
