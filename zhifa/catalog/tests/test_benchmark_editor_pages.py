"""The benchmark editor's pages: a first draft typed in rows, rows added and removed, the check
posted as the grades are typed (which values fall in no grade or in two), bad input refused on its
cell with nothing written, and a draft edited in place."""

from __future__ import annotations

import re
from typing import Any

import pytest

from zhifa.catalog.forms_editor import post_data
from zhifa.catalog.models import BenchmarkStatus, DiscretionBenchmark
from zhifa.catalog.tests.catalog_fixtures import last_seq, make_matter, save_food
from zhifa.core.models import LedgerEntry

HEAD = {
    "effective_on": "2024-01-01",
    "source_document": "示市监规〔2024〕3号",
    "violation": "用非食品原料生产食品",
    "violation_basis": "《中华人民共和国食品安全法》第三十四条第（一）项",
    "penalty_basis": "《中华人民共和国食品安全法》第一百二十四条",
    "statutory_range": "并处五万元以上十万元以下罚款",
    "fine_min": "50000",
    "fine_max": "100000",
    "multiple_base": "illegal_income",
}
TIMES = {"key": "fact1", "label": "违法次数", "kind": "integer", "unit": "次", "choices": ""}


def grade(name: str, *conditions: tuple[str, str], fine: tuple[str, str]) -> dict[str, Any]:
    return {
        "name": name,
        "penalty_kinds": "",
        "fine_min": fine[0],
        "fine_max": fine[1],
        "multiple_min": "",
        "multiple_max": "",
        "other_measures": "",
        "conditions": [{"fact": "fact1", "op": op, "value": v} for op, v in conditions],
    }


def rows(*grades: dict[str, Any], op: str = "save", **head: str) -> dict[str, Any]:
    data = post_data({**HEAD, **head}, [TIMES], list(grades))
    data["op"] = op
    return data


LIGHT = grade("较轻", ("le", "2"), fine=("50000", "70000"))
HEAVY = grade("较重", ("ge", "3"), fine=("70000", "100000"))


def main_html(response) -> str:
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


@pytest.fixture
def signed_in(client, admin):
    client.force_login(admin)
    return client


def test_the_editor_offers_rows_not_json(signed_in, matter):
    html = main_html(signed_in.get(f"/catalog/matters/{matter.pk}/benchmarks/new/"))
    assert "＋ 添加事实" in html and "＋ 添加阶次" in html and "＋ 添加条件" in html
    assert "JSON" not in html and '{"fact"' not in html
    assert "不满十四周岁" in html  # the law's circumstances are offered as facts


def test_integer_facts_split_at_two_and_three_are_saved_as_a_draft(signed_in, matter):
    seq = last_seq()
    url = f"/catalog/matters/{matter.pk}/benchmarks/new/"
    response = signed_in.post(url, rows(LIGHT, HEAVY))
    saved = DiscretionBenchmark.objects.get(matter=matter)
    assert response["Location"] == f"/catalog/benchmarks/{saved.pk}/"
    assert saved.status == BenchmarkStatus.DRAFT
    assert saved.facts.get().label == "违法次数"
    assert saved.grades.get(name="较重").conditions == [{"fact": "fact1", "op": "ge", "value": 3}]
    assert LedgerEntry.objects.filter(seq__gt=seq).count() == 1


