"""Shared by the registry pages: who may read, certificate states, the officer queryset."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from zhifa.org.models import Agency, Role, User
from zhifa.registry.models import (
    Certificate,
    CertificateState,
    Officer,
)

READERS = (
    Role.OFFICER,
    Role.LEGAL_REVIEWER,
    Role.AGENCY_HEAD,
    Role.AGENCY_ADMIN,
    Role.SUPERVISOR,
)
OVERSEERS = (Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR)
EXPIRING_DAYS = 30

# A certificate to show for an officer: the one in force first, then the most telling.
STATE_RANK = {
    CertificateState.VALID: 0,
    CertificateState.SUSPENDED: 1,
    CertificateState.NOT_YET: 2,
    CertificateState.EXPIRED: 3,
    CertificateState.COLLECTED: 4,
    CertificateState.CANCELLED: 5,
}


def require_roles(user: User, *roles: str) -> None:
    if not user.has_role(*roles):
        raise PermissionDenied("您的角色无权查看此页面")


def admin_agencies(user: User) -> QuerySet[Agency]:
    """The agencies whose registry the user keeps (信息管理员)."""
    return Agency.objects.where_role(user, Role.AGENCY_ADMIN)


def tabs_for(user: User) -> dict[str, bool]:
    return {
        "is_registry_admin": user.has_role(Role.AGENCY_ADMIN),
        "sees_staffing": user.has_role(*OVERSEERS),
        "sees_assessments": user.has_role(*OVERSEERS),
        "excel_kinds": [
            ("officers", "执法人员"),
            ("certificates", "执法证件"),
            ("training", "培训记录"),
        ],
    }


def with_certificates(officers_qs: QuerySet[Officer]) -> QuerySet[Officer]:
    """Prefetch what showing certificates' states needs (two queries for any number of officers)."""
    return officers_qs.prefetch_related(
        Prefetch(
            "certificates",
            queryset=Certificate.objects.select_related("field").prefetch_related("suspensions"),
        )
    )


def certificate_state(certificate: Certificate, today: date) -> Certificate:
    """Set the certificate's ``state`` today, and whether it expires within the month."""
    certificate.state = certificate.state_on(today)
    certificate.expiring = (
        certificate.state == CertificateState.VALID
        and certificate.expires_on <= today + timedelta(days=EXPIRING_DAYS)
    )
    return certificate


def current_certificate(officer: Officer, today: date) -> Certificate | None:
    """The certificate to show for ``officer`` today, with its state (from prefetched data)."""
    found = [certificate_state(c, today) for c in officer.certificates.all()]
    if not found:
        return None
    return min(found, key=lambda c: (STATE_RANK[c.state], -c.expires_on.toordinal()))
