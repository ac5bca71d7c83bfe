"""Every case registers its matters with the catalogue's five-year review (seed 000 (十四):
matters not exercised for five years are reviewed for cancellation, adjustment or suspension).

A case exercises its matters when it is opened (立案, 处罚法 art. 54) or decided on the spot
(简易程序, arts. 51–52, which is never "opened"); a lead that was never opened (不予立案, or
transferred before opening) exercised nothing. Each case counts once per matter (``CaseMatter`` is
unique per case and matter). ``matters_used`` is the cases app's usage source, declared on its
AppConfig (``usage_sources``) and registered with ``zhifa.catalog.usage.register_usage`` by the
portal: the catalogue never imports cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from zhifa.cases.models import CaseMatter, Procedure


def exercised_since(since: date) -> Q:
    """Cases (seen from their ``CaseMatter``) that exercised their matters on or after ``since``:
    opened then, or decided on the spot then."""
    summary = Q(case__procedure=Procedure.SUMMARY, case__decided_on__gte=since)
    return Q(case__opened_on__gte=since) | summary


def matters_used(since: date) -> Iterable[int]:
    """Ids of the matters of the cases opened (or decided on the spot) on or after ``since``."""
    return set(
        CaseMatter.objects.filter(exercised_since(since))
        .values_list("matter_id", flat=True)
        .distinct()
    )
