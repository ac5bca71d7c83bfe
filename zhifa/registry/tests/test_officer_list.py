"""The officer list on the core list-page helper: the same filter finds the same officers on the
page, in the API and in the Excel export; numbered pages; sort by column; the HTMX partial; the
export keeps to the user's scope and the filter.

The demo city and its registry (136 officers) are seeded once for the module inside a transaction
rolled back at the end; each test runs in a savepoint within it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import QuerySet
from openpyxl import load_workbook

from zhifa.org.models import Agency, User
from zhifa.registry.models import Officer
from zhifa.registry.tests.test_pages import seeded_city

LIST = "/registry/officers/"
EXPORT = "/registry/export/officers.xlsx"


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[dict[str, User]]:
    yield from seeded_city(django_db_blocker)


@pytest.fixture
def people(city, db) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def outside_dongcheng() -> QuerySet[Officer]:
    """Officers of agencies neither in 东城区 nor in a town under it."""
    return Officer.objects.exclude(agency__region__name="东城区").exclude(
        agency__region__parent__name="东城区"
    )


def sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def page_rows(client, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, agency) of every officer the page selects, over all its pages."""
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [(o.name, o.agency.name) for o in response.context["page"].paginator.object_list]


def api_rows(client, params: dict[str, Any]) -> list[tuple[str, str]]:
    response = client.get("/api/v1/officers", {**params, "limit": 1000})
    assert response.status_code == 200, response.content
    return [(o["name"], o["agency_name"]) for o in response.json()["results"]]


def export_rows(client, params: dict[str, Any]) -> list[tuple[str, str]]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    return [(r[0], r[2]) for r in sheet_rows(response.content)[1:]]


def test_the_same_search_finds_the_same_officers_on_page_api_and_export(people, client):
    """What the district supervisor's search finds is one set of officers wherever it is asked,
    and none outside 东城区."""
    client.force_login(people["dc_sfj_liu"])
    officer = Officer.objects.filter(agency__region__name="东城区").order_by("pk")[3]
    surname = officer.name[0]
    params = {"q": surname}
    on_page = page_rows(client, params)
    assert (officer.name, officer.agency.name) in on_page
    assert (
        sorted(on_page) == sorted(api_rows(client, params)) == sorted(export_rows(client, params))
    )
    outsiders = set(
        outside_dongcheng().filter(name__contains=surname).values_list("name", "agency__name")
    )
    assert outsiders, "the search must also match officers the supervisor may not see"
    assert not outsiders & set(on_page)
    # A certificate number is searched too, by all three alike.
    number = officer.certificates.first().number
    assert page_rows(client, {"q": number}) == api_rows(client, {"q": number})
    assert export_rows(client, {"q": number}) == [(officer.name, officer.agency.name)]


def test_a_drop_down_filter_and_the_training_shortfall_agree_too(people, client):
    client.force_login(people["sfj_chen"])
    agency = Agency.objects.get(short_name="东城区城管执法局")
    params = {"agency": agency.pk, "short": "1"}
    short = page_rows(client, params)
    assert 0 < len(short) < Officer.objects.filter(agency=agency).count()
    assert sorted(short) == sorted(api_rows(client, {"agency": agency.pk, "short": "true"}))
    assert sorted(short) == sorted(export_rows(client, params))


def test_the_export_keeps_to_the_users_scope(people, client):
    client.force_login(people["dc_sfj_liu"])
    every = export_rows(client, {})
    assert len(every) == Officer.objects.count() - outside_dongcheng().count() > 0
    assert all("东城区" in agency for _, agency in every)
    # Naming an agency outside the scope finds nobody (it is no choice of theirs).
    outside = Agency.objects.get(short_name="市市场监管局")
    assert client.get(LIST, {"agency": outside.pk}).context["page"].paginator.count == 0
    assert export_rows(client, {"agency": outside.pk}) == []


def test_pages_are_numbered_and_keep_the_filters(people, client):
    client.force_login(people["sfj_chen"])
    response = client.get(LIST, {"page": 3})
    page = response.context["page"]
    assert (page.number, page.paginator.num_pages) == (3, 5)  # 136 officers, 30 a page
    pager = re.search(r'<nav class="pager".*?</nav>', response.content.decode(), re.S).group(0)
    assert '<span class="current" aria-current="page">3</span>' in pager
    assert {int(n) for n in re.findall(r'href="\?page=(\d)"', pager)} == {1, 2, 4, 5}
    assert "上一页" in pager and "下一页" in pager
    filtered = client.get(LIST, {"status": "on_duty", "sort": "-name", "page": 2}).content.decode()
    links = re.findall(r'href="(\?[^"]*page=\d[^"]*)"', filtered)
    assert links and all("status=on_duty" in a and "sort=-name" in a for a in links)


def test_a_column_sorts_both_ways_and_shows_its_arrow(people, client):
    client.force_login(people["dc_sfj_liu"])
    ascending = client.get(LIST, {"sort": "name"})
    names = [o.name for o in ascending.context["page"].paginator.object_list]
    assert names == sorted(names)
    html = ascending.content.decode()
    assert re.search(r'aria-sort="ascending"><a href="\?sort=-name"[^>]*>姓名 <span', html)
    assert "▲" in html
    descending = client.get(LIST, {"sort": "-name"})
    assert [o.name for o in descending.context["page"].paginator.object_list] == names[::-1]
    assert "▼" in descending.content.decode()
    hours = client.get(LIST, {"sort": "-hours"}).context["page"]
    assert [o.hours for o in hours] == sorted((o.hours for o in hours), reverse=True)
    # Only the declared columns sort: anything else is the default order, not an error.
    for sneaky in ("id_number_index", "-agency__memberships__user__password", "fields"):
        response = client.get(LIST, {"sort": sneaky})
        assert response.status_code == 200
        default = [o.pk for o in response.context["page"]]
        assert default == [o.pk for o in client.get(LIST).context["page"]]
    # The export follows the sort.
    exported = [name for name, _ in export_rows(client, {"sort": "-name"})]
    assert exported == names[::-1]


def test_htmx_gets_only_the_table_and_the_pager(people, client):
    client.force_login(people["sfj_chen"])
    response = client.get(LIST, {"sort": "agency", "page": 2}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith("<table") and '<nav class="pager"' in html
    assert "HX-Request" in response["Vary"]
    # A history restore (HTMX asking for a page it has no copy of) gets the whole page.
    restore = client.get(LIST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_the_filter_drop_downs_read_in_chinese(people, client):
    client.force_login(people["sfj_chen"])
    html = client.get(LIST).content.decode()
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group(0)
    assert "---------" not in form and "未知" not in form
    assert '<option value="" selected>全部</option>' in form
    assert "本年度学时不足" in form and 'hx-target="#list-rows"' in form


def test_the_public_agency_list_filters_as_the_api_and_sorts_by_published_officers(people, client):
    """No login: the API's AgencyFilter (without 有效), sortable by how many officers are shown."""
    response = client.get("/public/agencies/", {"q": "市场", "sort": "-published"})
    page = response.context["page"]
    counts = [a.published for a in page]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    names = {a.name for a in page.paginator.object_list}
    expected = Agency.objects.filter(is_active=True, name__contains="市场").values_list(
        "name", flat=True
    )
    assert names == set(expected)
    html = response.content.decode()
    assert "执法人员 <span" in html and 'name="is_active"' not in html
