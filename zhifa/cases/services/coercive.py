"""行政强制措施 (sealing 查封, seizure 扣押, freezing 冻结) on a case: the use cases.

Sources (强制法 = 《中华人民共和国行政强制法》):

- art. 18: before a measure the head approves it; at least two officers carry it out, showing their
  certificates; art. 24: a decision (查封（扣押）决定书) and a list of the items (清单) are made and
  served. Here: a request names the officers and the items; the head approves or refuses; the
  officers then record that it was carried out (the two officers must be able to enforce on the day,
  ``zhifa.registry.eligibility.can_enforce``, for the case's matters).
- art. 19: in an emergency the officers act on the spot (当场实施) and report to the head within
  24 hours; the head approves it afterwards (补办批准), or it is lifted at once. A report later than
  24 hours is still recorded, flagged (``late_report``) for the head and the supervisors.
- art. 25 (art. 32 for freezing): at most 30 days from the day it was carried out; extended once,
  before it ends, by at most 30 days, with the head's approval and the reason served on the party.
- art. 28 (art. 33 for freezing): lifted when no longer needed, the items returned
  (``zhifa.cases.services.coercive_changes``: the officers propose, the head decides).

Each action is a step of the ``cases.coercive_measure`` table (``zhifa.cases.coercive_workflow``):
the guards citing these articles are declared there; the step functions below (``_request`` …)
validate their data and change the rows; the engine locks the row and writes the ledger.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.http import Http404
from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.models import Case
from zhifa.cases.models.coercive import (
    RUNNING,
    CoerciveItem,
    CoerciveKind,
    CoerciveMeasure,
    CoerciveStatus,
    LiftReason,
)
from zhifa.cases.services.coercive_checks import (
    ITEM_FIELDS,
    TEXT_MAX,
    check_request,
)
from zhifa.cases.services.coercive_checks import text as _text
from zhifa.core import ledger, workflow
from zhifa.core.calendar import current_oracle
from zhifa.core.errors import field_error
from zhifa.core.workdays import YearDataMissing
from zhifa.registry.models import Officer

EXTENSION_MAX = deadlines.SEIZURE_EXTENSION_MAX_DAYS


def snapshot(measure: CoerciveMeasure) -> dict[str, Any]:
    """What the ledger records of a measure: its fields, its officers and its list (清单)."""
    data = ledger.snapshot(measure) or {}
    if measure.pk:
        data["officers"] = sorted(measure.officers.values_list("pk", flat=True))
        data["items"] = [
            {f: getattr(i, f) for f in ITEM_FIELDS} for i in measure.items.order_by("pk")
        ]
        data["appraisal_periods"] = [
            {f: str(getattr(p, f)) for f in ("kind", "starts_on", "ends_on", "notified_on", "note")}
            for p in measure.appraisal_periods.order_by("pk")
        ]
    return data


# --- the time limit (强制法 arts. 25, 32) ----------------------------------------------------------


def last_day(measure: CoerciveMeasure, oracle: Any = None) -> deadlines.Deadline | None:
    """The measure's last day (None before it is carried out); raises YearDataMissing when the
    last day falls in a year without holiday data."""
    start = measure.carried_out_on
    if start is None:
        return None
    return deadlines.seizure_ends(
        start,
        measure.extension_days,
        oracle=oracle or current_oracle(),
        freezing=measure.kind == CoerciveKind.FREEZE,
        excluded_days=excluded_days(measure),
    )


def excluded_days(measure: CoerciveMeasure) -> int:
    """The days of testing, inspection, quarantine or technical appraisal recorded on the measure
    (强制法 art. 25): not counted in its period; a day two periods share counts once."""
    days: set[date] = set()
    for period in measure.appraisal_periods.all():
        days.update(period.starts_on + timedelta(n) for n in range(period.days))
    return len(days)


def running(case: Case) -> list[CoerciveMeasure]:
    """The case's measures carried out and not lifted: their time limits run."""
    rows = case.coercive_measures.filter(status__in=RUNNING, carried_out_at__isnull=False)
    return list(rows.order_by("pk"))


def measure_deadline(measure: CoerciveMeasure, *, oracle: Any = None) -> deadlines.Deadline:
    """The measure's last day as a row of the case's deadlines panel (named by its kind and
    place, since a case may have several)."""
    end = last_day(measure, oracle)
    label = f"{measure.get_kind_display()}期限（{measure.place}）"
    return dataclasses.replace(end, key=f"coercive-{measure.pk}", label=label)


def ended_problem(measure: CoerciveMeasure, today: date) -> str | None:
    """Why the measure's time has run out on ``today`` (None while it runs). Without the holiday
    data of the last day's year, the day before any roll to a working day (the raw 30th day) is
    known and decides when ``today`` is not after it; otherwise the missing data is said."""
    start = measure.carried_out_on
    if start is None:
        return None
    try:
        end = last_day(measure)
    except YearDataMissing as missing:
        total = deadlines.SEIZURE_DAYS + measure.extension_days + excluded_days(measure)
        raw = start + timedelta(days=total)
        return None if today <= raw else str(missing)
    if end is not None and today > end.due:
        d = end.due
        return f"期限已于{d.year}年{d.month}月{d.day}日届满，不能再延长，应当解除"
    return None


