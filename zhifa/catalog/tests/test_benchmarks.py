"""Saving and publishing discretion benchmarks: gaps, overlaps, sub-ranges outside the statutory
range and bad conditions are refused with the point named; published versions never change."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhifa.catalog.models import BenchmarkStatus, DiscretionBenchmark, MatterCategory
from zhifa.catalog.services import benchmarks, matters
from zhifa.catalog.tests.approval_fixtures import (
    publish_benchmark,
    version_1,  # noqa: F401
)
from zhifa.catalog.tests.catalog_fixtures import (
    FOOD_FACTS,
    agency,
    agency_admin,
    food_grades,
    food_head,
    forbidden,
    last_seq,
    ledger_actions,
    make_matter,
    matter_data,
    refused,
    save_food,
    value,
)
from zhifa.core.models import LedgerEntry


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


def test_a_realistic_benchmark_is_saved_with_its_facts_and_grades(admin, matter):
    seq = last_seq()
    benchmark = save_food(admin, matter)
    assert (benchmark.version, benchmark.status) == (1, BenchmarkStatus.DRAFT)
    assert [g.name for g in benchmark.grades.all()] == ["轻微", "一般", "较重", "严重"]
    assert [g.order for g in benchmark.grades.all()] == [1, 2, 3, 4]
    assert [f.key for f in benchmark.facts.all()] == ["goods_value", "illegal_income"]
    assert benchmark.grades.get(name="严重").multiple_max == Decimal(20)
    assert ledger_actions(seq) == ["catalog.benchmark.save"]
    entry = LedgerEntry.objects.get(seq__gt=seq)
    assert entry.object_id == str(benchmark.pk)


def test_a_draft_is_replaced_in_place_and_recorded_again(admin, matter):
    benchmark = save_food(admin, matter)
    seq = last_seq()
    grades = food_grades()
    grades[0]["fine_max"] = 70000
    again = benchmarks.save_draft(
        admin, matter, facts=FOOD_FACTS, grades=grades, benchmark=benchmark, **food_head()
    )
    assert again.pk == benchmark.pk and again.version == 1
    assert again.grades.count() == 4
    assert again.grades.get(name="轻微").fine_max == Decimal(70000)
    assert ledger_actions(seq) == ["catalog.benchmark.save"]


def test_a_gap_between_grades_is_refused_with_the_point(admin, matter):
    grades = food_grades()
    grades[2]["conditions"] = [value("gt", 50000), value("lt", 100000)]  # 50,000 itself left out
    with refused("存在未覆盖的情形：货值金额50000元", field="grades"):
        save_food(admin, matter, grades=grades)


def test_a_missing_grade_is_a_gap(admin, matter):
    grades = food_grades()
    del grades[1]
    with refused("存在未覆盖的情形：货值金额10000元", field="grades"):
        save_food(admin, matter, grades=grades)


def test_grades_sharing_a_boundary_are_refused_as_overlapping(admin, matter):
    grades = food_grades()
    grades[0]["conditions"] = [value("le", 10000)]
    with refused("裁量阶次重叠：货值金额10000元同时符合轻微、一般", field="grades"):
        save_food(admin, matter, grades=grades)


def test_a_boolean_value_left_uncovered_is_a_gap(admin, matter):
    facts = [*FOOD_FACTS, {"key": "repeat", "label": "二年内再次违法", "kind": "boolean"}]
    grades = food_grades()
    grades[3]["conditions"] = [value("ge", 100000), {"fact": "repeat", "op": "eq", "value": True}]
    with refused("存在未覆盖的情形：货值金额100000元，二年内再次违法：否", field="grades"):
        save_food(admin, matter, facts=facts, grades=grades)


@pytest.mark.parametrize(
    ("grade", "changes", "message"),
    [
        (0, {"fine_max": 120000}, "“轻微”：罚款幅度超出法定幅度（50000至100000元）"),
        (0, {"fine_min": 40000}, "“轻微”：罚款幅度超出法定幅度（50000至100000元）"),
        (3, {"multiple_max": 25}, "“严重”：违法所得倍数幅度超出法定幅度（10至20倍）"),
        (1, {"multiple_min": 5}, "“一般”：违法所得倍数幅度超出法定幅度（10至20倍）"),
        (2, {"multiple_min": 17, "multiple_max": 13}, "“较重”：违法所得倍数上限不能小于下限"),
        (0, {"fine_min": -1}, "“轻微”：罚款幅度应为不小于0的数字"),
    ],
)
def test_a_sub_range_outside_the_statutory_range_is_refused(admin, matter, grade, changes, message):
    grades = food_grades()
    grades[grade].update(changes)
    with refused(message, field="grades"):
        save_food(admin, matter, grades=grades)


def test_a_sub_range_the_law_does_not_provide_is_refused(admin, matter):
    grades = food_grades()
    with refused("“一般”：法定幅度未规定违法所得倍数", field="grades"):
        save_food(admin, matter, grades=grades, multiple_min=None, multiple_max=None)


def test_an_unknown_fact_or_a_wrong_comparison_is_refused(admin, matter):
    grades = food_grades()
    grades[1]["conditions"] = [value("ge", 10000), {"fact": "value", "op": "lt", "value": 50000}]
    grades[2]["conditions"] = [value("ge", 50000), value("in", 100000)]
    with refused("“一般”：第2个条件使用了未定义的事实“value”", field="grades") as caught:
        save_food(admin, matter, grades=grades)
    assert "“较重”：第2个条件：“货值金额”不能用“in”比较" in caught.value.message_dict["grades"]


def test_a_statutory_circumstance_may_split_grades(admin, matter):
    """Grades may use the circumstances the law names (处罚法 arts. 30–33) without defining them."""
    grades = food_grades()
    first = {"fact": "first_violation", "op": "eq", "value": True}
    grades[0]["conditions"] = [value("lt", 10000), first]
    grades.insert(
        1, {"name": "轻微（再犯）", "conditions": [value("lt", 10000), dict(first, value=False)]}
    )
    assert save_food(admin, matter, grades=grades).grades.count() == 5


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("violation", {"violation": " "}, "此项必填"),
        ("penalty_basis", {"penalty_basis": ""}, "此项必填"),
        ("effective_on", {"effective_on": None}, "请填写施行日期"),
        ("fine_max", {"fine_max": 40000}, "上限不能小于下限"),
        ("fine_min", {"fine_min": "五万"}, "应为不小于0的数字"),
        (
            "statutory_range",
            {"fine_max": None, "multiple_max": None},
            "请填写法定罚款幅度（金额或违法所得倍数）",
        ),
    ],
)
def test_the_head_is_validated(admin, matter, field, changes, message):
    with refused(message, field=field):
        save_food(admin, matter, **changes)


@pytest.mark.parametrize(
    ("facts", "grades", "message"),
    [
        (FOOD_FACTS, [], "请至少设置一个裁量阶次"),
        ([*FOOD_FACTS, {"key": "coerced", "label": "x", "kind": "boolean"}], None, "事实标识“coerced”重复或与法定情形重名"),
        ([{"key": "goods_value", "label": "货值金额", "kind": "date"}], None, "每个事实须有标识、名称和类型（数值、整数、是否、选项）"),
        ([*FOOD_FACTS, {"key": "h", "label": "危害", "kind": "choice", "choices": ["大"]}], None, "选项型事实“危害”至少需要两个选项"),
    ],
)  # fmt: skip
def test_facts_and_grades_are_validated(admin, matter, facts, grades, message):
    grades = food_grades() if grades is None else grades
    with refused(message):
        benchmarks.save_draft(admin, matter, facts=facts, grades=grades, **food_head())


def test_items_that_are_not_objects_are_refused_not_crashed_on(admin, matter):
    with refused("每个事实须有标识、名称和类型（数值、整数、是否、选项）", field="facts"):
        benchmarks.save_draft(
            admin, matter, facts=["货值金额"], grades=food_grades(), **food_head()
        )
    with refused("每个裁量阶次须有不重复的名称", field="grades"):
        benchmarks.save_draft(admin, matter, facts=FOOD_FACTS, grades=["轻微"], **food_head())


def test_duplicate_grade_names_are_refused(admin, matter):
    grades = food_grades()
    grades[1]["name"] = "轻微"
    with refused("每个裁量阶次须有不重复的名称", field="grades"):
        save_food(admin, matter, grades=grades)


def test_a_non_penalty_matter_takes_no_benchmark(admin):
    matter = make_matter(admin, code="INSPECT-1", category=MatterCategory.INSPECTION)
    with refused("裁量基准只适用于行政处罚事项", field="matter"):
        save_food(admin, matter)


def test_only_the_agency_administrator_saves_and_publishes(demo, admin, matter):
    with forbidden("只有市市场监管局的信息管理员可以办理此事项"):
        save_food(demo["scjg_zhang"], matter)
    benchmark = save_food(admin, matter)
    with forbidden("只有市市场监管局的信息管理员可以办理此事项"):
        publish_benchmark(demo["sfj_chen"], benchmark)


@pytest.mark.usefixtures("version_1")
def test_publishing_freezes_the_version_and_the_next_is_a_new_one(admin, matter):
    benchmark = save_food(admin, matter)
    seq = last_seq()
    published = publish_benchmark(admin, benchmark)
    assert published.status == BenchmarkStatus.PUBLISHED and published.published_at
    assert ledger_actions(seq) == ["catalog.benchmark.publish"]

    content = benchmarks.content_of(published)
    facts, grades = content.pop("facts"), content.pop("grades")
    with refused("已发布的裁量基准不能修改，请新建版本", field="status"):
        benchmarks.save_draft(
            admin, matter, facts=facts, grades=grades, benchmark=published, **content
        )
    with refused("该裁量基准已发布", field="status"):
        publish_benchmark(admin, published)

    grades[0]["fine_max"] = Decimal(55000)
    second = benchmarks.save_draft(admin, matter, facts=facts, grades=grades, **content)
    assert second.version == 2 and second.status == BenchmarkStatus.DRAFT
    assert published.grades.get(name="轻微").fine_max == Decimal(60000)
    assert second.grades.get(name="轻微").fine_max == Decimal(55000)


def test_a_draft_cannot_be_saved_under_another_matter(admin, matter):
    """The benchmark edited must be the matter's own: the permission is checked on the matter."""
    other = make_matter(admin, code="330217124001")
    benchmark = save_food(admin, matter)
    with refused("该裁量基准不属于所选执法事项", field="benchmark"):
        benchmarks.save_draft(
            admin, other, facts=FOOD_FACTS, grades=food_grades(), benchmark=benchmark, **food_head()
        )


def test_another_agencys_administrator_cannot_edit_a_draft_through_their_own_matter(demo, matter):
    user = agency_admin("市生态环境局", "sthj_admin")
    own = matters.create_matter(user, agency("市生态环境局"), **matter_data("ENV-1"))
    benchmark = save_food(demo["scjg_admin"], matter)
    with refused("该裁量基准不属于所选执法事项", field="benchmark"):
        benchmarks.save_draft(
            user, own, facts=FOOD_FACTS, grades=food_grades(), benchmark=benchmark, **food_head()
        )
    assert DiscretionBenchmark.objects.get(pk=benchmark.pk).matter == matter
