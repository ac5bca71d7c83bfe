"""事后评价: the enterprise rates a visit through the record's unguessable link, without an account.

Seed 004 (济南: 扫码评价, the result pushed to the justice bureau at once, poor ratings followed up
by supervision). One rating per visit; a forged or reused link is refused in Chinese and writes
nothing. A score at or below the configured line, or a reported violation (违规行为), flags the
rating for supervision.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from zhifa.core import ledger, parameters
from zhifa.core.errors import collect, field_error
from zhifa.core.validators import plain_text_errors, validate_phone
from zhifa.inspections.models import OnSiteRecord, Rating, RecordState
from zhifa.inspections.models.visits import FOLLOW_UP
from zhifa.inspections.visit_rules import LOW_RATING_SCORE

FORGED = "评价链接无效，请扫描现场检查记录上的二维码"
REUSED = "这次检查已经评价过了，每次检查只能评价一次"
NOT_YET = "这次检查尚未结束，检查结束后才能评价"
SCORES = {"civility": "文明规范", "rights": "权益保障"}


def record_for(token: str) -> OnSiteRecord | None:
    """The record a rating link belongs to (None for a forged one)."""
    token = str(token or "")
    if not 20 <= len(token) <= 64:
        return None
    return (
        OnSiteRecord.objects.select_related("inspection__party", "inspection__lead_agency")
        .filter(rating_token=token)
        .first()
    )


def refusal(record: OnSiteRecord | None) -> str | None:
    """Why this link cannot take a rating now (None when it can)."""
    if record is None:
        return FORGED
    if record.state != RecordState.SUBMITTED:
        return NOT_YET
    if Rating.objects.filter(record=record).exists():
        return REUSED
    return None


def _score(value: Any, label: str) -> int | None:
    try:
        score = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return score if 1 <= score <= 5 else None


def _boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    return {"true": True, "1": True, "是": True, "false": False, "0": False, "否": False}.get(
        str(value).strip().lower()
    )


def clean_rating(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for key, label in SCORES.items():
        clean[key] = _score(data.get(key), label)
        if clean[key] is None:
            errors[key] = [f"请为“{label}”打分（1至5分）"]
    clean["misconduct"] = _boolean(data.get("misconduct"))
    if clean["misconduct"] is None:
        errors["misconduct"] = ["请选择执法人员有无违规行为"]
    comment = str(data.get("comment") or "").strip()
    problems = plain_text_errors(comment, multiline=True)
    if len(comment) > 1000:
        problems.append("意见建议不能超过1000个字")
    if clean["misconduct"] and not comment:
        problems.append("请简要写明违规行为的情况")
    if problems:
        errors["comment"] = problems
    clean["comment"] = comment
    anonymous = _boolean(data.get("anonymous", True))
    clean["anonymous"] = True if anonymous is None else anonymous
    name = str(data.get("rater_name") or "").strip()
    phone = str(data.get("rater_phone") or "").strip()
    if clean["anonymous"]:
        name = phone = ""
    else:
        if not name:
            errors["rater_name"] = ["实名评价请填写姓名（也可选择匿名）"]
        elif len(name) > 50 or plain_text_errors(name):
            errors["rater_name"] = ["姓名格式不正确"]
        if phone:
            try:
                phone = validate_phone(phone)
            except ValidationError:
                errors["rater_phone"] = ["联系电话格式不正确"]
    clean["rater_name"], clean["rater_phone"] = name, phone
    collect(errors)
    return clean


def is_low(clean: dict[str, Any]) -> bool:
    line = int(parameters.get(LOW_RATING_SCORE.key))
    return clean["misconduct"] or clean["civility"] <= line or clean["rights"] <= line


@transaction.atomic
def rate(token: str, **data: Any) -> Rating:
    """Record the enterprise's rating of the visit whose link is ``token``."""
    record = record_for(token)
    if record is not None:
        record = OnSiteRecord.objects.select_for_update().get(pk=record.pk)
    reason = refusal(record)
    if reason:
        raise field_error("token", reason)
    clean = clean_rating(data)
    try:
        with transaction.atomic():
            rating = Rating.objects.create(record=record, flagged=is_low(clean), **clean)
    except IntegrityError:
        raise field_error("token", REUSED) from None
    party = record.inspection.party
    ledger.append(
        actor=None,
        actor_name="企业（匿名评价）" if rating.anonymous else f"{party.name} {rating.rater_name}",
        action="inspections.rating.submit",
        obj=rating,
        after=ledger.snapshot(rating),
    )
    return rating


FOLLOW_UP_MAX = 2000


@transaction.atomic
def follow_up(actor: Any, rating: Rating, *, note: str) -> Rating:
    """The justice bureau's follow-up of a flagged rating (seed 004: 评价结果实时推送司法行政部门,
    差评由执法监督跟进): what it did about it, recorded once, and the rating is 已跟进.
    Only the bureau supervising the inspecting agency's region; a rating not flagged, or already
    followed up, is refused and nothing is written."""
    if not Rating.objects.restrict(actor).filter(pk=rating.pk).exists():
        raise Http404
    if not Rating.objects.restrict(actor, FOLLOW_UP).filter(pk=rating.pk).exists():
        raise PermissionDenied("只有监督该执法主体的司法行政部门可以跟进评价")
    rating = Rating.objects.select_for_update().get(pk=rating.pk)
    if not rating.flagged:
        raise field_error("note", "这条评价没有提请监督，无需跟进")
    if rating.followed_up_at:
        raise field_error("note", "这条评价已经跟进过了")
    note = str(note or "").strip()
    problems = plain_text_errors(note, multiline=True)
    if not note:
        problems.append("请写明跟进情况（核实结果、处理措施）")
    elif len(note) > FOLLOW_UP_MAX:
        problems.append(f"跟进情况不能超过{FOLLOW_UP_MAX}个字")
    collect({"note": problems})
    before = ledger.snapshot(rating)
    rating.follow_up_note = note
    rating.followed_up_by = actor
    rating.followed_up_at = timezone.now()
    rating.save(update_fields=["follow_up_note", "followed_up_by", "followed_up_at"])
    ledger.append(
        actor=actor,
        action="inspections.rating.follow_up",
        obj=rating,
        before=before,
        after=ledger.snapshot(rating),
    )
    return rating
