"""The 日常考核 results on the core list-page helper with the API's AssessmentFilter: the same
filter gives the same results on the page, in the API and in the Excel export; sort, pages and
the HTMX partial; the 东城区 supervisor's export holds none of the city's results."""

# ruff: noqa: F811 (the fixtures imported from test_assessments_pages are parameters here)
from __future__ import annotations

import dataclasses
import io

from django.utils import timezone
from openpyxl import load_workbook

from zhifa.registry.tests.test_assessments_pages import (  # noqa: F401 (fixtures)
    URL,
    as_user,
    indicator_set,
    results,
)
from zhifa.registry.views import assessments as views

EXPORT, API = "/registry/assessments/export.xlsx", "/api/v1/assessments"


def page_ids(client, params: dict) -> list[int]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [a.pk for a in response.context["page"].paginator.object_list]


def export_rows(client, params: dict) -> list[tuple]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)][1:]
    workbook.close()
    return rows


def test_the_same_filter_gives_the_same_results_on_page_api_and_export(client, demo, results, scjg):
    as_user(client, demo["sfj_chen"])
    year = timezone.localdate().year
    params = {"agency": scjg.pk, "period": "第1季度", "year": year}
    found = page_ids(client, params)
    assert len(found) == 2
    api = client.get(API, {**params, "limit": 100}).json()["results"]
    assert sorted(found) == sorted(a["id"] for a in api)
    exported = export_rows(client, params)
    assert sorted(r[0] for r in exported) == ["张伟", "李娜"]
    assert {r[3] for r in exported} == {"第1季度"}
    assert sorted(r[8] for r in exported) == ["不合格", "合格"]


def test_the_results_sort_by_total_and_page(client, demo, results, monkeypatch):
    as_user(client, demo["scjg_admin"])
    by_total = client.get(URL, {"sort": "-total"}).context["page"]
    totals = [a.total for a in by_total]
    assert totals == sorted(totals, reverse=True) and len(totals) == 3
    short = dataclasses.replace(views.ASSESSMENT_LIST, per_page=2)
    monkeypatch.setattr(views, "ASSESSMENT_LIST", short)
    response = client.get(URL, {"sort": "-total", "page": 2})
    assert [a.total for a in response.context["page"]] == totals[2:]
    assert 'aria-current="page">2<' in response.content.decode()
    partial = client.get(URL, {"page": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="assessment-rows"' in partial and "设置考核指标体系" not in partial
    assert "日常考核（" not in partial


def test_the_drop_downs_are_in_chinese(client, demo, results, scjg):
    as_user(client, demo["scjg_admin"])
    html = client.get(URL).content.decode()
    assert '<option value="第2季度">第2季度</option>' in html
    assert '<option value="true">是</option>' in html
    assert f'<option value="{scjg.pk}">' in html


def test_the_dongcheng_supervisors_export_holds_none_of_the_citys_results(client, demo, results):
    as_user(client, demo["dc_sfj_liu"])
    assert export_rows(client, {}) == []
    as_user(client, demo["sfj_chen"])
    assert len(export_rows(client, {})) == 3


def test_those_who_may_not_read_results_may_not_export_them(client, demo, results):
    as_user(client, demo["scjg_zhang"])
    assert client.get(EXPORT).status_code == 403
