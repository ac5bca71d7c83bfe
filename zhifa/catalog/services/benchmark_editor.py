"""The benchmark editor: a benchmark's facts and grades as rows of plain fields (what a form holds),
translated to and from the stored structure (``FactDefinition`` rows and ``Grade.conditions``
clauses), the gap/overlap check worded for the person typing, and saving through
:func:`zhifa.catalog.services.benchmarks.save_draft` (处罚法 art. 34; seed 000 (九)(十一): the
grades of a benchmark cover every circumstance once, inside the statutory range).

Rows are dicts of text, as typed:

- a fact: ``key`` (kept hidden; made up for a new fact), ``label``, ``kind``, ``unit``, ``choices``
  (options separated by 、);
- a grade: ``name``, ``penalty_kinds`` (separated by 、), ``fine_min``/``fine_max`` (元),
  ``multiple_min``/``multiple_max`` (multiples of the benchmark's base), ``other_measures`` and
  ``conditions``, each ``{"fact": key, "op": "lt"…, "value": text}``.

A cell that cannot be read is reported under ``facts-<i>-<field>``, ``grades-<i>-<field>`` or
``grades-<i>-conditions-<j>-<field>`` (rows counted from 0), so the page puts it on that cell;
every rule of the stored benchmark is then the save's own (``benchmarks.validate_content``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.catalog.models import DiscretionBenchmark, FactKind, Matter
from zhifa.catalog.rules import (
    CIRCUMSTANCES,
    MULTIPLE_BASES,
    NUMERIC_KINDS,
    OPS,
    Fact,
    coverage,
)
from zhifa.catalog.services import benchmarks
from zhifa.org.models import Role
from zhifa.org.permissions import require_agency_role

FACT_FIELDS = ("key", "label", "kind", "unit", "choices")
GRADE_FIELDS = (
    "name",
    "penalty_kinds",
    "fine_min",
    "fine_max",
    "multiple_min",
    "multiple_max",
    "other_measures",
)
AMOUNT_FIELDS = ("fine_min", "fine_max", "multiple_min", "multiple_max")
#: The comparisons offered in the editor, as a person says them.
OP_LABELS: dict[str, str] = {
    "lt": "小于",
    "le": "小于或等于",
    "gt": "大于",
    "ge": "大于或等于",
    "eq": "等于／为",
    "ne": "不等于／不为",
    "in": "属于其中之一",
}
SEPARATORS = re.compile(r"[、，,；;]")
YES_WORDS = ("是", "有", "true", "yes")
NO_WORDS = ("否", "无", "false", "no")
MESSAGES_SHOWN = 8
MAX_VALUE = Decimal(10) ** 15  # a condition's value: amounts in 元 up to the trillions
GAP_PREFIXES = ("存在未覆盖的情形", "裁量阶次重叠")


def split_list(text: Any) -> list[str]:
    """“警告、没收违法所得” → ["警告", "没收违法所得"] (commas and semicolons accepted too)."""
    return [part.strip() for part in SEPARATORS.split(str(text or "")) if part.strip()]


def _number_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    return f"{number.normalize():f}"


# --------------------------------------------------------------------------------------------
# Stored structure → rows
# --------------------------------------------------------------------------------------------


def to_rows(content: Mapping[str, Any]) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """The facts and grades of ``content_of(benchmark)`` (or ``save_draft``'s arguments) as the
    editor's rows."""
    facts = [
        {
            "key": str(f.get("key", "")),
            "label": str(f.get("label", "")),
            "kind": str(f.get("kind", "")),
            "unit": str(f.get("unit") or ""),
            "choices": "、".join(str(c) for c in f.get("choices") or ()),
        }
        for f in content.get("facts", [])
    ]
    grades = []
    for g in content.get("grades", []):
        conditions = []
        for clause in g.get("conditions") or []:
            value = clause.get("value")
            if isinstance(value, list | tuple):
                text = "、".join(str(v) for v in value)
            elif isinstance(value, bool):
                text = "是" if value else "否"
            elif isinstance(value, int | float | Decimal):
                text = _number_text(value)
            else:
                text = str(value)
            conditions.append(
                {
                    "fact": str(clause.get("fact", "")),
                    "op": str(clause.get("op", "")),
                    "value": text,
                }
            )
        grades.append(
            {
                "name": str(g.get("name", "")),
                "penalty_kinds": "、".join(str(k) for k in g.get("penalty_kinds") or ()),
                **{k: _number_text(g.get(k)) for k in AMOUNT_FIELDS},
                "other_measures": str(g.get("other_measures") or ""),
                "conditions": conditions,
            }
        )
    return facts, grades


# --------------------------------------------------------------------------------------------
# Rows → stored structure
# --------------------------------------------------------------------------------------------


@dataclass
class Translation:
    """The rows as ``save_draft`` takes them, and what could not be read, by cell."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    grades: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


def _blank(row: Mapping[str, Any], names: Sequence[str]) -> bool:
    return not any(str(row.get(n) or "").strip() for n in names)


def new_fact_key(taken: Sequence[str]) -> str:
    """A key for a fact added in the editor: fact1, fact2 … (never one of the law's or a base)."""
    number = 1
    while f"fact{number}" in taken:
        number += 1
    return f"fact{number}"


def fact_specs(head: Mapping[str, Any], facts: Sequence[Mapping[str, Any]]) -> dict[str, Fact]:
    """The facts a condition may name: the law's circumstances, the benchmark's own, and the base
    its fines are multiples of (as ``benchmarks.fact_map`` gives them for a saved benchmark)."""
    own = {
        str(f["key"]): Fact(
            str(f["key"]),
            str(f["label"]),
            str(f["kind"]),
            str(f.get("unit") or ""),
            tuple(f.get("choices") or ()),
        )
        for f in facts
        if f.get("key") and f.get("label") and f.get("kind") in FactKind.values
    }
    base = str(head.get("multiple_base") or "illegal_income")
    if base in MULTIPLE_BASES and base not in own and str(head.get("multiple_max") or "").strip():
        own[base] = Fact(base, MULTIPLE_BASES[base], "number", "元")
    return {**{f.key: f for f in CIRCUMSTANCES}, **own}


def _value(fact: Fact, op: str, text: str) -> tuple[str, Any]:
    """A condition's value typed as text → (op, stored value); ValueError with the reason."""
    text = text.strip()
    if fact.kind == FactKind.BOOLEAN:
        word = text.lower()
        if word in YES_WORDS:
            value = True
        elif word in NO_WORDS:
            value = False
        else:
            raise ValueError(f"“{fact.label}”请填写“是”或“否”")
        if op not in ("eq", "ne"):
            raise ValueError(f"“{fact.label}”只能选择“等于／为”或“不等于／不为”")
        return "eq", value if op == "eq" else not value
    if fact.kind == FactKind.CHOICE:
        if op == "in":
            values = split_list(text)
            if not values:
                raise ValueError(f"请填写“{fact.label}”的选项，多个用、分隔")
            unknown = [v for v in values if v not in fact.choices]
            if unknown:
                raise ValueError(f"“{fact.label}”没有选项“{'、'.join(unknown)}”")
            return op, values
        if op not in ("eq", "ne"):
            raise ValueError(f"“{fact.label}”只能选择等于、不等于或属于其中之一")
        if text not in fact.choices:
            raise ValueError(f"“{fact.label}”应为{'、'.join(fact.choices)}之一")
        return op, text
    if op == "in":
        raise ValueError(f"“{fact.label}”是数值，不能选择“属于其中之一”")
    try:
        number = Decimal(text.removesuffix(fact.unit).strip() if fact.unit else text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0:
        raise ValueError(f"“{fact.label}”应填写不小于0的数字")
    if number >= MAX_VALUE:
        raise ValueError(f"“{fact.label}”的取值过大")
    if number == number.to_integral_value():
        return op, int(number)
    if fact.kind == FactKind.INTEGER:
        raise ValueError(f"“{fact.label}”是整数（次数、人数），应填写整数")
    return op, float(number)


def from_rows(
    head: Mapping[str, Any],
    fact_rows: Sequence[Mapping[str, Any]],
    grade_rows: Sequence[Mapping[str, Any]],
) -> Translation:
    """The editor's rows as ``save_draft``'s ``facts`` and ``grades``; blank rows are left out,
    cells that cannot be read are reported by cell. The rules of a benchmark are not checked here
    but by :func:`benchmarks.validate_content`."""
    result = Translation()
    taken = [str(r.get("key") or "") for r in fact_rows]
    for i, row in enumerate(fact_rows):
        if _blank(row, ("label", "unit", "choices")):
            continue
        key = str(row.get("key") or "").strip() or new_fact_key(taken)
        taken.append(key)
        label, kind = str(row.get("label") or "").strip(), str(row.get("kind") or "")
        if not label:
            result.add(f"facts-{i}-label", "请填写事实的名称")
        if kind not in FactKind.values:
            result.add(f"facts-{i}-kind", "请选择事实的类型")
        choices = split_list(row.get("choices"))
        if kind == FactKind.CHOICE and len(choices) < 2:
            result.add(f"facts-{i}-choices", "选项型事实至少需要两个选项，用、分隔")
        if kind != FactKind.CHOICE and choices:
            result.add(f"facts-{i}-choices", "只有选项型事实填写可选值")
        result.facts.append(
            {
                "key": key,
                "label": label,
                "kind": kind,
                "unit": str(row.get("unit") or "").strip(),
                "choices": choices,
            }
        )
    specs = fact_specs(head, result.facts)
    for i, row in enumerate(grade_rows):
        clauses = []
        for j, cond in enumerate(row.get("conditions") or []):
            where = f"grades-{i}-conditions-{j}"
            key, op = str(cond.get("fact") or ""), str(cond.get("op") or "")
            text = str(cond.get("value") or "")
            if not key:
                if text.strip():
                    result.add(f"{where}-fact", "请选择事实")
                continue
            fact = specs.get(key)
            if fact is None:
                result.add(f"{where}-fact", "该事实已删除或未定义，请重新选择")
                continue
            if op not in OPS:
                result.add(f"{where}-op", "请选择比较方式")
                continue
            try:
                op, value = _value(fact, op, text)
            except ValueError as exc:
                result.add(f"{where}-value", str(exc))
                continue
            clauses.append({"fact": key, "op": op, "value": value})
        if _blank(row, GRADE_FIELDS) and not clauses:
            continue
        if not str(row.get("name") or "").strip():
            result.add(f"grades-{i}-name", "请填写裁量阶次的名称，如：轻微、一般、较重、严重")
        grade = {
            "name": str(row.get("name") or "").strip(),
            "conditions": clauses,
            "penalty_kinds": split_list(row.get("penalty_kinds")),
            "other_measures": str(row.get("other_measures") or "").strip(),
        }
        for key in AMOUNT_FIELDS:
            text = str(row.get(key) or "").strip()
            grade[key] = text or None
            if text:
                try:
                    number = Decimal(text)
                except InvalidOperation:
                    number = Decimal("NaN")
                if not number.is_finite() or number < 0:
                    result.add(f"grades-{i}-{key}", "应为不小于0的数字")
                    grade[key] = None
        result.grades.append(grade)
    return result


# --------------------------------------------------------------------------------------------
# The check, as they type
# --------------------------------------------------------------------------------------------


def _bounds(grades: Sequence[Mapping[str, Any]], key: str) -> list[Decimal]:
    return sorted(
        {
            Decimal(str(c["value"]))
            for g in grades
            for c in g["conditions"]
            if c["fact"] == key and not isinstance(c["value"], bool | list)
        }
    )


def _amount_text(value: Decimal, fact: Fact) -> str:
    return f"{value.normalize():f}{fact.unit}"


def value_phrase(fact: Fact, value: Any, bounds: Sequence[Decimal]) -> str:
    """Where one test point of the check lies, as read: “违法次数为3次”, “违法所得在5000元至10000元
    之间”, “货值金额大于100000元”, “初次违法为“否””."""
    if fact.kind == FactKind.BOOLEAN:
        return f"{fact.label}为“{'是' if value else '否'}”"
    if fact.kind == FactKind.CHOICE:
        return f"{fact.label}为“{value}”"
    if not bounds or value in bounds:
        return f"{fact.label}为{_amount_text(value, fact)}"
    if value < bounds[0]:
        return f"{fact.label}小于{_amount_text(bounds[0], fact)}"
    if value > bounds[-1]:
        return f"{fact.label}大于{_amount_text(bounds[-1], fact)}"
    if fact.kind == FactKind.INTEGER:
        return f"{fact.label}为{_amount_text(value, fact)}"
    low = max(b for b in bounds if b < value)
    high = min(b for b in bounds if b > value)
    return f"{fact.label}在{_amount_text(low, fact)}至{_amount_text(high, fact)}之间"


@dataclass
class CheckResult:
    """What the editor shows beside the grades while they are typed."""

    gaps: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    checked: bool = False  # False: the grades could not be checked yet (see problems)

    @property
    def ok(self) -> bool:
        return self.checked and not (self.gaps or self.overlaps or self.problems)


def coverage_messages(
    grades: Sequence[Mapping[str, Any]], specs: Mapping[str, Fact]
) -> tuple[list[str], list[str]]:
    """Which values fall in no grade and which in two, in Chinese: “违法次数为3次时不属于任何
    阶次”, “违法所得为10000元时同时属于“较轻”和“一般””. Numbers are never negative (as the
    save checks them); integer facts have nothing between 2 and 3."""
    domain = {
        k: [{"fact": k, "op": "ge", "value": 0}]
        for k, f in specs.items()
        if f.kind in NUMERIC_KINDS
    }
    found = coverage([(g["name"], g["conditions"]) for g in grades], specs, domain=domain)
    bounds = {k: _bounds(grades, k) for k in specs}

    def where(point: Mapping[str, Any]) -> str:
        return "且".join(value_phrase(specs[k], v, bounds[k]) for k, v in point.items())

    gaps, overlaps = [], []
    for point in found.gaps:
        message = f"{where(point)}时不属于任何阶次" if point else "没有任何情形属于某个阶次"
        if message not in gaps:
            gaps.append(message)
    for point, hit in found.overlaps:
        names = "和".join(f"“{n}”" for n in hit)
        message = f"{where(point) or '任何情形'}时同时属于{names}"
        if message not in overlaps:
            overlaps.append(message)
    return gaps[:MESSAGES_SHOWN], overlaps[:MESSAGES_SHOWN]


def check(
    head: Mapping[str, Any],
    fact_rows: Sequence[Mapping[str, Any]],
    grade_rows: Sequence[Mapping[str, Any]],
) -> CheckResult:
    """The gap/overlap check of the editor's rows, and the other problems of the facts and grades
    the save would refuse (the same rules: ``benchmarks.validate_content``). Writes nothing."""
    result = CheckResult()
    translation = from_rows(head, fact_rows, grade_rows)
    cells = [m for ms in translation.errors.values() for m in ms]
    if cells:
        result.problems = list(dict.fromkeys(cells))[:MESSAGES_SHOWN]
        return result
    errors = benchmarks.validate_content(dict(head), translation.facts, translation.grades)
    problems = [
        m
        for key in ("facts", "grades")
        for m in errors.get(key, [])
        if not m.startswith(GAP_PREFIXES)
    ]
    result.problems = problems[:MESSAGES_SHOWN]
    if errors.get("facts") or any(not g["name"] for g in translation.grades):
        return result
    specs = fact_specs(head, translation.facts)
    well_formed = [g for g in translation.grades if g["name"]]
    if not well_formed:
        return result
    try:
        result.gaps, result.overlaps = coverage_messages(well_formed, specs)
    except (ValueError, KeyError, InvalidOperation) as exc:
        result.problems.append(str(exc) if isinstance(exc, ValueError) else "适用条件无法检查")
        return result
    result.checked = True
    return result


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------


@transaction.atomic
def save(
    actor: Any,
    matter: Matter,
    *,
    head: dict[str, Any],
    fact_rows: Sequence[Mapping[str, Any]],
    grade_rows: Sequence[Mapping[str, Any]],
    benchmark: DiscretionBenchmark | None = None,
) -> DiscretionBenchmark:
    """Save the editor's rows as a draft (a new one, or over ``benchmark``): the cells that cannot
    be read are refused by cell, then everything else as ``benchmarks.save_draft`` refuses it
    (gaps, overlaps, sub-ranges outside the statutory range, both bounds of a range; 处罚法
    art. 34, seed 000 (九)). Nothing is written on any error."""
    require_agency_role(actor, matter.agency, Role.AGENCY_ADMIN)
    translation = from_rows(head, fact_rows, grade_rows)
    if translation.errors:
        raise ValidationError(translation.errors)
    return benchmarks.save_draft(
        actor,
        matter,
        facts=translation.facts,
        grades=translation.grades,
        benchmark=benchmark,
        **head,
    )
