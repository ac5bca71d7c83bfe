"""The pre-filing's refusals (事前备案), each with its reason in Chinese:

- a matter not on the agency's enterprise-inspection list in force on the visit's dates
  ("清单之外无事项": seed 004; 54号);
- an officer who cannot enforce on those dates (``can_enforce``'s reasons: 54号, only officers with
  a valid certificate inspect; 处罚法 art. 42);
- fewer than two officers (处罚法 arts. 42, 55);
- a second filing by the same agency for the same enterprise in an overlapping window (seed 004:
  一个时间段内对同一企业进行备案的，不予通过);
- the agency's yearly cap for that enterprise reached (54号; whether 个案 counts is a parameter);
- a window in the past: filing comes before the visit, except an emergency, which is filed
  afterwards with its reason (54号).

:func:`problems` answers all of them at once, by field, so a form shows every reason together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from zhifa.catalog.models import ListEntry, ListKind, Matter
from zhifa.catalog.services.lists import as_of
from zhifa.core import parameters
from zhifa.inspections import history
from zhifa.inspections.models import STANDING, Inspection, InspectionKind
from zhifa.org.models import Agency
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Officer

SEED_004 = "《济南市提升行政执法质量实施方案》解读（六）"
GUIDELINE_54 = "国办发〔2024〕54号"
NO_MATTER_OUTSIDE = "清单之外无事项"
MIN_OFFICERS = 2


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Proposal:
    """What an officer files: the agency files for ``party`` in ``window_start``..``window_end``."""

    agency: Agency
    party: object
    kind: str
    window_start: date
    window_end: date
    officers: Sequence[Officer]
    matters: Sequence[Matter]
    emergency: bool = False
    emergency_reason: str = ""
    #: the filing itself, when it is re-checked (on submission, on approval)
    pk: int | None = None
    #: the random-inspection plan (双随机) whose draw selected the enterprise, if any
    plan: object | None = None
    #: the other agencies of a joint filing (a joint plan's visit: each sends its own officers
    #: for its own matters, 进一次门、查多项事)
    joint: Sequence[Agency] = ()

    @property
    def agencies(self) -> list[Agency]:
        return [self.agency, *(a for a in self.joint if a.pk != self.agency.pk)]

    @property
    def days(self) -> list[date]:
        return sorted({self.window_start, self.window_end})


def problems(p: Proposal, today: date) -> dict[str, list[str]]:
    """Every reason the filing is refused, by field (empty lists when it may be filed)."""
    with parameters.remembered():
        return _problems(p, today)


def _problems(p: Proposal, today: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {
        "window_start": _window(p, today),
        "emergency_reason": [],
        "officers": _officers(p),
        "matters": _matters(p),
        "party": [],
        "plan": _plan(p) if p.plan is not None else [],
    }
    if p.emergency and not p.emergency_reason.strip():
        errors["emergency_reason"].append("紧急检查须说明紧急情况")
    if p.window_end >= p.window_start:
        errors["party"] += _duplicate(p) + _cap(p, history.counted_kinds())
    return errors


def _window(p: Proposal, today: date) -> list[str]:
    if p.window_end < p.window_start:
        return ["检查截止日不能早于检查起始日"]
    if p.emergency:
        if p.window_start > today:
            return ["紧急检查为事后补办备案，检查起始日不能晚于今天"]
        return []
    if p.window_start < today:
        return [
            f"检查时段不能早于今天（{_day(today)}）：涉企检查须事前备案；"
            f"情况紧急已先行检查的，请按紧急检查事后补办（{GUIDELINE_54}）"
        ]
    return []


def _officers(p: Proposal) -> list[str]:
    found: list[str] = []
    officers = list({o.pk: o for o in p.officers}.values())
    if len(officers) < MIN_OFFICERS:
        found.append(
            f"检查人员不得少于{MIN_OFFICERS}人（行政处罚法第四十二条、第五十五条），"
            f"现有{len(officers)}人"
        )
    # One matter per enforcement field: a certificate of that field covers them all.
    by_field = {m.field_id: m for m in reversed(list(p.matters))}
    works = list(by_field.values()) or [None]
    taking_part = {a.pk for a in p.agencies}
    for officer in officers:
        if officer.agency_id not in taking_part:
            names = "、".join(a.name for a in p.agencies)
            found.append(f"{officer.name}不是{names}的执法人员")
            continue
        own = [m for m in works if m is None or m.agency_id == officer.agency_id] or works
        found += _cannot_enforce(officer, p.days, own)
    return found


def _cannot_enforce(officer: Officer, days: list[date], works: list) -> list[str]:
    """``can_enforce``'s reasons on the first day and matter the officer cannot enforce."""
    for day in days:
        for matter in works:
            eligibility = can_enforce(officer, day, matter)
            if not eligibility:
                reasons = "；".join(eligibility.reasons)
                return [f"{officer.name}在{_day(day)}不能从事执法活动：{reasons}"]
    return []


