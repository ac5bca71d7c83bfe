"""事中登记: the on-site record of a pre-filed inspection, filled on the officer's phone.

Sources: seed 004 (济南 事中登记: the standard checklist of each matter, photos, who was present, the
record kept on the platform); 行政处罚法 第五十五条 (执法人员应当主动出示执法证件) and 第四十七条
(全过程记录); seed 000 measure 十三 (matters on the audio/video recording list are recorded whole);
seed 000 measure 十八 (伴随执法: the policy officer and liaison leader accompany and may report).

Opening and submitting the record are steps of its workflow table (``visit_workflow``); entering
an answer, adding a photo and the record's details are the services below, each in one transaction
with its ledger entry. An answer carries the key the phone made for it: the same key sent twice is
one answer (the phone resends whatever it is not sure arrived).
"""

from __future__ import annotations

import contextlib
import secrets
import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from zhifa.catalog.models import ChecklistItem, ListEntry, ListKind, Matter
from zhifa.catalog.services.lists import as_of
from zhifa.core import images, ledger, parameters
from zhifa.core.errors import collect, field_error
from zhifa.core.scoping import CHANGE, permits
from zhifa.core.validators import plain_text_errors
from zhifa.inspections.models import (
    ChecklistEntry,
    ChecklistResult,
    CheckResult,
    OnSiteRecord,
    RecordState,
    VisitPhoto,
)
from zhifa.inspections.visit_rules import PHOTO_MAX_MB

OFFICERS_ONLY = "只有本次检查的执法人员可以登记现场检查记录"
DETAIL_FIELDS = (
    "present",
    "recording_on",
    "badges_shown",
    "policy_officer_note",
    "liaison_leader_note",
    "findings",
)
TEXT_LIMIT = 2000


def require_officer(actor: Any, record: OnSiteRecord) -> None:
    if not permits(actor, record, CHANGE):
        raise PermissionDenied(OFFICERS_ONLY)


def require_open(record: OnSiteRecord) -> None:
    if record.state != RecordState.OPEN:
        raise field_error("record", "现场检查记录已提交，不能再修改")


def record_snapshot(record: OnSiteRecord | None) -> dict[str, Any] | None:
    """The ledger's view of a record: everything but the rating link's secret."""
    return ledger.snapshot(record, exclude={"rating_token"})


def new_token() -> str:
    """The rating link's secret: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def on_recording_list(matter: Matter, day: date) -> bool:
    """Whether ``matter`` is on its agency's audio/video recording list in force on ``day``."""
    version = as_of(matter.agency, ListKind.RECORDING, day)
    return bool(version and ListEntry.objects.filter(version=version, matter=matter).exists())


def copy_checklists(record: OnSiteRecord, matters: list[Matter]) -> int:
    """Each matter's standard checklist as it stands today, copied into the record."""
    items = ChecklistItem.objects.filter(matter__in=matters).order_by("matter__code", "order")
    rows = [
        ChecklistResult(
            record=record, matter_id=i.matter_id, order=i.order, text=i.text, basis=i.basis
        )
        for i in items
    ]
    ChecklistResult.objects.bulk_create(rows)
    return len(rows)


# --- entering answers (from the phone, possibly twice) ---


def _entered_at(raw: Any) -> datetime:
    moment = parse_datetime(str(raw or "")) if raw else None
    if moment is None:
        raise field_error("entered_at", "登记时间格式不正确")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now() + timezone.timedelta(minutes=10):
        raise field_error("entered_at", "登记时间不能晚于当前时间")
    return moment


