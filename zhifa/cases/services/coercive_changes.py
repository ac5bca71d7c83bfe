"""Changes to a coercive measure (行政强制措施) after its request: correcting the list (清单)
before it is carried out, recording the periods of testing, inspection, quarantine or technical
appraisal (检测、检验、检疫或者技术鉴定), and lifting it (解除).

Sources (强制法 = 《中华人民共和国行政强制法》):

- art. 24: the decision and its list (清单) are served when the measure is carried out; until then
  the officers may correct the list, afterwards it stands as served (a correction is a step of the
  workflow: the ledger keeps the list before and after).
- art. 25: for items that need testing, inspection, quarantine or technical appraisal, the period
  of sealing or seizure does not include that time; the period is stated and told to the party in
  writing. Each period is recorded (what, from, to, the day the party was told in writing) and the
  measure's last day moves by its days (``coercive.last_day``). Freezing (art. 32) has no such
  periods.
- art. 28 (art. 33 for freezing): a measure no longer needed is lifted and the items returned; the
  officers propose it and the agency head decides (like the measure itself, art. 18(一)); the head
  may also decline the proposal with the reason.

Each action is a step of the ``cases.coercive_measure`` table (``zhifa.cases.coercive_workflow``);
the step functions (``_correct_items`` …) validate their data and change the rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from zhifa.cases.models.coercive import (
    AppraisalKind,
    AppraisalPeriod,
    CoerciveItem,
    CoerciveKind,
    CoerciveMeasure,
    LiftReason,
)
from zhifa.cases.services import coercive
from zhifa.cases.services.coercive_checks import TEXT_MAX, clean_items, text
from zhifa.core import workflow
from zhifa.core.errors import collect, field_error
from zhifa.core.workdays import YearDataMissing

#: A period of appraisal longer than this is taken for a typing error and refused.
APPRAISAL_MAX_DAYS = 365


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- the list (清单) before the measure is carried out (强制法 art. 24) ----------------------------


def correct_items(actor: Any, measure: CoerciveMeasure, *, items: Any) -> CoerciveMeasure:
    """更正清单: the officers correct the list of a measure not yet carried out (强制法 art. 24)."""
    return workflow.transition(measure, "correct_items", actor, items=items)


def _correct_items(measure: CoerciveMeasure, actor: Any, *, items: Any) -> CoerciveMeasure:
    cleaned, problems = clean_items(items)
    if problems:
        collect({"items": problems})
    measure.items.all().delete()
    CoerciveItem.objects.bulk_create(CoerciveItem(measure=measure, **line) for line in cleaned)
    return measure


def items_refusal(measure: CoerciveMeasure) -> str:
    """Why the list can no longer be corrected."""
    if measure.carried_out_at is not None:
        return (
            f"清单只能在实施前更正：本措施已于{_d(measure.carried_out_on)}实施，"
            "清单已随决定书送达当事人（行政强制法第二十四条）"
        )
    return f"当前状态为{measure.get_status_display()}，不能更正清单"


# --- appraisal periods (强制法 art. 25) ------------------------------------------------------------


def record_appraisal(
    actor: Any,
    measure: CoerciveMeasure,
    *,
    kind: str,
    starts_on: Any,
    ends_on: Any,
    notified_on: Any,
    note: str = "",
) -> CoerciveMeasure:
    """The officers record a period of testing, inspection, quarantine or technical appraisal of
    the items, told to the party in writing: it does not count toward the period (强制法 art. 25)."""
    return workflow.transition(
        measure,
        "record_appraisal",
        actor,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        notified_on=notified_on,
        note=note,
    )


def _appraisal_errors(
    measure: CoerciveMeasure, kind: Any, starts_on: Any, ends_on: Any, notified_on: Any, note: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {f: [] for f in ("kind", "starts_on", "ends_on")}
    errors.update({"notified_on": [], "note": []})
    if measure.kind == CoerciveKind.FREEZE:
        errors["kind"].append(
            "冻结存款、汇款没有检测、检验、检疫或者技术鉴定期间（行政强制法第二十五条适用于查封、扣押）"
        )
    elif kind not in AppraisalKind.values:
        errors["kind"].append("请选择事项：检测、检验、检疫或者技术鉴定")
    start = measure.carried_out_on
    if not isinstance(starts_on, date):
        errors["starts_on"].append("请填写起始日")
    elif start is not None and starts_on < start:
        errors["starts_on"].append(f"起始日不能早于实施之日（{_d(start)}）")
    if not isinstance(ends_on, date):
        errors["ends_on"].append("请填写截止日")
    elif isinstance(starts_on, date) and ends_on < starts_on:
        errors["ends_on"].append("截止日不能早于起始日")
    elif isinstance(starts_on, date) and (ends_on - starts_on).days >= APPRAISAL_MAX_DAYS:
        errors["ends_on"].append(f"期间超过{APPRAISAL_MAX_DAYS}日，请核对日期")
    today = timezone.localdate()
    if not isinstance(notified_on, date):
        errors["notified_on"].append(
            "请填写书面告知当事人的日期（检测、检验、检疫或者技术鉴定的期间应当书面告知当事人）"
        )
    elif notified_on > today:
        errors["notified_on"].append("告知日期不能晚于今天")
    elif start is not None and notified_on < start:
        errors["notified_on"].append(f"告知日期不能早于实施之日（{_d(start)}）")
    if len(note) > 300:
        errors["note"].append("说明不能超过300字")
    if isinstance(starts_on, date) and not errors["starts_on"]:
        _within_period(measure, starts_on, errors["starts_on"])
    return errors


def _within_period(measure: CoerciveMeasure, starts_on: date, errors: list[str]) -> None:
    """A period starts while the measure's time still runs (on or before its last day)."""
    try:
        end = coercive.last_day(measure)
    except YearDataMissing as missing:
        errors.append(str(missing))
        return
    if end is not None and starts_on > end.due:
        errors.append(f"起始日晚于措施期限届满日（{_d(end.due)}）")


