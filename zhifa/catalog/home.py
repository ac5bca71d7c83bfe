"""The catalogue's part of the 工作台: filings the justice bureau returned (a to-do for the agency,
with the opinion: revise and refile) and filings waiting for the supervisor's review (seed 000
(十): the lists are filed with the justice bureau)."""

from __future__ import annotations

from typing import Any

from zhifa.catalog.models import Filing, FilingStatus
from zhifa.catalog.models.lists import REVIEW
from zhifa.org.models import Agency, Role


def summary(user: Any, role: str) -> dict[str, Any]:
    if role in (Role.AGENCY_HEAD, Role.AGENCY_ADMIN):
        agencies = Agency.objects.where_role(user, role)
        returned = (
            Filing.objects.restrict(user, "view")
            .filter(status=FilingStatus.RETURNED, version__agency__in=agencies)
            .select_related("version__agency", "handled_by")
            .order_by("-handled_at")
        )
        return {"returned": list(returned[:10]), "returned_count": returned.count()}
    if role == Role.SUPERVISOR:
        waiting = Filing.objects.restrict(user, REVIEW).filter(status=FilingStatus.PENDING)
        oldest = waiting.order_by("created_at").first()
        return {"waiting": waiting.count(), "oldest": oldest}
    return {}
