"""用户管理: the system administrator keeps accounts, the security administrator keeps roles."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.core.forms import call_service
from zhifa.core.listing import Column, ListPage
from zhifa.org.filters import UserFilter
from zhifa.org.models import (
    ADMIN_ROLES,
    Agency,
    Membership,
    PasswordResetRequest,
    Role,
    Unit,
    User,
)
from zhifa.org.services import accounts, resets

ACCOUNT_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)


class UserCreateForm(forms.Form):
    username = forms.CharField(label="登录名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    agency = forms.ModelChoiceField(
        label="所在执法主体", queryset=Agency.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label="所在科室", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.visible_to(user).order_by("name")
        self.fields["unit"].queryset = Unit.objects.visible_to(user).select_related("agency")


class PasswordResetForm(forms.Form):
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput)


def _require_account_role(user: User) -> None:
    if not user.has_role(*ACCOUNT_ROLES):
        raise PermissionDenied("只有系统管理员和安全管理员可以管理用户")


USER_LIST = ListPage(
    filterset=UserFilter,
    columns=(
        Column("username", "登录名", ("username",)),
        Column("full_name", "姓名", ("full_name",)),
        Column("roles", "角色"),
        Column("active", "状态", ("-is_active",)),
    ),
    default_order=("username",),
)


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require_account_role(request.user)
    listing = USER_LIST.bind(request, User.objects.visible_to(request.user))
    rows = User.objects.filter(pk__in=listing.filtered.values("pk"))
    page = listing.paginate(listing.order(rows.prefetch_related("memberships__agency")))
    may_create = request.user.has_role(Role.SYSTEM_ADMIN)
    if request.method == "POST" and not may_create:
        raise PermissionDenied("只有系统管理员可以新建用户")
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = call_service(form, accounts.create_user, request.user, **form.cleaned_data)
        if user is not None:
            messages.success(request, f"已新建用户{user.username}")
            return redirect("user_detail", pk=user.pk)
    context = {"page": page, "form": form, "may_create": may_create}
    return listing.render("org/user_list.html", "org/_user_rows.html", context)


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_account_role(request.user)
    subject = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    role_form = RoleForm(prefix="role", user=request.user)
    reset_form = PasswordResetForm(prefix="reset")
    if request.method == "POST":
        act = request.POST.get("act")
        if act == "grant":
            role_form = RoleForm(request.POST, prefix="role", user=request.user)
            if role_form.is_valid() and call_service(
                role_form, accounts.grant_role, request.user, subject, **role_form.cleaned_data
            ):
                messages.success(request, "已分配角色")
                return redirect("user_detail", pk=subject.pk)
        elif act == "revoke":
            membership = get_object_or_404(
                Membership.objects.visible_to(request.user).filter(user=subject),
                pk=request.POST.get("membership"),
            )
            accounts.revoke_role(request.user, membership)
            messages.success(request, "已撤销角色")
            return redirect("user_detail", pk=subject.pk)
        elif act in ("disable", "enable"):
            form = forms.Form()
            if call_service(
                form, accounts.set_user_active, request.user, subject, active=act == "enable"
            ):
                messages.success(request, "已启用账号" if act == "enable" else "已停用账号")
            else:
                messages.error(request, "；".join(form.non_field_errors()))
            return redirect("user_detail", pk=subject.pk)
        elif act == "reset":
            reset_form = PasswordResetForm(request.POST, prefix="reset")
            admin_account = accounts.is_administrator(subject)
            service = resets.request_reset if admin_account else accounts.reset_password
            if reset_form.is_valid() and call_service(
                reset_form, service, request.user, subject, **reset_form.cleaned_data
            ):
                if admin_account:
                    messages.success(request, "已提交密码重置申请，待另一名管理员批准后生效")
                else:
                    messages.success(request, "已重置密码，该用户下次登录时须修改密码")
                return redirect("user_detail", pk=subject.pk)
    context = {
        "subject": subject,
        "memberships": subject.memberships.select_related("agency", "unit"),
        "role_form": role_form,
        "reset_form": reset_form,
        "is_system_admin": request.user.has_role(Role.SYSTEM_ADMIN),
        "is_security_admin": request.user.has_role(Role.SECURITY_ADMIN),
        "is_administrator": accounts.is_administrator(subject),
        "may_reset": subject.pk != request.user.pk
        and (
            request.user.has_role(Role.SYSTEM_ADMIN)
            or (accounts.is_administrator(subject) and request.user.has_role(*ADMIN_ROLES))
        ),
    }
    return render(request, "org/user_detail.html", context)


@login_required
def reset_requests(request: HttpRequest) -> HttpResponse:
    """管理员密码重置审批: the three administrators see every request and decide others'."""
    if not request.user.has_role(*ADMIN_ROLES):
        raise PermissionDenied("只有管理员可以查看密码重置申请")
    if request.method == "POST":
        pending = get_object_or_404(
            PasswordResetRequest.objects.visible_to(request.user), pk=request.POST.get("request")
        )
        decide = (
            resets.approve_reset if request.POST.get("act") == "approve" else resets.reject_reset
        )
        form = forms.Form()
        if call_service(form, decide, request.user, pending):
            messages.success(
                request, "已批准，新密码已生效" if decide is resets.approve_reset else "已驳回"
            )
        else:
            messages.error(request, "；".join(form.non_field_errors()))
        return redirect("reset_requests")
    rows = PasswordResetRequest.objects.visible_to(request.user).select_related(
        "user", "requested_by", "decided_by"
    )
    return render(request, "org/reset_requests.html", {"rows": rows[:100]})
