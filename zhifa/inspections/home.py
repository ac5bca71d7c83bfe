"""The visit's part of the 工作台: the officer's visits today and open records; for the justice
bureau, ratings flagged for supervision and the accompanying policy officers' notes."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.inspections.models import OnSiteRecord, Rating, RecordState
from zhifa.inspections.models.filings import Inspection
from zhifa.inspections.services.outcome import RECORDABLE
from zhifa.org.models import Role


def visits_summary(user: Any, role: str) -> dict[str, Any]:
    if role == Role.OFFICER:
        today = timezone.localdate()
        due = (
            Inspection.objects.restrict(user)
            .filter(
                officers__user=user,
                status__in=RECORDABLE,
                window_start__lte=today,
                window_end__gte=today,
                onsite_record__isnull=True,
            )
            .distinct()
        )
        open_records = (
            OnSiteRecord.objects.restrict(user, "change")
            .filter(inspection__officers__user=user, state=RecordState.OPEN)
            .distinct()
        )
        return {"due": due.count(), "open": open_records.count()}
    if role == Role.SUPERVISOR:
        ratings = Rating.objects.restrict(user)
        return {"flagged": ratings.filter(flagged=True).count(), "ratings": ratings.count()}
    return {}
