"""Test data for the visit: an approved inspection of an enterprise by two officers of
市市场监管局 (scjg_zhang among them) on a food-safety matter with its standard checklist."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zhifa.catalog.models import Matter
from zhifa.catalog.services import checklists
from zhifa.core import workflow as wf
from zhifa.inspections.models import OnSiteRecord
from zhifa.inspections.models.filings import Inspection
from zhifa.org.models import Agency, User
from zhifa.parties.models import Party
from zhifa.testing.factories import PartyAccountFactory, PartyFactory, admin_of
from zhifa.testing.filings import InspectionFactory, eligible_officer, listed_matter

FOOD_CHECK = "对食品生产经营者遵守食品安全法律法规情况的监督检查"
ITEMS = [
    {"text": "从业人员持健康证明上岗", "basis": "《中华人民共和国食品安全法》第四十五条"},
    {"text": "进货查验记录完整", "basis": "《中华人民共和国食品安全法》第五十三条"},
]


def jpeg(size: tuple[int, int] = (64, 48), tail: bytes = b"") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, format="JPEG")
    return SimpleUploadedFile("现场.jpg", out.getvalue() + tail, content_type="image/jpeg")


@dataclass
class Visit:
    inspection: Inspection
    matter: Matter
    officer: User
    partner: User
    party: Party
    enterprise: User

    def open(self, user: User | None = None) -> OnSiteRecord:
        return wf.start(
            OnSiteRecord,
            "open",
            user or self.officer,
            agency=self.inspection,
            inspection=self.inspection,
        )


def build_visit(demo: dict[str, User], *, today: date, state: str = "approved") -> Visit:
    """An inspection of 市市场监管局 (filed through the services, ``state`` approved unless told)
    whose window holds ``today``, by scjg_zhang and scjg_li, on a listed food-safety matter with
    its standard checklist; the enterprise account qy_demo is bound to the inspected party."""
    scjg = Agency.objects.get(short_name="市市场监管局")
    officer, partner = demo["scjg_zhang"], demo["scjg_li"]
    pair = [
        eligible_officer(scjg, name=officer.full_name, user=officer),
        eligible_officer(scjg, name=partner.full_name, user=partner),
    ]
    matter = listed_matter(
        scjg, name=FOOD_CHECK, category="inspection", code="SCJG-JC-901", effective_on=today
    )
    checklists.save_checklist(admin_of(scjg), matter, items=ITEMS)
    party = PartyFactory(name="示范市好味食品有限公司")
    PartyAccountFactory(party=party, user=demo["qy_demo"])
    inspection = InspectionFactory(
        agency=scjg,
        party=party,
        state=state,
        officers=pair,
        matters=[matter],
        filer=officer,
        window_start=today,
        window_end=today + timedelta(days=3),
        basis="年度涉企检查计划：食品经营者落实食品安全管理制度情况",
    )
    return Visit(inspection, matter, officer, partner, party, demo["qy_demo"])


def answer_all(visit: Visit, record: OnSiteRecord, result: str = "pass", prefix: str = "k") -> None:
    from zhifa.inspections.services import visits

    for n, item in enumerate(record.results.all()):
        visits.enter_result(
            visit.officer,
            record,
            key=f"{prefix}{record.pk}x{n}",
            item=item.pk,
            result=result,
            note="" if result != "fail" else "未见健康证明",
            entered_at="2026-06-17T10:00:00+08:00",
        )


def ready_record(visit: Visit) -> OnSiteRecord:
    """An opened record, every item answered, badges shown."""
    from zhifa.inspections.services import visits

    record = visit.open()
    answer_all(visit, record)
    return visits.save_details(visit.officer, record, badges_shown=True, present="王经理")


def submitted(visit: Visit, **data: Any) -> OnSiteRecord:
    record = ready_record(visit)
    data.setdefault("outcome", "no_problem")
    return wf.transition(record, "submit", visit.officer, **data)
