"""The 工作台's to-do "罚款逾期未缴": the fines of cases in execution not paid by their day
(处罚法 art. 67: within 15 days of service; art. 66: the approved plan's days; art. 72: the
late fee then runs, and 强制法 art. 54 calls for a demand notice).

Read from what the services keep on the execution record (``Execution.settled`` and
``next_due``, :mod:`zhifa.cases.services.execution`): one query, whatever the number of cases.
The officer sees the cases he handles, the head those of his agencies. A record whose execution
was ended (强制法 art. 40) or that the court ruled to enforce (art. 53) is no longer the
agency's to collect."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from zhifa.cases.models import CaseOfficer, CaseStatus, Execution
from zhifa.cases.models.execution import CourtRuling
from zhifa.org.models import Agency, Role

#: At most this many cases are named on the panel (the count says them all).
SHOWN = 10


def overdue_fines(user: Any, role: str, today: Any = None) -> list[dict[str, Any]]:
    """The overdue unpaid fines ``user`` answers for in ``role`` (oldest day first): one query."""
    today = today or timezone.localdate()
    rows = Execution.objects.filter(
        Q(next_due__lt=today) | Q(next_due__isnull=True, fine__gt=0),
        settled=False,
        ended_on__isnull=True,
        case__status=CaseStatus.EXECUTION,
    ).exclude(ruling=CourtRuling.GRANTED)
    if role == Role.AGENCY_HEAD:
        rows = rows.filter(case__agency__in=Agency.objects.where_role(user, role))
    else:
        rows = rows.filter(
            case__agency__in=Agency.objects.where_role(user, role),
            case__in=CaseOfficer.objects.filter(officer__user=user).values("case_id"),
        )
    found = rows.order_by("next_due", "case_id").values(
        "case_id", "case__number", "case__title", "next_due", "fine"
    )
    return [
        {
            "pk": r["case_id"],
            "label": r["case__number"] or r["case__title"],
            "next_due": r["next_due"],
            "days": (today - r["next_due"]).days if r["next_due"] else None,
            "fine": r["fine"],
        }
        for r in found
    ]


def home_summary(user: Any, role: str) -> dict[str, Any]:
    """The panel's entry: how many, and the first :data:`SHOWN`."""
    if role not in (Role.OFFICER, Role.AGENCY_HEAD):
        return {}
    found = overdue_fines(user, role)
    return {"overdue": found[:SHOWN], "overdue_count": len(found)}