def _listed(agency: Agency, day: date, seen: dict[int, set[int]]) -> tuple[bool, set[int]]:
    """Whether a list is in force on ``day``, and its matters (``seen``: by version, read once)."""
    version = as_of(agency, ListKind.ENTERPRISE_INSPECTION, day)
    if version is None:
        return False, set()
    if version.pk not in seen:
        ids = ListEntry.objects.filter(version=version, matter__isnull=False).values_list(
            "matter_id", flat=True
        )
        seen[version.pk] = set(ids)
    return True, seen[version.pk]


def _matters(p: Proposal) -> list[str]:
    matters = list({m.pk: m for m in p.matters}.values())
    if not matters:
        return ["请至少选择一项检查事项"]
    found: list[str] = []
    taking_part = {a.pk for a in p.agencies}
    for matter in matters:
        if matter.agency_id not in taking_part:
            found.append(f"“{matter.name}”不是{p.agency.name}的执法事项")
    seen: dict[int, set[int]] = {}
    for agency in p.agencies:
        own = [m for m in matters if m.agency_id == agency.pk]
        if agency.pk != p.agency.pk and not own:
            continue
        found += _listed_problems(agency, own, p.days, seen)
    return found


def _listed_problems(
    agency: Agency, matters: list[Matter], days: list[date], seen: dict[int, set[int]]
) -> list[str]:
    """The agency's matters not on its enterprise-inspection list in force on one of the days."""
    found: list[str] = []
    for day in days:
        exists, listed = _listed(agency, day, seen)
        if not exists:
            found.append(
                f"{agency.name}在{_day(day)}没有施行中的涉企检查事项清单，"
                f"不能开展涉企检查（{NO_MATTER_OUTSIDE}）"
            )
            break
        outside = [m for m in matters if m.pk not in listed]
        for matter in outside:
            found.append(
                f"“{matter.name}”不在{agency.name}{_day(day)}施行的涉企检查事项清单上"
                f"（{NO_MATTER_OUTSIDE}）"
            )
        if outside:
            break
    return found


def _plan(p: Proposal) -> list[str]:
    """A visit filed for a random-inspection plan: the plan is filed with the justice bureau, the
    agency takes part, the window lies in its period, its draw selected the enterprise, and the
    matters are the plan's (双随机、一公开; 54号)."""
    from zhifa.inspections.models.plans import DRAWABLE, DrawTarget

    plan = p.plan
    if plan.status not in DRAWABLE:
        return [f"抽查计划“{plan.name}”尚未报备司法行政部门，不能据以备案检查"]
    found = []
    taking_part = set(plan.agencies.values_list("pk", flat=True))
    for agency in p.agencies:
        if agency.pk not in taking_part:
            found.append(f"{agency.name}不是抽查计划“{plan.name}”的参与部门")
    if p.window_start < plan.period_start or p.window_end > plan.period_end:
        found.append(
            f"检查时段须在抽查计划的检查期间内（{_day(plan.period_start)}至{_day(plan.period_end)}）"
        )
    if not DrawTarget.objects.filter(draw__plan=plan, party=p.party).exists():
        found.append(f"该企业不在抽查计划“{plan.name}”的抽中对象中")
    planned = set(plan.matters.values_list("pk", flat=True))
    found += [f"“{m.name}”不是该抽查计划的抽查事项" for m in p.matters if m.pk not in planned]
    return found


def overlapping(p: Proposal, agency: Agency | None = None) -> Iterable[Inspection]:
    """The agency's (by default the filing one's) standing filings for the same enterprise whose
    windows overlap."""
    rows = Inspection.objects.filter(
        party=p.party,
        agencies=agency or p.agency,
        status__in=STANDING,
        window_start__lte=p.window_end,
        window_end__gte=p.window_start,
    )
    if p.pk is not None:
        rows = rows.exclude(pk=p.pk)
    return rows.order_by("window_start", "pk")


def _duplicate(p: Proposal) -> list[str]:
    """Each agency taking part (a joint filing: every one of them)."""
    return [
        f"{agency.name}已备案{_day(other.window_start)}至{_day(other.window_end)}对该企业的检查"
        f"（{other}），同一时段对同一企业不得重复备案（{SEED_004}）"
        for agency in p.agencies
        for other in overlapping(p, agency)[:1]
    ]


def _cap(p: Proposal, kinds: tuple[str, ...]) -> list[str]:
    if p.kind not in kinds:
        return []
    year = p.window_start.year
    cap = history.yearly_cap()
    found = []
    for agency in p.agencies:
        done = history.yearly_count(p.party, agency, year, exclude=p.pk, kinds=kinds)
        if done < cap:
            continue
        individual = "" if InspectionKind.INDIVIDUAL in kinds else "（个案检查不计入）"
        found.append(
            f"{agency.name}{year}年已对该企业检查{done}次，达到年度检查次数上限{cap}次"
            f"{individual}（{GUIDELINE_54}）"
        )
    return found
