"""Accounts, passwords, roles and sign-in events (等保 level 3: 三员分立, audit of logins)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from zhifa.core import ledger
from zhifa.core.errors import collect, field_error
from zhifa.core.permissions import require_role
from zhifa.core.validators import plain_text_errors, validate_mobile
from zhifa.org.models import ADMIN_ROLES, BUSINESS_ROLES, Agency, Membership, Role, Unit, User
from zhifa.org.throttle import failures_in_window


def _user_snapshot(user: User) -> dict[str, Any] | None:
    return ledger.snapshot(user, exclude={"last_login"})


def _check_password(password: str, user: User, field: str = "password") -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise field_error(field, "；".join(exc.messages), code="weak_password") from None


@transaction.atomic
def create_user(
    actor: Any, *, username: str, full_name: str, password: str, mobile: str = ""
) -> User:
    """Open an account (system administrator). The password must meet the password rules."""
    require_role(actor, Role.SYSTEM_ADMIN, message="只有系统管理员可以新建用户")
    username = (username or "").strip()
    errors: dict[str, list[str]] = {"username": [], "full_name": [], "mobile": [], "password": []}
    if not username:
        errors["username"].append("请填写登录名")
    elif not username.isascii() or not username.replace("_", "").replace(".", "").isalnum():
        errors["username"].append("登录名只能包含字母、数字、下划线和点")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"].append(f"登录名“{username}”已被使用")
    if not (full_name or "").strip():
        errors["full_name"].append("请填写姓名")
    errors["full_name"].extend(plain_text_errors(full_name))
    if mobile:
        try:
            mobile = validate_mobile(mobile)
        except ValidationError as exc:
            errors["mobile"].extend(exc.messages)
    user = User(username=username, full_name=(full_name or "").strip(), mobile=mobile)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        errors["password"].extend(exc.messages)
    collect(errors)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save()
    ledger.append(actor=actor, action="org.user.create", obj=user, after=_user_snapshot(user))
    return user


@transaction.atomic
def set_user_active(actor: Any, user: User, *, active: bool) -> User:
    """Disable or re-enable an account (accounts are never deleted: the ledger names them)."""
    require_role(actor, Role.SYSTEM_ADMIN, message="只有系统管理员可以停用或启用用户")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == actor.pk and not active:
        raise field_error("is_active", "不能停用自己的账号")
    before = _user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        revoke_tokens(user)
    ledger.append(
        actor=actor,
        action="org.user.enable" if active else "org.user.disable",
        obj=user,
        before=before,
        after=_user_snapshot(user),
    )
    return user


def is_administrator(user: User) -> bool:
    return user.memberships.filter(role__in=[r.value for r in ADMIN_ROLES]).exists()


def apply_new_password(user: User, *, password: str = "", password_hash: str = "") -> int:
    """Give ``user`` a password someone else chose: it must be changed at the next sign-in, and
    the account's API tokens end. Returns how many tokens were revoked."""
    if password:
        user.set_password(password)
    else:
        user.password = password_hash
    user.password_changed_at = timezone.now()
    user.must_change_password = True
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    return revoke_tokens(user)


@transaction.atomic
def reset_password(actor: Any, user: User, *, new_password: str) -> User:
    """The system administrator sets a new password for a user who lost theirs; the user must
    change it at the next sign-in and the account's API tokens end. An administrator's account
    is reset only with a second administrator's approval (services.resets, 三员分立)."""
    require_role(actor, Role.SYSTEM_ADMIN, message="只有系统管理员可以重置密码")
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_administrator(user):
        raise PermissionDenied("管理员账号的密码须经另一名管理员批准后才能重置，请提交重置申请")
    _check_password(new_password, user, "new_password")
    revoked = apply_new_password(user, password=new_password)
    ledger.append(
        actor=actor,
        action="org.user.reset_password",
        obj=user,
        after={"must_change_password": True, "tokens_revoked": revoked},
    )
    return user


