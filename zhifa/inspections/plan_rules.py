"""The rules a random-inspection plan keeps, and their configurable numbers.

- Matters only from the random-inspection list (随机抽查事项清单) of the matter's agency, in force
  on the plan's first and last day (国办发〔2019〕5号: 抽查事项清单; "清单之外无事项", seed 004).
- Credit grade and risk class set the frequency; good credit lowers it (seeds 002, 004): within a
  risk class a better grade never has a higher ratio, within a grade a lower risk never has a
  higher ratio than a higher one.
- Special (专项) inspections have a yearly quota per agency and an approved, filed plan (54号).
- Before a draw, parties inspected for the same matter within a window, and those at their
  yearly cap, are excluded (54号: 年度检查频次上限; seed 004).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from zhifa.catalog.models import ListKind
from zhifa.catalog.services.lists import as_of
from zhifa.core import parameters
from zhifa.core.parameters import Definition, declare
from zhifa.inspections import filing_rules

SPECIAL_PLANS_PER_YEAR = declare(
    Definition(
        key="inspections.special_plans_per_year",
        label="每个执法主体每年专项检查计划数量上限",
        default=4,
        kind=int,
        minimum=0,
        maximum=100,
        source="54号（专项检查实行年度计划、数量控制，报司法行政部门备案）；默认值由本平台设定，按本地规定配置",
    )
)
RISK_ORDER = ("low", "medium", "high")
CREDIT_ORDER = ("A", "B", "C", "D")


def special_quota() -> int:
    return int(parameters.get(SPECIAL_PLANS_PER_YEAR.key))


def recent_window_days() -> int:
    """The window of the recent-inspection exclusion (declared with the pre-filing's numbers)."""
    return int(parameters.get(filing_rules.RECENT_WINDOW_DAYS.key))


def yearly_cap() -> int:
    return int(parameters.get(filing_rules.YEARLY_CAP.key))


def matter_problems(
    agencies: Iterable[Any], matters: Iterable[Any], days: Iterable[date]
) -> list[str]:
    """Why a matter may not be in the plan: not an agency of the plan's, or not on that agency's
    random-inspection list in force on each of ``days`` (the plan's first and last day)."""
    agencies = list(agencies)
    agency_ids = {a.pk for a in agencies}
    problems: list[str] = []
    lists: dict[tuple[int, date], set[int]] = {}
    for matter in matters:
        if matter.agency_id not in agency_ids:
            problems.append(f"事项“{matter.name}”不属于本计划的参与部门")
            continue
        for day in days:
            key = (matter.agency_id, day)
            if key not in lists:
                version = as_of(matter.agency, ListKind.RANDOM_INSPECTION, day)
                lists[key] = (
                    set(version.entries.values_list("matter_id", flat=True)) if version else set()
                )
            if matter.pk not in lists[key]:
                problems.append(
                    f"事项“{matter.name}”不在{matter.agency.short_name or matter.agency.name}"
                    f"{day.year}年{day.month}月{day.day}日施行的随机抽查事项清单上"
                )
                break
    return problems


def stratum_problems(strata: Iterable[tuple[str, str, Decimal]]) -> list[str]:
    """Ratios must lie in (0, 100] and follow credit and risk: a better credit grade (A before D)
    never has a higher ratio than a worse one of the same risk class; a lower risk class never a
    higher ratio than a higher one of the same grade (seeds 002, 004)."""
    problems: list[str] = []
    ratios: dict[tuple[str, str], Decimal] = {}
    for risk, credit, ratio in strata:
        if (risk, credit) in ratios:
            problems.append(f"分层“{_label(risk, credit)}”重复")
        if not Decimal(0) < Decimal(ratio) <= Decimal(100):
            problems.append(f"分层“{_label(risk, credit)}”的抽查比例应大于0且不超过100%")
        ratios[(risk, credit)] = Decimal(ratio)
    for risk in RISK_ORDER:
        graded = [(c, ratios[(risk, c)]) for c in CREDIT_ORDER if (risk, c) in ratios]
        for (better, r1), (worse, r2) in itertools.pairwise(graded):
            if r1 > r2:
                problems.append(
                    f"{_label(risk, better)}的抽查比例（{r1}%）高于{_label(risk, worse)}（{r2}%）："
                    "信用好的企业抽查比例应更低"
                )
    for credit in CREDIT_ORDER:
        classed = [(r, ratios[(r, credit)]) for r in RISK_ORDER if (r, credit) in ratios]
        for (lower, r1), (higher, r2) in itertools.pairwise(classed):
            if r1 > r2:
                problems.append(
                    f"{_label(lower, credit)}的抽查比例（{r1}%）高于{_label(higher, credit)}（{r2}%）："
                    "风险低的企业抽查比例应更低"
                )
    return problems


def _label(risk: str, credit: str) -> str:
    names = {"low": "低", "medium": "中", "high": "高"}
    risk_text = f"{names.get(risk, risk)}风险" if risk else "风险未分类"
    credit_text = f"信用{credit}" if credit else "信用未评级"
    return f"{risk_text}·{credit_text}"
