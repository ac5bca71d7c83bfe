"""Amounts beyond what the columns hold are refused with a Chinese field error and write nothing:
the benchmark list stays readable for the agency and its supervisors, and a draft stays
repairable (on SQLite such a number used to be stored and then broke every read)."""

from __future__ import annotations

import pytest

from zhifa.catalog.models import DiscretionBenchmark, Grade, Matter
from zhifa.catalog.tests.test_api import benchmark_body
from zhifa.catalog.tests.test_api_data import (
    GRADES,
    Catalog,
    as_user,
    chinese_error,
    ledger_count,
)


@pytest.fixture
def catalog(demo) -> Catalog:
    return Catalog(demo)


@pytest.fixture
def matter(catalog) -> Matter:
    return catalog.matter()


def _unchanged(seen: tuple[int, int, int]) -> bool:
    return seen == (ledger_count(), DiscretionBenchmark.objects.count(), Grade.objects.count())


def _counts() -> tuple[int, int, int]:
    return ledger_count(), DiscretionBenchmark.objects.count(), Grade.objects.count()


def _lists_still_read(api_client, demo) -> None:
    for name in ("scjg_admin", "sfj_chen"):
        as_user(api_client, demo[name])
        response = api_client.get("/api/v1/benchmarks")
        assert response.status_code == 200, (name, response.content[:200])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fine_max", "1e20", "不能超过999999999999.99"),
        ("fine_max", "99999999999999999999", "不能超过999999999999.99"),
        ("fine_min", "0.001", "最多保留2位小数"),
        ("multiple_max", "123456", "不能超过9999.99"),
        ("multiple_min", "1.234", "最多保留2位小数"),
    ],
)
def test_a_statutory_amount_beyond_its_column_is_a_field_error(
    demo, api_client, matter, field, value, message
):
    as_user(api_client, demo["scjg_admin"])
    seen = _counts()
    response = api_client.post(
        "/api/v1/benchmarks", benchmark_body(matter.pk, **{field: value}), format="json"
    )
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert chinese_error(body)
    assert any(message in m for m in body["errors"][field]), body
    assert _unchanged(seen)
    _lists_still_read(api_client, demo)


def test_a_grade_amount_beyond_its_column_is_refused_and_the_draft_stays_repairable(
    demo, api_client, catalog, matter
):
    draft = catalog.benchmark(matter, publish=False)
    as_user(api_client, demo["scjg_admin"])
    seen = _counts()
    grades = [dict(g) for g in GRADES]
    grades[-1]["fine_max"] = "1" + "0" * 30
    grades[0]["multiple_max"] = "100000"
    response = api_client.patch(f"/api/v1/benchmarks/{draft.pk}", {"grades": grades}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert "“较重”：罚款上限（元）不能超过999999999999.99" in body["errors"]["grades"]
    assert "“较轻”：罚款上限（违法所得倍数）不能超过9999.99" in body["errors"]["grades"]
    assert _unchanged(seen)
    _lists_still_read(api_client, demo)
    as_user(api_client, demo["scjg_admin"])
    grades[-1]["fine_max"], grades[0]["multiple_max"] = 100000, None
    repaired = api_client.patch(f"/api/v1/benchmarks/{draft.pk}", {"grades": grades}, format="json")
    assert repaired.status_code == 200, repaired.json()


@pytest.mark.parametrize("text", ["食品\u202e品食", "罚款\x00", "警告\x1b[31m", "没收\u2066"])
def test_control_and_direction_characters_in_a_benchmarks_texts_are_refused(
    demo, api_client, matter, text
):
    as_user(api_client, demo["scjg_admin"])
    seen = _counts()
    response = api_client.post(
        "/api/v1/benchmarks", benchmark_body(matter.pk, violation=text), format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert "不能包含控制字符或改变文字方向的字符" in body["errors"]["violation"][0]
    grades = [dict(g) for g in GRADES]
    grades[0]["name"] = text
    response = api_client.post(
        "/api/v1/benchmarks", benchmark_body(matter.pk, grades=grades), format="json"
    )
    assert response.status_code == 400
    assert any("不能包含控制字符" in m for m in response.json()["errors"]["grades"])
    assert _unchanged(seen)


def test_a_write_whose_answer_fails_commits_nothing(demo, api_client, matter, monkeypatch):
    """The API never answers 500 over a committed change: the service's work is rolled back."""
    from zhifa.catalog.api import BenchmarkViewSet

    def broken(self, *args, **kwargs):
        raise RuntimeError("serialising failed")

    monkeypatch.setattr(BenchmarkViewSet, "respond", broken)
    as_user(api_client, demo["scjg_admin"])
    seen = _counts()
    response = api_client.post("/api/v1/benchmarks", benchmark_body(matter.pk), format="json")
    assert response.status_code == 500
    assert response.json()["detail"] == "服务器内部错误，请稍后再试"
    assert _unchanged(seen)