@transaction.atomic
def change_password(user: User, *, old_password: str, new_password: str) -> User:
    """A user changes their own password; the old one must be right and the new one different."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(old_password):
        raise field_error("old_password", "原密码不正确")
    if old_password == new_password:
        raise field_error("new_password", "新密码不能与原密码相同")
    _check_password(new_password, user, "new_password")
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.must_change_password = False
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    ledger.append(
        actor=user,
        action="org.user.change_password",
        obj=user,
        after={"tokens_revoked": revoke_tokens(user)},
    )
    return user


def _clean_role(user: User, role: str, agency: Agency | None, unit: Unit | None) -> None:
    """三员分立 and where each role belongs."""
    if role not in Role.values:
        raise field_error("role", "请选择角色")
    held = set(user.memberships.values_list("role", flat=True))
    if role in ADMIN_ROLES:
        if held & ADMIN_ROLES:
            raise field_error(
                "role", "三员分立：系统管理员、安全管理员、审计管理员不得由同一账号兼任"
            )
        if held:
            raise field_error("role", "管理员账号不得同时承担业务角色")
        if agency is not None:
            raise field_error("agency", "管理员角色不属于具体执法主体")
    elif held & ADMIN_ROLES:
        raise field_error("role", "管理员账号不得同时承担业务角色")
    if role in BUSINESS_ROLES and agency is None:
        raise field_error("agency", "该角色须指定所在执法主体")
    if role == Role.SUPERVISOR and (agency is None or not agency.is_justice):
        raise field_error("agency", "执法监督人员须属于司法行政部门")
    if role in (Role.ENTERPRISE, Role.SOCIAL_SUPERVISOR) and agency is not None:
        raise field_error("agency", "企业用户和社会监督员不属于执法主体")
    if unit is not None and (agency is None or unit.agency_id != agency.pk):
        raise field_error("unit", "科室须属于所选执法主体")
    if user.memberships.filter(role=role, agency=agency).exists():
        raise field_error("role", "该用户已有此角色")


@transaction.atomic
def grant_role(
    actor: Any, user: User, *, role: str, agency: Agency | None = None, unit: Unit | None = None
) -> Membership:
    """Give a user a role (security administrator). No account holds two of the three
    administrator roles, nor an administrator role beside a business role (等保 三员分立)."""
    require_role(actor, Role.SECURITY_ADMIN, message="只有安全管理员可以分配角色")
    if user.pk == actor.pk:
        raise PermissionDenied("不能给自己分配角色")
    User.objects.select_for_update().get(pk=user.pk)
    _clean_role(user, role, agency, unit)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, role=role, agency=agency, unit=unit)
    except IntegrityError:
        raise field_error(
            "role", "三员分立：系统管理员、安全管理员、审计管理员不得由同一账号兼任"
        ) from None
    ledger.append(
        actor=actor, action="org.role.grant", obj=membership, after=ledger.snapshot(membership)
    )
    _forget_roles(user)
    return membership


@transaction.atomic
def revoke_role(actor: Any, membership: Membership) -> None:
    """Take a role away (security administrator)."""
    require_role(actor, Role.SECURITY_ADMIN, message="只有安全管理员可以撤销角色")
    if membership.user_id == actor.pk:
        raise PermissionDenied("不能撤销自己的角色")
    before = ledger.snapshot(membership)
    pk = membership.pk
    membership.delete()
    ledger.append(
        actor=actor,
        action="org.role.revoke",
        object_type="org.membership",
        object_id=pk,
        before=before,
    )
    _forget_roles(membership.user)


def _forget_roles(user: User) -> None:
    user.__dict__.pop("role_set", None)
    user.__dict__.pop("_zhifa_scope", None)


def _client(request: Any) -> dict[str, str]:
    if request is None:
        return {}
    meta = getattr(request, "META", {})
    return {
        "ip": meta.get("REMOTE_ADDR", ""),
        "user_agent": meta.get("HTTP_USER_AGENT", "")[:200],
    }


@transaction.atomic
def record_login(user: User, request: Any, *, via: str = "page") -> None:
    """A successful sign-in, in the audit log."""
    ledger.append(
        actor=user, action="org.auth.login", obj=user, after={**_client(request), "via": via}
    )


@transaction.atomic
def record_logout(user: User, request: Any) -> None:
    """Signing out (on the page or the API) ends every credential: the API tokens too."""
    revoked = revoke_tokens(user)
    ledger.append(
        actor=user,
        action="org.auth.logout",
        obj=user,
        after={**_client(request), "tokens_revoked": revoked},
    )


def _attempted_name(username: str) -> str:
    """The attempted login name if it is an account's; otherwise only a hint of it, since people
    sometimes type their password into the name box and secrets must never be recorded."""
    if User.objects.filter(username=username).exists():
        return username[:64]
    return f"{username[:1]}***（{len(username)}位，无此账号）"


@transaction.atomic
def record_login_failure(username: str, request: Any) -> None:
    """A failed sign-in: the attempted name and the client, never the password.

    Aggregated, so that guessing cannot flood the audit log: one entry for the first failure of
    an account from an address within the lockout window; the count that follows is in the
    lockout entry (:func:`record_lockout`)."""
    client = _client(request)
    if failures_in_window(username, client.get("ip", "")) > 1:
        return
    name = _attempted_name(username)
    ledger.append(
        actor=None,
        actor_name=f"（登录失败）{name}",
        action="org.auth.login_failed",
        object_type="org.user",
        object_id=name[:64],
        after={**client, "window_minutes": _window_minutes()},
    )


def _window_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


@transaction.atomic
def record_lockout(username: str, request: Any) -> None:
    """An account (for an address) or an address locked after repeated failures: once, when it
    locks, with the failures counted; attempts during the lockout add nothing. The account's
    API tokens are revoked, as whoever guessed may also hold one."""
    if getattr(request, "axes_failures_since_start", None) is None:
        return  # already locked: axes refused this attempt without counting it
    client = _client(request)
    user = User.objects.filter(username=username).first()
    revoked = revoke_tokens(user) if user is not None else 0
    ledger.append(
        actor=None,
        actor_name=f"（账号锁定）{_attempted_name(username)}",
        action="org.auth.locked",
        object_type="org.user",
        object_id=_attempted_name(username)[:64],
        after={
            **client,
            "failures": failures_in_window(username, client.get("ip", "")),
            "window_minutes": _window_minutes(),
            "tokens_revoked": revoked,
        },
    )


def revoke_tokens(user: User) -> int:
    """Delete the user's API tokens (after a password change or reset, a sign-out, a lockout, a
    disabled account): a credential must not outlive the event that should end it. Returns how
    many were revoked, for the ledger entry of that event."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def bootstrap_administrators(passwords: dict[str, str]) -> list[User]:
    """Create the three separated administrators of a new installation (三员分立).

    Only for the installation command (there is no administrator yet to act); refuses once any
    administrator exists. ``passwords`` maps ``system_admin``/``security_admin``/``audit_admin``
    to their first passwords; usernames are ``sysadmin``, ``secadmin`` and ``auditadmin``.
    """
    if Membership.objects.filter(role__in=[r.value for r in ADMIN_ROLES]).exists():
        raise field_error("role", "系统已有管理员，不能重复初始化")
    names = {
        Role.SYSTEM_ADMIN: ("sysadmin", "系统管理员"),
        Role.SECURITY_ADMIN: ("secadmin", "安全管理员"),
        Role.AUDIT_ADMIN: ("auditadmin", "审计管理员"),
    }
    created = []
    for role, (username, full_name) in names.items():
        user = User(username=username, full_name=full_name)
        _check_password(passwords[role], user)
        user.set_password(passwords[role])
        user.password_changed_at = timezone.now()
        user.save()
        membership = Membership.objects.create(user=user, role=role)
        ledger.append(
            actor=None,
            actor_name="系统（安装初始化）",
            action="org.user.create",
            obj=user,
            after=_user_snapshot(user),
        )
        ledger.append(
            actor=None,
            actor_name="系统（安装初始化）",
            action="org.role.grant",
            obj=membership,
            after=ledger.snapshot(membership),
        )
        created.append(user)
    return created
