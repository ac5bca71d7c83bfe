"""The 执法主体 list on the core list-page helper: the API's AgencyFilter on the page, in the API
and in the Excel export alike; scope (the district supervisor sees the district only); sort,
numbered pages and the HTMX partial."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from zhifa.org.models import Agency

LIST, EXPORT, API = "/agencies/", "/agencies/export.xlsx", "/api/v1/agencies"


def exported(client, params: dict) -> list[str]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    names = [r[0] for r in workbook.worksheets[0].iter_rows(values_only=True)][1:]
    workbook.close()
    return names


def test_the_agency_list_page_api_and_export_agree(demo, client):
    client.force_login(demo["dc_sfj_liu"])
    for params in ({"q": "市场"}, {"kind": "authority"}, {}):
        page = client.get(LIST, params)
        on_page = [a.name for a in page.context["page"].paginator.object_list]
        api = client.get(API, {**params, "limit": 1000}).json()["results"]
        assert sorted(on_page) == sorted(a["name"] for a in api), params
        assert on_page == exported(client, params)
    district = [a.name for a in client.get(LIST).context["page"].paginator.object_list]
    assert district and all("东城区" in name or "镇" in name for name in district)
    assert "示范市市场监督管理局" not in exported(client, {})
    # The city's supervisor sees more, sorted as asked.
    client.force_login(demo["sfj_chen"])
    response = client.get(LIST, {"sort": "-name"})
    names = [a.name for a in response.context["page"].paginator.object_list]
    assert len(names) == Agency.objects.count() and names == sorted(names, reverse=True)
    assert exported(client, {"sort": "-name"}) == names
    html = response.content.decode()
    assert "▼" in html and "---------" not in html
    partial = client.get(LIST, {"sort": "-name"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "<table" in partial.content.decode()


def test_the_user_list_filters_as_the_api_sorts_and_pages(demo, client):
    client.force_login(demo["secadmin"])
    for params in ({"q": "scjg"}, {"role": "officer"}, {"is_active": "true"}):
        page = client.get("/users/", params)
        on_page = [u.username for u in page.context["page"].paginator.object_list]
        api = client.get("/api/v1/users", {**params, "limit": 1000}).json()["results"]
        assert on_page and sorted(on_page) == sorted(u["username"] for u in api), params
    response = client.get("/users/", {"sort": "-username", "q": "_"})
    names = [u.username for u in response.context["page"].paginator.object_list]
    assert names == sorted(names, reverse=True)
    form = response.content.decode().split('<form class="filters"')[1].split("</form>")[0]
    assert "---------" not in form and "未知" not in form and "全部" in form
    partial = client.get("/users/", {"sort": "-username"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "新建用户" not in partial.content.decode()
