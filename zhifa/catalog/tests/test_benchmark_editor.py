"""The benchmark editor's service: rows of plain fields to the stored structure and back, the
gap/overlap check worded for the person typing, and saving with every rule of a save."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhifa.catalog.models import DiscretionBenchmark
from zhifa.catalog.services import benchmark_editor as editor
from zhifa.catalog.services import benchmarks
from zhifa.catalog.tests.catalog_fixtures import food_head, make_matter, refused, save_food

TIMES = {"key": "", "label": "违法次数", "kind": "integer", "unit": "次", "choices": ""}


def times_grades(*bounds: tuple[str, str, str, str]) -> list[dict]:
    """Grades over 违法次数 (fact1): (name, op, value, second op:value or "")."""
    rows = []
    for name, op, number, more in bounds:
        conditions = [{"fact": "fact1", "op": op, "value": number}]
        if more:
            second_op, second = more.split(":")
            conditions.append({"fact": "fact1", "op": second_op, "value": second})
        rows.append(
            {
                "name": name,
                "penalty_kinds": "警告",
                "fine_min": "",
                "fine_max": "",
                "multiple_min": "",
                "multiple_max": "",
                "other_measures": "",
                "conditions": conditions,
            }
        )
    return rows


def head(**changes) -> dict:
    return food_head(**changes)


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


def test_a_saved_benchmark_goes_to_rows_and_back_unchanged(admin, matter):
    saved = save_food(admin, matter)
    content = benchmarks.content_of(saved)
    fact_rows, grade_rows = editor.to_rows(content)
    assert fact_rows[0] == {
        "key": "goods_value",
        "label": "货值金额",
        "kind": "number",
        "unit": "元",
        "choices": "",
    }
    assert grade_rows[1]["conditions"] == [
        {"fact": "goods_value", "op": "ge", "value": "10000"},
        {"fact": "goods_value", "op": "lt", "value": "50000"},
    ]
    assert grade_rows[1]["multiple_max"] == "13"
    again = editor.save(
        admin,
        matter,
        head=head(),
        fact_rows=fact_rows,
        grade_rows=grade_rows,
        benchmark=saved,
    )
    assert benchmarks.content_of(again) == content


def test_rows_with_typed_values_become_clauses_and_a_new_fact_gets_a_key():
    rows = editor.from_rows(
        head(),
        [TIMES, {"key": "", "label": "情节", "kind": "choice", "unit": "", "choices": "轻、重"}],
        times_grades(("首次", "lt", "2", ""), ("多次", "ge", "2", "")),
    )
    assert rows.errors == {}
    assert [f["key"] for f in rows.facts] == ["fact1", "fact2"]
    assert rows.facts[1]["choices"] == ["轻", "重"]
    assert rows.grades[0]["conditions"] == [{"fact": "fact1", "op": "lt", "value": 2}]
    assert rows.grades[0]["penalty_kinds"] == ["警告"]


def test_a_value_that_cannot_be_read_is_reported_on_its_cell():
    grades = times_grades(("首次", "lt", "2.5", ""), ("多次", "ge", "两次", ""))
    grades[0]["fine_max"] = "一万"
    rows = editor.from_rows(head(), [TIMES], grades)
    assert rows.errors == {
        "grades-0-conditions-0-value": ["“违法次数”是整数（次数、人数），应填写整数"],
        "grades-1-conditions-0-value": ["“违法次数”应填写不小于0的数字"],
        "grades-0-fine_max": ["应为不小于0的数字"],
    }


def test_a_gap_is_named_by_the_values_that_fall_in_no_grade():
    found = editor.check(
        head(), [TIMES], times_grades(("首次", "lt", "2", ""), ("多次", "gt", "3", ""))
    )
    assert found.gaps == ["违法次数为2次时不属于任何阶次", "违法次数为3次时不属于任何阶次"]
    assert found.overlaps == [] and not found.ok


def test_integer_facts_have_no_gap_between_two_and_three():
    found = editor.check(
        head(), [TIMES], times_grades(("较轻", "le", "2", ""), ("较重", "ge", "3", ""))
    )
    assert found.ok and found.checked


def test_a_number_fact_between_two_bounds_is_a_gap_named_as_a_range():
    number = dict(TIMES, label="违法所得", kind="number", unit="元")
    found = editor.check(
        head(), [number], times_grades(("较轻", "le", "2", ""), ("较重", "ge", "3", ""))
    )
    assert found.gaps == ["违法所得在2元至3元之间时不属于任何阶次"]


def test_an_overlap_names_the_values_and_both_grades():
    found = editor.check(
        head(), [TIMES], times_grades(("首次", "le", "2", ""), ("多次", "ge", "2", ""))
    )
    assert found.overlaps == ["违法次数为2次时同时属于“首次”和“多次”"]
    assert found.gaps == []


def test_the_check_reports_a_sub_range_outside_the_statutory_range():
    grades = times_grades(("首次", "lt", "2", ""), ("多次", "ge", "2", ""))
    grades[1]["fine_min"], grades[1]["fine_max"] = "50000", "200000"
    found = editor.check(head(), [TIMES], grades)
    assert found.problems == ["“多次”：罚款幅度超出法定幅度（50000至100000元）"]


def test_bad_rows_are_refused_by_cell_and_nothing_is_written(admin, matter):
    grades = times_grades(("首次", "lt", "2", ""), ("多次", "ge", "x", ""))
    grades[0]["name"] = ""
    with refused("请填写裁量阶次的名称，如：轻微、一般、较重、严重", field="grades-0-name"):
        editor.save(admin, matter, head=head(), fact_rows=[TIMES], grade_rows=grades)
    assert not DiscretionBenchmark.objects.filter(matter=matter).exists()


def test_a_gap_is_refused_on_save_as_any_save_refuses_it(admin, matter):
    grades = times_grades(("首次", "lt", "2", ""), ("多次", "gt", "2", ""))
    with refused("存在未覆盖的情形：违法次数2次", field="grades"):
        editor.save(admin, matter, head=head(), fact_rows=[TIMES], grade_rows=grades)


def test_rows_save_as_a_draft_with_multiples_of_the_base(admin, matter):
    grades = times_grades(("首次", "lt", "2", ""), ("多次", "ge", "2", ""))
    grades[0].update(fine_min="50000", fine_max="60000")
    grades[1].update(multiple_min="10", multiple_max="12.5", other_measures="责令改正")
    saved = editor.save(admin, matter, head=head(), fact_rows=[TIMES], grade_rows=grades)
    many = saved.grades.get(name="多次")
    assert (many.multiple_min, many.multiple_max) == (Decimal(10), Decimal("12.5"))
    assert many.other_measures == "责令改正"
    assert saved.facts.get().key == "fact1"
