"""The catalogue's part of the 工作台: filings the justice bureau returned (a to-do for the agency,
with the opinion: refile as a new version), the approvals waiting for each person (legal review
for the legal reviewer, collective discussion for the head, publication for the administrator;
国办发〔2022〕27号), and filings waiting for the supervisor's review (seed 000 (九)(十): lists and
benchmarks are filed with the justice bureau)."""

from __future__ import annotations

from typing import Any

from zhifa.catalog.models import DiscretionBenchmark, Filing, FilingStatus, ListVersion, RuleStatus
from zhifa.catalog.models.lists import REVIEW
from zhifa.org.models import Agency, Role

#: Whose turn each stage is.
WAITING_FOR = {
    Role.LEGAL_REVIEWER: (RuleStatus.SUBMITTED, "待法制审核"),
    Role.AGENCY_HEAD: (RuleStatus.REVIEWED, "待集体讨论审批"),
    Role.AGENCY_ADMIN: (RuleStatus.APPROVED, "已批准待发布"),
}


def waiting_approvals(user: Any, role: str) -> list[Any]:
    """The list versions and benchmarks of the user's agencies waiting for ``role``'s step."""
    if role not in WAITING_FOR:
        return []
    stage, _ = WAITING_FOR[role]
    agencies = Agency.objects.where_role(user, role)
    found: list[Any] = list(
        ListVersion.objects.filter(agency__in=agencies, status=stage, published_at__isnull=True)
        .select_related("agency")
        .order_by("created_at")
    )
    found += list(
        DiscretionBenchmark.objects.filter(matter__agency__in=agencies, status=stage)
        .select_related("matter__agency")
        .order_by("pk")
    )
    return found


def summary(user: Any, role: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if role in WAITING_FOR:
        rules = waiting_approvals(user, role)
        found.update(approvals=rules[:10], approvals_count=len(rules))
        found["approvals_stage"] = WAITING_FOR[role][1]
    if role in (Role.AGENCY_HEAD, Role.AGENCY_ADMIN):
        agencies = Agency.objects.where_role(user, role)
        returned = (
            Filing.objects.restrict(user, "view")
            .filter(status=FilingStatus.RETURNED, agency__in=agencies)
            .select_related("agency", "version", "benchmark", "handled_by")
            .order_by("-handled_at")
        )
        found.update(returned=list(returned[:10]), returned_count=returned.count())
    if role == Role.SUPERVISOR:
        waiting = Filing.objects.restrict(user, REVIEW).filter(status=FilingStatus.PENDING)
        oldest = waiting.order_by("created_at").first()
        found.update(waiting=waiting.count(), oldest=oldest)
    return found
