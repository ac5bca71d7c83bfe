"""工作台: one page, a panel for each role the user holds, each panel made of the sections the apps
declare for the role (``home_panels`` on their AppConfigs)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

from zhifa.org.models import Role, User
from zhifa.portal.collect import home_panels
from zhifa.portal.public import public_home


def panel(user: User, role: str) -> dict[str, Any]:
    """The role's panel: its label, the section templates, and each section's data by name."""
    sections = home_panels(role)
    return {
        "role": role,
        "label": Role(role).label,
        "templates": [section.templates[role] for section in sections],
        **{section.name: import_string(section.summary)(user, role) for section in sections},
    }


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: the 工作台. Anonymous: the public portal (the public is not sent to a login)."""
    if not request.user.is_authenticated:
        return public_home(request)
    return workbench(request)


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = sorted(user.role_set, key=list(Role.values).index)
    return render(request, "portal/home.html", {"panels": [panel(user, role) for role in roles]})
