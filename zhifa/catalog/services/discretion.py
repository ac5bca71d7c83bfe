"""`apply_benchmark(benchmark, facts)`: the grade, the range, the circumstances of the law and of
the four lists that apply, and the explanation a decision carries (处罚法 arts. 28, 30–34; seed 000
(九)(十); architecture invariant 7).

The law's words are kept apart, because they are different outcomes (rules.md "Cases"):
- 不予处罚 (no penalty) — 应当 (shall) or 可以 (may); where no penalty is given the party is
  educated (art. 33(3)), and for a minor under 14 or a person without capacity the guardian is
  ordered to discipline or look after them (arts. 30, 31). No fine range is shown then.
- 从轻 stays inside the statutory range, toward its lower end: the lower half of the grade's range.
- 减轻 goes below the statutory minimum, down to the floor the benchmark sets (or to a warning
  where it says so).
- 从轻或者减轻 (arts. 30, 31, 32) offers both; a local 从轻 entry never offers 减轻.

Same facts, same result (同案同罚, seed 000 (十一)): nothing here depends on who asks or when,
except which published version of the four lists was in force on the day of the decision.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.catalog.models import DiscretionBenchmark, Grade, ListKind
from zhifa.catalog.models.lists import LENIENCY_KINDS
from zhifa.catalog.rules import (
    MULTIPLE_BASES,
    NUMERIC_KINDS,
    describe,
    holds,
    matches,
    parse_facts,
    value_text,
)
from zhifa.catalog.services.benchmarks import fact_map
from zhifa.catalog.services.lists import as_of

LAW = "《中华人民共和国行政处罚法》"
#: Facts are amounts, counts and durations: none is negative, none reaches 10^15.
MAX_NUMBER = Decimal(10) ** 15
CENT = Decimal("0.01")

NO_PENALTY = "no_penalty"
LIGHTER_OR_MITIGATED = "lighter_or_mitigated"
LIGHTER = "lighter"
MITIGATED = "mitigated"
PENALISED = "penalised"
EFFECT_WORDS = {
    NO_PENALTY: "不予行政处罚",
    LIGHTER_OR_MITIGATED: "从轻或者减轻行政处罚",
    LIGHTER: "从轻行政处罚",
    MITIGATED: "减轻行政处罚",
}
EDUCATE = f"应当对当事人进行教育（{LAW}第三十三条第三款）"


@dataclass(frozen=True)
class Circumstance:
    """A circumstance the law itself names, with its effect and whether it is 应当 or 可以."""

    kind: str  # the list it is shown under
    effect: str
    may: bool
    title: str
    conditions: tuple[tuple[str, bool], ...]
    basis: str
    duty: str = ""

    @property
    def clauses(self) -> list[dict[str, Any]]:
        """Its conditions in the benchmark condition language."""
        return [{"fact": f, "op": "eq", "value": v} for f, v in self.conditions]


STATUTORY: tuple[Circumstance, ...] = (
    Circumstance(
        ListKind.NO_PENALTY,
        NO_PENALTY,
        False,
        "不满十四周岁的未成年人有违法行为的，不予行政处罚",
        (("under_14", True),),
        f"{LAW}第三十条",
        "责令监护人加以管教",
    ),
    Circumstance(
        ListKind.NO_PENALTY,
        NO_PENALTY,
        False,
        "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚",
        (("mental_incapable", True),),
        f"{LAW}第三十一条",
        "责令其监护人严加看管和治疗",
    ),
    Circumstance(
        ListKind.NO_PENALTY,
        NO_PENALTY,
        False,
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚",
        (("minor_violation", True), ("corrected_in_time", True), ("no_harm", True)),
        f"{LAW}第三十三条第一款",
    ),
    Circumstance(
        ListKind.NO_PENALTY,
        NO_PENALTY,
        True,
        "初次违法且危害后果轻微并及时改正的，可以不予行政处罚（首违不罚）",
        (("first_violation", True), ("harm_minor", True), ("corrected_in_time", True)),
        f"{LAW}第三十三条第一款",
    ),
    Circumstance(
        ListKind.NO_PENALTY,
        NO_PENALTY,
        False,
        "当事人有证据足以证明没有主观过错的，不予行政处罚",
        (("no_fault", True),),
        f"{LAW}第三十三条第二款",
    ),
    Circumstance(
        ListKind.LIGHTER,
        LIGHTER_OR_MITIGATED,
        False,
        "已满十四周岁不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚",
        (("aged_14_to_18", True),),
        f"{LAW}第三十条",
    ),
    Circumstance(
        ListKind.LIGHTER,
        LIGHTER_OR_MITIGATED,
        True,
        "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人有违法行为的，"
        "可以从轻或者减轻行政处罚",
        (("mental_partial", True),),
        f"{LAW}第三十一条",
    ),
    Circumstance(
        ListKind.LIGHTER,
        LIGHTER_OR_MITIGATED,
        False,
        "主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚",
        (("reduced_harm", True),),
        f"{LAW}第三十二条第（一）项",
    ),
    Circumstance(
        ListKind.LIGHTER,
        LIGHTER_OR_MITIGATED,
        False,
        "受他人胁迫或者诱骗实施违法行为的，应当从轻或者减轻行政处罚",
        (("coerced", True),),
        f"{LAW}第三十二条第（二）项",
    ),
    Circumstance(
        ListKind.LIGHTER,
        LIGHTER_OR_MITIGATED,
        False,
        "主动供述行政机关尚未掌握的违法行为的，应当从轻或者减轻行政处罚",
        (("confessed", True),),
        f"{LAW}第三十二条第（三）项",
    ),
    Circumstance(
        ListKind.LIGHTER,
        LIGHTER_OR_MITIGATED,
        False,
        "配合行政机关查处违法行为有立功表现的，应当从轻或者减轻行政处罚",
        (("meritorious", True),),
        f"{LAW}第三十二条第（四）项",
    ),
)
#: Art. 31: the intermittently ill who acted while well are penalised (no circumstance applies).
LUCID_INTERVAL = f"间歇性精神病人在精神正常时有违法行为的，应当给予行政处罚（{LAW}第三十一条）"


@dataclass
class BenchmarkOutcome:
    benchmark: dict[str, Any]
    grade: str | None
    range: dict[str, Any]
    lists: dict[str, list[dict[str, Any]]]
    conclusion: str
    explanation: list[str] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _money(value: Decimal) -> str:
    value = value.quantize(CENT).normalize()
    return f"{value:f}元"


def _times(value: Decimal | None) -> str:
    return f"{(value or Decimal(0)).normalize():f}"


def _base(benchmark: DiscretionBenchmark, values: dict[str, Any]) -> tuple[str, Decimal | None]:
    """The base a multiple is taken of (its name, and its amount when the facts give one > 0)."""
    label = MULTIPLE_BASES.get(benchmark.multiple_base, "违法所得")
    amount = values.get(benchmark.multiple_base)
    return label, amount if isinstance(amount, Decimal) and amount > 0 else None


def _bounds(
    low_m: Decimal | None,
    high_m: Decimal | None,
    low_a: Decimal | None,
    high_a: Decimal | None,
    base: Decimal | None,
) -> tuple[Decimal | None, Decimal | None, bool]:
    """Amount bounds of a range given in multiples (when the base is known) or in amounts."""
    if high_m is not None:
        if base is None:
            return None, None, True
        return ((low_m or Decimal(0)) * base).quantize(CENT), (high_m * base).quantize(CENT), True
    return low_a, high_a, False


def _range(benchmark: DiscretionBenchmark, grade: Grade, values: dict[str, Any]) -> dict[str, Any]:
    """The grade's penalty range; multiples of the named base become amounts when it is known."""
    label, base = _base(benchmark, values)
    low, high, multiple = _bounds(
        grade.multiple_min, grade.multiple_max, grade.fine_min, grade.fine_max, base
    )
    multiples = f"{_times(grade.multiple_min)}至{_times(grade.multiple_max)}倍"
    basis = f"{label}{_money(base)}的{multiples}" if multiple and base else "金额"
    parts = list(grade.penalty_kinds)
    if high is not None:
        parts = [p for p in parts if p != "罚款"]  # the amount below says it
        parts.append(f"罚款{_money(low or Decimal(0))}至{_money(high)}")
    elif multiple:
        basis = f"{label}倍数"
        parts.append(f"罚款{label}{multiples}")
    if grade.other_measures:
        parts.append(grade.other_measures)
    return {
        "kinds": list(grade.penalty_kinds),
        "fine_min": str(low) if low is not None else None,
        "fine_max": str(high) if high is not None else None,
        "fine_basis": basis,
        "other_measures": grade.other_measures,
        "text": "；".join(parts),
    }


