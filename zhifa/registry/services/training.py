"""Training hours, exams, drills and daily assessment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.errors import collect, field_error
from zhifa.core.validators import plain_text_errors
from zhifa.org.models import Agency, EnforcementField, Role
from zhifa.org.permissions import require_agency_role
from zhifa.registry.models import (
    Assessment,
    Drill,
    ExamKind,
    ExamResult,
    IndicatorSet,
    Officer,
    OfficerStatus,
    TrainingKind,
    TrainingRecord,
)

MAX_HOURS_PER_RECORD = Decimal("200")
EXAM_PASS_SCORE = Decimal("60")


def _decimal(value: Any) -> Decimal | None:
    """A finite number, or None (NaN and Infinity are not numbers a user means, and NaN cannot
    even be compared)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def clean_training(data: dict[str, Any], today: date) -> dict[str, list[str]]:
    """A training record: a known kind, a course, a date not in the future, 0 < hours ≤ 200."""
    errors: dict[str, list[str]] = {"kind": [], "course": [], "held_on": [], "hours": []}
    if data.get("kind") not in TrainingKind.values:
        errors["kind"].append("培训类别应为公共法律知识、专业法律知识或执法技能")
    data["course"] = (data.get("course") or "").strip()
    if not data["course"]:
        errors["course"].append("请填写课程名称")
    errors["course"].extend(plain_text_errors(data["course"]))
    held_on = data.get("held_on")
    if not isinstance(held_on, date):
        errors["held_on"].append("请填写培训日期")
    elif held_on > today:
        errors["held_on"].append("培训日期不能晚于今天")
    hours = _decimal(data.get("hours"))
    if hours is None:
        errors["hours"].append("学时应为数字")
    elif hours <= 0:
        errors["hours"].append("学时应大于0")
    elif hours > MAX_HOURS_PER_RECORD:
        errors["hours"].append(f"单条培训记录不能超过{MAX_HOURS_PER_RECORD}学时")
    else:
        data["hours"] = hours.quantize(Decimal("0.1"))
    return errors


