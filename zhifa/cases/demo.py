"""Demo cases: a few hundred cases of the demo city's agencies in every state of the table, all
made through the services by the demo city's own people (the lead officer records and moves the
case, the agency head approves and decides, the legal reviewer reviews), so the ledger records
every step. Summary decisions on the spot too, some with the fine collected on the spot.

Some cases opened in the older system more than 90 days ago and still undecided are taken over
(接收历史案件), so the list and the supervisors see overdue ones.

Each agency with at least two officers able to enforce today on one of its penalty matters gets
its share; 市市场监管局's cases are handled by the persona officer (scjg_zhang). Idempotent:
nothing happens once a case exists. Runs after the org, registry, catalog and parties seeds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from itertools import cycle

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.numbering import set_prefix
from zhifa.cases.paths import PATHS, REQUEST_REVIEW, ROLES, reviewers, take
from zhifa.cases.rules import enforcing
from zhifa.cases.services import leads, summary, takeover
from zhifa.catalog.models import ListKind, Matter
from zhifa.catalog.services.lists import as_of
from zhifa.core import parameters
from zhifa.org.models import Agency, Membership, Role, UnitKind, User
from zhifa.parties.models import Party
from zhifa.registry.models import Officer, OfficerStatus

#: How many cases of each state an agency gets (市市场监管局 gets ``SCJG_FACTOR`` times more).
PER_STATE = {
    CaseStatus.LEAD: 3,
    CaseStatus.OPENING: 2,
    CaseStatus.INVESTIGATION: 4,
    CaseStatus.PRIOR_NOTICE: 2,
    CaseStatus.HEARING: 1,
    CaseStatus.LEGAL_REVIEW: 2,
    CaseStatus.DECIDING: 2,
    CaseStatus.DISCUSSION: 1,
    CaseStatus.DECIDED: 2,
    CaseStatus.EXECUTION: 3,
    CaseStatus.CLOSED: 3,
    CaseStatus.ARCHIVED: 2,
    CaseStatus.NOT_OPENED: 1,
    CaseStatus.WITHDRAWN: 1,
    CaseStatus.TRANSFERRED: 1,
}
SUMMARY_PER_AGENCY = 4
#: Cases taken over from the older system, opened more than 90 days ago and still undecided.
OVERDUE_PER_AGENCY = 2
SCJG_FACTOR = 6
_SCJG_FACTOR = ContextVar("scjg_factor", default=SCJG_FACTOR)
PREFIXES = {"市市场监管局": "示市监罚", "市生态环境局": "示环罚", "东城区城管执法局": "示东城管罚"}
TITLES = (
    "涉嫌经营超过保质期的食品案",
    "涉嫌未按规定公示营业执照案",
    "涉嫌虚假宣传案",
    "涉嫌销售不合格产品案",
    "涉嫌无证经营案",
    "涉嫌未按规定建立进货查验记录案",
)
SOURCES = ("inspection", "complaint", "inspection", "transfer", "assigned", "other")


@contextmanager
def _scaled(scjg_factor: int) -> Iterator[None]:
    token = _SCJG_FACTOR.set(scjg_factor)
    try:
        yield
    finally:
        _SCJG_FACTOR.reset(token)


def _member(agency: Agency, role: str) -> User | None:
    found = Membership.objects.filter(agency=agency, role=role).order_by("pk").first()
    return found.user if found else None


def _team(agency: Agency) -> tuple[list[Officer], Matter] | None:
    """Officers of the agency able to enforce today on one of its penalty matters (the persona
    officer first), and that matter; None when fewer than two can. The matter is off the
    agency's major-decision list: the legal reviews' demo shows those (a case on the list is
    decided only after a passed review, 处罚法 art. 58)."""
    today = timezone.localdate()
    officers = list(
        Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY, is_legal_reviewer=False)
        .select_related("agency")
        .order_by("user_id", "pk")  # the ones with an account (the personas) first
    )
    officers.sort(key=lambda o: o.user_id is None)
    major = as_of(agency, ListKind.MAJOR_DECISION, today)
    listed = major.entries.values("matter_id") if major is not None else []
    matters = Matter.objects.filter(agency=agency, category="penalty").exclude(pk__in=listed)
    for matter in matters.order_by("code")[:5]:
        able, _ = enforcing(officers[:8], [matter], today)
        if len(able) >= 2:
            return able, matter
    return None


def _parties() -> Iterator[Party]:
    rows = list(Party.objects.order_by("pk")[:300])
    return cycle(rows) if rows else iter(())


def _agency_cases(agency: Agency, factor: int, parties: Iterator[Party]) -> int:
    team = _team(agency)
    unit = agency.units.filter(kind=UnitKind.HANDLING, is_active=True).order_by("pk").first()
    recorder = _member(agency, Role.OFFICER)
    if team is None or unit is None or recorder is None:
        return 0
    able, matter = team
    lead = able[0]
    actor_of = {role: _member(agency, role) for role in set(ROLES.values())}
    officer_user = lead.user or recorder
    today = timezone.localdate()
    may_review = reviewers(agency).exists()
    made = 0
    for n, (state, count) in enumerate(PER_STATE.items()):
        if any(actor_of[ROLES[a]] is None for a in PATHS[state] if a in ROLES):
            continue  # an agency without a head in the demo: its leads only
        if REQUEST_REVIEW in PATHS[state] and not may_review:
            continue  # nor cases under legal review without a legal reviewer
        for i in range(count * factor):
            k = n * 10 + i
            try:
                with transaction.atomic():
                    case = leads.record_lead(
                        officer_user,
                        agency,
                        unit=unit,
                        title=TITLES[k % len(TITLES)],
                        source=SOURCES[k % len(SOURCES)],
                        source_reference=f"DEMO-{agency.pk}-{k:04d}",
                        discovered_on=today,
                        violation_began=today,
                        officers=[lead, able[1 + k % (len(able) - 1)]],
                        parties=[next(parties)],
                        matters=[matter],
                        facts="执法人员检查发现当事人涉嫌违法，现场拍照取证，制作现场检查笔录。",
                    )
                    for action in PATHS[state]:
                        take(case, action, lambda role: actor_of[role] if role else officer_user)
            except ValidationError as refused:
                # A step whose limit runs into a year without holiday data (seeded in late
                # December, or in a test that moved the clock there) is refused by its guard:
                # the case is rolled back whole and left out, never half made.
                if "节假日安排数据" not in str(refused):
                    raise
                continue
            made += 1
    admin = _member(agency, Role.AGENCY_ADMIN)
    for i in range(OVERDUE_PER_AGENCY * factor if admin is not None else 0):
        opened = today - timedelta(days=95 + 7 * i)
        takeover.take_over_case(
            admin,
            agency,
            unit=unit,
            title=TITLES[i % len(TITLES)],
            source="inspection",
            source_reference=f"DEMO-OLD-{agency.pk}-{i:03d}",
            discovered_on=opened - timedelta(days=3),
            violation_began=opened - timedelta(days=10),
            officers=[lead, able[1 + i % (len(able) - 1)]],
            parties=[next(parties)],
            matters=[matter],
            facts="原系统立案、尚未作出决定的案件，接收后继续办理。",
            reason="原办案系统停用，未结案件移交本平台继续办理",
            number=f"{PREFIXES.get(agency.short_name, '示罚')}〔{opened.year}〕{900 + i}号",
            opened_on=opened,
            status=("investigation", "prior_notice", "deciding")[i % 3],
            notified_on=opened + timedelta(days=30),
        )
        made += 1
    for i in range(SUMMARY_PER_AGENCY * min(factor, 2)):
        fine = ("50", "100", "150", "200")[i % 4]
        case = summary.decide_on_spot(
            officer_user,
            agency,
            unit=unit,
            title="未按规定公示营业执照案",
            officers=able[:2],
            parties=[next(parties)],
            matters=[matter],
            measure="warning" if i % 5 == 4 else "fine",
            fine=None if i % 5 == 4 else fine,
            place="经营场所内",
            facts="当事人未在经营场所醒目位置公示营业执照，违法事实确凿。",
        )
        if i % 5 != 4 and fine in ("50", "100"):
            summary.collect_on_spot(
                officer_user, case, amount_paid=fine, receipt_number=f"SD-{case.pk:06d}"
            )
        made += 1
    return made


def seed(*, factor: int = 1, only: tuple[str, ...] = ()) -> list[str]:
    """``factor`` times :data:`PER_STATE` cases per agency (市市场监管局 :data:`SCJG_FACTOR` times
    more), for the agencies whose short names ``only`` names (all when empty)."""
    if Case.objects.exists():
        return []
    with parameters.remembered():
        return _seed(factor, only)


def _seed(factor: int, only: tuple[str, ...]) -> list[str]:
    parties = _parties()
    lines = []
    for short_name, prefix in PREFIXES.items():
        agency = Agency.objects.filter(short_name=short_name).first()
        admin = _member(agency, Role.AGENCY_ADMIN) if agency else None
        if admin is not None:
            set_prefix(admin, agency, prefix)
    agencies = Agency.objects.filter(is_active=True).order_by("pk")
    if only:
        agencies = agencies.filter(short_name__in=only)
    for agency in agencies:
        scale = factor * (_SCJG_FACTOR.get() if agency.short_name == "市市场监管局" else 1)
        made = _agency_cases(agency, scale, parties)
        if made:
            lines.append(f"{agency.name}：行政处罚案件{made}件")
    return lines


def seed_demo() -> list[str]:
    """The demo city's cases (``settings.DEMO_CASES = "small"``: one of each state only)."""
    from zhifa.cases import (
        demo_appeals,
        demo_coercive,
        demo_documents,
        demo_evidence,
        demo_execution,
        demo_history,
        demo_reviews,
        demo_spot_filing,
        filing_demo,
    )

    small = getattr(settings, "DEMO_CASES", "full") == "small"
    lines = seed_small() if small else seed()
    return [
        *lines,
        *demo_reviews.seed(),
        *demo_evidence.seed(),
        *demo_documents.seed(),
        *demo_spot_filing.seed(),
        *demo_appeals.seed(),
        *demo_coercive.seed(),
        *filing_demo.seed(),
        *demo_execution.seed(),
        *demo_history.seed(),
    ]


def seed_small() -> list[str]:
    """One case of each state (and a few summary decisions) of 市市场监管局: for the route sweep."""
    with _scaled(1):
        return seed(only=("市市场监管局",))
