"""The 清单报备 page on the core list-page helper with the API's FilingFilter: the same filter
gives the same filings on the page, in the API and in the Excel export; pending filings come
first; sort, pages and the HTMX partial; another agency's filings are in none of them.

The demo city is seeded once for the module inside a transaction rolled back at the end; each test
runs in a savepoint within it.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings
from openpyxl import load_workbook

from zhifa.catalog.models import Filing, FilingStatus, ListKind, MatterCategory, MatterLevel
from zhifa.catalog.services import lists, matters
from zhifa.catalog.tests.approval_fixtures import publish_list
from zhifa.catalog.views import pages
from zhifa.org import demo as demo_city
from zhifa.org.models import User

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LIST, EXPORT, API = "/catalog/filings/", "/catalog/export/filings.xlsx", "/api/v1/filings"
KINDS = (ListKind.RANDOM_INSPECTION, ListKind.RECORDING, ListKind.PUBLICATION)


def file_lists(key: str, code: str) -> list[Filing]:
    """Three lists of the agency published and so filed (one per kind)."""
    agency = demo_city.agency_keys()[key]
    admin = demo_city.agency_admin(
        key, agency, User.objects.get(username="secadmin"), User.objects.get(username="sysadmin")
    )
    matter = matters.create_matter(
        admin,
        agency,
        code=code,
        name="对虚假宣传的行政处罚",
        category=MatterCategory.PENALTY,
        level=MatterLevel.CITY,
        law="中华人民共和国反不正当竞争法",
        article="第二十条",
        article_text="经营者违反本法规定的，依法处罚。",
    )
    filed = []
    for kind in KINDS:
        version = lists.draft_version(admin, agency, kind=kind, effective_on=date(2024, 3, 1))
        lists.add_entry(admin, version, matter=matter, title="虚假宣传", attrs={"说明": "示例"})
        filed.append(publish_list(admin, version))
    return filed


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[dict[str, list[int]]]:
    """The demo city; 市市场监管局 and 东城区城管执法局 each file three lists, the city's
    supervisor acknowledges 市市场监管局's 音像记录事项清单."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_city.seed()
            scjg = file_lists("scjg", "SC-F-001")
            dc = file_lists("dc_cgzf", "DC-F-001")
            chen = User.objects.get(username="sfj_chen")
            lists.handle_filing(chen, scjg[1], acknowledge=True, opinion="")
            yield {"scjg": [f.pk for f in scjg], "dc": [f.pk for f in dc]}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def filed(city, db) -> dict[str, list[int]]:
    return city


def as_(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def page_ids(client, params: dict[str, Any]) -> list[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [f.pk for f in response.context["page"].paginator.object_list]


def api_ids(client, params: dict[str, Any]) -> list[int]:
    response = client.get(API, {**params, "limit": 1000})
    assert response.status_code == 200, response.content
    return [f["id"] for f in response.json()["results"]]


def export_rows(client, params: dict[str, Any]) -> list[tuple]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))[1:]
    workbook.close()
    return rows


def test_the_status_filter_gives_the_same_filings_on_page_api_and_export(filed, client):
    as_(client, "scjg_admin")
    params = {"status": FilingStatus.PENDING}
    found = page_ids(client, params)
    assert sorted(found) == sorted([filed["scjg"][0], filed["scjg"][2]])
    assert sorted(found) == sorted(api_ids(client, params))
    exported = export_rows(client, params)
    assert [r[3] for r in exported] == ["待审查", "待审查"]
    assert len(exported) == len(found)


def test_pending_filings_come_first_and_a_column_sorts(filed, client):
    as_(client, "scjg_admin")
    found = page_ids(client, {})
    assert found[-1] == filed["scjg"][1]  # the acknowledged one after the pending ones
    html = client.get(LIST).content.decode()
    assert "待司法行政部门审查：2件" in html
    by_status = page_ids(client, {"sort": "-status"})
    assert by_status[0] == filed["scjg"][1]


def test_another_agencys_filings_are_in_neither_page_nor_export(filed, client):
    as_(client, "scjg_admin")
    assert not set(filed["dc"]) & set(page_ids(client, {}))
    exported = export_rows(client, {})
    assert len(exported) == 3
    assert all("城管" not in r[2] for r in exported)
    # The city's supervisor sees both agencies' filings.
    as_(client, "sfj_chen")
    assert set(filed["dc"] + filed["scjg"]) <= set(page_ids(client, {}))


def test_page_two_and_the_htmx_partial(filed, client, monkeypatch):
    monkeypatch.setattr(pages, "FILING_LIST", dataclasses.replace(pages.FILING_LIST, per_page=2))
    as_(client, "scjg_admin")
    response = client.get(LIST, {"page": 2, "sort": "created"})
    assert response.status_code == 200
    assert [f.pk for f in response.context["page"]] == [filed["scjg"][2]]
    html = response.content.decode()
    assert 'aria-current="page">2<' in html
    partial = client.get(LIST, {"page": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="filing-rows"' in partial and "<html" not in partial
    assert "清单报备</h1>" not in partial


def test_the_status_drop_down_is_in_chinese(filed, client):
    as_(client, "scjg_admin")
    html = client.get(LIST).content.decode()
    assert '<option value="" selected>全部</option>' in html
    assert '<option value="acknowledged">已备案</option>' in html


def test_those_who_do_not_read_filings_may_not_export_them(filed, client):
    as_(client, "scjg_zhang")
    assert client.get(EXPORT).status_code == 403