def test_the_check_names_a_gap_as_it_is_typed(signed_in, matter):
    gapped = grade("较重", ("gt", "3"), fine=("70000", "100000"))
    response = signed_in.post(
        f"/catalog/matters/{matter.pk}/benchmarks/check/",
        rows(LIGHT, gapped),
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<main" not in html
    assert "违法次数为3次时不属于任何阶次" in html
    assert "2次" not in html  # nothing lies between 2 and 3 times


def test_the_check_names_an_overlap_and_both_grades(signed_in, matter):
    overlapping = grade("较重", ("ge", "2"), fine=("70000", "100000"))
    html = signed_in.post(
        f"/catalog/matters/{matter.pk}/benchmarks/check/", rows(LIGHT, overlapping)
    ).content.decode()
    assert "违法次数为2次时同时属于“较轻”和“较重”" in html


def test_the_check_says_when_the_grades_are_whole(signed_in, matter):
    html = signed_in.post(
        f"/catalog/matters/{matter.pk}/benchmarks/check/", rows(LIGHT, HEAVY)
    ).content.decode()
    assert "各裁量阶次覆盖全部情形，互不重叠" in html


def test_bad_input_is_refused_on_its_cells_and_nothing_is_written(signed_in, matter):
    seq = last_seq()
    bad = grade("较重", ("ge", "三"), fine=("70000", "200000"))
    url = f"/catalog/matters/{matter.pk}/benchmarks/new/"
    html = main_html(signed_in.post(url, rows(LIGHT, bad, source_document="")))
    assert "“违法次数”应填写不小于0的数字" in html
    assert "未保存：请按提示改正标红的内容" in html
    html = main_html(
        signed_in.post(url, rows(LIGHT, grade("较重", ("ge", "3"), fine=("70000", ""))))
    )
    assert "“较重”：罚款幅度须同时填写下限和上限" in html
    html = main_html(signed_in.post(url, rows(LIGHT, HEAVY, source_document="")))
    assert "此项必填" in html
    assert not DiscretionBenchmark.objects.filter(matter=matter).exists()
    assert last_seq() == seq


def test_rows_are_added_and_removed_without_losing_what_was_typed(signed_in, matter):
    url = f"/catalog/matters/{matter.pk}/benchmarks/new/"
    html = main_html(signed_in.post(url, rows(LIGHT, op="add-grade")))
    assert html.count('data-testid="grade-row"') == 2
    assert 'value="较轻"' in html
    html = main_html(signed_in.post(url, rows(LIGHT, HEAVY, op="remove-grade-0")))
    assert html.count('data-testid="grade-row"') == 1 and 'value="较重"' in html
    html = main_html(signed_in.post(url, rows(LIGHT, op="add-condition-0")))
    assert html.count('data-testid="condition-row"') == 2
    html = main_html(signed_in.post(url, rows(LIGHT, op="add-fact")))
    assert html.count('data-testid="fact-row"') == 2
    assert 'name="facts-1-key" value="fact2"' in html
    assert not DiscretionBenchmark.objects.filter(matter=matter).exists()


def test_a_draft_is_edited_in_place(signed_in, admin, matter):
    draft = save_food(admin, matter)
    url = f"/catalog/benchmarks/{draft.pk}/edit/"
    html = main_html(signed_in.get(url))
    assert 'value="货值金额"' in html and "货值金额倍数上限" in html
    response = signed_in.post(url, rows(LIGHT, HEAVY))
    assert response["Location"] == f"/catalog/benchmarks/{draft.pk}/"
    draft.refresh_from_db()
    assert [g.name for g in draft.grades.all()] == ["较轻", "较重"]
    assert DiscretionBenchmark.objects.filter(matter=matter).count() == 1


def test_someone_who_is_not_the_administrator_cannot_edit_or_check(client, demo, matter):
    client.force_login(demo["scjg_li"])
    assert client.get(f"/catalog/matters/{matter.pk}/benchmarks/new/").status_code == 403
    check = client.post(f"/catalog/matters/{matter.pk}/benchmarks/check/", rows(LIGHT))
    assert check.status_code == 403


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"grades-TOTAL_FORMS": "abc", "facts-TOTAL_FORMS": "-1"},
        {"grades-TOTAL_FORMS": "100000", "grades-INITIAL_FORMS": "0"},
        {"op": "remove-condition-99-99"},
        {"op": "add-condition-x"},
        {"op": "remove-grade-"},
        {"head-effective_on": "9999-99-99", "head-fine_max": "1e999999"},
    ],
)
def test_hostile_posts_are_answered_not_crashed(signed_in, matter, data):
    url = f"/catalog/matters/{matter.pk}/benchmarks/"
    assert signed_in.post(f"{url}check/", data).status_code == 200
    assert signed_in.post(f"{url}new/", data).status_code == 200
    assert not DiscretionBenchmark.objects.filter(matter=matter).exists()


def test_huge_or_strange_values_are_named_on_their_cells(signed_in, matter):
    url = f"/catalog/matters/{matter.pk}/benchmarks/"
    for value, message in (
        ("1e999999", "“违法次数”的取值过大"),
        ("NaN", "“违法次数”应填写不小于0的数字"),
        ("-1", "“违法次数”应填写不小于0的数字"),
    ):
        bad = grade("较重", ("ge", value), fine=("70000", "100000"))
        assert message in signed_in.post(f"{url}check/", rows(LIGHT, bad)).content.decode()
        assert message in main_html(signed_in.post(f"{url}new/", rows(LIGHT, bad)))
    assert not DiscretionBenchmark.objects.filter(matter=matter).exists()
