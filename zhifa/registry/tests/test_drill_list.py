"""The 岗位练兵 list of the training page on the core list-page helper: this year's drills of the
administrator's own agency by default, filtered, sorted and paged alike on the page and in the
Excel export; another agency's drills are in neither; the table swaps alone over HTMX."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from zhifa.org.models import Agency, User
from zhifa.registry.models import Drill, Officer, OfficerStatus
from zhifa.registry.services import training
from zhifa.registry.tests.test_pages import seeded_city
from zhifa.registry.views import drills as views

PAGE, EXPORT = "/registry/training/", "/registry/training/drills.xlsx"


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[dict[str, User]]:
    yield from seeded_city(django_db_blocker)


def hold(short_name: str, admin: str, title: str, held_on) -> Drill:
    agency = Agency.objects.get(short_name=short_name)
    people = Officer.objects.filter(agency=agency, status=OfficerStatus.ON_DUTY)[:3]
    actor = User.objects.get(username=admin)
    return training.record_drill(actor, agency, title=title, held_on=held_on, participants=people)


@pytest.fixture
def drills(midyear, city, db) -> dict[str, list[int]]:
    """Four drills of 市市场监管局 this year and one last year; one of 西城区市场监管局."""
    own = [
        hold("市市场监管局", "scjg_admin", f"第{n}次现场检查练兵", midyear - timedelta(days=n))
        for n in range(4)
    ]
    old = hold("市市场监管局", "scjg_admin", "去年的练兵", midyear.replace(year=midyear.year - 1))
    other = hold("西城区市场监管局", "admin_xc_scjg", "西城区练兵", midyear)
    return {"own": [d.pk for d in own], "old": [old.pk], "other": [other.pk]}


def own_this_year(year: int, *order: str) -> list[int]:
    """市市场监管局's drills of ``year`` (the demo's own and the fixture's), in ``order``."""
    rows = Drill.objects.filter(agency__short_name="市市场监管局", held_on__year=year)
    return list(rows.order_by(*order, "pk").values_list("pk", flat=True))


def page_ids(client, params: dict) -> list[int]:
    response = client.get(PAGE, params)
    assert response.status_code == 200
    return [d.pk for d in response.context["page"].paginator.object_list]


def export_titles(client, params: dict) -> list[str]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = [r[2] for r in workbook.worksheets[0].iter_rows(values_only=True)][1:]
    workbook.close()
    return rows


def test_this_years_own_drills_by_default_on_page_and_export(midyear, drills, client):
    client.force_login(User.objects.get(username="scjg_admin"))
    expected = own_this_year(midyear.year, "-held_on")  # latest first
    assert set(drills["own"]) <= set(expected)
    assert page_ids(client, {}) == expected
    titles = export_titles(client, {})
    assert titles == [Drill.objects.get(pk=pk).title for pk in expected]
    assert "西城区练兵" not in titles and "去年的练兵" not in titles
    last_year = {"year": Drill.objects.get(pk=drills["old"][0]).held_on.year}
    assert page_ids(client, last_year) == drills["old"]
    assert export_titles(client, last_year) == ["去年的练兵"]


def test_a_search_and_a_sort_give_the_same_rows_on_page_and_export(drills, client):
    client.force_login(User.objects.get(username="scjg_admin"))
    params = {"q": "第2次", "sort": "title"}
    assert page_ids(client, params) == [drills["own"][2]]
    assert export_titles(client, params) == ["第2次现场检查练兵"]
    year = Drill.objects.get(pk=drills["own"][0]).held_on.year
    assert page_ids(client, {"sort": "held_on"}) == own_this_year(year, "held_on")


def test_page_two_and_the_htmx_partial(midyear, drills, client, monkeypatch):
    monkeypatch.setattr(views, "DRILL_LIST", dataclasses.replace(views.DRILL_LIST, per_page=3))
    client.force_login(User.objects.get(username="scjg_admin"))
    response = client.get(PAGE, {"page": 2})
    assert [d.pk for d in response.context["page"]] == own_this_year(midyear.year, "-held_on")[3:6]
    assert 'aria-current="page">2<' in response.content.decode()
    partial = client.get(PAGE, {"page": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="drill-rows"' in partial and "集中培训" not in partial


def test_only_information_administrators_export_drills(drills, client):
    client.force_login(User.objects.get(username="scjg_wang"))
    assert client.get(EXPORT).status_code == 403
