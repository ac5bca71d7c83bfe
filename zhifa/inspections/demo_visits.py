"""Demo visits of 示范市 (事中登记、事后评价), run after the demo pre-filings: 市市场监管局 files and
approves four inspections whose window opens today, scjg_zhang opens their on-site records and
fills the matters' checklists; one is still being recorded, one found no problem (rated well by
the demo enterprise qy_demo's own company, and closed: 已办结), one ordered to correct with an impact assessment
(rated poorly: flagged for supervision), one referred to open a case.

Built through the services as the demo users, relative to today; idempotent (nothing happens once
any on-site record exists).
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from zhifa.catalog.models import ChecklistItem
from zhifa.core import workflow as wf
from zhifa.inspections import demo_filings
from zhifa.inspections.filing_forms import listed_matters
from zhifa.inspections.models import Inspection, OnSiteRecord
from zhifa.inspections.services import filings, ratings, visits
from zhifa.org.models import Agency, Membership, Role, User
from zhifa.parties.models import Party, PartyAccount
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Officer, OfficerStatus

POLICY_NOTE = "企业政策官全程陪同：执法人员出示证件、说明依据，检查未影响正常经营。"
OUTCOMES: list[dict[str, Any]] = [
    {"outcome": "no_problem"},
    {
        "outcome": "correct",
        "findings": "两名从业人员健康证明过期；进货查验记录缺3月份台账",
        "correction_due": 15,
        "measures": "责令15日内补办健康证明、补齐进货查验记录",
        "level": "minor",
        "effect": "补办证明和台账期间可正常营业，对生产经营影响较小",
        "mitigation": "告知可在政务服务中心当日办理健康证明",
    },
    {
        "outcome": "case",
        "findings": "货架上有超过保质期的食品12袋",
        "facts": "当事人经营超过保质期的食品12袋（涉嫌违反《中华人民共和国食品安全法》第三十四条）",
        "measures": "移送立案调查；涉案食品先行登记保存",
        "level": "minor",
        "effect": "下架过期食品，其余商品正常销售",
    },
]


def _photo() -> ContentFile:
    """A plain demo picture (no real premises)."""
    out = io.BytesIO()
    Image.new("RGB", (480, 360), (200, 210, 220)).save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="demo.jpg")


def _member(agency: Agency, role: str) -> User | None:
    found = Membership.objects.filter(agency=agency, role=role).order_by("pk").first()
    return found.user if found else None


def _pair(agency: Agency, officer_user: User) -> list[Officer]:
    """scjg_zhang's officer record and one more officer who may enforce on the visit days."""
    today = timezone.localdate()
    days = [today, today + timedelta(days=2)]
    own = Officer.objects.filter(user=officer_user, agency=agency).first()
    if own is None or not all(can_enforce(own, d) for d in days):
        return []
    others = Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY).exclude(pk=own.pk)
    partner = next((o for o in others.order_by("pk") if all(can_enforce(o, d) for d in days)), None)
    return [own, partner] if partner else []


def _parties(agency: Agency) -> list[Party]:
    """The demo enterprise's own company first, then companies the agency has no filing for."""
    bound = PartyAccount.objects.filter(user__username="qy_demo").select_related("party").first()
    chosen = [bound.party] if bound else []
    fresh = (
        Party.objects.exclude(kind="person")
        .exclude(inspections__lead_agency=agency)
        .exclude(pk__in=[p.pk for p in chosen])
        .order_by("pk")[:6]
    )
    return [*chosen, *fresh][:4]


@transaction.atomic
def seed() -> list[str]:
    if OnSiteRecord.objects.exists() or not Inspection.objects.exists():
        return []
    today = timezone.localdate()
    scjg = Agency.objects.get(short_name="市市场监管局")
    officer_user = User.objects.filter(username="scjg_zhang").first()
    head = _member(scjg, Role.AGENCY_HEAD)
    listed = list(listed_matters(scjg))
    checked = [m for m in listed if ChecklistItem.objects.filter(matter=m).exists()]
    matters = (checked or listed)[:2]
    pair = _pair(scjg, officer_user) if officer_user else []
    parties = _parties(scjg)
    if not (head and pair and matters and len(parties) == 4):
        return ["现场检查记录：缺少可执法人员、涉企检查事项或企业，未生成"]
    made = {"no_problem": 0, "correct": 0, "case": 0, "open": 0, "rated": 0, "closed": 0}
    for n, party in enumerate(parties):
        inspection = filings.file_inspection(
            officer_user,
            scjg,
            party=party,
            kind="routine",
            window_start=today,
            window_end=today + timedelta(days=2),
            officers=pair,
            matters=matters,
            basis="依据市市场监管局涉企检查事项清单，检查"
            + "、".join(m.name for m in matters)
            + "（年度检查计划）",
        )
        wf.transition(inspection, "approve", head)
        inspection.refresh_from_db()
        record = wf.start(
            OnSiteRecord, "open", officer_user, agency=inspection, inspection=inspection
        )
        for i, item in enumerate(record.results.all()):
            failed = n == 1 and i == 0
            visits.enter_result(
                officer_user,
                record,
                key=f"demo-{record.pk}-{i}",
                item=item.pk,
                result="fail" if failed else "pass",
                note="现场发现问题，见检查情况" if failed else "",
                entered_at=timezone.now().isoformat(),
            )
        visits.save_details(
            officer_user,
            record,
            present=f"{party.legal_representative}（负责人）",
            badges_shown=True,
            recording_on=True,
            policy_officer_note=POLICY_NOTE if n == 0 else "",
        )
        if n == 0:
            visits.add_photo(officer_user, record, _photo(), "后厨操作间（演示照片）")
        if n == 3:
            made["open"] += 1
            continue
        data = dict(OUTCOMES[n])
        if "correction_due" in data:
            data["correction_due"] = today + timedelta(days=data["correction_due"])
        wf.transition(record, "submit", officer_user, **data)
        made[data["outcome"]] += 1
        if n == 0:
            ratings.rate(record.rating_token, civility=5, rights=5, misconduct=False)
            made["rated"] += 1
            inspection.refresh_from_db()
            wf.transition(inspection, "close", officer_user)  # no problem found: 办结
            made["closed"] += 1
        elif n == 1:
            ratings.rate(
                record.rating_token,
                civility=2,
                rights=3,
                misconduct=False,
                comment="检查人员态度生硬，未说明检查依据",
            )
            made["rated"] += 1
    return [
        f"现场检查记录：{sum(made.values()) - made['rated'] - made['closed']}份"
        f"（未发现问题{made['no_problem']}、其中已办结{made['closed']}、"
        f"责令改正{made['correct']}、移送立案{made['case']}、登记中{made['open']}），"
        f"事后评价{made['rated']}条（1条差评提请监督）"
    ]


def seed_demo() -> list[str]:
    """The inspections app's demo: the pre-filings, then the visits."""
    return [*demo_filings.seed(), *seed()]
