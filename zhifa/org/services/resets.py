"""Password resets of administrators' accounts: requested by one administrator, approved by a
second (三员分立, GB/T 22239-2019 8.1.4.2 访问控制 and 8.1.10.4 集中管控: no administrator may take
over another's account alone). Every reset, of any account, forces a change at the next sign-in,
so the one who chose the password never keeps using it; requests and decisions are in the ledger,
which the audit administrator reads."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.errors import field_error
from zhifa.core.permissions import require_role
from zhifa.org.models import ADMIN_ROLES, PasswordResetRequest, ResetStatus, User
from zhifa.org.services.accounts import _check_password, apply_new_password, is_administrator


def _request_record(request: PasswordResetRequest) -> dict[str, Any]:
    """The ledger's view of a request: who, for whom, what became of it; never the hash."""
    return ledger.snapshot(request, exclude={"password_hash"})


@transaction.atomic
def request_reset(actor: Any, user: User, *, new_password: str) -> PasswordResetRequest:
    """One administrator asks to set a new password on another administrator's account; nothing
    changes until a second administrator approves (:func:`approve_reset`)."""
    require_role(actor, *ADMIN_ROLES, message="只有管理员可以申请重置管理员的密码")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == actor.pk:
        raise PermissionDenied("不能为自己申请重置密码，请在“修改密码”中修改")
    if not is_administrator(user):
        raise field_error("user", "该账号不是管理员账号，由系统管理员直接重置密码")
    if PasswordResetRequest.objects.filter(user=user, status=ResetStatus.PENDING).exists():
        raise field_error("new_password", f"{user}已有待批准的密码重置申请")
    _check_password(new_password, user, "new_password")
    request = PasswordResetRequest.objects.create(
        user=user, requested_by=actor, password_hash=make_password(new_password)
    )
    ledger.append(
        actor=actor,
        action="org.user.reset_password.request",
        obj=request,
        after=_request_record(request),
    )
    return request


def _decide(actor: Any, request: PasswordResetRequest) -> PasswordResetRequest:
    require_role(actor, *ADMIN_ROLES, message="只有管理员可以批准管理员的密码重置")
    request = PasswordResetRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ResetStatus.PENDING:
        raise field_error("status", f"该申请已{request.get_status_display()[1:]}，不能再次处理")
    if actor.pk == request.requested_by_id:
        raise PermissionDenied("申请人不能批准自己的申请，须由另一名管理员批准")
    if actor.pk == request.user_id:
        raise PermissionDenied("不能批准重置自己账号密码的申请")
    return request


@transaction.atomic
def approve_reset(actor: Any, request: PasswordResetRequest) -> PasswordResetRequest:
    """A second administrator (neither the requester nor the account's holder) approves: the
    new password takes effect and must be changed at the next sign-in."""
    request = _decide(actor, request)
    before = _request_record(request)
    user = User.objects.select_for_update().get(pk=request.user_id)
    revoked = apply_new_password(user, password_hash=request.password_hash)
    request.status, request.decided_by, request.decided_at = (
        ResetStatus.APPROVED,
        actor,
        timezone.now(),
    )
    request.save(update_fields=["status", "decided_by", "decided_at"])
    ledger.append(
        actor=actor,
        action="org.user.reset_password.approve",
        obj=request,
        before=before,
        after={**_request_record(request), "tokens_revoked": revoked},
    )
    return request


@transaction.atomic
def reject_reset(actor: Any, request: PasswordResetRequest) -> PasswordResetRequest:
    """A second administrator turns the request down; the password stays as it was."""
    request = _decide(actor, request)
    before = _request_record(request)
    request.status, request.decided_by, request.decided_at = (
        ResetStatus.REJECTED,
        actor,
        timezone.now(),
    )
    request.save(update_fields=["status", "decided_by", "decided_at"])
    ledger.append(
        actor=actor,
        action="org.user.reset_password.reject",
        obj=request,
        before=before,
        after=_request_record(request),
    )
    return request