def _create(
    case: Case,
    actor: Any,
    *,
    kind: str,
    place: str,
    reason: str,
    officers: Iterable[Officer],
    items: list[dict[str, str]],
    **fields: Any,
) -> CoerciveMeasure:
    measure = CoerciveMeasure.objects.create(
        case=case,
        kind=kind,
        place=_text(place),
        reason=_text(reason),
        requested_by=actor,
        requested_on=timezone.localdate(),
        **fields,
    )
    measure.officers.set(list(officers))
    CoerciveItem.objects.bulk_create(CoerciveItem(measure=measure, **line) for line in items)
    return measure


def _case_for_change(actor: Any, case: Case) -> Case:
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise Http404("案件不存在或您无权查看")
    return case


# --- creating a measure --------------------------------------------------------------------------


def request_measure(
    actor: Any,
    case: Case,
    *,
    kind: str,
    place: str,
    reason: str,
    officers: Sequence[Officer],
    items: Any,
) -> CoerciveMeasure:
    """提请采取行政强制措施: the case's officers ask the head beforehand (强制法 art. 18(一))."""
    _case_for_change(actor, case)
    return workflow.start(
        CoerciveMeasure,
        "request",
        actor,
        agency=case,
        case=case,
        kind=kind,
        place=place,
        reason=reason,
        officers=list(officers or []),
        items=items,
        on=timezone.localdate(),
    )


def _request(_none: None, actor: Any, *, case: Case, on: date, **data: Any) -> CoerciveMeasure:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    data["items"] = check_request(locked, **data)
    return _create(locked, actor, status=CoerciveStatus.REQUESTED, **data)


def carry_out_on_spot(
    actor: Any,
    case: Case,
    *,
    kind: str,
    place: str,
    reason: str,
    officers: Sequence[Officer],
    items: Any,
    carried_out_at: datetime | None = None,
) -> CoerciveMeasure:
    """当场实施: an emergency measure carried out before approval (强制法 art. 19); to be reported
    to the head within 24 hours of ``carried_out_at`` (now, unless recorded afterwards)."""
    _case_for_change(actor, case)
    moment = carried_out_at or timezone.now()
    return workflow.start(
        CoerciveMeasure,
        "carry_out_on_spot",
        actor,
        agency=case,
        case=case,
        kind=kind,
        place=place,
        reason=reason,
        officers=list(officers or []),
        items=items,
        carried_out_at=moment,
        on=_local_day(moment),
    )


def _local_day(moment: Any) -> date:
    if isinstance(moment, datetime):
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return timezone.localtime(moment).date()
    return timezone.localdate()


def _moment_problem(moment: Any, not_before: date | None, field: str = "carried_out_at") -> None:
    if not isinstance(moment, datetime):
        raise field_error(field, "请填写实施时间")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise field_error(field, "实施时间不能晚于现在")
    if not_before is not None and timezone.localtime(moment).date() < not_before:
        day = f"{not_before.year}年{not_before.month}月{not_before.day}日"
        raise field_error(field, f"实施时间不能早于{day}")


def _on_spot(
    _none: None, actor: Any, *, case: Case, carried_out_at: datetime, on: date, **data: Any
) -> CoerciveMeasure:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    cleaned = check_request(locked, **data, emergency=True)
    _moment_problem(carried_out_at, locked.discovered_on)
    if timezone.is_naive(carried_out_at):
        carried_out_at = timezone.make_aware(carried_out_at)
    data["items"] = cleaned
    return _create(
        locked,
        actor,
        status=CoerciveStatus.EMERGENCY,
        emergency=True,
        carried_out_at=carried_out_at,
        **data,
    )


# --- the head's approval (强制法 arts. 18, 19) ----------------------------------------------------


def _opinion(opinion: Any, required: bool) -> str:
    opinion = _text(opinion)
    if required and not opinion:
        raise field_error("opinion", "请填写不予批准的理由")
    if len(opinion) > TEXT_MAX:
        raise field_error("opinion", f"意见不能超过{TEXT_MAX}字")
    return opinion


def _approved(measure: CoerciveMeasure, actor: Any, opinion: Any) -> None:
    measure.approval_opinion = _opinion(opinion, required=False)
    measure.approved_by = actor
    measure.approved_on = timezone.localdate()


def approve(actor: Any, measure: CoerciveMeasure, *, opinion: str = "") -> CoerciveMeasure:
    """The head approves the requested measure (强制法 art. 18(一))."""
    return workflow.transition(measure, "approve", actor, opinion=opinion)


def _approve(measure: CoerciveMeasure, actor: Any, *, opinion: str = "") -> CoerciveMeasure:
    _approved(measure, actor, opinion)
    measure.status = CoerciveStatus.APPROVED
    measure.save()
    return measure


def refuse(actor: Any, measure: CoerciveMeasure, *, opinion: str) -> CoerciveMeasure:
    """The head does not approve the requested measure (it is never carried out)."""
    return workflow.transition(measure, "refuse", actor, opinion=opinion)


