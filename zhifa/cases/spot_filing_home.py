"""The 工作台's to-do "当场处罚决定待报备" for the officers (处罚法 art. 52: the decision made on
the spot is filed with the agency): the summary decisions of the cases they handle not yet filed,
or returned by the head, with the days left of the platform's period
(``cases.on_spot_filing_working_days``). The head's side is the approvals page
(``zhifa.cases.approvals``: 当场处罚决定备案). One query for the rows and one for the calendar."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases.models import CaseOfficer, OnSpotDecision, OnSpotFilingStatus
from zhifa.cases.services import spot_filing
from zhifa.core import parameters
from zhifa.core.calendar import current_oracle
from zhifa.core.workdays import PeriodUnit, YearDataMissing, deadline
from zhifa.org.models import Agency, Role

#: At most this many decisions are named on the panel (the count says them all).
SHOWN = 10


def to_file(user: Any, today: Any = None) -> list[dict[str, Any]]:
    """The decisions ``user`` still has to file (the nearest deadline first)."""
    today = today or timezone.localdate()
    rows = (
        OnSpotDecision.objects.filter(
            filing_status__in=(OnSpotFilingStatus.NOT_FILED, OnSpotFilingStatus.RETURNED),
            case__agency__in=Agency.objects.where_role(user, Role.OFFICER),
            case__in=CaseOfficer.objects.filter(officer__user=user).values("case_id"),
        )
        .exclude(case__status__in=("closed", "archived"))
        .order_by("case__decided_on", "case_id")
        .values("case_id", "case__number", "case__title", "case__decided_on", "filing_status")
    )
    days = parameters.get(spot_filing.FILING_WORKING_DAYS.key)
    oracle = current_oracle() if rows else None
    found = []
    for r in rows:
        try:
            due = deadline(r["case__decided_on"], days, PeriodUnit.WORKING, oracle)
        except YearDataMissing:
            due = None  # the year's holiday data not yet published: no count shown
        found.append(
            {
                "pk": r["case_id"],
                "label": r["case__number"] or r["case__title"],
                "due": due,
                "left": (due - today).days if due else None,
                "returned": r["filing_status"] == OnSpotFilingStatus.RETURNED,
            }
        )
    return found


def home_summary(user: Any, role: str) -> dict[str, Any]:
    """The panel's entry: how many, and the first :data:`SHOWN`."""
    if role != Role.OFFICER:
        return {}
    found = to_file(user)
    return {"rows": found[:SHOWN], "count": len(found)}
