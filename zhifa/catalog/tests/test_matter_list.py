"""The matter list on the core list-page helper, with the API's MatterFilter: the same ``q`` (which
searches code, name, law and article) finds the same matters on the page, in the API and in the
Excel export; the page's default "本单位" is the filter's ``scope=mine``; sort and pages.

The demo city is seeded once for the module inside a transaction rolled back at the end; each test
runs in a savepoint within it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings
from openpyxl import load_workbook

from zhifa.catalog.filters import MatterFilter
from zhifa.catalog.models import Matter, MatterCategory, MatterLevel
from zhifa.catalog.services import matters
from zhifa.org import demo as demo_city
from zhifa.org.models import Agency, User

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LIST, EXPORT, API = "/catalog/matters/", "/catalog/export/matters.xlsx", "/api/v1/matters"


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo city and 40 matters of two agencies, rolled back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_city.seed()
            seed_matters()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def seed_matters() -> None:
    laws = ["中华人民共和国反不正当竞争法", "中华人民共和国广告法", "中华人民共和国食品安全法"]
    for short_name, prefix, admin in (
        ("市市场监管局", "SC", "scjg_admin"),
        ("东城区城管执法局", "DC", "admin_dc_cgzf"),
    ):
        agency = Agency.objects.get(short_name=short_name)
        actor = User.objects.filter(username=admin).first() or demo_admin(agency)
        for n in range(20):
            matters.create_matter(
                actor,
                agency,
                code=f"{prefix}-{n:03d}",
                name=f"对第{n}类违法行为的行政处罚",
                category=MatterCategory.PENALTY if n % 3 else MatterCategory.INSPECTION,
                level=MatterLevel.CITY if prefix == "SC" else MatterLevel.COUNTY,
                law=laws[n % 3],
                article=f"第{n + 1}条",
                article_text="违反本法规定的，依法处罚。",
            )


def demo_admin(agency: Agency) -> User:
    """An information administrator for an agency the org demo left without one."""
    from zhifa.org.models import Role
    from zhifa.org.services import accounts

    sysadmin = User.objects.get(username="sysadmin")
    secadmin = User.objects.get(username="secadmin")
    user = accounts.create_user(
        sysadmin, username=f"admin_{agency.pk}", full_name="信息管理员", password="Shifan@2026x"
    )
    accounts.grant_role(secadmin, user, role=Role.AGENCY_ADMIN, agency=agency)
    return user


@pytest.fixture
def people(city, db) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def sheet_codes(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [r[0] for r in workbook.worksheets[0].iter_rows(values_only=True)][1:]
    workbook.close()
    return rows


def page_codes(client, params: dict[str, Any]) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [m.code for m in response.context["page"].paginator.object_list]


def api_codes(client, params: dict[str, Any]) -> list[str]:
    response = client.get(API, {**params, "limit": 1000})
    assert response.status_code == 200, response.content
    return [m["code"] for m in response.json()["results"]]


def export_codes(client, params: dict[str, Any]) -> list[str]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    return sheet_codes(response.content)


def test_the_same_q_finds_the_same_matters_on_page_api_and_export(people, client):
    """A law's name is searched everywhere (the page used to search it, the API did not)."""
    client.force_login(people["sfj_chen"])
    for params in ({"q": "广告法"}, {"q": "sc-01"}, {"q": "第7类"}, {"q": "第3条"}):
        everywhere = {"scope": "all", **params}
        found = page_codes(client, everywhere)
        assert found, params
        assert sorted(found) == sorted(api_codes(client, params))
        assert found == export_codes(client, everywhere)  # same order too
    assert sorted(page_codes(client, {"q": "广告法", "scope": "all"})) == sorted(
        m.code for m in Matter.objects.filter(law__contains="广告法")
    )


def test_the_pages_own_agency_default_is_the_filters_scope_mine(people, client):
    """The district supervisor's page starts with 东城区; the API gives the same on scope=mine,
    and the whole catalogue without it."""
    client.force_login(people["dc_sfj_liu"])
    mine = page_codes(client, {"q": "广告法"})
    assert mine and all(code.startswith("DC-") for code in mine)
    assert sorted(mine) == sorted(api_codes(client, {"q": "广告法", "scope": "mine"}))
    assert mine == export_codes(client, {"q": "广告法"})
    assert any(code.startswith("SC-") for code in api_codes(client, {"q": "广告法"}))
    html = client.get(LIST).content.decode()
    assert '<option value="mine" selected>本辖区执法主体</option>' in html
    # Choosing an agency outside one's own looks there.
    scjg = Agency.objects.get(short_name="市市场监管局")
    assert len(page_codes(client, {"agency": scjg.pk})) == 20
    # Those with no agency of their own have no such choice, and see the whole catalogue.
    client.force_login(people["qy_demo"])
    assert len(page_codes(client, {})) == 40 == len(api_codes(client, {}))
    assert 'name="scope"' not in client.get(LIST).content.decode()


def test_the_matter_list_sorts_and_numbers_its_pages(people, client):
    client.force_login(people["sfj_chen"])
    response = client.get(LIST, {"scope": "all", "sort": "-code"})
    codes = [m.code for m in response.context["page"]]
    assert codes == sorted(codes, reverse=True) and codes[0] == "SC-019"
    assert len(codes) == 30 and response.context["page"].paginator.num_pages == 2
    html = response.content.decode()
    assert re.search(r'aria-sort="descending"><a href="\?scope=all&amp;sort=code"', html)
    assert 'href="?scope=all&amp;sort=-code&amp;page=2"' in html
    partial = client.get(
        LIST, {"scope": "all", "sort": "-code", "page": 2}, headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.content.decode()
    assert [m.code for m in partial.context["page"]][-1] == "DC-000"


def test_a_supervisors_scope_reads_their_region_even_after_the_schema_was_built(people, rf):
    """The API schema generator builds the filters' fields once; the label still follows the user."""
    MatterFilter.base_filters["scope"].field  # noqa: B018  (what drf-spectacular does)
    request = rf.get("/")
    request.user = people["dc_sfj_liu"]
    form = MatterFilter({}, request=request).form
    assert dict(form.fields["scope"].choices)["mine"] == "本辖区执法主体"
