"""What the agency's people must do about certificates, for the 工作台: the annual reviews due
with the days left (held after the year ends, within the review window: seed 000 (五); rules.md
"People"), and the certificates that expire within 30 days (to renew before the officer loses the
right to enforce: 处罚法 art. 42)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from zhifa.org.models import Agency
from zhifa.registry.eligibility import review_deadline
from zhifa.registry.models import Certificate, CertificateStatus, OfficerStatus

EXPIRY_NOTICE_DAYS = 30


@dataclass(frozen=True)
class ReviewDue:
    certificate: Certificate
    year: int
    deadline: date
    days_left: int


@dataclass(frozen=True)
class Expiring:
    certificate: Certificate
    days_left: int


def _current(agencies: QuerySet[Agency]) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(
            officer__agency__in=agencies,
            officer__status=OfficerStatus.ON_DUTY,
            status=CertificateStatus.VALID,
        )
        .select_related("officer__agency")
        .order_by("expires_on", "number")
    )


def reviews_due(agencies: QuerySet[Agency], today: date) -> list[ReviewDue]:
    """Certificates whose review of last year is still open today, soonest deadline first."""
    year = today.year - 1
    deadline = review_deadline(year)
    if today > deadline:
        return []
    due = (
        _current(agencies)
        .filter(issued_on__year__lte=year, expires_on__gte=today)
        .exclude(reviews__year=year)
    )
    return [ReviewDue(c, year, deadline, (deadline - today).days) for c in due]


def expiring(agencies: QuerySet[Agency], today: date) -> list[Expiring]:
    """Certificates valid today that expire within the next 30 days."""
    until = today + timedelta(days=EXPIRY_NOTICE_DAYS)
    found = _current(agencies).filter(expires_on__gte=today, expires_on__lte=until)
    return [Expiring(c, (c.expires_on - today).days) for c in found]