def _refuse(measure: CoerciveMeasure, actor: Any, *, opinion: str) -> CoerciveMeasure:
    measure.approval_opinion = _opinion(opinion, required=True)
    measure.approved_by = actor
    measure.approved_on = timezone.localdate()
    measure.status = CoerciveStatus.NOT_APPROVED
    measure.save()
    return measure


def carry_out(
    actor: Any, measure: CoerciveMeasure, *, carried_out_at: datetime | None = None
) -> CoerciveMeasure:
    """The approved measure is carried out by its officers (强制法 arts. 18, 24): its 30 days run
    from that day."""
    moment = carried_out_at or timezone.now()
    return workflow.transition(
        measure, "carry_out", actor, carried_out_at=moment, on=_local_day(moment)
    )


def _carry_out(
    measure: CoerciveMeasure, actor: Any, *, carried_out_at: datetime, on: date
) -> CoerciveMeasure:
    _moment_problem(carried_out_at, measure.approved_on)
    if timezone.is_naive(carried_out_at):
        carried_out_at = timezone.make_aware(carried_out_at)
    measure.carried_out_at = carried_out_at
    measure.status = CoerciveStatus.IN_FORCE
    measure.save()
    return measure


def report(actor: Any, measure: CoerciveMeasure, *, report: str) -> CoerciveMeasure:
    """The officers report the emergency measure to the head (强制法 art. 19: within 24 hours;
    a later report is recorded and flagged)."""
    return workflow.transition(measure, "report", actor, report=report)


def _report(measure: CoerciveMeasure, actor: Any, *, report: str) -> CoerciveMeasure:
    text = _text(report)
    if not text:
        raise field_error("report", "请填写向负责人报告的情况")
    if len(text) > TEXT_MAX:
        raise field_error("report", f"报告不能超过{TEXT_MAX}字")
    now = timezone.now()
    measure.report = text
    measure.reported_at = now
    measure.late_report = now > measure.report_due_at
    measure.status = CoerciveStatus.REPORTED
    measure.save()
    return measure


def ratify(actor: Any, measure: CoerciveMeasure, *, opinion: str = "") -> CoerciveMeasure:
    """The head approves the emergency measure afterwards (补办批准, 强制法 art. 19)."""
    return workflow.transition(measure, "ratify", actor, opinion=opinion)


def _ratify(measure: CoerciveMeasure, actor: Any, *, opinion: str = "") -> CoerciveMeasure:
    _approved(measure, actor, opinion)
    measure.status = CoerciveStatus.IN_FORCE
    measure.save()
    return measure


def annul(actor: Any, measure: CoerciveMeasure, *, opinion: str) -> CoerciveMeasure:
    """The head does not approve the emergency measure: it is lifted at once (强制法 art. 19)."""
    return workflow.transition(measure, "annul", actor, opinion=opinion)


def _annul(measure: CoerciveMeasure, actor: Any, *, opinion: str) -> CoerciveMeasure:
    measure.approval_opinion = _opinion(opinion, required=True)
    measure.approved_by = actor
    measure.approved_on = timezone.localdate()
    _lifted(measure, actor, LiftReason.NOT_APPROVED, measure.approval_opinion, returned=True)
    measure.save()
    return measure


# --- extension (强制法 arts. 25, 32) and lifting (arts. 28, 33) -----------------------------------


def extend(actor: Any, measure: CoerciveMeasure, *, days: Any, reason: str) -> CoerciveMeasure:
    """The head extends the measure once, before it ends, by at most 30 days, with the reason
    served on the party (强制法 art. 25; art. 32 for freezing)."""
    return workflow.transition(
        measure, "extend", actor, days=days, reason=reason, today=timezone.localdate()
    )


def days_problem(days: Any) -> str | None:
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        return "延长天数应为正整数"
    if days > EXTENSION_MAX:
        return f"延长期限不得超过{EXTENSION_MAX}日，本次为{days}日"
    return None


def _extend(
    measure: CoerciveMeasure, actor: Any, *, days: int, reason: str, today: date
) -> CoerciveMeasure:
    text = _text(reason)
    if not text:
        raise field_error(
            "reason", "请写明延长期限的理由（延长决定应当及时书面告知当事人并说明理由）"
        )
    if len(text) > TEXT_MAX:
        raise field_error("reason", f"延长理由不能超过{TEXT_MAX}字")
    measure.extension_days = days
    measure.extension_reason = text
    measure.extended_by = actor
    measure.extended_on = today
    measure.status = CoerciveStatus.EXTENDED
    measure.save()
    return measure


def _lifted(
    measure: CoerciveMeasure, actor: Any, reason: str, note: str, *, returned: bool
) -> None:
    """The measure is lifted by ``actor`` (the head, 强制法 art. 28) and the items returned."""
    measure.lifted_by = actor
    measure.lift_reason = reason
    measure.lift_note = note
    measure.items_returned = returned
    measure.lifted_on = timezone.localdate()
    measure.status = CoerciveStatus.LIFTED
