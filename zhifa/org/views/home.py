"""工作台: one page, a panel for each role the user holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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


#: Summaries other apps add to a role's panel: ``name -> fn(user, role) -> dict``. Apps above
#: org register here (in their AppConfig.ready), so org never imports them.
PANEL_EXTRAS: dict[str, Callable[[User, str], dict[str, Any]]] = {}


def _with_extras(panel: Callable[[User, str], dict[str, Any]]):
    """The panel plus every registered app's summary for the role."""

    def build(user: User, role: str) -> dict[str, Any]:
        extras = {name: fn(user, role) for name, fn in PANEL_EXTRAS.items()}
        return {**panel(user, role), **extras}

    return build


PANELS = {
    Role.OFFICER: _with_extras(_agency_panel),
    Role.LEGAL_REVIEWER: _with_extras(_agency_panel),
    Role.AGENCY_HEAD: _with_extras(_agency_panel),
    Role.AGENCY_ADMIN: _with_extras(_agency_panel),
    Role.SUPERVISOR: _with_extras(_supervisor_panel),
    Role.ENTERPRISE: _thin_panel,
    Role.SOCIAL_SUPERVISOR: _thin_panel,
    Role.SYSTEM_ADMIN: _system_admin_panel,
    Role.SECURITY_ADMIN: _security_admin_panel,
    Role.AUDIT_ADMIN: _audit_admin_panel,
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    panels = [
        {
            "role": role,
            "label": Role(role).label,
            "template": f"org/home/{role}.html",
            **PANELS[Role(role)](user, role),
        }
        for role in sorted(user.role_set, key=list(Role.values).index)
    ]
    return render(request, "org/home.html", {"panels": panels})
