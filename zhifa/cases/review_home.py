"""The legal review's part of the 工作台: the reviewer's reviews to give (and those past their
time limit), the head's disagreements to coordinate (处罚法 art. 58; 118号)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases.models.reviews import LegalReview, ReviewStatus
from zhifa.org.models import Role


def reviews_summary(user: Any, role: str) -> dict[str, Any]:
    if role == Role.LEGAL_REVIEWER:
        mine = LegalReview.objects.restrict(user, "review").filter(status=ReviewStatus.PENDING)
        late = mine.filter(due_on__lt=timezone.localdate())
        return {"pending": mine.count(), "overdue": late.count()}
    if role == Role.AGENCY_HEAD:
        disputed = LegalReview.objects.restrict(user, "approve").filter(
            status=ReviewStatus.DISPUTED
        )
        return {"disputed": disputed.count()}
    return {}
