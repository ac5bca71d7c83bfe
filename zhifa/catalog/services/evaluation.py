"""`evaluate(benchmark, facts)`: the grade, the range, the four lists' entries that apply, and
the explanation a decision carries (处罚法 arts. 30–34; seed 000 (九)(十); invariant 7).

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
from zhifa.catalog.rules import describe, holds, matches, parse_facts, value_text
from zhifa.catalog.services.benchmarks import fact_map
from zhifa.catalog.services.lists import as_of

LAW = "《中华人民共和国行政处罚法》"
#: Facts are amounts, counts and durations: none is negative, none reaches 10^15.
MAX_NUMBER = Decimal(10) ** 15

#: What the law itself says, whatever the local lists hold (处罚法 arts. 30, 32, 33).
STATUTORY = [
    (
        ListKind.NO_PENALTY,
        False,
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚",
        [("minor_violation", True), ("corrected_in_time", True), ("no_harm", True)],
        f"{LAW}第三十三条第一款",
    ),
    (
        ListKind.NO_PENALTY,
        True,
        "初次违法且危害后果轻微并及时改正的，可以不予行政处罚（首违不罚）",
        [("first_violation", True), ("harm_minor", True), ("corrected_in_time", True)],
        f"{LAW}第三十三条第一款",
    ),
    (
        ListKind.NO_PENALTY,
        False,
        "当事人有证据足以证明没有主观过错的，不予行政处罚",
        [("no_fault", True)],
        f"{LAW}第三十三条第二款",
    ),
    (
        ListKind.LIGHTER,
        False,
        "主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚",
        [("reduced_harm", True)],
        f"{LAW}第三十二条第（一）项",
    ),
    (
        ListKind.LIGHTER,
        False,
        "受他人胁迫或者诱骗实施违法行为的，应当从轻或者减轻行政处罚",
        [("coerced", True)],
        f"{LAW}第三十二条第（二）项",
    ),
    (
        ListKind.LIGHTER,
        False,
        "主动供述行政机关尚未掌握的违法行为的，应当从轻或者减轻行政处罚",
        [("confessed", True)],
        f"{LAW}第三十二条第（三）项",
    ),
    (
        ListKind.LIGHTER,
        False,
        "配合行政机关查处违法行为有立功表现的，应当从轻或者减轻行政处罚",
        [("meritorious", True)],
        f"{LAW}第三十二条第（四）项",
    ),
    (
        ListKind.LIGHTER,
        False,
        "已满十四周岁不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚",
        [("aged_14_to_18", True)],
        f"{LAW}第三十条",
    ),
]


@dataclass
class Evaluation:
    benchmark: dict[str, Any]
    grade: str | None
    range: dict[str, Any]
    lists: dict[str, list[dict[str, Any]]]
    conclusion: str
    explanation: list[str] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _money(value: Decimal) -> str:
    value = value.quantize(Decimal("0.01")).normalize()
    return f"{value:f}元"


def _times(value: Decimal | None) -> str:
    return f"{(value or Decimal(0)).normalize():f}"


def _range(grade: Grade, values: dict[str, Any]) -> dict[str, Any]:
    """The grade's penalty range; multiples of illegal income become amounts when it is known."""
    income = values.get("illegal_income")
    low, high, basis = grade.fine_min, grade.fine_max, "金额"
    multiples = f"{_times(grade.multiple_min)}至{_times(grade.multiple_max)}倍"
    if grade.multiple_max is not None and isinstance(income, Decimal) and income > 0:
        low = ((grade.multiple_min or Decimal(0)) * income).quantize(Decimal("0.01"))
        high = (grade.multiple_max * income).quantize(Decimal("0.01"))
        basis = f"违法所得{_money(income)}的{multiples}"
    parts = list(grade.penalty_kinds)
    if high is not None:
        parts = [p for p in parts if p != "罚款"]  # the amount below says it
        parts.append(f"罚款{_money(low or Decimal(0))}至{_money(high)}")
    elif grade.multiple_max is not None:
        basis = "违法所得倍数"
        parts.append(f"罚款违法所得{multiples}")
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


def _leniency(
    benchmark: DiscretionBenchmark, values: dict[str, Any], facts: dict, day: date
) -> dict:
    applies: dict[str, list[dict[str, Any]]] = {k: [] for k in sorted(LENIENCY_KINDS)}
    for kind, may, title, conditions, basis in STATUTORY:
        clauses = [{"fact": f, "op": "eq", "value": v} for f, v in conditions]
        if matches(clauses, values, facts):
            applies[kind].append({"title": title, "basis": basis, "may": may, "source": "法律规定"})
    for kind in sorted(LENIENCY_KINDS):
        version = as_of(benchmark.matter.agency, kind, day)
        if version is None:
            continue
        for entry in version.entries.all():
            if entry.matter_id not in (None, benchmark.matter_id):
                continue
            if entry.conditions and matches(entry.conditions, values, facts):
                applies[kind].append(
                    {
                        "title": entry.title,
                        "basis": entry.basis,
                        "may": bool(entry.attrs.get("may")),
                        "source": f"{version}（{version.effective_on:%Y-%m-%d}施行）",
                    }
                )
    return applies


def evaluate(
    benchmark: DiscretionBenchmark, raw_facts: Any, *, on: date | None = None
) -> Evaluation:
    """Apply a benchmark to facts. Every fact a grade is decided on must be given."""
    day = on or timezone.localdate()
    facts = fact_map(benchmark)
    values, errors = parse_facts(raw_facts, facts)
    grades = list(benchmark.grades.all())
    needed = {c["fact"] for g in grades for c in g.conditions}
    for key, value in values.items():
        if facts[key].kind == "number" and value < 0:
            errors[key] = f"“{facts[key].label}”不能为负数"
        elif facts[key].kind == "number" and value >= MAX_NUMBER:
            errors[key] = f"“{facts[key].label}”数值过大"
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
    applies = _leniency(benchmark, values, facts, day)
    penalty = _range(matched, values) if matched else {}
    for kind, entries in applies.items():
        for e in entries:
            explanation.append(
                f"{ListKind(kind).label}：{e['title']}（{e['basis'] or e['source']}）。"
            )
    if applies[ListKind.NO_PENALTY] and not all(e["may"] for e in applies[ListKind.NO_PENALTY]):
        conclusion = "依法不予行政处罚。"
    elif applies[ListKind.NO_PENALTY]:
        conclusion = (
            f"可以不予行政处罚；如予处罚，按“{matched.name}”情形：{penalty['text']}。"
            if matched
            else "可以不予行政处罚。"
        )
    elif matched is None:
        conclusion = "事实不符合任何裁量阶次，请核对基准。"
    else:
        conclusion = f"按“{matched.name}”情形裁量：{penalty['text']}。"
        if applies[ListKind.MITIGATED]:
            conclusion += "具有减轻处罚情形，可在法定最低限以下处罚。"
        elif applies[ListKind.LIGHTER]:
            conclusion += "具有从轻或者减轻处罚情形，应在该幅度内从轻，或依法减轻。"
    explanation.append("结论：" + conclusion)
    return Evaluation(
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
    )