def training_key(officer_id: int, data: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two training records the same training: officer, course, day and hours."""
    return (officer_id, data["course"], data["held_on"], Decimal(data["hours"]))


def _already_recorded(officers: Sequence[Officer], data: dict[str, Any]) -> list[Officer]:
    """The officers for whom this very training (course, day, hours) is already recorded."""
    # Lock every officer's row (not just the first: .exists() reads one) so that two requests
    # recording the same training cannot both pass this check.
    list(
        Officer.objects.select_for_update()
        .filter(pk__in=[o.pk for o in officers])
        .values_list("pk", flat=True)
    )
    found = set(
        TrainingRecord.objects.filter(
            officer__in=officers,
            course=data["course"],
            held_on=data["held_on"],
            hours=data["hours"],
        ).values_list("officer_id", flat=True)
    )
    return [o for o in officers if o.pk in found]


def _duplicate_message(data: dict[str, Any]) -> str:
    return (
        f"{data['held_on']:%Y-%m-%d}的“{data['course']}”（{data['hours']}学时）已登记，请勿重复登记"
    )


@transaction.atomic
def record_training(actor: Any, officer: Officer, **data: Any) -> TrainingRecord:
    """Record hours of training for an officer (27号: ≥ 60 hours a year). The same training
    recorded twice would count its hours twice toward the 60, so it is refused."""
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN)
    collect(clean_training(data, timezone.localdate()))
    if _already_recorded([officer], data):
        raise field_error("course", f"{officer.name}{_duplicate_message(data)}", code="duplicate")
    record = TrainingRecord.objects.create(officer=officer, **data)
    ledger.append(
        actor=actor, action="registry.training.create", obj=record, after=ledger.snapshot(record)
    )
    return record


@transaction.atomic
def record_training_campaign(
    actor: Any, officers: Sequence[Officer], **data: Any
) -> list[TrainingRecord]:
    """The same course for many officers at once (e.g. 2024's rotation on the new 行政复议法);
    all or nothing."""
    officers = list({o.pk: o for o in officers}.values())  # one record per officer, however listed
    if not officers:
        raise field_error("officers", "请选择参加培训的执法人员")
    for agency in {o.agency for o in officers}:
        require_agency_role(actor, agency, Role.AGENCY_ADMIN)
    collect(clean_training(data, timezone.localdate()))
    twice = _already_recorded(officers, data)
    if twice:
        names = "、".join(o.name for o in twice)
        raise field_error("officers", f"{names}{_duplicate_message(data)}", code="duplicate")
    records = [TrainingRecord.objects.create(officer=o, **data) for o in officers]
    for record in records:
        ledger.append(
            actor=actor,
            action="registry.training.create",
            obj=record,
            after=ledger.snapshot(record),
        )
    return records


@transaction.atomic
def record_exam(
    actor: Any,
    officer: Officer,
    *,
    kind: str,
    taken_on: date,
    score: Any,
    field: EnforcementField | None = None,
) -> ExamResult:
    """An exam result; 60 of 100 passes. Certificates need both exams (seed 002)."""
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN)
    errors: dict[str, list[str]] = {"kind": [], "taken_on": [], "score": []}
    if kind not in ExamKind.values:
        errors["kind"].append("请选择考试类别")
    if taken_on > timezone.localdate():
        errors["taken_on"].append("考试日期不能晚于今天")
    value = _decimal(score)
    if value is None or not 0 <= value <= 100:
        errors["score"].append("成绩应为0至100之间的数字")
    collect(errors)
    exam = ExamResult.objects.create(
        officer=officer,
        kind=kind,
        field=field if kind == ExamKind.SPECIALISED_LAW else None,
        taken_on=taken_on,
        score=value,
        passed=value >= EXAM_PASS_SCORE,
    )
    ledger.append(actor=actor, action="registry.exam.create", obj=exam, after=ledger.snapshot(exam))
    return exam


@transaction.atomic
def record_drill(
    actor: Any, agency: Agency, *, title: str, held_on: date, participants: Iterable[Officer]
) -> Drill:
    """岗位练兵 with its participants, all officers of the agency (seed 000 (四))."""
    require_agency_role(actor, agency, Role.AGENCY_ADMIN)
    participants = list(participants)
    errors: dict[str, list[str]] = {"title": [], "held_on": [], "participants": []}
    if not (title or "").strip():
        errors["title"].append("请填写练兵项目")
    if held_on > timezone.localdate():
        errors["held_on"].append("练兵日期不能晚于今天")
    if not participants:
        errors["participants"].append("请选择参加人员")
    elif any(p.agency_id != agency.pk for p in participants):
        errors["participants"].append("参加人员须为本单位执法人员")
    elif any(p.status != OfficerStatus.ON_DUTY for p in participants):
        names = "、".join(p.name for p in participants if p.status != OfficerStatus.ON_DUTY)
        errors["participants"].append(f"参加人员须在岗：{names}")
    collect(errors)
    drill = Drill.objects.create(agency=agency, title=title.strip(), held_on=held_on)
    drill.participants.set(participants)
    after = {**ledger.snapshot(drill), "participants": sorted(p.pk for p in participants)}
    ledger.append(actor=actor, action="registry.drill.create", obj=drill, after=after)
    return drill


@transaction.atomic
def define_indicator_set(
    actor: Any, agency: Agency, *, name: str, indicators: list[dict[str, Any]], pass_score: Any
) -> IndicatorSet:
    """An agency's indicators for daily assessment: names with maximum scores, and a pass mark."""
    require_agency_role(actor, agency, Role.AGENCY_ADMIN, Role.AGENCY_HEAD)
    errors: dict[str, list[str]] = {"name": [], "indicators": [], "pass_score": []}
    if not (name or "").strip():
        errors["name"].append("请填写指标体系名称")
    names, total = set(), Decimal(0)
    if not indicators:
        errors["indicators"].append("请至少设置一项指标")
    for item in indicators or []:
        maximum = _decimal(item.get("max"))
        label = str(item.get("name", "")).strip()
        if not label or maximum is None or maximum <= 0:
            errors["indicators"].append("每项指标须有名称和大于0的满分")
            break
        if label in names:
            errors["indicators"].append(f"指标“{label}”重复")
            break
        names.add(label)
        total += maximum
    mark = _decimal(pass_score)
    if mark is None or mark <= 0 or (not errors["indicators"] and mark > total):
        errors["pass_score"].append(f"合格分应大于0且不超过满分合计{total:g}")
    collect(errors)
    indicator_set = IndicatorSet.objects.create(
        agency=agency,
        name=name.strip(),
        indicators=[
            {"name": str(i["name"]).strip(), "max": str(_decimal(i["max"]))} for i in indicators
        ],
        pass_score=mark,
    )
    ledger.append(
        actor=actor,
        action="registry.indicators.create",
        obj=indicator_set,
        after=ledger.snapshot(indicator_set),
    )
    return indicator_set


@transaction.atomic
def record_assessment(
    actor: Any,
    officer: Officer,
    *,
    indicator_set: IndicatorSet,
    year: int,
    period: str,
    scores: dict[str, Any],
    assessed_on: date,
) -> Assessment:
    """日常考核: a score per indicator; the total against the pass mark decides (seed 000 (六))."""
    require_agency_role(actor, officer.agency, Role.AGENCY_ADMIN, Role.AGENCY_HEAD)
    errors: dict[str, list[str]] = {
        "indicator_set": [],
        "period": [],
        "scores": [],
        "assessed_on": [],
        "year": [],
    }
    if assessed_on > timezone.localdate():
        errors["assessed_on"].append("考核日期不能晚于今天")
    if year not in (assessed_on.year, assessed_on.year - 1):
        errors["year"].append("考核年度应为考核日期所在年度或上一年度")
    if indicator_set.agency_id != officer.agency_id:
        errors["indicator_set"].append("须使用本单位的考核指标体系")
    if not (period or "").strip():
        errors["period"].append("请填写考核期")
    elif Assessment.objects.filter(officer=officer, year=year, period=period.strip()).exists():
        errors["period"].append(f"{officer.name}{year}年{period}已考核")
    clean_scores: dict[str, str] = {}
    for item in indicator_set.indicators:
        value = _decimal(scores.get(item["name"]))
        if value is None or not 0 <= value <= Decimal(item["max"]):
            errors["scores"].append(f"“{item['name']}”得分应在0至{item['max']}之间")
        else:
            clean_scores[item["name"]] = str(value)
    extra = set(scores) - {i["name"] for i in indicator_set.indicators}
    if extra:
        errors["scores"].append(f"指标体系中没有：{'、'.join(sorted(extra))}")
    collect(errors)
    total = sum((Decimal(v) for v in clean_scores.values()), Decimal(0))
    assessment = Assessment.objects.create(
        officer=officer,
        indicator_set=indicator_set,
        year=year,
        period=period.strip(),
        scores=clean_scores,
        total=total,
        passed=total >= indicator_set.pass_score,
        assessed_on=assessed_on,
    )
    ledger.append(
        actor=actor,
        action="registry.assessment.create",
        obj=assessment,
        after=ledger.snapshot(assessment),
    )
    return assessment
