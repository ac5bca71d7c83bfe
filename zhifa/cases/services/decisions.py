"""The penalty of a case with its discretion: the intended penalty of the prior notice and the
decided penalty, each assessed against the matter's discretion benchmark.

- 处罚法 art. 34 and seed 000 (九): the benchmark is applied and cited, with reasons; a penalty outside
  its range needs a written reason and is signalled to supervision.
- 处罚法 art. 37 (从旧兼从轻): the benchmark in force when the violation happened (for a continuing
  violation, when it ended) applies, unless the one in force now is lighter.
- seed 000 (十一) 同案同罚: beside the range, the fines of the agency's closed cases at the same grade
  of the same matter (类案参考); a fine far from their median is signalled for the reviewer.
- 处罚法 art. 45: the decided penalty may not be heavier than the one in the prior notice.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from zhifa.cases import review_rules
from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.decisions import Decision, DecisionKind, Measure
from zhifa.cases.services.leniency import refuse_shall_not_penalise
from zhifa.catalog.models import DiscretionBenchmark, Matter
from zhifa.catalog.models.benchmarks import BenchmarkStatus
from zhifa.catalog.services.discretion import BenchmarkOutcome, apply_benchmark
from zhifa.core import ledger, parameters
from zhifa.core.errors import collect

AMOUNT_MAX = Decimal("1000000000000")
TEXT_MAX = 2000
CLOSED_STATES = (CaseStatus.CLOSED, CaseStatus.ARCHIVED)


@dataclass
class Assessment:
    """What the benchmark says about the facts, which version was chosen and why, the fine range
    allowed (with 从轻/减轻 where they apply) and the similar cases."""

    benchmark: DiscretionBenchmark | None
    outcome: BenchmarkOutcome | None
    choice: str
    allowed_min: Decimal | None = None
    allowed_max: Decimal | None = None
    similar: dict[str, Any] = field(default_factory=dict)

    @property
    def grade(self) -> str:
        return (self.outcome.grade or "") if self.outcome else ""

    @property
    def no_penalty(self) -> bool:
        """The benchmark says no penalty shall be given (应当不予处罚)."""
        return bool(self.outcome and self.outcome.conclusion.startswith("依法不予"))


def violation_day(case: Case) -> date:
    """The day the violation happened (处罚法 art. 37); a continuing one, the day it ended."""
    return case.violation_ended or case.violation_began or case.discovered_on


def benchmark_in_force(matter: Matter, day: date) -> DiscretionBenchmark | None:
    return (
        DiscretionBenchmark.objects.filter(
            matter=matter, status=BenchmarkStatus.PUBLISHED, effective_on__lte=day
        )
        .select_related("matter__agency")
        .order_by("-effective_on", "-version")
        .first()
    )


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _severity(outcome: BenchmarkOutcome) -> tuple:
    """Order outcomes from lightest: no penalty, then by the range's top, then its bottom."""
    if outcome.conclusion.startswith("依法不予"):
        return (0,)
    top = _amount(outcome.range.get("fine_max"))
    low = _amount(outcome.range.get("fine_min"))
    infinite = Decimal("Infinity")
    return (1, top if top is not None else infinite, low if low is not None else infinite)


def choose(case: Case, matter: Matter, facts: Any, today: date) -> Assessment:
    """从旧兼从轻 (处罚法 art. 37): apply the benchmark in force when the violation happened; if a
    newer one is in force today and gives a lighter outcome for the same facts, apply that one."""
    happened = violation_day(case)
    old = benchmark_in_force(matter, happened)
    new = benchmark_in_force(matter, today)
    if old is None and new is None:
        return Assessment(None, None, f"执法事项“{matter.name}”没有已发布的行政裁量权基准")
    if old is None or (new is not None and new.pk == old.pk):
        chosen = new if old is None else old
        outcome = apply_benchmark(chosen, facts, on=today)
        text = (
            f"适用违法行为发生时（{happened:%Y年%m月%d日}）施行的第{chosen.version}版基准"
            "（行政处罚法第三十七条）"
            if old is not None
            else f"违法行为发生时尚无裁量基准，适用现行第{chosen.version}版基准"
        )
        return Assessment(chosen, outcome, text)
    outcome_old = apply_benchmark(old, facts, on=happened)
    try:
        outcome_new = apply_benchmark(new, facts, on=today) if new is not None else None
    except ValidationError:
        outcome_new = None  # the newer benchmark asks for other facts: not shown to be lighter
    if outcome_new is not None and _severity(outcome_new) < _severity(outcome_old):
        return Assessment(
            new,
            outcome_new,
            f"违法行为发生时施行第{old.version}版基准，现行第{new.version}版基准处罚较轻，"
            "依从旧兼从轻原则适用现行基准（行政处罚法第三十七条）",
        )
    text = (
        f"适用违法行为发生时（{happened:%Y年%m月%d日}）施行的第{old.version}版基准；"
        f"现行第{new.version}版基准不更轻（行政处罚法第三十七条）"
    )
    return Assessment(old, outcome_old, text)


