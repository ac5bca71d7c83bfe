"""Discretion benchmarks: drafted, checked for gaps and overlaps on every save, published as an
immutable dated version (处罚法 art. 34; seed 000 (九)(十一))."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    FactDefinition,
    FactKind,
    Grade,
    Matter,
    MatterCategory,
    MultipleBase,
)
from zhifa.catalog.rules import (
    CIRCUMSTANCES,
    MULTIPLE_BASES,
    NUMERIC_KINDS,
    Fact,
    check_conditions,
    coverage,
    point_text,
)
from zhifa.core import ledger, workflow
from zhifa.core.columns import column_errors
from zhifa.core.errors import collect, field_error
from zhifa.core.validators import plain_text_errors
from zhifa.org.models import Role
from zhifa.org.permissions import require_agency_role

HEAD_FIELDS = (
    "effective_on",
    "source_document",
    "violation",
    "violation_basis",
    "penalty_basis",
    "statutory_range",
    "fine_min",
    "fine_max",
    "multiple_min",
    "multiple_max",
    "multiple_base",
    "mitigation_floor",
    "mitigation_to_warning",
)
RANGE_FIELDS = ("fine_min", "fine_max", "multiple_min", "multiple_max")
RANGE_LABELS = {
    "fine_min": "罚款下限（元）",
    "fine_max": "罚款上限（元）",
    "multiple_min": "罚款下限（违法所得倍数）",
    "multiple_max": "罚款上限（违法所得倍数）",
}


def fact_map(benchmark: DiscretionBenchmark) -> dict[str, Fact]:
    """The benchmark's own facts plus the circumstances the law names, and the base its fines are
    multiples of (处罚法 art. 28: 违法所得; special laws: 货值金额, 广告费用, 涉案金额)."""
    own = {
        f.key: Fact(f.key, f.label, f.kind, f.unit, tuple(f.choices)) for f in benchmark.facts.all()
    }
    base = benchmark.multiple_base
    if base in MULTIPLE_BASES and base not in own and benchmark.multiple_max is not None:
        own[base] = Fact(base, MULTIPLE_BASES[base], "number", "元")
    return {**{f.key: f for f in CIRCUMSTANCES}, **own}


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError from None
    if not amount.is_finite() or amount < 0:
        raise ValueError
    return amount


def _clean(head: dict[str, Any], facts: list[dict], grades: list[dict]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {k: [] for k in (*HEAD_FIELDS, "facts", "grades")}
    for key in (
        "source_document",
        "violation",
        "violation_basis",
        "penalty_basis",
        "statutory_range",
    ):
        head[key] = (head.get(key) or "").strip()
        if not head[key]:
            errors[key].append("此项必填")
        errors[key].extend(plain_text_errors(head[key], multiline=key == "statutory_range"))
    if head.get("effective_on") is None:
        errors["effective_on"].append("请填写施行日期")
    for key in RANGE_FIELDS:
        try:
            head[key] = _amount(head.get(key))
        except ValueError:
            head[key] = None
            errors[key].append("应为不小于0的数字")
    for key, problems in column_errors(DiscretionBenchmark, head).items():
        errors[key].extend(problems)
        if key in RANGE_FIELDS:
            head[key] = None  # not compared below: the message above says what is wrong
    for low, high in (("fine_min", "fine_max"), ("multiple_min", "multiple_max")):
        if head.get(low) is not None and head.get(high) is not None and head[low] > head[high]:
            errors[high].append("上限不能小于下限")
    if head.get("fine_max") is None and head.get("multiple_max") is None:
        errors["statutory_range"].append("请填写法定罚款幅度（金额或违法所得倍数）")
    head["multiple_base"] = head.get("multiple_base") or MultipleBase.ILLEGAL_INCOME
    if head["multiple_base"] not in MultipleBase.values:
        errors.setdefault("multiple_base", []).append(
            "罚款倍数的计算基数应为违法所得、货值金额、广告费用或涉案金额"
        )
    try:
        head["mitigation_floor"] = _amount(head.get("mitigation_floor"))
    except ValueError:
        head["mitigation_floor"] = None
        errors.setdefault("mitigation_floor", []).append("应为不小于0的数字")
    floor, minimum = head.get("mitigation_floor"), head.get("fine_min")
    if floor is not None and minimum is not None and floor >= minimum:
        errors.setdefault("mitigation_floor", []).append(
            "减轻处罚是在法定最低限以下处罚，下限应低于法定罚款下限"
        )
    head["mitigation_to_warning"] = bool(head.get("mitigation_to_warning"))

    specs: dict[str, Fact] = {f.key: f for f in CIRCUMSTANCES}
    for item in facts:
        if not isinstance(item, dict):
            item = {}
        key, kind = str(item.get("key", "")).strip(), item.get("kind")
        if not key or not str(item.get("label", "")).strip() or kind not in FactKind.values:
            errors["facts"].append("每个事实须有标识、名称和类型（数值、整数、是否、选项）")
            continue
        if key in specs:
            errors["facts"].append(f"事实标识“{key}”重复或与法定情形重名")
            continue
        texts = {k: str(item.get(k) or "") for k in ("key", "label", "unit")}
        problems = [*column_errors(FactDefinition, texts).values()]
        problems += [plain_text_errors(v) for v in texts.values()]
        if any(problems):
            errors["facts"].extend(f"事实“{key}”：{p}" for ps in problems for p in ps)
            continue
        choices = tuple(str(c) for c in item.get("choices") or ())
        if kind == FactKind.CHOICE and len(choices) < 2:
            errors["facts"].append(f"选项型事实“{item['label']}”至少需要两个选项")
        specs[key] = Fact(key, str(item["label"]).strip(), kind, str(item.get("unit", "")), choices)

    if not grades:
        errors["grades"].append("请至少设置一个裁量阶次")
    names = set()
    for grade in grades:
        name = str(grade.get("name", "")).strip() if isinstance(grade, dict) else ""
        if not name or name in names:
            errors["grades"].append("每个裁量阶次须有不重复的名称")
            continue
        naming = plain_text_errors(name) + plain_text_errors(grade.get("other_measures"))
        if naming:
            errors["grades"].extend(f"“{name}”：{p}" for p in naming)
            continue
        names.add(name)
        for problem in check_conditions(grade.get("conditions", []), specs):
            errors["grades"].append(f"“{name}”：{problem}")
        try:
            sub = {k: _amount(grade.get(k)) for k in RANGE_FIELDS}
        except ValueError:
            errors["grades"].append(f"“{name}”：罚款幅度应为不小于0的数字")
            continue
        too_big = column_errors(
            Grade, {"name": name, **sub}, prefix=f"“{name}”：", labels=RANGE_LABELS
        )
        if too_big:
            errors["grades"].extend(p for ps in too_big.values() for p in ps)
            continue
        for low, high, label, unit in (
            ("fine_min", "fine_max", "罚款", "元"),
            ("multiple_min", "multiple_max", "违法所得倍数", "倍"),
        ):
            lo, hi = sub[low], sub[high]
            if (lo is None) != (hi is None):
                errors["grades"].append(f"“{name}”：{label}幅度须同时填写下限和上限")
            if lo is not None and hi is not None and lo > hi:
                errors["grades"].append(f"“{name}”：{label}上限不能小于下限")
            s_lo, s_hi = head.get(low), head.get(high)
            if (lo is not None and s_lo is not None and lo < s_lo) or (
                hi is not None and s_hi is not None and hi > s_hi
            ):
                errors["grades"].append(
                    f"“{name}”：{label}幅度超出法定幅度（{s_lo or 0}至{s_hi}{unit}）"
                )
            if (lo is not None or hi is not None) and s_lo is None and s_hi is None:
                errors["grades"].append(f"“{name}”：法定幅度未规定{label}")
    if not errors["grades"] and not errors["facts"]:
        domain = {
            k: [{"fact": k, "op": "ge", "value": 0}]
            for k, f in specs.items()
            if f.kind in NUMERIC_KINDS
        }
        try:
            found = coverage(
                [(g["name"], g.get("conditions", [])) for g in grades], specs, domain=domain
            )
        except ValueError as exc:
            errors["grades"].append(str(exc))
        else:
            for point in found.gaps[:5]:
                errors["grades"].append(f"存在未覆盖的情形：{point_text(point, specs)}")
            for point, hit in found.overlaps[:5]:
                errors["grades"].append(
                    f"裁量阶次重叠：{point_text(point, specs)}同时符合{'、'.join(hit)}"
                )
    return errors


def _write(benchmark: DiscretionBenchmark, facts: list[dict], grades: list[dict]) -> None:
    benchmark.facts.all().delete()
    benchmark.grades.all().delete()
    FactDefinition.objects.bulk_create(
        [
            FactDefinition(
                benchmark=benchmark,
                key=str(f["key"]).strip(),
                label=str(f["label"]).strip(),
                kind=f["kind"],
                unit=f.get("unit", ""),
                choices=list(f.get("choices") or []),
            )
            for f in facts
        ]
    )
    Grade.objects.bulk_create(
        [
            Grade(
                benchmark=benchmark,
                order=i,
                name=str(g["name"]).strip(),
                conditions=g.get("conditions", []),
                penalty_kinds=list(g.get("penalty_kinds") or []),
                other_measures=(g.get("other_measures") or "")[:200],
                **{k: _amount(g.get(k)) for k in RANGE_FIELDS},
            )
            for i, g in enumerate(grades, start=1)
        ]
    )


def _snapshot(benchmark: DiscretionBenchmark) -> dict[str, Any]:
    data = ledger.snapshot(benchmark)
    data["facts"] = list(benchmark.facts.values("key", "label", "kind", "unit", "choices"))
    data["grades"] = [
        ledger.snapshot(g, exclude={"benchmark", "id"}) for g in benchmark.grades.all()
    ]
    return data


@transaction.atomic
def save_draft(
    actor: Any,
    matter: Matter,
    *,
    facts: list[dict],
    grades: list[dict],
    benchmark: DiscretionBenchmark | None = None,
    **head: Any,
) -> DiscretionBenchmark:
    """Create a draft benchmark (the ``draft`` step of ``catalog.workflows.BENCHMARK``), or replace
    a draft's content (its ``revise`` step); the permission is checked on ``matter``, whose
    benchmark the edited one must be."""
    require_agency_role(actor, matter.agency, Role.AGENCY_ADMIN)
    if matter.category != MatterCategory.PENALTY:
        raise field_error("matter", "裁量基准只适用于行政处罚事项")
    if benchmark is None:
        return workflow.start(
            DiscretionBenchmark,
            "draft",
            actor,
            agency=matter.agency,
            matter=matter,
            facts=facts,
            grades=grades,
            **head,
        )
    if benchmark.matter_id != matter.pk:
        raise field_error("benchmark", "该裁量基准不属于所选执法事项")
    return workflow.transition(benchmark, "revise", actor, facts=facts, grades=grades, **head)


def draft(
    _: None, actor: Any, *, matter: Matter, facts: list[dict], grades: list[dict], **head: Any
) -> DiscretionBenchmark:
    """A new draft, the matter's next version; refused on any gap or overlap between grades or a
    sub-range outside the statutory range (处罚法 art. 34; seed 000 (九))."""
    collect(_clean(head, facts, grades))
    number = (matter.benchmarks.aggregate(n=Max("version"))["n"] or 0) + 1
    benchmark = DiscretionBenchmark.objects.create(matter=matter, version=number, **head)
    _write(benchmark, facts, grades)
    return benchmark


def revise(
    benchmark: DiscretionBenchmark,
    actor: Any,
    *,
    facts: list[dict],
    grades: list[dict],
    **head: Any,
) -> DiscretionBenchmark:
    """Replace a draft's content, checked as a new draft is."""
    collect(_clean(head, facts, grades))
    for key in HEAD_FIELDS:
        setattr(benchmark, key, head[key])
    benchmark.save()
    _write(benchmark, facts, grades)
    return benchmark


