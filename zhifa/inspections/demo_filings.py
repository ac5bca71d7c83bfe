"""Demo pre-filings of 示范市: 市市场监管局's filings in every state before the visit (draft,
awaiting approval, approved, refused, withdrawn, an emergency filed afterwards; 已登记 and 已办结
only come with an on-site record, made by ``demo_visits``), and 市生态环境局
filing for the same enterprises: one joint offer open, one accepted (merged into a joint visit).

Built through the services as the agencies' officers (scjg_zhang, sthj_xu) and head (scjg_wang),
relative to today; idempotent (nothing happens once any filing exists). Uses the parties already
registered, registering a few enterprises when there are not enough.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.catalog.models import ListKind, ListVersion, Matter
from zhifa.catalog.services import lists
from zhifa.core import workflow
from zhifa.core.validators import uscc_check_char
from zhifa.inspections.filing_forms import listed_matters
from zhifa.inspections.models import Inspection, JointOffer
from zhifa.inspections.services import filings, joint
from zhifa.org.models import Agency, Membership, Role, User
from zhifa.parties.models import Party, PartyKind
from zhifa.parties.services import create_party
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Officer, OfficerStatus

BASIS = "依据{agency}涉企检查事项清单，检查{what}（事前备案，经单位负责人批准后实施）"
ENTERPRISES = (
    ("示范市东港燃气有限公司", "D4520"),
    ("示范市鲜丰食品有限公司", "C1391"),
    ("示范市百味餐饮管理有限公司", "H6210"),
    ("示范市安康大药房连锁有限公司", "F5251"),
    ("示范市恒通电梯工程有限公司", "E4910"),
    ("示范市绿源化工有限公司", "C2614"),
    ("示范市新城超市有限公司", "F5211"),
    ("示范市宏达机械制造有限公司", "C3421"),
    ("示范市清河污水处理有限公司", "D4620"),
    ("示范市华美印染有限公司", "C1713"),
)


def _uscc(n: int) -> str:
    first17 = f"91330100MA{8_100_000 + n:07d}"  # 杭州市 (GB/T 2260 330100), 企业
    return first17 + uscc_check_char(first17)


def _parties(admin: User, city: Any) -> list[Party]:
    found = list(Party.objects.filter(kind=PartyKind.ENTERPRISE).order_by("pk")[: len(ENTERPRISES)])
    for n, (name, industry) in enumerate(ENTERPRISES[len(found) :], start=len(found)):
        found.append(
            create_party(
                admin,
                kind=PartyKind.ENTERPRISE,
                name=name,
                uscc=_uscc(n),
                legal_representative="（演示）",
                address=f"示范市演示路{n + 1}号",
                region=city,
                industry=industry,
            )
        )
    return found


def _member(agency: Agency, role: str) -> User | None:
    found = Membership.objects.filter(agency=agency, role=role).order_by("pk").first()
    return found.user if found else None


def _officers(agency: Agency, days: list[date]) -> list[Officer]:
    candidates = Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY).order_by("pk")
    return [o for o in candidates if all(can_enforce(o, d) for d in days)][:4]


def _listed(agency: Agency, admin: User | None, today: date) -> list[Matter]:
    """The agency's listed matters today; an enterprise-inspection list is published for it
    (its first inspection matters) when it has none."""
    matters = list(listed_matters(agency)[:3])
    if matters or admin is None:
        return matters
    chosen = list(Matter.objects.filter(agency=agency, category="inspection")[:3]) or list(
        Matter.objects.filter(agency=agency)[:3]
    )
    if not chosen:
        return []
    with workflow.following(ListVersion, 1):  # a list in force before approvals were required
        version = lists.draft_version(
            admin,
            agency,
            kind=ListKind.ENTERPRISE_INSPECTION,
            effective_on=today - timedelta(days=30),
            note="涉企行政检查事项清单（演示）",
            copy_from_current=False,
        )
        for matter in chosen:
            lists.add_entry(
                admin,
                version,
                matter=matter,
                attrs={"检查对象": "排污单位", "检查方式": "现场检查"},
            )
        lists.publish_version(admin, version)
    return chosen


@transaction.atomic
def seed() -> list[str]:
    if Inspection.objects.exists():
        return []
    today = timezone.localdate()
    scjg = Agency.objects.get(short_name="市市场监管局")
    sthj = Agency.objects.get(short_name="市生态环境局")
    filer, head = _member(scjg, Role.OFFICER), _member(scjg, Role.AGENCY_HEAD)
    their_filer = _member(sthj, Role.OFFICER)
    scjg_admin, sthj_admin = _member(scjg, Role.AGENCY_ADMIN), _member(sthj, Role.AGENCY_ADMIN)
    if not (filer and head and their_filer and scjg_admin):
        return ["涉企检查备案：演示账号不全，未生成"]
    days = [today - timedelta(days=1), today + timedelta(days=20)]
    ours, theirs = _officers(scjg, days), _officers(sthj, days)
    our_matters = _listed(scjg, scjg_admin, today)
    their_matters = _listed(sthj, sthj_admin, today)
    if len(ours) < 2 or not our_matters:
        return ["涉企检查备案：市市场监管局没有可执法的人员或涉企检查事项清单，未生成"]
    parties = _parties(scjg_admin, scjg.region)

    def file(party: Party, start: int, days: int = 2, *, state: str, mine: bool = True, **kw):
        agency, actor = (scjg, filer) if mine else (sthj, their_filer)
        matters = our_matters if mine else their_matters
        inspection = filings.file_inspection(
            actor,
            agency,
            party=party,
            kind=kw.pop("kind", "routine"),
            window_start=today + timedelta(days=start),
            window_end=today + timedelta(days=start + days),
            officers=(ours if mine else theirs)[:2],
            matters=matters[:2],
            basis=BASIS.format(
                agency=agency.short_name, what="、".join(m.name for m in matters[:2])
            ),
            submit=state != "draft",
            **kw,
        )
        # 已登记 and 已办结 come only from an on-site record (``demo_visits``), never from here.
        steps = {
            "approved": ["approve"],
            "refused": ["refuse"],
            "withdrawn": ["withdraw"],
        }.get(state, [])
        for step in steps:
            data = {"opinion": "本季度已对该企业开展综合检查，不予批准"} if step == "refuse" else {}
            workflow.transition(
                inspection, step, head if step in ("approve", "refuse") else filer, **data
            )
        return inspection

    made = [
        file(parties[0], 3, state="draft"),
        file(parties[1], 5, state="submitted"),
        file(parties[2], 1, state="approved"),
        file(parties[3], 4, state="refused"),
        file(parties[4], 6, state="withdrawn"),
        file(parties[5], 1, state="approved"),
        file(parties[6], 2, state="approved", kind="individual"),
        file(
            parties[7],
            -1,
            0,
            state="submitted",
            emergency=True,
            emergency_reason="群众举报该企业仓库有燃气泄漏气味，立即到场检查",
        ),
    ]
    lines = [
        f"涉企检查备案：{len(made)}件（草稿、待审批、已批准、不予批准、已撤回、紧急补办；"
        "已登记、已办结的见现场检查记录）"
    ]
    if len(theirs) >= 2 and their_matters:
        file(parties[1], 6, 3, state="submitted", mine=False)  # overlaps: an open joint offer
        file(parties[8], 10, 2, state="submitted")
        file(parties[8], 11, 2, state="submitted", mine=False)
        offer = JointOffer.objects.get(first__party=parties[8])
        joint.accept_offer(filer, offer)
        joint.accept_offer(their_filer, offer)
        lines.append("联合检查撮合：1个待回应（市市场监管局与市生态环境局），1个已合并为联合检查")
    return lines