def _allowed(outcome: BenchmarkOutcome) -> tuple[Decimal | None, Decimal | None]:
    """The fines the benchmark allows: the grade's range, down to the 减轻 floor where it applies."""
    rng = outcome.range or {}
    low, high = _amount(rng.get("fine_min")), _amount(rng.get("fine_max"))
    mitigated = rng.get("mitigated") or {}
    if "mitigated" in rng:
        floor = _amount(mitigated.get("fine_min"))
        low = floor if floor is not None else Decimal(0)
    return low, high


def similar_cases(case: Case, benchmark: DiscretionBenchmark | None, grade: str) -> dict[str, Any]:
    """类案参考 (seed 000 (十一)): the fines decided in the agency's closed cases on the same matter
    at the same benchmark grade (each case's latest decision)."""
    if benchmark is None or not grade:
        return {"count": 0}
    latest = (
        Decision.objects.filter(
            kind=DecisionKind.FINAL,
            case__agency_id=case.agency_id,
            case__status__in=CLOSED_STATES,
            benchmark__matter_id=benchmark.matter_id,
            grade=grade,
        )
        .exclude(case_id=case.pk)
        .values("case_id")
        .annotate(last=Max("pk"))
        .values("last")
    )
    rows = list(
        Decision.objects.filter(pk__in=latest)
        .select_related("case")
        .order_by("-recorded_on", "-pk")
        .values("case__number", "fine", "recorded_on")
    )
    fines = sorted(r["fine"] for r in rows if r["fine"] is not None)
    if not rows:
        return {"count": 0, "grade": grade}
    summary: dict[str, Any] = {"count": len(rows), "grade": grade, "fined": len(fines)}
    if fines:
        summary.update(
            min=str(fines[0]),
            median=str(Decimal(statistics.median(fines)).quantize(Decimal("0.01"))),
            max=str(fines[-1]),
        )
    summary["recent"] = [
        {"number": r["case__number"], "fine": str(r["fine"]) if r["fine"] is not None else None}
        for r in rows[:5]
    ]
    return summary


def assess(
    case: Case, facts: Any, *, matter: Matter | None = None, today: date | None = None
) -> Assessment:
    """The benchmark's answer for ``facts`` on ``case`` (a read; nothing is written)."""
    today = today or timezone.localdate()
    matter = matter or first_matter(case)
    if matter is None:
        return Assessment(None, None, "案件没有执法事项")
    found = choose(case, matter, facts, today)
    if found.outcome is not None:
        found.allowed_min, found.allowed_max = _allowed(found.outcome)
        found.similar = similar_cases(case, found.benchmark, found.grade)
    return found


def first_matter(case: Case) -> Matter | None:
    link = case.matters.select_related("matter__agency").order_by("pk").first()
    return link.matter if link else None


