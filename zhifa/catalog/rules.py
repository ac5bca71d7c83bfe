"""Benchmarks as rules that compute (处罚法 art. 34; seed 000 (九)(十)(十一)).

A grade's conditions are clauses over typed facts — ``{"fact": "illegal_income", "op": "ge",
"value": 5000}`` — all of which must hold. This module is pure: it checks clauses, finds gaps and
overlaps between grades, and applies a benchmark to facts to give a grade, a penalty range, the four lists' entries
that apply, and an explanation a decision can carry (architecture invariant 7).

Gaps and overlaps are found exactly, not by sampling: each grade is a conjunction of comparisons of
one fact against a constant, so the truth of every clause is constant between consecutive boundary
values. Testing every boundary, every midpoint between boundaries and one point beyond each end,
for every combination across facts, visits every region of the fact space.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

OPS = {
    "lt": ("<", lambda a, b: a < b),
    "le": ("≤", lambda a, b: a <= b),
    "gt": (">", lambda a, b: a > b),
    "ge": ("≥", lambda a, b: a >= b),
    "eq": ("为", lambda a, b: a == b),
    "ne": ("不为", lambda a, b: a != b),
    "in": ("属于", lambda a, b: a in b),
}
NUMBER_OPS = {"lt", "le", "gt", "ge", "eq", "ne"}
NUMERIC_KINDS = {"number", "integer"}
BOOLEAN_OPS = {"eq"}
CHOICE_OPS = {"eq", "ne", "in"}
MAX_COMBINATIONS = 200_000


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    kind: str  # number | integer (times, persons: no value between 2 and 3) | boolean | choice
    unit: str = ""
    choices: tuple[str, ...] = ()


#: Circumstances the law itself names (处罚法 arts. 30–33); every benchmark accepts them.
CIRCUMSTANCES: tuple[Fact, ...] = (
    Fact("under_14", "不满十四周岁", "boolean"),
    Fact(
        "mental_incapable",
        "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为",
        "boolean",
    ),
    Fact("mental_lucid_interval", "间歇性精神病人在精神正常时有违法行为", "boolean"),
    Fact(
        "mental_partial",
        "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人有违法行为",
        "boolean",
    ),
    Fact("first_violation", "初次违法", "boolean"),
    Fact("harm_minor", "危害后果轻微", "boolean"),
    Fact("no_harm", "没有造成危害后果", "boolean"),
    Fact("corrected_in_time", "及时改正", "boolean"),
    Fact("minor_violation", "违法行为轻微", "boolean"),
    Fact("no_fault", "有证据足以证明没有主观过错", "boolean"),
    Fact("reduced_harm", "主动消除或者减轻违法行为危害后果", "boolean"),
    Fact("coerced", "受他人胁迫或者诱骗实施违法行为", "boolean"),
    Fact("confessed", "主动供述行政机关尚未掌握的违法行为", "boolean"),
    Fact("meritorious", "配合行政机关查处违法行为有立功表现", "boolean"),
    Fact("aged_14_to_18", "已满十四周岁不满十八周岁", "boolean"),
)

#: The amounts a fine may be a multiple of (处罚法 art. 28 and the special laws: 违法所得,
#: 货值金额, 广告费用, 涉案金额); a benchmark names one, and the calculator takes it from the facts.
MULTIPLE_BASES: dict[str, str] = {
    "illegal_income": "违法所得",
    "goods_value": "货值金额",
    "advertising_fee": "广告费用",
    "amount_involved": "涉案金额",
}


def _fmt(value: Any, fact: Fact) -> str:
    if fact.kind == "boolean":
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value:f}{fact.unit}"
    return f"{value}{fact.unit}"


def value_text(value: Any, fact: Fact) -> str:
    """A fact's value as a person reads it: “是”, “5000元”."""
    return _fmt(value, fact)


def describe(clause: Mapping[str, Any], facts: Mapping[str, Fact]) -> str:
    """A clause in Chinese: “违法所得 ≥ 5000元”, “初次违法：是”."""
    fact = facts[clause["fact"]]
    if fact.kind == "boolean":
        return f"{fact.label}：{_fmt(clause['value'], fact)}"
    symbol = OPS[clause["op"]][0]
    return f"{fact.label} {symbol} {_fmt(_typed(fact, clause['value']), fact)}"


def _typed(fact: Fact, value: Any) -> Any:
    if fact.kind in NUMERIC_KINDS:
        if isinstance(value, bool):
            raise ValueError
        number = Decimal(str(value))
        if fact.kind == "integer" and number.is_finite() and number != number.to_integral_value():
            raise ValueError
        return number
    if fact.kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError
        return value
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return str(value)


