"""The matters the cases used, for the catalogue's five-year review (every case registers its
matter: a matter no case or inspection used in five years is a candidate for removal)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from zhifa.cases.models import CaseMatter


def matters_used(since: date) -> Iterable[int]:
    """Ids of the matters of cases discovered on or after ``since``."""
    return set(
        CaseMatter.objects.filter(case__discovered_on__gte=since).values_list(
            "matter_id", flat=True
        )
    )
