"""Every visit registers its matters with the five-year review (seed 000 (十四)): a matter checked
on site since ``since`` is in use (declared as the catalogue's usage source on the AppConfig)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from zhifa.inspections.models import ChecklistResult, OnSiteRecord


def matters_visited(since: date) -> Iterable[int]:
    """Ids of the matters of inspections visited on or after ``since``."""
    records = OnSiteRecord.objects.filter(visited_on__gte=since)
    inspected = OnSiteRecord.inspection.field.related_model.matters.through.objects.filter(
        inspection__onsite_record__in=records
    ).values_list("matter_id", flat=True)
    checked = ChecklistResult.objects.filter(record__in=records).values_list("matter_id", flat=True)
    return {*inspected, *checked}
