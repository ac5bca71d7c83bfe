"""Where the law says no penalty shall be given (应当不予处罚), none may be recorded.

处罚法 art. 30 (under 14), art. 31 (could not recognise or control their conduct), art. 33(1) (minor,
corrected in time, no harm) and art. 33(2) (no fault): the agency *shall not* penalise. A written
reason does not open the way, as it does for a fine outside the benchmark's range (art. 34): the
only way is the no-penalty decision, with the party educated (art. 33(3)). 可以不予处罚 — e.g.
首违不罚 (art. 33(1), second sentence) — stays the agency's choice and is not refused here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from zhifa.catalog.models import ListKind
from zhifa.catalog.services.discretion import BenchmarkOutcome


def shall_not_penalise(outcome: BenchmarkOutcome | None) -> list[dict]:
    """The 应当 (shall) no-penalty circumstances the benchmark found (empty: a penalty may be given)."""
    if outcome is None:
        return []
    return [e for e in outcome.lists.get(ListKind.NO_PENALTY, []) if not e["may"]]


def refuse_shall_not_penalise(outcome: BenchmarkOutcome | None) -> None:
    """Refuse a penalty where ``outcome`` says none shall be given (处罚法 arts. 30, 31, 33)."""
    shall = shall_not_penalise(outcome)
    if not shall:
        return
    grounds = "；".join(f"{e['title']}（{e['basis'] or e['source']}）" for e in shall)
    raise ValidationError(
        {
            "measures": f"依法应当不予行政处罚，不得给予处罚：{grounds}。"
            "请作出不予行政处罚决定，并对当事人进行教育"
        }
    )
