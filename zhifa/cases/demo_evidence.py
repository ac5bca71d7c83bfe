"""Demo evidence of 示范市: on a lead of 市市场监管局 handled by scjg_zhang and an officer without an
account (recorded for it), the officers add a photo of the shelves, the record of the questioning
(询问笔录, PDF) and a clip of the body camera (MP4).

Built through the services as the demo officer, relative to today; idempotent (nothing happens
once that case has evidence). The files are small made-up ones (no real premises or people).
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from zhifa.cases.models import Case, EvidenceKind
from zhifa.cases.services import evidence as service
from zhifa.cases.services import leads
from zhifa.catalog.models import Matter
from zhifa.org.models import Agency, UnitKind, User
from zhifa.parties.models import Party
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Officer, OfficerStatus


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (480, 360), (190, 200, 170)).save(out, format="JPEG")
    return out.getvalue()


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n% demo: \xe8\xaf\xa2\xe9\x97\xae\xe7\xac\x94\xe5\xbd\x95\n"
        b"1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _clip() -> bytes:
    brands = b"isom\x00\x00\x02\x00isomiso2avc1mp41"
    return (8 + len(brands)).to_bytes(4, "big") + b"ftyp" + brands + bytes(2048)


ITEMS: list[dict[str, Any]] = [
    {
        "kind": EvidenceKind.AUDIOVISUAL,
        "title": "货架现场照片",
        "source": "执法人员现场拍摄",
        "content": _photo,
        "name": "shelf.jpg",
    },
    {
        "kind": EvidenceKind.PARTY_STATEMENT,
        "title": "对当事人的询问笔录",
        "source": "执法人员询问当事人制作，经当事人核对签字",
        "content": _pdf,
        "name": "inquiry.pdf",
    },
    {
        "kind": EvidenceKind.AUDIOVISUAL,
        "title": "执法记录仪视频",
        "source": "执法记录仪全程记录，现场导出",
        "content": _clip,
        "name": "bodycam.mp4",
    },
]


def _team(agency: Agency, user: User, day: Any) -> tuple[list[Officer], Matter | None]:
    own = Officer.objects.filter(user=user, agency=agency).first()
    if own is None:
        return [], None
    others = Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY).exclude(pk=own.pk)
    for matter in Matter.objects.filter(agency=agency).order_by("pk")[:20]:
        if not can_enforce(own, day, matter):
            continue
        partner = next(
            (o for o in others.order_by("pk") if o.user_id is None and can_enforce(o, day, matter)),
            None,
        )
        if partner is not None:
            return [own, partner], matter
    return [], None


TITLE = "涉嫌经营超过保质期的食品案（证据演示）"


def _case(agency: Agency, user: User, officers: list[Officer], matter: Matter) -> Case | None:
    """The demo's own lead (so who sees its evidence does not depend on other demo cases)."""
    found = Case.objects.filter(agency=agency, title=TITLE).order_by("pk").first()
    if found is not None:
        return found
    party = Party.objects.exclude(kind="person").order_by("pk").first()
    unit = agency.units.filter(kind=UnitKind.HANDLING).order_by("pk").first()
    if party is None or unit is None:
        return None
    today = timezone.localdate()
    return leads.record_lead(
        user,
        agency,
        unit=unit,
        title=TITLE,
        source="inspection",
        source_reference="演示现场检查记录",
        discovered_on=today,
        violation_began=today - timedelta(days=3),
        officers=officers,
        parties=[party],
        matters=[matter],
        facts="执法人员现场检查发现当事人货架上摆放超过保质期的预包装食品12袋待售。",
    )


def seed() -> list[str]:
    today = timezone.localdate()
    agency = Agency.objects.filter(short_name="市市场监管局").first()
    user = User.objects.filter(username="scjg_zhang").first()
    if agency is None or user is None:
        return []
    officers, matter = _team(agency, user, today)
    if not officers:
        return ["证据：缺少可执法的执法人员，未生成"]
    case = _case(agency, user, officers, matter)
    if case is None:
        return ["证据：缺少案件当事人或承办机构，未生成"]
    if case.evidence.exists():
        return []
    day = max(case.discovered_on, today)
    matters = [m.matter for m in case.matters.select_related("matter")]
    collectors = [
        o.officer
        for o in case.officers.select_related("officer")
        if all(can_enforce(o.officer, day, m) for m in matters)
    ]
    if len(collectors) < 2:
        return ["证据：案件的可执法承办人员不足两人，未生成"]
    for item in ITEMS:
        service.add_evidence(
            user,
            case,
            kind=item["kind"],
            title=item["title"],
            source=item["source"],
            collected_on=day,
            collected_by=collectors,
            upload=ContentFile(item["content"](), name=item["name"]),
        )
    return [f"证据：案件“{case}”{len(ITEMS)}项（照片、询问笔录、执法记录仪视频）"]