def _clean_entry(record: OnSiteRecord, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {"key": [], "item": [], "result": [], "note": []}
    key = str(data.get("key") or "").strip()
    if not key or len(key) > 64 or not key.isascii() or not key.replace("-", "").isalnum():
        errors["key"].append("缺少登记编号或格式不正确，请刷新页面后重新登记")
    item = None
    with contextlib.suppress(TypeError, ValueError):
        item = record.results.filter(pk=int(data.get("item"))).first()
    if item is None:
        errors["item"].append("本次检查没有这个检查要点")
    result = data.get("result")
    if result not in CheckResult.values:
        errors["result"].append("请选择合格、不合格或不涉及")
    note = str(data.get("note") or "").strip()
    if len(note) > 500:
        errors["note"].append("说明不能超过500个字")
    errors["note"].extend(plain_text_errors(note, multiline=True))
    if result == CheckResult.FAIL and not note:
        errors["note"].append("不合格的检查要点请写明具体情况")
    collect(errors)
    return {
        "key": key,
        "item": item,
        "result": result,
        "note": note,
        "entered_at": _entered_at(data.get("entered_at")),
    }


@transaction.atomic
def enter_result(actor: Any, record: OnSiteRecord, **data: Any) -> tuple[ChecklistEntry, bool]:
    """Record one answer; return ``(entry, created)``. An answer whose key was already received
    returns the first entry and writes nothing; a later answer for an item replaces an earlier
    one (by the phone's time of entry, so answers sent late never overwrite newer ones)."""
    record = OnSiteRecord.objects.select_for_update().get(pk=record.pk)
    require_officer(actor, record)
    key = str(data.get("key") or "").strip()
    known = ChecklistEntry.objects.filter(record=record, key=key).first() if key else None
    if known is not None:
        return known, False
    require_open(record)
    clean = _clean_entry(record, data)
    item: ChecklistResult = clean.pop("item")
    try:
        with transaction.atomic():
            entry = ChecklistEntry.objects.create(
                record=record, item=item, entered_by=actor, **clean
            )
    except IntegrityError:  # the same key raced in from another request
        return ChecklistEntry.objects.get(record=record, key=clean["key"]), False
    before = ledger.snapshot(item)
    if item.entered_at is None or clean["entered_at"] >= item.entered_at:
        item.result, item.note, item.entered_at = (
            clean["result"],
            clean["note"],
            clean["entered_at"],
        )
        item.save(update_fields=["result", "note", "entered_at"])
    ledger.append(
        actor=actor,
        action="inspections.checklistresult.enter",
        obj=item,
        before=before,
        after={**(ledger.snapshot(item) or {}), "entry": ledger.snapshot(entry)},
    )
    return entry, True


# --- photos ---


def photo_limit() -> int:
    return int(parameters.get(PHOTO_MAX_MB.key)) * 1024 * 1024


def add_photo(actor: Any, record: OnSiteRecord, upload: Any, caption: str = "") -> VisitPhoto:
    """A photo taken on site: JPEG or PNG by content, at most the configured size, stored
    re-encoded through Django's storage; the ledger records the SM3 of what the phone sent and
    of what is stored. The file is removed again if the change does not commit."""
    require_officer(actor, record)
    require_open(record)
    caption = str(caption or "").strip()
    errors = {"caption": plain_text_errors(caption)}
    if len(caption) > 200:
        errors["caption"].append("说明不能超过200个字")
    collect(errors)
    picture = images.read_picture(upload, max_bytes=photo_limit(), field="photo", label="现场照片")
    field = VisitPhoto._meta.get_field("file")
    name = field.storage.save(
        f"inspections/photos/{uuid.uuid4().hex}.{picture.extension}",
        ContentFile(picture.content),
    )
    try:
        return _store_photo(actor, record, name, picture, caption)
    except BaseException:
        field.storage.delete(name)
        raise


@transaction.atomic
def _store_photo(
    actor: Any, record: OnSiteRecord, name: str, picture: images.Picture, caption: str
) -> VisitPhoto:
    record = OnSiteRecord.objects.select_for_update().get(pk=record.pk)
    require_officer(actor, record)
    require_open(record)
    photo = VisitPhoto.objects.create(
        record=record,
        file=name,
        content_type=picture.content_type,
        received_sm3=picture.received_sm3,
        received_size=picture.received_size,
        caption=caption,
        taken_by=actor,
    )
    ledger.append(
        actor=actor,
        action="inspections.visitphoto.upload",
        obj=photo,
        after={
            **(ledger.snapshot(photo, exclude={"file"}) or {}),
            "file": name,
            "stored_sm3": picture.sm3,
        },
    )
    return photo


# --- the record's details ---


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "on", "yes", "是")


@transaction.atomic
def save_details(actor: Any, record: OnSiteRecord, **fields: Any) -> OnSiteRecord:
    """Who was present, recording, 亮证, the accompanying notes and what was found."""
    record = OnSiteRecord.objects.select_for_update().get(pk=record.pk)
    require_officer(actor, record)
    require_open(record)
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "未知的字段")
    errors: dict[str, list[str]] = {}
    before = record_snapshot(record)
    for key, value in fields.items():
        if key in ("recording_on", "badges_shown"):
            setattr(record, key, _boolean(value))
            continue
        text = str(value or "").strip()
        problems = plain_text_errors(text, multiline=True)
        if len(text) > TEXT_LIMIT:
            problems.append(f"不能超过{TEXT_LIMIT}个字")
        if problems:
            errors[key] = problems
        setattr(record, key, text)
    collect(errors)
    record.save()
    ledger.append(
        actor=actor,
        action="inspections.onsiterecord.update",
        obj=record,
        before=before,
        after=record_snapshot(record),
    )
    return record