def _yuan(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01'))}"
    return text[:-3] if text.endswith(".00") else text


def heavier_than(final: Decision, intended: Decision) -> list[str]:
    """How ``final`` is heavier than ``intended`` (处罚法 art. 45), in words; [] if it is not."""
    found = []
    added = [Measure(m).label for m in final.measures if m not in intended.measures]
    if added:
        found.append(f"增加了处罚种类“{'、'.join(added)}”")
    for name, attr in (("罚款", "fine"), ("没收违法所得", "confiscated")):
        after, before = getattr(final, attr), getattr(intended, attr)
        if after is not None and before is not None and after > before:
            found.append(f"{name}由{_yuan(before)}元提高到{_yuan(after)}元")
    return found


def far_from_similar(fine: Decimal | None, similar: dict[str, Any]) -> str | None:
    """A fine far from the median of similar cases (同案同罚): above ``factor`` times it or below
    its ``1/factor``, when there are enough similar cases to compare."""
    if fine is None or "median" not in similar:
        return None
    if similar.get("fined", 0) < parameters.get(review_rules.SIMILAR_MIN_CASES.key):
        return None
    median = Decimal(similar["median"])
    factor = parameters.get(review_rules.SIMILAR_FAR_FACTOR.key)
    if median <= 0:
        return None
    if fine > median * factor or fine < median / factor:
        return (
            f"罚款{_yuan(fine)}元与本机关同阶次类案（{similar['count']}件）罚款中位数"
            f"{_yuan(median)}元相差较大，请审核人员关注同案同罚"
        )
    return None


def _clean_measures(measures: Iterable[Any], errors: list[str]) -> list[str]:
    chosen = []
    for m in measures or ():
        if m not in Measure.values:
            errors.append(f"未知的处罚种类“{m}”")
        elif m not in chosen:
            chosen.append(m)
    if not chosen and not errors:
        errors.append("请选择处罚种类")
    return [m for m in Measure.values if m in chosen]  # a fixed order, lightest first


def _clean_amount(raw: Any, label: str, needed: bool, errors: list[str]) -> Decimal | None:
    if raw in (None, ""):
        if needed:
            errors.append(f"请填写{label}金额")
        return None
    value = _amount(raw)
    if value is None or not value.is_finite():
        errors.append(f"{label}金额应为数字")
        return None
    if not needed:
        errors.append(f"未选择“{label}”，不应填写其金额")
    elif value <= 0:
        errors.append(f"{label}金额应大于零")
    elif value >= AMOUNT_MAX or value != value.quantize(Decimal("0.01")):
        errors.append(f"{label}金额应为不超过两位小数的合理数额")
    return value.quantize(Decimal("0.01")) if value < AMOUNT_MAX else None


def record_decision(
    actor: Any,
    case: Case,
    *,
    kind: str,
    measures: Iterable[Any],
    facts: Any,
    fine: Any = None,
    confiscated: Any = None,
    other_terms: str = "",
    outside_reason: str = "",
    matter: Matter | None = None,
) -> Decision:
    """Record the intended (事先告知) or decided penalty of ``case`` with its discretion."""
    if not Case.objects.restrict(actor, "change").filter(pk=case.pk).exists():
        raise Http404("案件不存在或您无权办理")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        return _record(
            actor,
            locked,
            kind=kind,
            measures=measures,
            facts=facts,
            fine=fine,
            confiscated=confiscated,
            other_terms=other_terms,
            outside_reason=outside_reason,
            matter=matter,
        )


def _record(actor: Any, case: Case, *, kind: str, matter: Matter | None, **data: Any) -> Decision:
    errors: dict[str, list[str]] = {
        k: [] for k in ("kind", "case", "measures", "fine", "confiscated", "facts", "matter")
    }
    errors["outside_reason"] = []
    errors["other_terms"] = []
    if kind not in DecisionKind.values:
        errors["kind"].append("请选择录入拟处罚（事先告知）还是处罚决定")
    if case.decided_on is not None or case.is_finished:
        errors["case"].append("案件已作出决定或已办结，不能再录入处罚内容")
    if matter is not None and not case.matters.filter(matter=matter).exists():
        errors["matter"].append("所选执法事项不属于本案")
    measures = _clean_measures(data["measures"], errors["measures"])
    fine = _clean_amount(data["fine"], "罚款", Measure.FINE in measures, errors["fine"])
    confiscated = _clean_amount(
        data["confiscated"],
        "没收违法所得",
        Measure.CONFISCATE_INCOME in measures,
        errors["confiscated"],
    )
    other_terms = (data["other_terms"] or "").strip()
    if len(other_terms) > 300:
        errors["other_terms"].append("其他处罚内容不能超过300字")
    outside_reason = (data["outside_reason"] or "").strip()
    if len(outside_reason) > TEXT_MAX:
        errors["outside_reason"].append(f"理由不能超过{TEXT_MAX}字")
    collect(errors)
    today = timezone.localdate()
    try:
        found = assess(case, data["facts"], matter=matter, today=today)
    except ValidationError as exc:
        raise ValidationError({"facts": exc.messages}) from None
    decision = Decision(
        case=case,
        kind=kind,
        measures=measures,
        fine=fine,
        confiscated=confiscated,
        other_terms=other_terms,
        facts=_json_facts(data["facts"]),
        benchmark=found.benchmark,
        benchmark_choice=found.choice[:200],
        grade=found.grade[:100],
        range_min=found.allowed_min,
        range_max=found.allowed_max,
        similar=found.similar,
        recorded_by=actor,
        recorded_on=today,
    )
    flags = _check_range(decision, found, outside_reason)
    if kind == DecisionKind.FINAL:
        intended = case.decisions.filter(kind=DecisionKind.INTENDED).order_by("-pk").first()
        if intended is not None and (more := heavier_than(decision, intended)):
            raise ValidationError(
                {
                    "measures": "不得因当事人陈述、申辩而给予更重的处罚（行政处罚法第四十五条）："
                    + "；".join(more)
                    + "。如认定了新的违法事实需要加重，应当重新事先告知"
                }
            )
    if (far := far_from_similar(fine, found.similar)) is not None:
        flags.append({"code": "far_from_similar", "message": far})
    if found.benchmark is None:
        flags.append({"code": "no_benchmark", "message": found.choice})
    decision.flags = flags
    decision.outside_reason = outside_reason if decision.outside_range else ""
    decision.explanation = _explain(decision, found)
    decision.save()
    ledger.append(
        actor=actor,
        action=f"cases.decision.{kind}",
        obj=decision,
        after=ledger.snapshot(decision),
    )
    return decision


def _json_facts(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        return {}
    return {
        str(k): v if isinstance(v, (bool, int, str)) or v is None else str(v)
        for k, v in raw.items()
    }


def _check_range(decision: Decision, found: Assessment, reason: str) -> list[dict[str, str]]:
    """A fine outside the range the benchmark allows needs a written reason and raises a
    supervision flag (处罚法 art. 34; seed 000 (九)). Where the benchmark finds that no penalty
    shall be given (应当不予处罚: 处罚法 arts. 30, 31, 33), no reason lets a penalty through: the
    only way is the no-penalty decision. 可以不予处罚 (e.g. 首违不罚) stays the agency's choice."""
    refuse_shall_not_penalise(found.outcome)
    problem = None
    fine = decision.fine
    if fine is not None and found.outcome is not None:
        low, high = found.allowed_min, found.allowed_max
        if low is not None and fine < low:
            problem = f"罚款{_yuan(fine)}元低于裁量幅度下限{_yuan(low)}元"
        elif high is not None and fine > high:
            problem = f"罚款{_yuan(fine)}元高于裁量幅度上限{_yuan(high)}元"
    if problem is None:
        return []
    if not reason:
        raise ValidationError({"outside_reason": f"{problem}，应当书面说明理由"})
    decision.outside_range = True
    return [{"code": "outside_range", "message": f"{problem}（理由：{reason}）"}]


def _explain(decision: Decision, found: Assessment) -> str:
    """The explanation stored with the decision and printed in it (architecture invariant 7)."""
    lines = [f"处罚内容：{decision.summary}。", f"基准适用：{found.choice}。"]
    if found.outcome is not None:
        lines.extend(found.outcome.explanation)
    if decision.outside_range:
        lines.append(f"超出裁量幅度的理由：{decision.outside_reason}。")
    similar = found.similar
    if similar.get("count"):
        text = f"类案参考：本机关同阶次已结案件{similar['count']}件"
        if "median" in similar:
            text += (
                f"，罚款{_yuan(Decimal(similar['min']))}元至{_yuan(Decimal(similar['max']))}元，"
                f"中位数{_yuan(Decimal(similar['median']))}元"
            )
        lines.append(text + "。")
    return "\n".join(lines)


def latest(case: Case, kind: str) -> Decision | None:
    """The case's latest decision of ``kind`` (from the page's prefetch when there is one)."""
    prefetched = getattr(case, "_prefetched_objects_cache", {}).get("decisions")
    if prefetched is not None:
        return max((d for d in prefetched if d.kind == kind), key=lambda d: d.pk, default=None)
    return case.decisions.filter(kind=kind).order_by("-pk").first()
