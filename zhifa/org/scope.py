"""Who sees what: a user's scope, computed once per request from their roles.

The scope functions of each model (``scope_q`` on its queryset) read from here, so the rules for
roles live in one place:

- officers, legal reviewers, agency heads and agency administrators see their own agencies (and
  the bodies those agencies set up or delegated to);
- supervisors (执法监督人员 of a justice bureau) see every agency in the bureau's region and below;
- the system and security administrators see the organisation (to manage accounts and roles) but
  no business data; the audit administrator sees the audit log and ledger only (三员分立);
- enterprise users and social supervisors see no agency's internal data.

What a user may *do* is scoped here too, by the roles they hold in an agency
(``Agency.objects.where_role``): ``role_q`` for acting on an agency's data, ``oversight_q`` for the
records only an agency's leadership and its supervisors read (filings, assessment results).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q

from zhifa.org.regioncodes import code_prefix
from zhifa.org.roles import BUSINESS_ROLES, Role


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str]
    agency_ids: frozenset[int]
    region_prefixes: frozenset[str]

    @property
    def sees_all_organisations(self) -> bool:
        return bool(self.roles & {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN})

    @property
    def manages_accounts(self) -> bool:
        return self.sees_all_organisations

    @property
    def sees_colleagues(self) -> bool:
        return bool(self.roles & {Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR})

    @property
    def reads_ledger(self) -> bool:
        return Role.AUDIT_ADMIN in self.roles


EMPTY = Scope(frozenset(), frozenset(), frozenset())


def scope_of(user: Any) -> Scope:
    """The user's scope, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY
    cached = getattr(user, "_zhifa_scope", None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    agency_ids: set[int] = set()
    prefixes: set[str] = set()
    for role, agency_id, region_code in user.memberships.values_list(
        "role", "agency_id", "agency__region__code"
    ):
        roles.add(role)
        if role in BUSINESS_ROLES and agency_id:
            agency_ids.add(agency_id)
        elif role == Role.SUPERVISOR and region_code:
            prefixes.add(code_prefix(region_code))
    scope = Scope(frozenset(roles), frozenset(agency_ids), frozenset(prefixes))
    user._zhifa_scope = scope
    return scope


def _agencies() -> Any:
    """``Agency.objects``, looked up by name: the agency model imports this module."""
    return apps.get_model("org", "Agency").objects


def _agency_prefix(path: str) -> str:
    return f"{path}__" if path else ""


def role_q(user: Any, *roles: str, path: str = "agency", supervisors: bool = False) -> Q:
    """Rows whose agency (at ``path``) is an active agency where ``user`` holds one of ``roles``;
    with ``supervisors``, also those of the agencies in the regions ``user`` supervises."""
    prefix = _agency_prefix(path)
    q = Q(**{f"{prefix}pk__in": _agencies().where_role(user, *roles).values("pk")})
    if supervisors:
        q |= supervised_q(user, path)
    return q


def supervised_q(user: Any, path: str = "agency") -> Q:
    """Rows whose agency (at ``path``) lies in a region ``user`` supervises (执法监督人员)."""
    prefix = _agency_prefix(path)
    q = Q(pk__in=[])
    for region_prefix in scope_of(user).region_prefixes:
        q |= Q(**{f"{prefix}region__code__startswith": region_prefix})
    return q


def oversight_q(user: Any, *roles: str, path: str = "agency") -> Q:
    """Rows of the agencies where ``user`` holds one of ``roles`` (and of the bodies those
    agencies set up or delegated to, dissolved ones included: this is for reading), and of the
    agencies in the regions ``user`` supervises."""
    held = _agencies().where_role(user, *roles, include_inactive=True).values("pk")
    prefix = _agency_prefix(path)
    q = Q(**{f"{prefix}pk__in": held})
    q |= Q(**{f"{prefix}parent_id__in": held})
    q |= Q(**{f"{prefix}delegating_agency_id__in": held})
    return q | supervised_q(user, path)


def agency_data_q(user: Any, path: str = "agency") -> Q:
    """Rows of agency business data (officers, cases, …) the user may see, by the agency at ``path``.

    The agency's own staff see it, as do the agencies that set it up or delegated to it, and the
    supervisors of its region. Administrators see no business data (三员分立).
    """
    scope = scope_of(user)
    prefix = f"{path}__" if path else ""
    q = Q(**{f"{prefix}pk__in": scope.agency_ids})
    q |= Q(**{f"{prefix}parent_id__in": scope.agency_ids})
    q |= Q(**{f"{prefix}delegating_agency_id__in": scope.agency_ids})
    for region_prefix in scope.region_prefixes:
        q |= Q(**{f"{prefix}region__code__startswith": region_prefix})
    return q
