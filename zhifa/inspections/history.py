"""An enterprise's inspection history, as the rules count it: the filings that stand for a visit
(submitted, approved, recorded, closed), a joint visit once however many agencies took part.

The draws (exclusions: inspected for the same matter recently, or at the yearly cap) and the
pre-filing (the yearly cap, 54号) read it from here, so both count alike.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet

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


# -- bulk readers for a draw (a whole pool at once, not one party at a time) -------------------


def recently_inspected(matter_ids: list[int], since: date) -> dict[int, str]:
    """Party id → why it counts as inspected for one of ``matter_ids`` since ``since`` (the draw's
    exclusion of recent inspections for the same matter; seed 004)."""
    found: dict[int, str] = {}
    rows = (
        Inspection.objects.filter(
            status__in=STANDING, window_end__gte=since, matters__in=matter_ids
        )
        .values_list("party_id", "window_start", "lead_agency__name")
        .order_by("party_id", "-window_start")
    )
    for party_id, start, agency_name in rows:
        found.setdefault(party_id, f"{agency_name}{start:%Y-%m-%d}检查")
    return found


def inspections_this_year(agency_ids: list[int], year: int) -> dict[int, int]:
    """Party id → the most visits any of ``agency_ids`` paid it in ``year`` that count against
    the cap (54号; the same count as :func:`yearly_count`)."""
    rows = (
        Inspection.objects.filter(
            agencies__in=agency_ids,
            status__in=STANDING,
            kind__in=counted_kinds(),
            window_start__year=year,
        )
        .values_list("party_id", "agencies")
        .annotate(n=Count("pk", distinct=True))
    )
    found: dict[int, int] = {}
    for party_id, _agency, n in rows:
        found[party_id] = max(found.get(party_id, 0), n)
    return found


def last_inspectors(party_ids: list[int]) -> dict[int, set[int]]:
    """Party id → the officers (ids) of the team that last visited it."""
    latest: dict[int, int] = {}
    for party_id, pk in (
        Inspection.objects.filter(party_id__in=party_ids, status__in=STANDING)
        .order_by("party_id", "-window_start", "-pk")
        .values_list("party_id", "pk")
    ):
        latest.setdefault(party_id, pk)
    found: dict[int, set[int]] = {pid: set() for pid in latest}
    by_inspection = {pk: pid for pid, pk in latest.items()}
    for inspection_id, officer_id in Inspection.officers.through.objects.filter(
        inspection_id__in=list(by_inspection)
    ).values_list("inspection_id", "officer_id"):
        found[by_inspection[inspection_id]].add(officer_id)
    return found
