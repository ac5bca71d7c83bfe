"""The pure rules engine (no database): clauses, exact gap/overlap detection, typed facts."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from zhifa.catalog.rules import (
    CIRCUMSTANCES,
    Fact,
    check_conditions,
    coverage,
    describe,
    matches,
    parse_facts,
    point_text,
)

INCOME = Fact("illegal_income", "违法所得", "number", "元")
REPEAT = Fact("repeat", "再次违法", "boolean")
HARM = Fact("harm", "危害程度", "choice", choices=("轻", "中", "重"))
FACTS = {f.key: f for f in (INCOME, REPEAT, HARM, *CIRCUMSTANCES)}
NON_NEGATIVE = {"illegal_income": [{"fact": "illegal_income", "op": "ge", "value": 0}]}


def c(fact: str, op: str, value) -> dict:
    return {"fact": fact, "op": op, "value": value}


def income_grades(*bounds, low_op="lt", high_op="ge") -> list[tuple[str, list[dict]]]:
    """Grades splitting income at ``bounds``: below the first, between each pair, above the last."""
    grades = [("g0", [c("illegal_income", low_op, bounds[0])])]
    for n, (a, b) in enumerate(itertools.pairwise(bounds), start=1):
        grades.append((f"g{n}", [c("illegal_income", high_op, a), c("illegal_income", low_op, b)]))
    grades.append((f"g{len(bounds)}", [c("illegal_income", high_op, bounds[-1])]))
    return grades


def test_an_exact_partition_is_accepted():
    found = coverage(income_grades(5000, 50000), FACTS, domain=NON_NEGATIVE)
    assert found.ok and not found.gaps and not found.overlaps


def test_a_missing_interval_is_a_gap_named_by_its_point():
    grades = [
        ("轻微", [c("illegal_income", "lt", 5000)]),
        ("严重", [c("illegal_income", "ge", 50000)]),
    ]
    found = coverage(grades, FACTS, domain=NON_NEGATIVE)
    assert not found.ok
    assert [point_text(p, FACTS) for p in found.gaps] == ["违法所得5000元", "违法所得27500元"]


def test_a_shared_boundary_is_an_overlap_naming_both_grades():
    grades = [
        ("一般", [c("illegal_income", "le", 5000)]),
        ("较重", [c("illegal_income", "ge", 5000)]),
    ]
    found = coverage(grades, FACTS, domain=NON_NEGATIVE)
    assert found.gaps == []
    ((point, hit),) = found.overlaps
    assert point_text(point, FACTS) == "违法所得5000元"
    assert hit == ["一般", "较重"]


def test_an_open_boundary_on_both_sides_leaves_the_boundary_uncovered():
    grades = [
        ("一般", [c("illegal_income", "lt", 5000)]),
        ("较重", [c("illegal_income", "gt", 5000)]),
    ]
    found = coverage(grades, FACTS, domain=NON_NEGATIVE)
    assert [point_text(p, FACTS) for p in found.gaps] == ["违法所得5000元"]


def test_without_a_domain_negative_values_are_a_gap():
    found = coverage([("全部", [c("illegal_income", "ge", 0)])], FACTS)
    assert [p["illegal_income"] for p in found.gaps] == [Decimal(-1)]
    assert coverage([("全部", [c("illegal_income", "ge", 0)])], FACTS, domain=NON_NEGATIVE).ok


def test_a_boolean_value_not_covered_is_a_gap():
    grades = [("较重", [c("repeat", "eq", True)])]
    found = coverage(grades, FACTS)
    assert [point_text(p, FACTS) for p in found.gaps] == ["再次违法：否"]
    grades.append(("一般", [c("repeat", "eq", False)]))
    assert coverage(grades, FACTS).ok


def test_choices_are_covered_one_by_one():
    grades = [("一般", [c("harm", "in", ["轻", "中"])]), ("严重", [c("harm", "eq", "重")])]
    assert coverage(grades, FACTS).ok
    gap = coverage(grades[:1], FACTS)
    assert [point_text(p, FACTS) for p in gap.gaps] == ["危害程度：重"]
    overlap = coverage([*grades, ("较重", [c("harm", "ne", "轻")])], FACTS)
    assert [hit for _, hit in overlap.overlaps] == [["一般", "较重"], ["严重", "较重"]]


def test_two_facts_are_covered_in_combination():
    grades = [
        ("一般", [c("illegal_income", "lt", 5000), c("repeat", "eq", False)]),
        ("较重", [c("illegal_income", "lt", 5000), c("repeat", "eq", True)]),
        ("严重", [c("illegal_income", "ge", 5000)]),
    ]
    assert coverage(grades, FACTS, domain=NON_NEGATIVE).ok
    found = coverage(grades[1:], FACTS, domain=NON_NEGATIVE)
    assert {point_text(p, FACTS) for p in found.gaps} == {
        "违法所得0元，再次违法：否",
        "违法所得2500元，再次违法：否",
    }


def test_malformed_clauses_are_named_in_chinese():
    problems = check_conditions(
        [
            {"fact": "illegal_income"},
            c("unknown", "eq", 1),
            c("repeat", "lt", True),
            c("illegal_income", "ge", "五千"),
            c("repeat", "eq", "yes"),
            c("harm", "in", ["轻", "极重"]),
            c("illegal_income", "ge", "NaN"),
            c(["illegal_income"], "ge", 1),
            c("illegal_income", ["ge"], 1),
        ],
        FACTS,
    )
    assert problems == [
        "第1个条件应包含事实、比较方式和取值",
        "第2个条件使用了未定义的事实“unknown”",
        "第3个条件：“再次违法”不能用“lt”比较",
        "第4个条件：“违法所得”的取值类型不对",
        "第5个条件：“再次违法”的取值类型不对",
        "第6个条件：“危害程度”没有选项“极重”",
        "第7个条件：“违法所得”的取值类型不对",
        "第8个条件应包含事实、比较方式和取值",
        "第9个条件应包含事实、比较方式和取值",
    ]
    assert check_conditions("income > 5", FACTS) == ["适用条件应为条件列表"]
    assert check_conditions([c("illegal_income", "ge", 5000)], FACTS) == []


def test_facts_are_typed_and_errors_keyed_by_fact():
    values, errors = parse_facts(
        {
            "illegal_income": "一万",
            "repeat": "yes",
            "harm": "极重",
            "nope": 1,
            "first_violation": True,
        },
        FACTS,
    )
    assert values == {"first_violation": True}
    assert errors == {
        "illegal_income": "“违法所得”应为数值",
        "repeat": "“再次违法”应为是或否（true/false）",
        "harm": "“危害程度”应为轻、中、重之一",
        "nope": "没有名为“nope”的事实",
    }
    assert parse_facts({"illegal_income": "Infinity"}, FACTS)[1] == {
        "illegal_income": "“违法所得”应为有限的数值"
    }
    assert parse_facts({"illegal_income": True}, FACTS)[1] == {
        "illegal_income": "“违法所得”应为数值"
    }
    assert parse_facts([1, 2], FACTS) == ({}, {"facts": "事实应为“名称: 取值”的对象"})
    assert parse_facts({"illegal_income": "5000.50"}, FACTS)[0] == {
        "illegal_income": Decimal("5000.50")
    }


def test_clauses_read_as_chinese_and_unknown_facts_never_match():
    assert describe(c("illegal_income", "ge", 5000), FACTS) == "违法所得 ≥ 5000元"
    assert describe(c("repeat", "eq", False), FACTS) == "再次违法：否"
    assert describe(c("harm", "in", ["轻", "中"]), FACTS) == "危害程度 属于 轻、中"
    assert not matches([c("repeat", "eq", True)], {}, FACTS)
    assert matches([], {}, FACTS)


bounds_strategy = st.lists(
    st.decimals(min_value=1, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=6,
    unique=True,
).map(sorted)


@st.composite
def partitions(draw):
    """A partition of [0, ∞) at random sorted boundaries; at each boundary, randomly, the lower
    grade takes it (le / gt) or the upper one does (lt / ge) — consistently on both sides."""
    bounds = draw(bounds_strategy)
    closed_below = [draw(st.booleans()) for _ in bounds]  # True: the lower grade includes it
    grades = []
    lower: dict | None = None
    for bound, below in zip(bounds, closed_below, strict=True):
        upper = c("illegal_income", "le" if below else "lt", bound)
        grades.append((f"g{len(grades)}", [x for x in (lower, upper) if x]))
        lower = c("illegal_income", "gt" if below else "ge", bound)
    grades.append((f"g{len(grades)}", [lower]))
    return grades


@given(partitions())
def test_any_consistent_partition_is_exact(grades):
    assert coverage(grades, FACTS, domain=NON_NEGATIVE).ok


@given(partitions(), st.data())
def test_removing_any_grade_leaves_a_gap(grades, data):
    removed = data.draw(st.integers(min_value=0, max_value=len(grades) - 1))
    rest = grades[:removed] + grades[removed + 1 :]
    found = coverage(rest, FACTS, domain=NON_NEGATIVE)
    assert found.gaps and not found.overlaps


@given(partitions(), st.data())
def test_closing_an_open_boundary_twice_is_an_overlap(grades, data):
    """Make one boundary belong to both neighbouring grades: that point is an overlap."""
    n = data.draw(st.integers(min_value=0, max_value=len(grades) - 2))
    upper = grades[n][1][-1]
    lower = grades[n + 1][1][0]
    widened = [dict(upper, op="le"), dict(lower, op="ge")]
    changed = list(grades)
    changed[n] = (grades[n][0], [*grades[n][1][:-1], widened[0]])
    changed[n + 1] = (grades[n + 1][0], [widened[1], *grades[n + 1][1][1:]])
    found = coverage(changed, FACTS, domain=NON_NEGATIVE)
    assert [p["illegal_income"] for p, _ in found.overlaps] == [Decimal(str(upper["value"]))]
    assert not found.gaps
