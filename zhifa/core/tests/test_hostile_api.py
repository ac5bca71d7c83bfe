"""Hostile requests to the API of org, registry and catalogue: every one gets a 4xx with a Chinese
message in the one error shape, never a 500, and writes nothing."""

from __future__ import annotations

import pytest

from conftest import login_api
from zhifa.core.models import LedgerEntry
from zhifa.org.models import Unit

HUGE = "1" + "0" * 23  # 10^23: beyond any 64-bit integer column

#: Collections that take a POST, and who may write there.
WRITABLE = [
    ("/api/v1/agencies", "sysadmin"),
    ("/api/v1/units", "scjg_admin"),
    ("/api/v1/users", "sysadmin"),
    ("/api/v1/officers", "scjg_admin"),
    ("/api/v1/training", "scjg_admin"),
    ("/api/v1/matters", "scjg_admin"),
    ("/api/v1/benchmarks", "scjg_admin"),
]
#: Collections listed with filters and pages.
LISTS = [
    ("/api/v1/agencies", "scjg_admin"),
    ("/api/v1/units", "scjg_admin"),
    ("/api/v1/officers", "sfj_chen"),
    ("/api/v1/training", "scjg_admin"),
    ("/api/v1/assessments", "scjg_admin"),
    ("/api/v1/matters", "sfj_chen"),
    ("/api/v1/benchmarks", "sfj_chen"),
]

BODIES = {
    "null": ("null", "请求内容应为JSON对象"),
    "a list": ("[]", "请求内容应为JSON对象"),
    "a string": ('"x"', "请求内容应为JSON对象"),
    "a number": ("1", "请求内容应为JSON对象"),
    "nested 50,000 deep": ("[" * 50_000 + "]" * 50_000, "嵌套层级过深"),
    "nested objects": ('{"a":' * 50_000 + "1" + "}" * 50_000, "嵌套层级过深"),
    "broken JSON": ('{"name": "x"', "不是有效的JSON"),
    "NaN": ('{"name": NaN}', "不是有效的JSON"),
    "bad bytes": (b'{"name": "\xff\xfe"}', "不是有效的JSON"),
}


def chinese(body: dict) -> bool:
    return set(body) == {"detail", "code", "errors"} and not body["detail"].isascii()


def _unchanged(before: int) -> None:
    assert LedgerEntry.objects.count() == before, "a refused request wrote something"


@pytest.mark.parametrize("kind", BODIES)
@pytest.mark.parametrize(("url", "persona"), WRITABLE)
def test_a_body_that_is_not_a_json_object_is_a_chinese_400(demo, api_client, url, persona, kind):
    login_api(api_client, demo[persona])
    before = LedgerEntry.objects.count()
    content, message = BODIES[kind]
    response = api_client.post(url, content, content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert chinese(response.json()) and message in response.json()["detail"]
    _unchanged(before)


@pytest.mark.parametrize(("url", "persona"), WRITABLE)
def test_a_body_over_the_limit_is_a_chinese_413(demo, api_client, settings, url, persona):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    login_api(api_client, demo[persona])
    before = LedgerEntry.objects.count()
    content = '{"name": "' + "x" * 200_000 + '"}'
    response = api_client.post(url, content, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"] == "请求内容过大，不能超过97KB"
    form = api_client.post(url, {"name": "x" * 200_000})  # multipart: Django's own limit
    assert form.status_code == 413 and chinese(form.json())
    _unchanged(before)


def test_a_null_body_on_a_change_is_a_chinese_400(demo, api_client):
    unit = Unit.objects.filter(agency__short_name="市市场监管局").first()
    login_api(api_client, demo["scjg_admin"])
    response = api_client.patch(f"/api/v1/units/{unit.pk}", "null", content_type="application/json")
    assert response.status_code == 400 and chinese(response.json())


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (f"limit={HUGE}", None, None),
        (f"offset={HUGE}", None, None),
        ("limit=-1", None, None),
    ],
)
@pytest.mark.parametrize(("url", "persona"), LISTS)
def test_pages_of_any_size_are_answered(demo, api_client, url, persona, query, field, message):
    login_api(api_client, demo[persona])
    response = api_client.get(f"{url}?{query}")
    assert response.status_code == 200, response.content[:200]
    assert len(response.json()["results"]) <= 500


@pytest.mark.parametrize(
    ("url", "query", "field", "message"),
    [
        ("/api/v1/training", f"officer={HUGE}", "officer", "数值超出范围"),
        ("/api/v1/training", "year=0", "year", "年度应在1至9999之间"),
        ("/api/v1/training", "year=10000", "year", "年度应在1至9999之间"),
        ("/api/v1/assessments", f"agency={HUGE}", "agency", "数值超出范围"),
        ("/api/v1/assessments", "year=0", "year", "年度应在1至9999之间"),
        ("/api/v1/certificates", f"officer=-{HUGE}", "officer", "数值超出范围"),
        ("/api/v1/reviews", "year=0", "year", "年度应在1至9999之间"),
        ("/api/v1/officers", f"agency={HUGE}", "agency", ""),
        ("/api/v1/matters", f"agency={HUGE}", "agency", ""),
        ("/api/v1/units", f"agency={HUGE}", "agency", ""),
        ("/api/v1/staffing", "year=0", "year", ""),
    ],
)
def test_filter_numbers_beyond_a_column_are_field_errors(
    demo, api_client, url, query, field, message
):
    login_api(api_client, demo["scjg_admin"])
    response = api_client.get(f"{url}?{query}")
    assert response.status_code == 400, response.content[:200]
    body = response.json()
    assert chinese(body) and message in body["errors"][field][0]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agencies",
        "/api/v1/units",
        "/api/v1/officers",
        "/api/v1/matters",
        "/api/v1/benchmarks",
    ],
)
def test_an_id_beyond_any_column_in_the_path_is_404(demo, api_client, url):
    login_api(api_client, demo["scjg_admin"])
    response = api_client.get(f"{url}/{HUGE}")
    assert response.status_code == 404 and chinese(response.json())
    response = api_client.patch(f"{url}/{HUGE}", {}, format="json")
    assert response.status_code in (404, 405)


def test_an_id_beyond_any_column_in_a_body_is_a_field_error(demo, api_client):
    login_api(api_client, demo["scjg_admin"])
    before = LedgerEntry.objects.count()
    response = api_client.post(
        "/api/v1/units", {"agency": int(HUGE), "name": "稽查科", "kind": "other"}, format="json"
    )
    assert response.status_code == 400 and chinese(response.json())
    assert "agency" in response.json()["errors"]
    _unchanged(before)


@pytest.mark.parametrize("unit", ["working", "calendar", "months", "years"])
def test_a_deadline_past_the_year_9999_is_a_chinese_field_error(db, api_client, unit):
    response = api_client.get(f"/api/v1/calendar/deadline?start=9999-12-31&days=1&unit={unit}")
    assert response.status_code == 400, response.content[:200]
    body = response.json()
    assert chinese(body)
    assert all(not m.isascii() for msgs in body["errors"].values() for m in msgs), body


@pytest.mark.parametrize(
    "url",
    [
        "/registry/training/?year=0",
        "/registry/training/?year=10000",
        f"/registry/training/?officer={HUGE}",
        f"/registry/officers/?agency={HUGE}",
        "/registry/assessments/?year=0",
        f"/registry/officers/?page={HUGE}",
        f"/catalog/matters/?agency={HUGE}",
    ],
)
def test_list_pages_answer_hostile_filters_without_a_500(demo, client, url):
    client.force_login(demo["scjg_admin"])
    assert client.get(url).status_code == 200