def _record_appraisal(
    measure: CoerciveMeasure,
    actor: Any,
    *,
    kind: Any,
    starts_on: Any,
    ends_on: Any,
    notified_on: Any,
    note: str = "",
) -> CoerciveMeasure:
    note = text(note)
    collect(_appraisal_errors(measure, kind, starts_on, ends_on, notified_on, note))
    AppraisalPeriod.objects.create(
        measure=measure,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        notified_on=notified_on,
        note=note,
        recorded_by=actor,
    )
    return measure


# --- lifting (强制法 art. 28; art. 33 for freezing) -----------------------------------------------


def _lift_errors(reason: Any, note: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {"reason": [], "note": []}
    allowed = [c for c in LiftReason.values if c != LiftReason.NOT_APPROVED]
    if reason not in allowed:
        errors["reason"].append("请选择解除的理由")
    if reason == LiftReason.NOT_NEEDED and not note:
        errors["note"].append("请说明不再需要采取行政强制措施的情形")
    if len(note) > TEXT_MAX:
        errors["note"].append(f"说明不能超过{TEXT_MAX}字")
    return errors


def propose_lift(
    actor: Any, measure: CoerciveMeasure, *, reason: str, note: str = ""
) -> CoerciveMeasure:
    """提请解除: the officers propose lifting the measure to the head (强制法 art. 28)."""
    return workflow.transition(measure, "propose_lift", actor, reason=reason, note=note)


def _propose_lift(
    measure: CoerciveMeasure, actor: Any, *, reason: Any, note: Any = ""
) -> CoerciveMeasure:
    note = text(note)
    collect(_lift_errors(reason, note))
    measure.lift_reason = reason
    measure.lift_note = note
    measure.lift_proposed_by = actor
    measure.lift_proposed_on = timezone.localdate()
    measure.save()
    return measure


def lift(
    actor: Any,
    measure: CoerciveMeasure,
    *,
    reason: str = "",
    note: str = "",
    opinion: str = "",
    items_returned: bool = True,
) -> CoerciveMeasure:
    """解除: the head decides to lift the measure, the items returned (强制法 art. 28; art. 33 for
    freezing); the reason of the officers' proposal unless the head gives one."""
    return workflow.transition(
        measure,
        "lift",
        actor,
        reason=reason,
        note=note,
        opinion=opinion,
        items_returned=items_returned,
    )


def _lift(
    measure: CoerciveMeasure,
    actor: Any,
    *,
    reason: Any = "",
    note: Any = "",
    opinion: Any = "",
    items_returned: bool = True,
) -> CoerciveMeasure:
    if not reason and measure.lift_proposed:
        reason, note = measure.lift_reason, note or measure.lift_note
    note, opinion = text(note), text(opinion)
    errors = _lift_errors(reason, note)
    errors["opinion"] = [f"意见不能超过{TEXT_MAX}字"] if len(opinion) > TEXT_MAX else []
    collect(errors)
    measure.lift_opinion = opinion
    coercive._lifted(measure, actor, reason, note, returned=bool(items_returned))
    measure.save()
    return measure


def decline_lift(actor: Any, measure: CoerciveMeasure, *, opinion: str) -> CoerciveMeasure:
    """The head does not lift the measure the officers proposed to lift, with the reason."""
    return workflow.transition(measure, "decline_lift", actor, opinion=opinion)


def _decline_lift(measure: CoerciveMeasure, actor: Any, *, opinion: Any) -> CoerciveMeasure:
    opinion = text(opinion)
    if not opinion:
        raise field_error("opinion", "请填写不予解除的理由")
    if len(opinion) > TEXT_MAX:
        raise field_error("opinion", f"意见不能超过{TEXT_MAX}字")
    measure.lift_opinion = opinion
    measure.lift_reason, measure.lift_note = "", ""
    measure.lift_proposed_by, measure.lift_proposed_on = None, None
    measure.save()
    return measure


def no_proposal(measure: CoerciveMeasure, user: Any, data: Any) -> str | None:
    """The guard of ``decline_lift``: there is a proposal to decline."""
    return None if measure.lift_proposed else "承办人员没有提请解除本措施"
