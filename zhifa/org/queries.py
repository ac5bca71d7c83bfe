"""Reads for pages, each scoped to the user through ``visible_to``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from zhifa.core.models import HolidayNotice, LedgerEntry
from zhifa.core.workdays import ChineseCalendarOracle, YearDataMissing
from zhifa.org.models import Agency, AgencyKind, Membership, Role, Unit, User


def my_memberships(user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("agency", "agency__region", "unit").order_by("role")


def agencies_for(user: User) -> QuerySet[Agency]:
    return Agency.objects.visible_to(user).select_related("region")


def agency_overview(user: User, agency: Agency) -> dict[str, Any]:
    """Units with how many people hold each role in them, and the agency's role totals."""
    units = (
        Unit.objects.visible_to(user)
        .filter(agency=agency)
        .annotate(people=Count("memberships__user", distinct=True))
    )
    totals = dict(
        Membership.objects.filter(agency=agency)
        .values_list("role")
        .annotate(n=Count("user", distinct=True))
    )
    return {
        "units": units,
        "officers": totals.get(Role.OFFICER, 0),
        "legal_reviewers": totals.get(Role.LEGAL_REVIEWER, 0),
    }


def supervision_overview(user: User) -> list[dict[str, Any]]:
    """Agencies in the supervisor's region, counted by district and kind."""
    rows = (
        agencies_for(user)
        .values("region__name", "region__code")
        .annotate(
            total=Count("id"),
            delegated=Count("id", filter=Q(kind=AgencyKind.DELEGATED)),
        )
        .order_by("region__code")
    )
    return list(rows)


def calendar_status(today: date) -> list[dict[str, Any]]:
    """This year and next: is holiday data there? (Next year's notice comes out each November.)"""
    oracle = ChineseCalendarOracle(
        known_years=HolidayNotice.objects.filter(is_complete=True).values_list("year", flat=True)
    )
    status = []
    for year in (today.year, today.year + 1):
        try:
            oracle.is_working_day(date(year, 12, 31))
            known = True
        except YearDataMissing:
            known = False
        status.append({"year": year, "known": known})
    return status


def account_overview() -> dict[str, Any]:
    users = User.objects.all()
    return {
        "users": users.count(),
        "inactive": users.filter(is_active=False).count(),
        "without_role": users.filter(memberships__isnull=True).count(),
        "by_role": [
            {"role": role, "role_label": Role(role).label, "n": n}
            for role, n in Membership.objects.values_list("role").annotate(n=Count("id"))
        ],
    }


def recent_ledger(limit: int = 15) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.order_by("-seq")[:limit]


def recent_login_failures(limit: int = 10) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(
        action__in=["org.auth.login_failed", "org.auth.locked"]
    ).order_by("-seq")[:limit]
