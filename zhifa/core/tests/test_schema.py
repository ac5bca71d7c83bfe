"""The OpenAPI schema documents the error answers, and the API's unknown addresses answer JSON."""

from __future__ import annotations

import pytest


@pytest.fixture
def schema(db, client) -> dict:
    return client.get("/api/v1/schema/?format=json").json()


def test_every_operation_documents_the_outage_answer_in_the_error_shape(schema):
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {
        "detail",
        "code",
        "errors",
    }
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert "503" in operation["responses"], f"{method} {path}"


def test_errors_are_documented_where_they_can_happen(schema):
    officer = schema["paths"]["/api/v1/officers/{id}"]
    assert {"401", "403", "404"} <= set(officer["get"]["responses"])
    assert {"400", "413"} <= set(officer["patch"]["responses"])
    deadline = schema["paths"]["/api/v1/calendar/deadline"]["get"]["responses"]
    assert "400" in deadline and "401" not in deadline  # public, and checks its input


def test_staffing_is_one_object_for_the_year(schema, client, demo):
    staffing = schema["paths"]["/api/v1/staffing"]["get"]
    ok = staffing["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Staffing"}
    year = next(p for p in staffing["parameters"] if p["name"] == "year")
    assert (year["schema"]["minimum"], year["schema"]["maximum"]) == (1949, 9999)
    client.force_login(demo["sfj_chen"])
    body = client.get("/api/v1/staffing").json()
    assert set(body) == {"year", "results"}


def test_an_unknown_api_address_answers_json_in_chinese(db, client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "未找到该接口地址或对象",
        "code": "not_found",
        "errors": {},
    }
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
