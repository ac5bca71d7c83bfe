"""Five-year review of unused matters (seed 000 (十四): matters not exercised for five years are
reviewed for cancellation, adjustment or suspension).

"Used" means some record rests on the matter: a case, an inspection, a permit. Those records live
in apps built on top of the catalogue, so each declares its usage source on its AppConfig, as
``usage_sources = {"cases": "zhifa.cases.usage.matters_used"}`` naming a function ``(since) ->
matter ids`` (e.g. ``Case.objects.filter(opened_on__gte=since).values_list("matter_id", flat=True)``),
and the portal registers it here when the apps are ready: the catalogue never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from zhifa.catalog.models import Matter, MatterStatus

UsageSource = Callable[[date], Iterable[int]]
SOURCES: dict[str, UsageSource] = {}
REVIEW_YEARS = 5
OPTIONS = ("取消", "调整", "暂停实施")


def register_usage(name: str, source: UsageSource) -> None:
    """Declare where matters are used: ``source(since)`` yields ids of matters used since then."""
    SOURCES[name] = source


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes 28 February (民法典 art. 202)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class FiveYearReviewRow:
    matter: Matter
    listed_since: date
    options: tuple[str, ...] = OPTIONS


def unused_matters(matters: QuerySet[Matter], today: date | None = None) -> list[FiveYearReviewRow]:
    """Active matters in the catalogue for at least five years and used by nothing since then."""
    today = today or timezone.localdate()
    since = years_before(today, REVIEW_YEARS)
    cutoff = timezone.make_aware(datetime.combine(since, time.max))
    used: set[int] = set()
    for source in SOURCES.values():
        used.update(source(since))
    candidates = (
        matters.filter(status=MatterStatus.ACTIVE, created_at__lte=cutoff)
        .exclude(pk__in=used)
        .select_related("agency")
        .order_by("agency__name", "code")
    )
    return [FiveYearReviewRow(m, timezone.localtime(m.created_at).date()) for m in candidates]
