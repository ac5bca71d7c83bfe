"""The visit's part of the 工作台: the officer's visits today and open records; for the justice
bureau, ratings flagged for supervision and the accompanying policy officers' notes."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.inspections.models import OnSiteRecord, Rating, RecordState
from zhifa.inspections.models.filings import Inspection
from zhifa.inspections.services.outcome import RECORDABLE
from zhifa.org.models import Role


def visits_summary(user: Any, role: str) -> dict[str, Any]:
    if role == Role.OFFICER:
        today = timezone.localdate()
        due = (
            Inspection.objects.restrict(user)
            .filter(
                officers__user=user,
                status__in=RECORDABLE,
                window_start__lte=today,
                window_end__gte=today,
                onsite_record__isnull=True,
            )
            .distinct()
        )
        open_records = (
            OnSiteRecord.objects.restrict(user, "change")
            .filter(inspection__officers__user=user, state=RecordState.OPEN)
            .distinct()
        )
        return {"due": due.count(), "open": open_records.count()}
    if role == Role.SUPERVISOR:
        ratings = Rating.objects.restrict(user)
        return {"flagged": ratings.filter(flagged=True).count(), "ratings": ratings.count()}
    return {}


def plans_summary(user: Any, role: str) -> dict[str, Any]:
    """The random-inspection to-dos (国办发〔2019〕5号; 54号): a head's plans awaiting approval,
    an administrator's approved plans to file with the justice bureau, the draws whose seed
    waits to be revealed (head, administrator), the drawn targets awaiting their pre-filing
    (officer, head), and for the justice bureau the plans filed for its review."""
    from zhifa.inspections.models import DRAW, Draw, DrawStatus, InspectionPlan, PlanStatus
    from zhifa.org.models import Agency

    if role == Role.SUPERVISOR:
        filed = InspectionPlan.objects.restrict(user).filter(status=PlanStatus.FILED)
        count = filed.count()
        rows = list(filed.select_related("lead_agency")[:10])
        return {"to_review": rows, "count": count, "empty": count == 0}
    agencies = Agency.objects.where_role(user, role)
    plans = InspectionPlan.objects.filter(lead_agency__in=agencies)
    summary: dict[str, Any] = {}
    if role == Role.AGENCY_HEAD:
        summary["to_approve"] = list(plans.filter(status=PlanStatus.SUBMITTED)[:10])
    if role == Role.AGENCY_ADMIN:
        summary["to_file"] = list(plans.filter(status=PlanStatus.APPROVED)[:10])
    if role in (Role.AGENCY_HEAD, Role.AGENCY_ADMIN):
        seeds = (DrawStatus.ANNOUNCED, DrawStatus.INSPECTORS_ANNOUNCED)
        draws = Draw.objects.restrict(user, DRAW).filter(status__in=seeds, plan__in=plans)
        summary["to_reveal"] = list(draws.select_related("plan")[:10])
    if role in (Role.OFFICER, Role.AGENCY_HEAD):
        assigned = Draw.objects.filter(
            plan__in=plans, status__in=(DrawStatus.ASSIGNED, DrawStatus.PUBLISHED)
        ).select_related("plan")
        summary["to_file_targets"] = [
            draw
            for draw in assigned.filter(plan__period_end__gte=timezone.localdate())[:20]
            if draw.targets.exclude(
                party__in=Inspection.objects.filter(plan=draw.plan_id).values("party")
            ).exists()
        ][:10]
    summary["empty"] = not any(summary.values())
    return summary