def publish_benchmark(actor: Any, benchmark: DiscretionBenchmark) -> DiscretionBenchmark:
    """Publish a draft (the ``publish`` step of ``catalog.workflows.BENCHMARK``)."""
    return workflow.transition(benchmark, "publish", actor)


def publish(benchmark: DiscretionBenchmark, actor: Any) -> DiscretionBenchmark:
    """Publish a draft; from then on it never changes (a new version replaces it; 处罚法 art. 34:
    benchmarks are published)."""
    benchmark.status, benchmark.published_at = BenchmarkStatus.PUBLISHED, timezone.now()
    benchmark.save(update_fields=["status", "published_at"])
    return benchmark


def snapshot(benchmark: DiscretionBenchmark) -> dict[str, Any]:
    """What the ledger records of a benchmark: its head, facts and grades."""
    return _snapshot(benchmark)


def content_of(benchmark: DiscretionBenchmark) -> dict[str, Any]:
    """A benchmark's content in the shape :func:`save_draft` takes (to start a new version)."""
    return {
        **{k: getattr(benchmark, k) for k in HEAD_FIELDS},
        "facts": list(benchmark.facts.values("key", "label", "kind", "unit", "choices")),
        "grades": [
            {
                "name": g.name,
                "conditions": g.conditions,
                "penalty_kinds": g.penalty_kinds,
                "other_measures": g.other_measures,
                **{k: getattr(g, k) for k in RANGE_FIELDS},
            }
            for g in benchmark.grades.all()
        ],
    }


def validate_content(
    head: dict[str, Any], facts: list[dict], grades: list[dict]
) -> dict[str, list[str]]:
    """The problems a save would refuse, by field (empty lists when none); ``head`` is cleaned
    in place. For the editor's check as they type and for the Excel import, which report them
    before writing anything."""
    return _clean(head, facts, grades)
