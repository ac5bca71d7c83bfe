"""The filings' part of the 工作台: for the agency head, the major decisions still to be filed
(and those past their time limit) and the correction opinions to answer; for the justice
bureau's supervisor, the filings to accept and review (seed 002)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases.models import FilingStatus, MajorDecisionFiling
from zhifa.cases.models.filings import SUPERVISE, WITH_BUREAU
from zhifa.org.models import Role


def filings_summary(user: Any, role: str) -> dict[str, Any]:
    if role == Role.SUPERVISOR:
        waiting = MajorDecisionFiling.objects.restrict(user, SUPERVISE).filter(
            status__in=WITH_BUREAU
        )
        return {"to_review": waiting.count()}
    if role == Role.AGENCY_HEAD:
        mine = MajorDecisionFiling.objects.restrict(user, "change")
        due = mine.filter(status=FilingStatus.DUE)
        late = due.filter(due_on__lt=timezone.localdate())
        corrections = mine.filter(status=FilingStatus.CORRECTION)
        return {"due": due.count(), "overdue": late.count(), "corrections": corrections.count()}
    return {}
