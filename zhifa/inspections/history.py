"""An enterprise's inspection history, as the rules count it: the filings that stand for a visit
(submitted, approved, recorded, closed), a joint visit once however many agencies took part.

The draws (exclusions: inspected for the same matter recently, or at the yearly cap) and the
pre-filing (the yearly cap, 54号) read it from here, so both count alike.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from zhifa.core import parameters
from zhifa.inspections import filing_rules
from zhifa.inspections.models import STANDING, Inspection, InspectionKind


def inspections_of(
    party, *, agency=None, matter=None, since: date, until: date | None = None
) -> QuerySet[Inspection]:
    """The visits to ``party`` whose window ends on or after ``since`` (and, with ``until``,
    starts on or before it), by ``agency`` (taking part, lead or joined) and for ``matter`` when
    given; each visit once."""
    rows = Inspection.objects.filter(party=party, status__in=STANDING, window_end__gte=since)
    if until is not None:
        rows = rows.filter(window_start__lte=until)
    if agency is not None:
        rows = rows.filter(agencies=agency)
    if matter is not None:
        rows = rows.filter(matters=matter)
    if agency is not None or matter is not None:
        rows = Inspection.objects.filter(pk__in=rows.values("pk"))
    return rows.order_by("-window_start", "-pk")


def counted_kinds() -> tuple[str, ...]:
    """The kinds that count against the yearly cap: 个案 only when the parameter says so."""
    kinds = [InspectionKind.ROUTINE.value, InspectionKind.SPECIAL.value]
    if parameters.get(filing_rules.INDIVIDUAL_COUNTS.key):
        kinds.append(InspectionKind.INDIVIDUAL.value)
    return tuple(kinds)


def yearly_count(
    party, agency, year: int, *, exclude: int | None = None, kinds: tuple[str, ...] | None = None
) -> int:
    """How many visits of ``agency`` to ``party`` start in ``year`` and count against the cap
    (54号: annual frequency caps per agency per enterprise; whether 个案 counts is configurable)."""
    rows = Inspection.objects.filter(
        party=party,
        agencies=agency,
        status__in=STANDING,
        kind__in=counted_kinds() if kinds is None else kinds,
        window_start__range=(date(year, 1, 1), date(year, 12, 31)),
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.count()


def yearly_cap() -> int:
    return parameters.get(filing_rules.YEARLY_CAP.key)