def _lighter(penalty: dict[str, Any]) -> dict[str, Any] | None:
    """从轻: inside the range, toward its lower end — the lower half of the grade's range."""
    if penalty.get("fine_max") is None:
        return None
    low, high = Decimal(penalty["fine_min"] or 0), Decimal(penalty["fine_max"])
    top = ((low + high) / 2).quantize(CENT)
    return {
        "fine_min": str(low.quantize(CENT)),
        "fine_max": str(top),
        "text": f"在该阶次幅度的下半部分从轻：罚款{_money(low)}至{_money(top)}",
    }


def _statutory_minimum(
    benchmark: DiscretionBenchmark, grade: Grade, values: dict[str, Any]
) -> tuple[Decimal | None, str]:
    """The statutory minimum the grade's range starts from, as an amount when it can be."""
    label, base = _base(benchmark, values)
    if grade.multiple_max is not None:
        if benchmark.multiple_min is None:
            return Decimal(0), ""
        if base is None:
            return None, f"{label}的{_times(benchmark.multiple_min)}倍"
        return (benchmark.multiple_min * base).quantize(CENT), ""
    return benchmark.fine_min or Decimal(0), ""


def _mitigated(
    benchmark: DiscretionBenchmark, grade: Grade, values: dict[str, Any]
) -> dict[str, Any]:
    """减轻: below the statutory minimum, to the benchmark's floor (or a warning, where allowed)."""
    minimum, in_words = _statutory_minimum(benchmark, grade, values)
    warning = "，也可以只给予警告" if benchmark.mitigation_to_warning else ""
    floor = benchmark.mitigation_floor or Decimal(0)
    if minimum is None:
        return {
            "fine_min": str(floor),
            "fine_max": None,
            "text": f"在法定最低限（{in_words}）以下处罚，罚款不低于{_money(floor)}{warning}",
        }
    if minimum <= floor:
        text = "法定罚款没有可以再降的最低限，减轻处罚应选择较轻的处罚种类"
        if benchmark.mitigation_to_warning:
            text = "法定罚款没有可以再降的最低限，减轻处罚可以给予警告"
        return {"fine_min": None, "fine_max": None, "text": text}
    return {
        "fine_min": str(floor.quantize(CENT)),
        "fine_max": str(minimum),
        "text": f"在法定最低限{_money(minimum)}以下处罚：罚款{_money(floor)}以上、不足{_money(minimum)}{warning}",
    }


