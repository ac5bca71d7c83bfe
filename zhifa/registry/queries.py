"""Reads of the registry: training progress, staffing ratios, shortfalls (rules.md, People)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from zhifa.core import parameters
from zhifa.org.models import Agency
from zhifa.registry import rules
from zhifa.registry.models import Assessment, Drill, Officer, OfficerStatus, TrainingRecord

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=7, decimal_places=1))


def required_training_hours() -> int:
    return parameters.get(rules.TRAINING_HOURS.key)


def required_training_hours_for(officer: Officer, year: int) -> int:
    """The hours ``officer`` must train in ``year`` (27号; seed 000 (三)): the yearly requirement,
    pro-rated by the months left in the year the officer first held a certificate. Per officer,
    not per certificate: a certificate renewed mid-year does not lower it."""
    required = required_training_hours()
    first = officer.certificates.aggregate(first=Min("issued_on"))["first"]
    if first is not None and first.year == year:
        months = 13 - first.month
        required = math.ceil(required * months / 12)
    return required


def training_hours(officer: Officer, year: int) -> Decimal:
    total = TrainingRecord.objects.filter(officer=officer, held_on__year=year).aggregate(
        h=Sum("hours")
    )["h"]
    return total or Decimal("0")


def officers_for(user: Any) -> QuerySet[Officer]:
    return Officer.objects.visible_to(user).select_related("agency", "unit")


def with_training(officers: QuerySet[Officer], year: int) -> QuerySet[Officer]:
    """Annotate each officer with ``hours`` trained in ``year``."""
    return officers.annotate(
        hours=Coalesce(Sum("training__hours", filter=Q(training__held_on__year=year)), ZERO)
    )


def active_enforcers(officers: QuerySet[Officer]) -> QuerySet[Officer]:
    return officers.filter(status=OfficerStatus.ON_DUTY, in_enforcement_post=True)


@dataclass(frozen=True)
class AgencyStaffing:
    """One agency's figures for a year: officers, legal reviewers and their shortfall,
    officers short of training hours, drills held against the requirement."""

    agency: Agency
    officers: int
    reviewers: int
    reviewers_required: int
    short_of_training: int
    drills: int
    drills_required: int

    @property
    def reviewer_shortfall(self) -> int:
        return max(0, self.reviewers_required - self.reviewers)

    @property
    def drill_shortfall(self) -> int:
        return max(0, self.drills_required - self.drills)


def reviewers_required(officers: int) -> int:
    """Legal reviewers an agency needs: ≥ ratio × officers, and ≥ the minimum (seed 001)."""
    ratio = parameters.get(rules.REVIEWER_RATIO.key)
    minimum = parameters.get(rules.REVIEWER_MINIMUM.key)
    return max(minimum, math.ceil(Decimal(officers) * ratio))


def staffing(agencies: QuerySet[Agency], year: int) -> list[AgencyStaffing]:
    """Per agency, in a fixed number of queries whatever the number of agencies."""
    required_hours = required_training_hours()
    drills_required = parameters.get(rules.DRILLS_PER_YEAR.key)
    on_duty = Q(officers__status=OfficerStatus.ON_DUTY)
    rows = agencies.annotate(
        n_officers=Count("officers", filter=on_duty & Q(officers__in_enforcement_post=True)),
        n_reviewers=Count("officers", filter=on_duty & Q(officers__is_legal_reviewer=True)),
    )
    # The per-officer sum must be grouped by officer before counting by agency: a subquery.
    short_ids = (
        with_training(active_enforcers(Officer.objects.filter(agency__in=agencies)), year)
        .filter(hours__lt=required_hours)
        .values("id")
    )
    short = dict(
        Officer.objects.filter(id__in=short_ids).values_list("agency").annotate(n=Count("id"))
    )
    drills = dict(
        Drill.objects.filter(agency__in=agencies, held_on__year=year)
        .values_list("agency")
        .annotate(n=Count("id"))
    )
    return [
        AgencyStaffing(
            agency=a,
            officers=a.n_officers,
            reviewers=a.n_reviewers,
            reviewers_required=reviewers_required(a.n_officers),
            short_of_training=short.get(a.pk, 0),
            drills=drills.get(a.pk, 0),
            drills_required=drills_required,
        )
        for a in rows
    ]


def assessment_results(user: Any) -> QuerySet[Assessment]:
    """日常考核 results ``user`` may read: of those in scope (``visible_to``), the results of the
    agencies they head or keep the registry of (and the bodies those agencies set up or delegated
    to), of the region they supervise, and their own. A colleague's results are not an officer's
    business."""
    return Assessment.objects.restrict(user)


def certificate_q(q: str) -> Q:
    """A certificate number as printed (示99010001003) or as typed without its prefix."""
    words = q.strip()
    if not words:
        return Q(pk__in=[])
    exact = Q(certificates__number__iexact=words)
    if words.isdigit() and len(words) >= 6:
        exact |= Q(certificates__number__regex=rf"^[^0-9]+{re.escape(words)}$")
    return exact
