"""The public entrance: an anonymous visitor at / lands on the public portal (not the login page),
searches bodies, officers (by certificate number with or without its prefix), matters (name, code,
law and article), benchmarks and guides, with numbered pages; no personal ID number is shown.

The demo city (organisation, registry and catalogue) is seeded once for the module inside a
transaction rolled back at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test.utils import override_settings

from zhifa.catalog import demo as catalog_city
from zhifa.catalog.models import BenchmarkStatus, DiscretionBenchmark, ListKind, ListVersion
from zhifa.org import demo as org_city
from zhifa.org.models import User
from zhifa.registry import demo as registry_city
from zhifa.registry.models import Certificate, CertificateStatus, Officer, OfficerStatus

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ID_NUMBER = re.compile(r"\d{17}[\dX]")


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org_city.seed()
            registry_city.seed()
            catalog_city.seed()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def anon(city, db, client):
    return client


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url", ["/", "/public/"])
def test_an_anonymous_visitor_lands_on_the_public_portal(anon, url):
    response = anon.get(url)
    assert response.status_code == 200
    html = text(response)
    assert "示范市行政执法信息公示" in html
    assert 'role="search"' in html
    assert "工作人员登录" in html  # staff still find the way in


def test_a_signed_in_user_gets_the_workbench_at_the_root(anon):
    anon.force_login(User.objects.get(username="scjg_zhang"))
    html = text(anon.get("/"))
    assert "我的执法资格" in html
    assert "示范市行政执法信息公示" not in html


def test_the_search_covers_every_kind_the_apps_publish(anon):
    html = text(anon.get("/public/search/", {"q": "食品"}))
    for key in ("agencies", "officers", "matters", "benchmarks", "service_guides"):
        assert f'data-testid="search-{key}"' in html
    matters = re.search(r'data-testid="search-matters">\s*<h2>执法事项 <small>(\d+)条', html)
    assert matters and int(matters.group(1)) > 5
    assert "有裁量基准" in html  # a matter with a published benchmark is marked


def test_a_matter_is_found_by_its_law_and_article(anon):
    benchmark = DiscretionBenchmark.objects.filter(status=BenchmarkStatus.PUBLISHED).first()
    matter = benchmark.matter
    html = text(anon.get("/public/search/", {"q": matter.article, "kind": "matters"}))
    assert matter.name in html
    html = text(anon.get("/public/search/", {"q": matter.code, "kind": "matters"}))
    assert f"{matter.code} {matter.name}" in html


def test_an_officer_is_found_by_certificate_number_with_or_without_its_prefix(anon):
    certificate = (
        Certificate.objects.filter(
            status=CertificateStatus.VALID,
            officer__status=OfficerStatus.ON_DUTY,
            officer__in_enforcement_post=True,
        )
        .select_related("officer")
        .first()
    )
    number = certificate.number
    assert not number[0].isdigit(), "demo numbers carry a letter prefix (示…)"
    bare = number.lstrip("示")
    for q in (number, bare):
        html = text(anon.get("/public/search/", {"q": q, "kind": "officers"}))
        assert certificate.officer.name in html, q
        page = text(anon.get("/public/officers/", {"q": q}))
        assert certificate.officer.name in page, q
    # A few digits of a number find nothing: a certificate is checked by its whole number.
    assert certificate.officer.name not in text(
        anon.get("/public/search/", {"q": bare[-4:], "kind": "officers"})
    )


def test_results_have_numbered_pages(anon):
    first = text(anon.get("/public/search/", {"q": "法", "kind": "matters"}))
    assert 'aria-current="page">1<' in first
    assert "kind=matters&amp;page=2" in first
    second = text(anon.get("/public/search/", {"q": "法", "kind": "matters", "page": 2}))
    assert 'aria-current="page">2<' in second
    assert first != second


def test_no_personal_id_number_appears_in_the_public_search(anon):
    officer = Officer.objects.filter(status=OfficerStatus.ON_DUTY).first()
    html = text(anon.get("/public/search/", {"q": officer.name}))
    assert officer.name in html
    assert not ID_NUMBER.search(html)
    assert officer.id_number not in html


def test_an_empty_or_overlong_query_is_answered_not_crashed_on(anon):
    assert anon.get("/public/search/").status_code == 200
    long = anon.get("/public/search/", {"q": "法" * 500})
    assert long.status_code == 200
    assert 'class="field-error"' in text(long)  # the form says the words are too long


def test_four_list_entries_read_may_or_shall_not_debug_text(anon):
    version = (
        ListVersion.objects.filter(kind=ListKind.NO_PENALTY, published_at__isnull=False)
        .order_by("pk")
        .first()
    )
    html = text(anon.get(f"/public/catalog/lists/versions/{version.pk}/"))
    assert "may" not in html
    assert "True" not in html and "False" not in html


def test_the_public_matter_list_marks_matters_with_a_benchmark(anon):
    benchmark = DiscretionBenchmark.objects.filter(status=BenchmarkStatus.PUBLISHED).first()
    marked = text(anon.get("/public/catalog/", {"q": benchmark.matter.code}))
    assert 'data-testid="has-benchmark"' in marked
    without = DiscretionBenchmark.objects.values("matter")
    plain = benchmark.matter.agency.matters.exclude(pk__in=without).first()
    html = text(anon.get("/public/catalog/", {"q": plain.code}))
    assert plain.name in html and 'data-testid="has-benchmark"' not in html
