"""What org shows on the 工作台 (composed by the portal, see ``OrgConfig.home_panels``): the
user's agencies and their units, a supervisor's region, the accounts for the administrators, the
holiday data for the system administrator and the ledger's state for the audit administrator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from zhifa.core import ledger
from zhifa.org import queries
from zhifa.org.models import Role, User


def _agency_panel(user: User, role: str) -> dict[str, Any]:
    memberships = [m for m in queries.my_memberships(user) if m.role == role]
    return {
        "memberships": memberships,
        "overviews": [
            {"agency": m.agency, **queries.agency_overview(user, m.agency)}
            for m in memberships
            if m.agency_id
        ],
    }


def _supervisor_panel(user: User, role: str) -> dict[str, Any]:
    return {
        "memberships": [m for m in queries.my_memberships(user) if m.role == role],
        "by_region": queries.supervision_overview(user),
    }


def _system_admin_panel(user: User, role: str) -> dict[str, Any]:
    return {
        "accounts": queries.account_overview(),
        "calendar": queries.calendar_status(timezone.localdate()),
    }


def _security_admin_panel(user: User, role: str) -> dict[str, Any]:
    return {"accounts": queries.account_overview()}


def _audit_admin_panel(user: User, role: str) -> dict[str, Any]:
    return {
        "verification": ledger.verify(),
        "recent": queries.recent_ledger(),
        "failures": queries.recent_login_failures(),
    }


def _thin_panel(user: User, role: str) -> dict[str, Any]:
    return {}


PANELS: dict[str, Callable[[User, str], dict[str, Any]]] = {
    Role.OFFICER: _agency_panel,
    Role.LEGAL_REVIEWER: _agency_panel,
    Role.AGENCY_HEAD: _agency_panel,
    Role.AGENCY_ADMIN: _agency_panel,
    Role.SUPERVISOR: _supervisor_panel,
    Role.ENTERPRISE: _thin_panel,
    Role.SOCIAL_SUPERVISOR: _thin_panel,
    Role.SYSTEM_ADMIN: _system_admin_panel,
    Role.SECURITY_ADMIN: _security_admin_panel,
    Role.AUDIT_ADMIN: _audit_admin_panel,
}


def summary(user: User, role: str) -> dict[str, Any]:
    """Org's part of the role's panel (``panel.org`` in the templates)."""
    return PANELS[Role(role)](user, role)
