"""apply_benchmark(): the grade at every boundary, the range in amounts, the explanation a decision
carries, the law's own circumstances (处罚法 arts. 30–33) and the local four lists as of a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zhifa.catalog.models import ListKind
from zhifa.catalog.services import lists
from zhifa.catalog.services.discretion import EDUCATE, apply_benchmark
from zhifa.catalog.tests.approval_fixtures import publish_benchmark, publish_list
from zhifa.catalog.tests.catalog_fixtures import (
    FOOD_FACTS,
    agency,
    food_grades,
    make_matter,
    published_food,
    refused,
    save_food,
    value,
)

DAY = date(2025, 6, 1)


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


@pytest.fixture
def benchmark(admin, matter):
    return published_food(admin, matter)


@pytest.mark.parametrize(
    ("goods_value", "grade"),
    [
        (0, "轻微"),
        ("9999.99", "轻微"),
        (10000, "一般"),
        ("10000.01", "一般"),
        ("49999.99", "一般"),
        (50000, "较重"),
        ("50000.01", "较重"),
        ("99999.99", "较重"),
        (100000, "严重"),
        ("100000.01", "严重"),
        (8_000_000, "严重"),
    ],
)
def test_the_grade_at_every_boundary(benchmark, goods_value, grade):
    result = apply_benchmark(
        benchmark, {"goods_value": goods_value, "illegal_income": 3000}, on=DAY
    )
    assert result.grade == grade
    assert [c["grade"] for c in result.checks if c["matched"]] == [grade]
    assert result.conclusion.startswith(f"按“{grade}”情形裁量：")


@pytest.mark.parametrize(
    ("goods_value", "low", "high", "basis", "text"),
    [
        (5000, "50000.00", "60000.00", "金额", "没收违法所得；罚款50000元至60000元"),
        (20000, "200000.00", "260000.00", "货值金额20000元的10至13倍", "没收违法所得；罚款200000元至260000元"),
        (60000, "780000.00", "1020000.00", "货值金额60000元的13至17倍", "没收违法所得；罚款780000元至1020000元"),
        (200000, "3400000.00", "4000000.00", "货值金额200000元的17至20倍", "没收违法所得；罚款3400000元至4000000元；吊销许可证"),
        ("12345.5", "123455.00", "160491.50", "货值金额12345.5元的10至13倍", "没收违法所得；罚款123455元至160491.5元"),
    ],
)  # fmt: skip
def test_the_range_is_a_multiple_of_the_named_base(benchmark, goods_value, low, high, basis, text):
    """食品安全法 art. 124 fines multiples of 货值金额, not of 违法所得 (处罚法 art. 28)."""
    result = apply_benchmark(
        benchmark, {"goods_value": goods_value, "illegal_income": 3000}, on=DAY
    )
    assert (result.range["fine_min"], result.range["fine_max"]) == (low, high)
    assert (result.range["fine_basis"], result.range["text"]) == (basis, text)
    assert result.conclusion == f"按“{result.grade}”情形裁量：{text}。"


@pytest.mark.parametrize(
    ("base", "fact", "label"),
    [
        ("illegal_income", "illegal_income", "违法所得"),
        ("advertising_fee", "advertising_fee", "广告费用"),
        ("amount_involved", "amount_involved", "涉案金额"),
    ],
)
def test_each_named_base_is_read_from_its_own_fact(admin, matter, base, fact, label):
    benchmark = publish_benchmark(admin, save_food(admin, matter, multiple_base=base))
    facts = {"goods_value": 20000, "illegal_income": 1000}
    if fact != "illegal_income":
        facts[fact] = "1500.5"  # a base fact the benchmark does not define is accepted all the same
    result = apply_benchmark(benchmark, facts, on=DAY)
    amount = "1000元" if fact == "illegal_income" else "1500.5元"
    assert result.range["fine_basis"] == f"{label}{amount}的10至13倍"
    unknown = apply_benchmark(benchmark, {"goods_value": 20000, "illegal_income": 0}, on=DAY)
    if fact == "illegal_income":
        assert unknown.range["text"] == "没收违法所得；罚款违法所得10至13倍"
        assert unknown.range["fine_max"] is None


def test_the_explanation_names_the_version_each_condition_and_the_articles(benchmark):
    result = apply_benchmark(benchmark, {"goods_value": 10000, "illegal_income": 2000}, on=DAY)
    assert result.explanation == [
        "适用示范市市场监督管理局《用非食品原料生产食品》行政裁量权基准第1版"
        "（示市监规〔2024〕1号，2024年01月01日施行）。",
        "违法依据：《中华人民共和国食品安全法》第三十四条第（一）项；"
        "处罚依据：《中华人民共和国食品安全法》第一百二十四条第一款第（一）项；"
        "法定幅度：货值金额不足一万元的，并处五万元以上十万元以下罚款；"
        "一万元以上的，并处十倍以上二十倍以下罚款。",
        "认定事实：货值金额：10000元；违法所得：2000元。",
        "“轻微”情形：货值金额 < 10000元（不符合）——不适用。",
        "“一般”情形：货值金额 ≥ 10000元（符合），货值金额 < 50000元（符合）——适用。",
        "“较重”情形：货值金额 ≥ 50000元（不符合），货值金额 < 100000元（符合）——不适用。",
        "“严重”情形：货值金额 ≥ 100000元（不符合）——不适用。",
        "结论：按“一般”情形裁量：没收违法所得；罚款100000元至130000元。",
    ]
    assert result.benchmark["version"] == 1
    assert result.checks[1] == {
        "grade": "一般",
        "conditions": [
            {"clause": "货值金额 ≥ 10000元", "holds": True},
            {"clause": "货值金额 < 50000元", "holds": True},
        ],
        "matched": True,
    }


def test_same_facts_same_result(benchmark):
    facts = {"goods_value": "12345.67", "illegal_income": 800, "confessed": True}
    assert (
        apply_benchmark(benchmark, facts, on=DAY).as_dict()
        == apply_benchmark(benchmark, facts).as_dict()
    )


@pytest.mark.parametrize(
    ("facts", "errors"),
    [
        ({"goods_value": "一万"}, {"goods_value": ["“货值金额”应为数值"]}),
        ({"goods_value": True}, {"goods_value": ["“货值金额”应为数值"]}),
        ({"goods_value": 1, "first_violation": "yes"}, {"first_violation": ["“初次违法”应为是或否（true/false）"]}),
        ({"goods_value": 1, "price": 5}, {"price": ["没有名为“price”的事实"]}),
        ({"illegal_income": 100}, {"goods_value": ["缺少事实“货值金额”"]}),
        ({"goods_value": -1}, {"goods_value": ["“货值金额”不能为负数"]}),
        ({"goods_value": "1e30"}, {"goods_value": ["“货值金额”数值过大"]}),
        ({"goods_value": "NaN"}, {"goods_value": ["“货值金额”应为有限的数值"]}),
        (["goods_value", 1], {"facts": ["事实应为“名称: 取值”的对象"], "goods_value": ["缺少事实“货值金额”"]}),
    ],
)  # fmt: skip
def test_bad_facts_are_refused_by_fact_in_chinese(benchmark, facts, errors):
    with refused(next(iter(errors.values()))[0]) as caught:
        apply_benchmark(benchmark, facts, on=DAY)
    assert caught.value.message_dict == errors


def test_several_bad_facts_are_named_together(benchmark):
    with pytest.raises(ValidationError) as caught:
        apply_benchmark(benchmark, {"illegal_income": "三千", "coerced": 1}, on=DAY)
    assert caught.value.message_dict == {
        "illegal_income": ["“违法所得”应为数值"],
        "coerced": ["“受他人胁迫或者诱骗实施违法行为”应为是或否（true/false）"],
        "goods_value": ["缺少事实“货值金额”"],
    }


def circumstances(*names: str, goods_value=20000) -> dict:
    return {"goods_value": goods_value, "illegal_income": 1000, **dict.fromkeys(names, True)}


def test_minor_corrected_without_harm_is_not_penalised(benchmark):
    result = apply_benchmark(
        benchmark, circumstances("minor_violation", "corrected_in_time", "no_harm"), on=DAY
    )
    assert result.conclusion == f"依法不予行政处罚。{EDUCATE}。"
    assert result.range == {}  # no fine range is shown when no penalty is given
    (entry,) = result.lists[ListKind.NO_PENALTY]
    assert (entry["may"], entry["basis"]) == (False, "《中华人民共和国行政处罚法》第三十三条第一款")
    assert result.explanation[-1] == f"结论：依法不予行政处罚。{EDUCATE}。"


def test_a_first_minor_corrected_violation_may_be_waived(benchmark):
    result = apply_benchmark(
        benchmark, circumstances("first_violation", "harm_minor", "corrected_in_time"), on=DAY
    )
    assert result.conclusion == (
        f"可以不予行政处罚，不予处罚的{EDUCATE}；"
        "如予处罚，按“一般”情形：没收违法所得；罚款200000元至260000元。"
    )
    assert (
        "不予行政处罚事项清单：初次违法且危害后果轻微并及时改正的，可以不予行政处罚（首违不罚）"
        "（《中华人民共和国行政处罚法》第三十三条第一款）。"
    ) in result.explanation
    assert result.lists[ListKind.NO_PENALTY][0]["may"] is True


def test_a_circumstance_missing_or_false_does_not_apply(benchmark):
    partial = apply_benchmark(benchmark, circumstances("first_violation", "harm_minor"), on=DAY)
    assert partial.lists[ListKind.NO_PENALTY] == []
    denied = {**circumstances("first_violation", "harm_minor"), "corrected_in_time": False}
    assert apply_benchmark(benchmark, denied, on=DAY).conclusion.startswith("按“一般”情形裁量")


def test_no_fault_is_not_penalised(benchmark):
    result = apply_benchmark(benchmark, circumstances("no_fault"), on=DAY)
    assert result.conclusion == f"依法不予行政处罚。{EDUCATE}。"
    assert result.lists[ListKind.NO_PENALTY][0]["basis"].endswith("第三十三条第二款")


@pytest.mark.parametrize(
    ("fact", "article"),
    [
        ("reduced_harm", "第三十二条第（一）项"),
        ("coerced", "第三十二条第（二）项"),
        ("confessed", "第三十二条第（三）项"),
        ("meritorious", "第三十二条第（四）项"),
        ("aged_14_to_18", "第三十条"),
    ],
)
def test_lighter_circumstances_of_the_law(benchmark, fact, article):
    result = apply_benchmark(benchmark, circumstances(fact), on=DAY)
    (entry,) = result.lists[ListKind.LIGHTER]
    assert entry["basis"] == f"《中华人民共和国行政处罚法》{article}"
    assert (entry["modality"], entry["effect"]) == ("应当", "lighter_or_mitigated")
    assert result.conclusion == (
        "按“一般”情形裁量：没收违法所得；罚款200000元至260000元。"
        "具有从轻或者减轻处罚情形，应当从轻或者减轻处罚（"
        "从轻：在该阶次幅度的下半部分从轻：罚款200000元至230000元；"
        "减轻：在法定最低限200000元以下处罚：罚款0元以上、不足200000元）。"
    )


def local_list(admin, kind, effective_on, *, publish=True, **entry):
    version = lists.draft_version(
        admin, agency("市市场监管局"), kind=kind, effective_on=effective_on
    )
    lists.add_entry(admin, version, **entry)
    if publish:
        publish_list(admin, version)
    return version


FIRST_CORRECTED = [
    {"fact": "first_violation", "op": "eq", "value": True},
    {"fact": "corrected_in_time", "op": "eq", "value": True},
]


def test_a_published_local_entry_applies_from_its_effective_date(admin, benchmark):
    local_list(
        admin,
        ListKind.MITIGATED,
        date(2025, 1, 1),
        title="初次违法并及时改正",
        conditions=FIRST_CORRECTED,
        basis="示市监规〔2024〕3号",
    )
    facts = circumstances("first_violation", "corrected_in_time")
    before = apply_benchmark(benchmark, facts, on=date(2024, 12, 31))
    assert before.lists[ListKind.MITIGATED] == []
    assert "减轻" not in before.conclusion
    after = apply_benchmark(benchmark, facts, on=date(2025, 1, 1))
    assert after.lists[ListKind.MITIGATED] == [
        {
            "title": "初次违法并及时改正",
            "basis": "示市监规〔2024〕3号",
            "may": False,
            "modality": "应当",
            "effect": "mitigated",
            "source": "市市场监管局减轻行政处罚事项清单第1版（2025-01-01施行）",
        }
    ]
    assert after.conclusion.endswith(
        "具有减轻处罚情形，应当减轻处罚（减轻：在法定最低限200000元以下处罚：罚款0元以上、不足200000元）。"
    )
    assert after.range["mitigated"]["fine_max"] == "200000.00"
    assert "lighter" not in after.range
    assert "减轻行政处罚事项清单：初次违法并及时改正（示市监规〔2024〕3号）。" in after.explanation
    only_first = apply_benchmark(benchmark, circumstances("first_violation"), on=date(2025, 1, 1))
    assert only_first.lists[ListKind.MITIGATED] == []


def test_a_draft_entry_never_applies(admin, benchmark):
    local_list(
        admin,
        ListKind.LIGHTER,
        date(2024, 1, 1),
        publish=False,
        title="初次违法并及时改正",
        conditions=FIRST_CORRECTED,
    )
    facts = circumstances("first_violation", "corrected_in_time")
    assert apply_benchmark(benchmark, facts, on=DAY).lists[ListKind.LIGHTER] == []


def test_an_entry_for_another_matter_does_not_apply(admin, benchmark):
    other = make_matter(admin, code="330217124009")
    local_list(
        admin,
        ListKind.LIGHTER,
        date(2024, 1, 1),
        matter=other,
        title="初次违法并及时改正",
        conditions=FIRST_CORRECTED,
    )
    facts = circumstances("first_violation", "corrected_in_time")
    assert apply_benchmark(benchmark, facts, on=DAY).lists[ListKind.LIGHTER] == []


def test_a_local_may_waive_entry_and_a_later_version_replacing_it(admin, benchmark):
    local_list(
        admin,
        ListKind.NO_PENALTY,
        date(2024, 1, 1),
        matter=benchmark.matter,
        title="首次被查获且货值较小并及时改正",
        conditions=FIRST_CORRECTED,
        attrs={"may": True},
    )
    facts = circumstances("first_violation", "corrected_in_time", goods_value=5000)
    result = apply_benchmark(benchmark, facts, on=DAY)
    assert result.conclusion.startswith(
        f"可以不予行政处罚，不予处罚的{EDUCATE}；如予处罚，按“轻微”情形"
    )
    local_list(
        admin,
        ListKind.NO_PENALTY,
        date(2025, 1, 1),
        title="违法行为轻微并及时改正",
        conditions=[{"fact": "minor_violation", "op": "eq", "value": True}],
    )  # v2 copies v1's entry and adds one
    later = apply_benchmark(benchmark, facts, on=DAY)
    assert [e["source"] for e in later.lists[ListKind.NO_PENALTY]] == [
        "市市场监管局不予行政处罚事项清单第2版（2025-01-01施行）"
    ]


# --- 处罚法 arts. 30 and 31: age and mental capacity -----------------------------------------


def test_a_child_under_14_is_not_penalised_and_the_guardian_is_told(benchmark):
    result = apply_benchmark(benchmark, circumstances("under_14"), on=DAY)
    assert result.conclusion == (
        f"依法不予行政处罚。责令监护人加以管教（《中华人民共和国行政处罚法》第三十条）。{EDUCATE}。"
    )
    assert result.range == {}
    assert "罚款" not in result.conclusion
    assert result.duties == ["责令监护人加以管教（《中华人民共和国行政处罚法》第三十条）"]


def test_a_person_who_could_not_recognise_their_conduct_is_not_penalised(benchmark):
    result = apply_benchmark(benchmark, circumstances("mental_incapable"), on=DAY)
    assert result.range == {}
    assert result.duties == ["责令其监护人严加看管和治疗（《中华人民共和国行政处罚法》第三十一条）"]
    assert result.conclusion.startswith("依法不予行政处罚。责令其监护人严加看管和治疗")


def test_one_intermittently_ill_who_acted_while_well_is_penalised(benchmark):
    result = apply_benchmark(benchmark, circumstances("mental_lucid_interval"), on=DAY)
    assert result.conclusion == "按“一般”情形裁量：没收违法所得；罚款200000元至260000元。"
    assert all(not entries for entries in result.lists.values())
    assert "间歇性精神病人在精神正常时有违法行为的，应当给予行政处罚" in result.explanation[-2]


def test_one_not_wholly_without_capacity_may_be_treated_lighter_or_mitigated(benchmark):
    result = apply_benchmark(benchmark, circumstances("mental_partial"), on=DAY)
    (entry,) = result.lists[ListKind.LIGHTER]
    assert (entry["may"], entry["modality"]) == (True, "可以")
    assert "可以从轻或者减轻处罚" in result.conclusion
    assert "应当" not in result.conclusion


# --- 可以 and 应当, 从轻 and 减轻 ---------------------------------------------------------------


def test_a_may_entry_of_a_local_lighter_list_is_may_and_never_offers_mitigation(admin, benchmark):
    local_list(
        admin,
        ListKind.LIGHTER,
        date(2024, 1, 1),
        title="初次违法并及时改正",
        conditions=FIRST_CORRECTED,
        attrs={"may": True},
    )
    result = apply_benchmark(
        benchmark, circumstances("first_violation", "corrected_in_time"), on=DAY
    )
    assert result.conclusion.endswith(
        "具有从轻处罚情形，可以从轻处罚（从轻：在该阶次幅度的下半部分从轻：罚款200000元至230000元）。"
    )
    assert "应当" not in result.conclusion and "减轻" not in result.conclusion
    assert result.range["lighter"] == {
        "fine_min": "200000.00",
        "fine_max": "230000.00",
        "text": "在该阶次幅度的下半部分从轻：罚款200000元至230000元",
    }
    assert "mitigated" not in result.range


def test_lighter_stays_inside_the_statutory_range(admin, benchmark):
    local_list(admin, ListKind.LIGHTER, date(2024, 1, 1), title="从轻", conditions=FIRST_CORRECTED)
    for goods in (5000, 20000, 60000, 200000):
        facts = circumstances("first_violation", "corrected_in_time", goods_value=goods)
        result = apply_benchmark(benchmark, facts, on=DAY)
        lighter = result.range["lighter"]
        assert Decimal(result.range["fine_min"]) <= Decimal(lighter["fine_min"])
        assert Decimal(lighter["fine_max"]) <= Decimal(result.range["fine_max"])


def test_mitigation_goes_below_the_statutory_minimum_to_the_benchmarks_floor(admin, matter):
    benchmark = publish_benchmark(
        admin, save_food(admin, matter, mitigation_floor=20000, mitigation_to_warning=True)
    )
    result = apply_benchmark(benchmark, circumstances("coerced", goods_value=5000), on=DAY)
    assert result.range["mitigated"] == {
        "fine_min": "20000.00",
        "fine_max": "50000.00",
        "text": "在法定最低限50000元以下处罚：罚款20000元以上、不足50000元，也可以只给予警告",
    }
    # With 货值金额 20,000 the statutory minimum is 10 × 20,000.
    result = apply_benchmark(benchmark, circumstances("coerced", goods_value=20000), on=DAY)
    assert result.range["mitigated"]["fine_max"] == "200000.00"


def test_a_mitigation_floor_must_lie_below_the_statutory_minimum(admin, matter):
    with refused("减轻处罚是在法定最低限以下处罚，下限应低于法定罚款下限"):
        save_food(admin, matter, mitigation_floor=50000)


# --- grades and facts --------------------------------------------------------------------------


def test_a_grade_needs_both_bounds(admin, matter):
    grades = food_grades()
    del grades[0]["fine_max"]
    with refused("“轻微”：罚款幅度须同时填写下限和上限"):
        save_food(admin, matter, grades=grades)


def test_a_grade_outside_the_statutory_range_is_refused(admin, matter):
    grades = food_grades()
    grades[0]["fine_max"] = 150000
    with refused("“轻微”：罚款幅度超出法定幅度（50000至100000元）"):
        save_food(admin, matter, grades=grades)


def times(op: str, n: int) -> dict:
    return {"fact": "times", "op": op, "value": n}


def test_integer_facts_have_no_gap_between_two_and_three(admin, matter):
    facts = [*FOOD_FACTS, {"key": "times", "label": "违法次数", "kind": "integer", "unit": "次"}]
    grades = food_grades()
    grades[0]["conditions"] = [*grades[0]["conditions"], times("le", 2)]
    extra = {
        **grades[0],
        "name": "轻微（多次）",
        "conditions": [value("lt", 10000), times("ge", 3)],
    }
    grades.insert(1, extra)
    benchmark = publish_benchmark(admin, save_food(admin, matter, facts=facts, grades=grades))
    assert apply_benchmark(benchmark, {"goods_value": 100, "times": 2}, on=DAY).grade == "轻微"
    assert (
        apply_benchmark(benchmark, {"goods_value": 100, "times": 3}, on=DAY).grade == "轻微（多次）"
    )
    with pytest.raises(ValidationError) as caught:
        apply_benchmark(benchmark, {"goods_value": 100, "times": "2.5"}, on=DAY)
    assert caught.value.message_dict == {"times": ["“违法次数”应为整数"]}


def test_a_number_fact_still_has_the_gap_between_two_and_three(admin, matter):
    facts = [*FOOD_FACTS, {"key": "times", "label": "违法次数", "kind": "number", "unit": "次"}]
    grades = food_grades()
    grades[0]["conditions"] = [*grades[0]["conditions"], times("le", 2)]
    extra = {
        **grades[0],
        "name": "轻微（多次）",
        "conditions": [value("lt", 10000), times("ge", 3)],
    }
    grades.insert(1, extra)
    with refused("存在未覆盖的情形"):
        save_food(admin, matter, facts=facts, grades=grades)
