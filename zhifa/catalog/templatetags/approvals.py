"""``{% approval_panel rule %}``: the record and the open approval steps of a list version or a
benchmark; ``{% refile_panel filing %}``: the refile form of a returned filing."""

from __future__ import annotations

from typing import Any

from django import template

from zhifa.catalog.services.approvals import returned_mark
from zhifa.catalog.views import approvals as views

register = template.Library()


@register.inclusion_tag("catalog/_approval_panel.html", takes_context=True)
def approval_panel(context: dict[str, Any], rule: Any) -> dict[str, Any]:
    return {**views.panel(context["request"].user, rule), "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("catalog/_refile_panel.html", takes_context=True)
def refile_panel(context: dict[str, Any], filing: Any) -> dict[str, Any]:
    return {
        "filing": filing,
        "form": views.refile_form(context["request"].user, filing),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def returned(rule: Any) -> str:
    """ "已被司法局退回" while the rule's returned filing is not corrected (public pages)."""
    return returned_mark(rule)
