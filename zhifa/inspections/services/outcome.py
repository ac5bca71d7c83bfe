"""Opening the on-site record, submitting it with the visit's outcome, and the re-check.

The services of the record's workflow table (:mod:`zhifa.inspections.visit_workflow`); the engine
locks the row, checks who may act and the guards, and writes the ledger.

Sources: seed 004 (事中登记, then 事后评价 through the record's code); 行政处罚法 第五十五条 (亮证),
第四十七条 and seed 000 measure 十三 (全过程记录 for matters on the recording list); seed 000 measure
十二 (经济影响评估 before measures on an enterprise); the outcome “责令限期改正” with its re-check
(行政处罚法 第二十八条: 责令当事人改正或者限期改正违法行为).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date

from zhifa.core import workflow as wf
from zhifa.core.errors import collect, field_error
from zhifa.core.validators import plain_text_errors
from zhifa.inspections.models import (
    ImpactAssessment,
    ImpactLevel,
    OnSiteRecord,
    Outcome,
    RecordState,
    Referral,
)
from zhifa.inspections.services.visits import copy_checklists, new_token, on_recording_list

#: Inspection states in which the officers may start the on-site record.
RECORDABLE = ("approved",)


def _date(raw: Any, field: str, label: str) -> date:
    value = raw if isinstance(raw, date) else parse_date(str(raw or "").strip() or "x")
    if value is None:
        raise field_error(field, f"请填写{label}（格式：2026-01-31）")
    return value


def _text(data: dict[str, Any], key: str, label: str, errors: dict, required: bool) -> str:
    text = str(data.get(key) or "").strip()
    problems = plain_text_errors(text, multiline=True)
    if required and not text:
        problems.append(f"请填写{label}")
    if len(text) > 2000:
        problems.append(f"{label}不能超过2000个字")
    if problems:
        errors[key] = problems
    return text


# --- open ---


def visit_window_reason(inspection: Any, day: date) -> str | None:
    if inspection.status not in RECORDABLE and not inspection.emergency:
        return "检查尚未经负责人批准，不能开始现场检查"
    if not inspection.window_start <= day <= inspection.window_end:
        return (
            f"备案的检查时间为{inspection.window_start:%Y-%m-%d}至"
            f"{inspection.window_end:%Y-%m-%d}，今天不能开始现场检查"
        )
    if OnSiteRecord.objects.filter(inspection=inspection).exists():
        return "本次检查已有现场检查记录"
    return None


def open_record(_none: None, user: Any, *, inspection: Any) -> OnSiteRecord:
    """Start the record of ``inspection`` today: its matters' checklists are copied in, whether
    audio/video recording is required is settled from the recording lists, the rating link made."""
    today = timezone.localdate()
    inspection = type(inspection).objects.select_for_update().get(pk=inspection.pk)
    reason = visit_window_reason(inspection, today)
    if reason:
        raise field_error("inspection", reason)
    matters = list(inspection.matters.select_related("agency"))
    record = OnSiteRecord.objects.create(
        inspection=inspection,
        visited_on=today,
        opened_by=user,
        recording_required=any(on_recording_list(m, today) for m in matters),
        rating_token=new_token(),
    )
    copy_checklists(record, matters)
    return record


# --- submit ---


def unanswered_reason(record: OnSiteRecord, user: Any, data: Any) -> str | None:
    missing = record.results.filter(result="").count()
    return f"还有{missing}个检查要点未登记结论" if missing else None


def badges_reason(record: OnSiteRecord, user: Any, data: Any) -> str | None:
    return None if record.badges_shown else "执法人员应当主动出示执法证件，请登记亮证情况"


def recording_reason(record: OnSiteRecord, user: Any, data: Any) -> str | None:
    if record.recording_required and not record.recording_on:
        return "本次检查事项在音像记录事项清单内，须全程音像记录"
    return None


def _impact(record: OnSiteRecord, data: dict[str, Any], errors: dict) -> dict[str, Any]:
    fields = {
        "measures": _text(data, "measures", "拟采取的措施", errors, True),
        "effect": _text(data, "effect", "对生产经营的影响", errors, True),
        "mitigation": _text(data, "mitigation", "减少影响的安排", errors, False),
        "level": data.get("level"),
    }
    if fields["level"] not in ImpactLevel.values:
        errors["level"] = ["请选择对企业生产经营的影响程度"]
    return fields


def submit_record(record: OnSiteRecord, user: Any, **data: Any) -> OnSiteRecord:
    """The outcome: no problem; ordered to correct by a date (re-checked then); or a case to
    open (a referral for the cases app). Measures on the enterprise need an impact assessment."""
    outcome = data.get("outcome")
    if outcome not in Outcome.values:
        raise field_error("outcome", "请选择检查结果")
    errors: dict[str, list[str]] = {}
    if "findings" in data:
        record.findings = _text(data, "findings", "检查情况", errors, False)
    if outcome != Outcome.NO_PROBLEM and not record.findings and "findings" not in errors:
        errors["findings"] = ["请填写检查情况（发现的问题）"]
    if outcome == Outcome.CORRECT:
        try:
            due = _date(data.get("correction_due"), "correction_due", "整改期限")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        else:
            if due <= record.visited_on:
                errors["correction_due"] = ["整改期限应晚于检查日期"]
            record.correction_due = record.recheck_on = due
    facts = ""
    if outcome == Outcome.CASE:
        facts = _text(data, "facts", "涉嫌违法事实", errors, True)
    impact = _impact(record, data, errors) if outcome != Outcome.NO_PROBLEM else None
    collect(errors)
    record.outcome = outcome
    record.state = RecordState.SUBMITTED
    record.submitted_at = timezone.now()
    record.save()
    if facts:
        Referral.objects.create(record=record, facts=facts)
    if impact is not None:
        ImpactAssessment.objects.create(record=record, **impact)
    _advance_inspection(record, user)
    return record


def _advance_inspection(record: OnSiteRecord, user: Any) -> None:
    """The inspection's own table moves it to “recorded” when it has that step."""
    inspection = record.inspection
    try:
        table = wf.table_of(inspection)
        table.step("record")
    except (LookupError, ValidationError):
        return
    wf.transition(inspection, "record", user, consequence=True, record=record)


# --- re-check ---


def recheck_reason(record: OnSiteRecord, user: Any, data: Any) -> str | None:
    if record.outcome != Outcome.CORRECT:
        return "只有责令限期改正的检查需要复查"
    if record.rechecked_at is not None:
        return "已经复查"
    return None


def recheck(record: OnSiteRecord, user: Any, **data: Any) -> OnSiteRecord:
    """The re-check after the correction deadline: corrected or not, and what was found."""
    errors: dict[str, list[str]] = {}
    corrected = data.get("corrected")
    if isinstance(corrected, str):
        corrected = {"true": True, "1": True, "false": False, "0": False}.get(corrected.lower())
    if not isinstance(corrected, bool):
        errors["corrected"] = ["请选择是否已整改"]
    note = _text(data, "note", "复查情况", errors, True)
    collect(errors)
    record.recheck_corrected = corrected
    record.recheck_note = note
    record.rechecked_at = timezone.now()
    record.save(update_fields=["recheck_corrected", "recheck_note", "rechecked_at"])
    return record
