"""Who may act on an agency's business data: its information administrator, its head, its
supervisors. The models' ``change`` scopes (``Model.objects.restrict(user, "change")``) ask the
same question through ``Agency.objects.where_role``; services call these as their final check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

from zhifa.org.models import Agency, Role
from zhifa.org.scope import scope_of


def holds_role_in(actor: Any, agency: Agency, *roles: str) -> bool:
    """Whether ``actor`` holds one of ``roles`` in ``agency``, an active agency (``where_role``)."""
    return Agency.objects.where_role(actor, *roles).filter(pk=agency.pk).exists()


def supervises(actor: Any, agency: Agency) -> bool:
    """A supervisor of a justice bureau whose region contains the agency's region."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    code = agency.region.code
    return any(code.startswith(p) for p in scope_of(actor).region_prefixes)


def require_agency_role(actor: Any, agency: Agency, *roles: str, supervisors: bool = False) -> None:
    """Refuse unless the actor holds one of ``roles`` in ``agency`` (or supervises it, if allowed)."""
    if holds_role_in(actor, agency, *roles):
        return
    if supervisors and supervises(actor, agency):
        return
    raise PermissionDenied(refusal(agency, *roles))


def refusal(agency: Agency, *roles: str) -> str:
    """Why an action on ``agency``'s data is refused: who may take it."""
    labels = "、".join(Role(r).label for r in roles)
    return f"只有{agency.short_name or agency.name}的{labels}可以办理此事项"


def keeper_agencies(user: Any) -> list[Agency]:
    """The active agencies whose information administrator (信息管理员) ``user`` is: those whose
    registers and catalogue the user keeps, and imports into."""
    return list(Agency.objects.where_role(user, Role.AGENCY_ADMIN))


def importer_agencies(actor: Any) -> dict[int, Agency]:
    """The agencies whose information administrator ``actor`` is; PermissionDenied if none."""
    agencies = keeper_agencies(actor)
    if not agencies:
        raise PermissionDenied("只有执法主体的信息管理员可以导入")
    return {a.pk: a for a in agencies}


def agency_roles(actor: Any, agency: Agency, roles: tuple[str, ...]) -> str | None:
    """Role check for workflow tables (``zhifa.core.workflow``): the actor holds one of ``roles``
    in ``agency`` or, when ``roles`` names the 执法监督人员, supervises the agency's region.
    Returns the Chinese refusal, or ``None`` when the actor may act."""
    supervisors = Role.SUPERVISOR in roles
    own = tuple(r for r in roles if r != Role.SUPERVISOR)
    try:
        require_agency_role(actor, agency, *own, supervisors=supervisors)
    except PermissionDenied as refused:
        return str(refused)
    return None


def member_roles(message: str) -> Callable[[Any, Agency, tuple[str, ...]], str | None]:
    """Role check for workflow tables: only holders of ``roles`` in the agency itself (a
    supervisor above it does not count); refused with ``message``."""

    def check(actor: Any, agency: Agency, roles: tuple[str, ...]) -> str | None:
        return None if holds_role_in(actor, agency, *roles) else message

    return check


# The API's refusals before the body is read (``zhifa.core.api.May``): who may ever make a change.
KEEPERS = "只有执法主体的信息管理员可以办理此事项"
ASSESSORS = "只有执法主体的负责人或信息管理员可以办理此事项"
SUSPENDERS = "只有执法主体的信息管理员或执法监督人员可以办理此事项"
IMPORTERS_ONLY = "只有执法主体的信息管理员可以导入"
UNIT_KEEPERS = "只有系统管理员或本单位信息管理员可以维护内设机构"
