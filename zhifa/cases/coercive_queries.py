"""Reads of coercive measures (行政强制措施) scoped to a user: the officer's emergency measures
still to report (强制法 art. 19); the supervision signals (监督提示) of a late emergency report and
of a measure running past its last day, for the supervisor's 工作台, the list's filter and the
measure's page."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.models.coercive import RUNNING, CoerciveMeasure, CoerciveStatus
from zhifa.cases.services import coercive
from zhifa.core.calendar import current_oracle
from zhifa.core.scoping import CHANGE
from zhifa.core.workdays import YearDataMissing


def to_report(user: Any) -> list[CoerciveMeasure]:
    """The emergency measures ``user`` carried out on the spot (recorded them, or is one of their
    officers) and has not yet reported to the head: due within 24 hours of being carried out
    (强制法 art. 19), the soonest first; ``report_late`` says the 24 hours have passed."""
    mine = Q(requested_by=user) | Q(officers__user=user)
    rows = (
        CoerciveMeasure.objects.restrict(user, CHANGE)
        .filter(mine, status=CoerciveStatus.EMERGENCY)
        .select_related("case")
        .distinct()
        .order_by("carried_out_at", "pk")
    )
    now = timezone.now()
    found = list(rows)
    for measure in found:
        measure.report_late = now > measure.report_due_at
    return found


# --- supervision signals (监督提示) ----------------------------------------------------------------


def late_report_q(now: datetime) -> Q:
    """Emergency measures reported to the head more than 24 hours after being carried out, or
    still unreported 24 hours after (强制法 art. 19)."""
    unreported = Q(status=CoerciveStatus.EMERGENCY, carried_out_at__lt=now - timedelta(hours=24))
    return Q(late_report=True) | unreported


def overdue_pks(rows: QuerySet, today: date, oracle: Any = None) -> list[int]:
    """The measures of ``rows`` still binding the party's property after their last day
    (强制法 arts. 25, 32: at most 30 days, extended once; appraisal periods left out). Only a
    measure carried out more than 30 days ago can be past it, so only those are computed; a last
    day in a year without holiday data is not guessed (not counted as overdue)."""
    oracle = oracle or current_oracle()
    since = today - timedelta(days=deadlines.SEIZURE_DAYS)
    candidates = rows.filter(status__in=RUNNING, carried_out_at__date__lt=since)
    found = []
    for measure in candidates.prefetch_related("appraisal_periods"):
        try:
            end = coercive.last_day(measure, oracle)
        except YearDataMissing:
            continue
        if end is not None and end.is_overdue(today):
            found.append(measure.pk)
    return found


def signals(measure: CoerciveMeasure, timing: dict[str, Any], now: datetime) -> list[str]:
    """The supervision signals of one measure (shown as 监督提示), given its ``timing``."""
    found = []
    if measure.late_report:
        found.append("当场实施后超过24小时才向负责人报告（行政强制法第十九条）")
    elif measure.status == CoerciveStatus.EMERGENCY and now > measure.report_due_at:
        found.append("当场实施后24小时内未向负责人报告（行政强制法第十九条）")
    if timing.get("overdue"):
        found.append(
            f"期限已届满{timing['overdue_days']}日仍未解除（行政强制法第二十五条、第二十八条）"
        )
    return found
