"""Reads of coercive measures (行政强制措施) scoped to a user: the officer's emergency measures
still to report (强制法 art. 19)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from zhifa.cases.models.coercive import CoerciveMeasure, CoerciveStatus
from zhifa.core.scoping import CHANGE


def to_report(user: Any) -> list[CoerciveMeasure]:
    """The emergency measures ``user`` carried out on the spot (recorded them, or is one of their
    officers) and has not yet reported to the head: due within 24 hours of being carried out
    (强制法 art. 19), the soonest first; ``report_late`` says the 24 hours have passed."""
    mine = Q(requested_by=user) | Q(officers__user=user)
    rows = (
        CoerciveMeasure.objects.restrict(user, CHANGE)
        .filter(mine, status=CoerciveStatus.EMERGENCY)
        .select_related("case")
        .distinct()
        .order_by("carried_out_at", "pk")
    )
    now = timezone.now()
    found = list(rows)
    for measure in found:
        measure.report_late = now > measure.report_due_at
    return found
