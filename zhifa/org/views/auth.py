"""Sign in, sign out, change password, and the page shown to a locked account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from zhifa.core.api import error_body
from zhifa.core.forms import call_service
from zhifa.org.services import accounts


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "登录名或密码不正确。连续失败%(limit)s次后账号将被锁定。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "登录名"
        self.fields["password"].label = "密码"

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )


class LoginView(auth_views.LoginView):
    template_name = "org/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What a locked account sees (django-axes calls this)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body(f"登录失败次数过多，账号已锁定{minutes}分钟，请稍后再试", "locked"),
            status=403,
        )
    return render(request, "org/locked.html", {"minutes": minutes}, status=403)


def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect(settings.LOGIN_REDIRECT_URL)
    return auth_views.LogoutView.as_view()(request)


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="原密码", widget=forms.PasswordInput)
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput)
    new_password_again = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", "两次输入的新密码不一致")
        return data


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = call_service(
            form,
            accounts.change_password,
            request.user,
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password"],
        )
        if user is not None:
            update_session_auth_hash(request, user)
            messages.success(request, "密码已修改")
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "org/password_change.html", {"form": form})
