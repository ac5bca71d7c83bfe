"""The public 执法证件查询 on the core list-page helper: a certificate number finds its officer
as printed or without its prefix; a name search pages, sorts and swaps its table over HTMX; an
officer not on duty in an enforcement post is never found; nothing is listed without a query."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator

import pytest

from zhifa.org.models import Agency, User
from zhifa.registry.models import Officer, OfficerStatus
from zhifa.registry.services import officers as officer_services
from zhifa.registry.tests.test_pages import seeded_city
from zhifa.registry.views import public

SEARCH = "/public/officers/"


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[dict[str, User]]:
    yield from seeded_city(django_db_blocker)


def found(client, params: dict) -> list[int]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return [o.pk for o in response.context["page"].paginator.object_list]


def common_pair() -> str:
    """The two characters most names of the published officers share (a query of 2+ chars)."""
    published = public.published_officers().values_list("name", flat=True)
    pairs = Counter(n[i : i + 2] for n in published for i in range(len(n) - 1))
    return pairs.most_common(1)[0][0]


def test_a_certificate_number_is_found_with_or_without_its_prefix(city, db, client):
    officer = Officer.objects.filter(agency__short_name="西城区市场监管局").first()
    number = officer.certificates.get().number
    digits = number.lstrip("示")
    assert digits != number
    assert found(client, {"q": number}) == [officer.pk]
    assert found(client, {"q": digits}) == [officer.pk]
    assert found(client, {"q": digits[:-1]}) == []  # part of a number verifies nothing


def test_nothing_is_listed_without_a_query_and_a_short_one_is_refused(city, db, client):
    response = client.get(SEARCH)
    assert response.context["page"] is None
    response = client.get(SEARCH, {"q": "王"})
    assert response.context["page"] is None
    assert "至少" in response.content.decode()


def test_an_officer_off_duty_is_not_found(city, db, client):
    scjg = Agency.objects.get(short_name="市市场监管局")
    officer = Officer.objects.filter(agency=scjg).order_by("pk")[1]
    number = officer.certificates.get().number
    assert found(client, {"q": number}) == [officer.pk]
    admin = User.objects.get(memberships__role="agency_admin", memberships__agency=scjg)
    officer_services.update_officer(admin, officer, status=OfficerStatus.OFF_DUTY)
    assert found(client, {"q": number}) == []


def test_a_name_search_sorts_pages_and_swaps_only_its_table(city, db, client, monkeypatch):
    q = common_pair()
    everyone = found(client, {"q": q})
    assert len(everyone) >= 3
    by_name = found(client, {"q": q, "sort": "-name"})
    names = list(Officer.objects.filter(pk__in=by_name).values_list("name", flat=True))
    assert sorted(by_name) == sorted(everyone)
    first = Officer.objects.get(pk=by_name[0]).name
    assert first == max(names)
    short = dataclasses.replace(public.PUBLIC_OFFICER_SEARCH, per_page=2)
    monkeypatch.setattr(public, "PUBLIC_OFFICER_SEARCH", short)
    response = client.get(SEARCH, {"q": q, "sort": "-name", "page": 2})
    assert [o.pk for o in response.context["page"]] == by_name[2:4]
    assert 'aria-current="page">2<' in response.content.decode()
    partial = client.get(SEARCH, {"q": q, "page": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="officer-rows"' in partial and "执法证件查询</h1>" not in partial


def test_the_agency_drop_down_narrows_the_search_in_chinese(city, db, client):
    q = common_pair()
    everyone = Officer.objects.filter(pk__in=found(client, {"q": q}))
    agency = everyone.first().agency
    within = found(client, {"q": q, "agency": agency.pk})
    assert sorted(within) == sorted(everyone.filter(agency=agency).values_list("pk", flat=True))
    html = client.get(SEARCH, {"q": q}).content.decode()
    assert '<option value="" selected>全部</option>' in html
    assert f'<option value="{agency.pk}">{agency.name}</option>' in html