def check_conditions(conditions: Any, facts: Mapping[str, Fact]) -> list[str]:
    """Problems with a list of clauses, in Chinese (empty when they are well formed)."""
    if not isinstance(conditions, list):
        return ["适用条件应为条件列表"]
    problems = []
    for number, clause in enumerate(conditions, start=1):
        if (
            not isinstance(clause, dict)
            or not {"fact", "op", "value"} <= set(clause)
            or not isinstance(clause["fact"], str)
            or not isinstance(clause["op"], str)
        ):
            problems.append(f"第{number}个条件应包含事实、比较方式和取值")
            continue
        fact = facts.get(clause["fact"])
        if fact is None:
            problems.append(f"第{number}个条件使用了未定义的事实“{clause['fact']}”")
            continue
        allowed = {
            "number": NUMBER_OPS,
            "integer": NUMBER_OPS,
            "boolean": BOOLEAN_OPS,
            "choice": CHOICE_OPS,
        }[fact.kind]
        if clause["op"] not in allowed:
            problems.append(f"第{number}个条件：“{fact.label}”不能用“{clause['op']}”比较")
            continue
        try:
            value = _typed(fact, clause["value"])
            if fact.kind in NUMERIC_KINDS and not value.is_finite():
                raise ValueError
        except (ValueError, InvalidOperation):
            problems.append(f"第{number}个条件：“{fact.label}”的取值类型不对")
            continue
        if fact.kind == "choice":
            values = value if isinstance(value, tuple) else (value,)
            unknown = [v for v in values if v not in fact.choices]
            if unknown:
                problems.append(f"第{number}个条件：“{fact.label}”没有选项“{'、'.join(unknown)}”")
    return problems


def parse_facts(raw: Any, facts: Mapping[str, Fact]) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed facts from input (JSON); errors by fact key, in Chinese. Unknown keys are errors."""
    if not isinstance(raw, Mapping):
        return {}, {"facts": "事实应为“名称: 取值”的对象"}
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in raw.items():
        fact = facts.get(key)
        if fact is None:
            errors[key] = f"没有名为“{key}”的事实"
            continue
        try:
            typed = _typed(fact, value)
        except (ValueError, InvalidOperation):
            kind = {
                "number": "数值",
                "integer": "整数",
                "boolean": "是或否（true/false）",
                "choice": "选项之一",
            }[fact.kind]
            errors[key] = f"“{fact.label}”应为{kind}"
            continue
        if fact.kind in NUMERIC_KINDS and not typed.is_finite():
            errors[key] = f"“{fact.label}”应为有限的数值"
        elif fact.kind == "choice" and typed not in fact.choices:
            errors[key] = f"“{fact.label}”应为{'、'.join(fact.choices)}之一"
        else:
            values[key] = typed
    return values, errors


def holds(
    clause: Mapping[str, Any], values: Mapping[str, Any], facts: Mapping[str, Fact]
) -> bool | None:
    """Whether a clause holds for the values; None when its fact was not given."""
    if clause["fact"] not in values:
        return None
    fact = facts[clause["fact"]]
    expected = _typed(fact, clause["value"])
    return OPS[clause["op"]][1](values[clause["fact"]], expected)


def matches(
    conditions: Sequence[Mapping[str, Any]], values: Mapping[str, Any], facts: Mapping[str, Fact]
) -> bool:
    return all(holds(c, values, facts) is True for c in conditions)


def _test_points(fact: Fact, clauses: Iterable[Mapping[str, Any]]) -> list[Any]:
    if fact.kind == "boolean":
        return [True, False]
    if fact.kind == "choice":
        return list(fact.choices)
    bounds = sorted({_typed(fact, c["value"]) for c in clauses if c["fact"] == fact.key})
    if not bounds:
        return [Decimal(0)]
    if fact.kind == "integer":
        # Whole numbers only: between 2 and 3 there is nothing to fall into.
        whole = {b.to_integral_value() for b in bounds}
        return sorted({p + d for p in whole for d in (-1, 0, 1)})
    points = [bounds[0] - 1, *bounds, bounds[-1] + 1]
    points += [(a + b) / 2 for a, b in itertools.pairwise(bounds)]
    return sorted(set(points))


@dataclass
class Coverage:
    """Where grades leave gaps (facts matching no grade) or overlap (matching two or more)."""

    gaps: list[dict[str, Any]] = field(default_factory=list)
    overlaps: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.gaps and not self.overlaps


def coverage(
    grades: Sequence[tuple[str, Sequence[Mapping[str, Any]]]],
    facts: Mapping[str, Fact],
    *,
    domain: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> Coverage:
    """Check that every combination of facts matches exactly one grade.

    ``grades`` are (name, conditions). Only facts used by some grade span the space. ``domain``
    may restrict a fact's meaningful values (e.g. illegal income ≥ 0) with clauses of its own.
    """
    clauses = [c for _, conds in grades for c in conds]
    used = sorted({c["fact"] for c in clauses})
    domain = domain or {}
    axes = []
    for key in used:
        extra = list(domain.get(key, []))
        points = [
            p
            for p in _test_points(facts[key], clauses + extra)
            if all(OPS[c["op"]][1](p, _typed(facts[key], c["value"])) for c in extra)
        ]
        axes.append(points)
    total = 1
    for axis in axes:
        total *= max(1, len(axis))
    if total > MAX_COMBINATIONS:
        raise ValueError("裁量情形组合过多，请减少用于划分阶次的事实或取值")
    result = Coverage()
    for combo in itertools.product(*axes):
        values = dict(zip(used, combo, strict=True))
        hit = [name for name, conds in grades if matches(conds, values, facts)]
        if not hit and len(result.gaps) < 20:
            result.gaps.append(values)
        elif len(hit) > 1 and len(result.overlaps) < 20:
            result.overlaps.append((values, hit))
    return result


def point_text(values: Mapping[str, Any], facts: Mapping[str, Fact]) -> str:
    """A combination of facts: “违法所得5000元，初次违法：否”."""
    return "，".join(
        f"{facts[k].label}{'：' if facts[k].kind not in NUMERIC_KINDS else ''}{_fmt(v, facts[k])}"
        for k, v in values.items()
    )
