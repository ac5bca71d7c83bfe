"""Permission leaks: a filing (报备) and a draft benchmark of 市市场监管局 get the same answer from
the page and the API for every persona (architecture invariant 1). Outsiders get 404; a write
within the scope by someone who may not make it is a 403 and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test.utils import override_settings

from zhifa.catalog.models import Filing, FilingStatus
from zhifa.catalog.tests.test_api_data import Catalog
from zhifa.core.models import LedgerEntry
from zhifa.org import demo as demo_city
from zhifa.org.models import User

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PERSONAS = (
    "scjg_zhang",  # officer
    "scjg_admin",  # information administrator
    "scjg_wang",  # head
    "sfj_chen",  # city supervisor
    "dc_sfj_liu",  # district supervisor
    "sthj_xu",  # another agency's officer
    "qy_demo",  # enterprise
    "sysadmin",
)
#: Who reads the agency's filing: its head and administrator and the city's supervisor; not its
#: officers (it is the agency's correspondence with the justice bureau).
READS_FILING = {"scjg_admin", "scjg_wang", "sfj_chen"}
#: Who sees a draft benchmark: the agency's staff and the city's supervisor.
SEES_DRAFT = {"scjg_zhang", "scjg_admin", "scjg_wang", "sfj_chen"}


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[SimpleNamespace]:
    """The demo city with a filed list and a draft benchmark, built once, rolled back after."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_city.seed()
            catalog = Catalog({u.username: u for u in User.objects.all()})
            matter = catalog.matter()
            filing = catalog.filing(catalog.random_inspection(matter))
            draft = catalog.benchmark(matter, publish=False)
            yield SimpleNamespace(filing_pk=filing.pk, draft_pk=draft.pk)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def people(city, db) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def signed_in(client, api_client, user: User) -> None:
    client.force_login(user)
    api_client.force_authenticate(user=user)


def api_ids(api_client, url: str) -> set[int]:
    body = api_client.get(url, {"limit": 1000}).json()
    return {row["id"] for row in body["results"]}


@pytest.mark.parametrize("username", PERSONAS)
def test_a_filing_gets_the_same_answer_on_the_page_and_the_api(
    city, people, client, api_client, username
):
    signed_in(client, api_client, people[username])
    expected = 200 if username in READS_FILING else 404
    assert client.get(f"/catalog/filings/{city.filing_pk}/").status_code == expected
    assert api_client.get(f"/api/v1/filings/{city.filing_pk}").status_code == expected
    assert (city.filing_pk in api_ids(api_client, "/api/v1/filings")) == (username in READS_FILING)
    filing = Filing.objects.select_related("version").get(pk=city.filing_pk)
    narrowed = {"agency": filing.version.agency_id, "kind": filing.version.kind}
    listing = client.get("/catalog/filings/", narrowed)
    if listing.status_code == 200:
        shown = {f.pk for f in listing.context["page"]}
        assert (city.filing_pk in shown) == (username in READS_FILING)
    else:  # the list page is for the roles that read filings at all
        assert listing.status_code == 403 and username not in READS_FILING


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 403),  # sees it, is not the receiving bureau
        ("scjg_wang", 403),
        ("scjg_zhang", 404),
        ("dc_sfj_liu", 404),
        ("sthj_xu", 404),
        ("qy_demo", 404),
        ("sysadmin", 404),
    ],
)
def test_only_the_receiving_bureau_reviews_a_filing_on_the_page_and_the_api(
    city, people, client, api_client, username, status
):
    signed_in(client, api_client, people[username])
    before = LedgerEntry.objects.count()
    api = api_client.post(
        f"/api/v1/filings/{city.filing_pk}/acknowledge", {"opinion": "同意"}, format="json"
    )
    assert api.status_code == status
    page = client.post(
        f"/catalog/filings/{city.filing_pk}/", {"act": "acknowledge", "handle-opinion": "同意"}
    )
    assert page.status_code == status
    assert LedgerEntry.objects.count() == before
    assert Filing.objects.get(pk=city.filing_pk).status == FilingStatus.PENDING


def test_the_city_supervisor_reviews_the_filing_on_the_page(city, people, client):
    client.force_login(people["sfj_chen"])
    page = client.get(f"/catalog/filings/{city.filing_pk}/")
    assert page.context["may_handle"]
    response = client.post(
        f"/catalog/filings/{city.filing_pk}/", {"act": "acknowledge", "handle-opinion": "同意"}
    )
    assert response.status_code == 302
    assert Filing.objects.get(pk=city.filing_pk).status == FilingStatus.ACKNOWLEDGED


@pytest.mark.parametrize("username", PERSONAS)
def test_a_draft_benchmark_gets_the_same_answer_on_the_page_and_the_api(
    city, people, client, api_client, username
):
    signed_in(client, api_client, people[username])
    expected = 200 if username in SEES_DRAFT else 404
    assert client.get(f"/catalog/benchmarks/{city.draft_pk}/").status_code == expected
    assert api_client.get(f"/api/v1/benchmarks/{city.draft_pk}").status_code == expected
    assert (city.draft_pk in api_ids(api_client, "/api/v1/benchmarks")) == (username in SEES_DRAFT)


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_wang", 403),
        ("scjg_zhang", 403),
        ("sfj_chen", 403),
        ("dc_sfj_liu", 404),
        ("sthj_xu", 404),
        ("qy_demo", 404),
        ("sysadmin", 404),
    ],
)
def test_publishing_a_draft_benchmark_is_the_keepers_alone(
    city, people, client, api_client, username, status
):
    signed_in(client, api_client, people[username])
    before = LedgerEntry.objects.count()
    assert api_client.post(f"/api/v1/benchmarks/{city.draft_pk}/publish").status_code == status
    page = client.post(f"/catalog/benchmarks/{city.draft_pk}/", {"act": "publish"})
    assert page.status_code == status
    assert LedgerEntry.objects.count() == before