def _entry(kind: str, effect: str, may: bool, title: str, basis: str, source: str) -> dict:
    return {
        "title": title,
        "basis": basis,
        "may": may,
        "modality": "可以" if may else "应当",
        "effect": effect,
        "source": source,
    }


def _applicable(
    benchmark: DiscretionBenchmark, values: dict[str, Any], facts: dict, day: date
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    applies: dict[str, list[dict[str, Any]]] = {k: [] for k in sorted(LENIENCY_KINDS)}
    duties: list[str] = []
    for c in STATUTORY:
        if matches(c.clauses, values, facts):
            applies[c.kind].append(_entry(c.kind, c.effect, c.may, c.title, c.basis, "法律规定"))
            if c.duty:
                duties.append(f"{c.duty}（{c.basis}）")
    effects = {ListKind.NO_PENALTY: NO_PENALTY, ListKind.LIGHTER: LIGHTER}
    effects[ListKind.MITIGATED] = MITIGATED
    for kind in sorted(LENIENCY_KINDS):
        version = as_of(benchmark.matter.agency, kind, day)
        if version is None:
            continue
        for entry in version.entries.all():
            if entry.matter_id not in (None, benchmark.matter_id):
                continue
            if entry.conditions and matches(entry.conditions, values, facts):
                source = f"{version}（{version.effective_on:%Y-%m-%d}施行）"
                may = bool(entry.attrs.get("may"))
                applies[kind].append(
                    _entry(kind, effects.get(kind, ""), may, entry.title, entry.basis, source)
                )
    return applies, duties


def _check_values(values: dict[str, Any], facts: dict, errors: dict[str, str]) -> None:
    for key, value in values.items():
        if facts[key].kind in NUMERIC_KINDS and value < 0:
            errors[key] = f"“{facts[key].label}”不能为负数"
        elif facts[key].kind in NUMERIC_KINDS and value >= MAX_NUMBER:
            errors[key] = f"“{facts[key].label}”数值过大"


def _leniency_text(
    applies: dict[str, list[dict[str, Any]]], lighter: dict | None, mitigated: dict
) -> tuple[str, dict[str, Any]]:
    """What the 从轻/减轻 circumstances add to the conclusion, and the ranges they open."""
    entries = [e for k in (ListKind.LIGHTER, ListKind.MITIGATED) for e in applies[k]]
    if not entries:
        return "", {}
    offers = {LIGHTER: False, MITIGATED: False}
    shall = {LIGHTER: False, MITIGATED: False}
    for e in entries:
        kinds = (LIGHTER, MITIGATED) if e["effect"] == LIGHTER_OR_MITIGATED else (e["effect"],)
        for k in kinds:
            offers[k] = True
            shall[k] = shall[k] or not e["may"]
    both = any(e["effect"] == LIGHTER_OR_MITIGATED for e in entries)
    ranges: dict[str, Any] = {}
    parts = []
    if both and offers[LIGHTER] and offers[MITIGATED] and shall[LIGHTER] == shall[MITIGATED]:
        word = "应当" if shall[LIGHTER] else "可以"
        parts.append(f"{word}从轻或者减轻处罚")
    else:
        for k, name in ((LIGHTER, "从轻"), (MITIGATED, "减轻")):
            if offers[k]:
                parts.append(f"{'应当' if shall[k] else '可以'}{name}处罚")
    details = []
    if offers[LIGHTER] and lighter:
        ranges["lighter"] = lighter
        details.append(f"从轻：{lighter['text']}")
    if offers[MITIGATED]:
        ranges["mitigated"] = mitigated
        details.append(f"减轻：{mitigated['text']}")
    text = "具有" + "、".join(p[2:] for p in parts) + "情形，" + "；".join(parts)
    if details:
        text += "（" + "；".join(details) + "）"
    return text + "。", ranges


def apply_benchmark(
    benchmark: DiscretionBenchmark, raw_facts: Any, *, on: date | None = None
) -> BenchmarkOutcome:
    """Apply a benchmark to facts. Every fact a grade is decided on must be given."""
    day = on or timezone.localdate()
    facts = fact_map(benchmark)
    values, errors = parse_facts(raw_facts, facts)
    grades = list(benchmark.grades.all())
    needed = {c["fact"] for g in grades for c in g.conditions}
    _check_values(values, facts, errors)
    for key in sorted(needed - set(values) - set(errors)):
        errors[key] = f"缺少事实“{facts[key].label}”"
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})

    explanation = [
        f"适用{benchmark.matter.agency.name}《{benchmark.violation}》行政裁量权基准第{benchmark.version}版"
        f"（{benchmark.source_document}，{benchmark.effective_on:%Y年%m月%d日}施行）。",
        f"违法依据：{benchmark.violation_basis}；处罚依据：{benchmark.penalty_basis}；法定幅度：{benchmark.statutory_range}。",
        "认定事实："
        + "；".join(
            f"{fact.label}：{value_text(values[key], fact)}"
            for key, fact in facts.items()  # a fixed order: same facts, same text (同案同罚)
            if key in values
        )
        + "。",
    ]
    checks = []
    matched: Grade | None = None
    for grade in grades:
        outcomes = [(describe(c, facts), bool(holds(c, values, facts))) for c in grade.conditions]
        ok = all(result for _, result in outcomes)
        checks.append(
            {
                "grade": grade.name,
                "conditions": [{"clause": d, "holds": r} for d, r in outcomes],
                "matched": ok,
            }
        )
        detail = (
            "，".join(f"{d}（{'符合' if r else '不符合'}）" for d, r in outcomes) or "无附加条件"
        )
        explanation.append(f"“{grade.name}”情形：{detail}——{'适用' if ok else '不适用'}。")
        if ok and matched is None:
            matched = grade
    applies, duties = _applicable(benchmark, values, facts, day)
    penalty = _range(benchmark, matched, values) if matched else {}
    for kind, entries in applies.items():
        for e in entries:
            explanation.append(
                f"{ListKind(kind).label}：{e['title']}（{e['basis'] or e['source']}）。"
            )
    if values.get("mental_lucid_interval") is True:
        explanation.append(LUCID_INTERVAL + "。")
    no_penalty = applies[ListKind.NO_PENALTY]
    if no_penalty and not all(e["may"] for e in no_penalty):
        # 应当不予处罚: no range is shown; the duties of arts. 30, 31 and 33(3) are.
        penalty = {}
        conclusion = "依法不予行政处罚。" + "".join(f"{d}。" for d in duties) + EDUCATE + "。"
    elif no_penalty:
        conclusion = "可以不予行政处罚，不予处罚的" + EDUCATE
        if matched:
            conclusion += f"；如予处罚，按“{matched.name}”情形：{penalty['text']}。"
        else:
            conclusion += "。"
    elif matched is None:
        conclusion = "事实不符合任何裁量阶次，请核对基准。"
    else:
        conclusion = f"按“{matched.name}”情形裁量：{penalty['text']}。"
        extra, ranges = _leniency_text(
            applies, _lighter(penalty), _mitigated(benchmark, matched, values)
        )
        conclusion += extra
        penalty.update(ranges)
    explanation.append("结论：" + conclusion)
    return BenchmarkOutcome(
        benchmark={
            "id": benchmark.pk,
            "version": benchmark.version,
            "violation": benchmark.violation,
            "effective_on": benchmark.effective_on.isoformat(),
            "source_document": benchmark.source_document,
            "violation_basis": benchmark.violation_basis,
            "penalty_basis": benchmark.penalty_basis,
        },
        grade=matched.name if matched else None,
        range=penalty,
        lists=applies,
        conclusion=conclusion,
        explanation=explanation,
        checks=checks,
        duties=duties,
    )
