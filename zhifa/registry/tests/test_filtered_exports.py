"""The certificate and training-record exports follow the officer list's filters, as its officer
export does: the officers the page shows, their certificates, their training records — never an
officer outside the user's scope."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zhifa.org.models import User
from zhifa.registry.models import Certificate, Officer, TrainingRecord
from zhifa.registry.tests.test_excel_officers import sheet_rows
from zhifa.registry.tests.test_pages import seeded_city

CERTIFICATES, TRAINING = "/registry/export/certificates.xlsx", "/registry/export/training.xlsx"


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[dict[str, User]]:
    yield from seeded_city(django_db_blocker)


@pytest.fixture
def admin_client(city, db, client):
    client.force_login(User.objects.get(username="scjg_admin"))
    return client


def certificate_numbers(client, params: dict) -> list[str]:
    response = client.get(CERTIFICATES, params)
    assert response.status_code == 200
    return [str(row[0]) for row in sheet_rows(response.content)[1:]]


def test_the_certificate_export_follows_the_officer_lists_search(admin_client):
    officer = Officer.objects.filter(agency__short_name="市市场监管局").order_by("pk")[2]
    numbers = sorted(officer.certificates.values_list("number", flat=True))
    assert numbers
    assert certificate_numbers(admin_client, {"q": officer.name}) == numbers
    page = admin_client.get("/registry/officers/", {"q": officer.name})
    assert [o.pk for o in page.context["page"]] == [officer.pk]
    api = admin_client.get("/api/v1/certificates", {"officer": officer.pk, "limit": 100})
    assert sorted(c["number"] for c in api.json()["results"]) == numbers


def test_the_training_export_follows_the_officer_lists_search(admin_client):
    officer = (
        Officer.objects.filter(agency__short_name="市市场监管局", training__isnull=False)
        .distinct()
        .first()
    )
    response = admin_client.get(TRAINING, {"q": officer.name})
    assert response.status_code == 200
    rows = sheet_rows(response.content)[1:]
    assert len(rows) == TrainingRecord.objects.filter(officer=officer).count() > 0
    assert {row[0] for row in rows} == {officer.id_number_masked}


def test_no_export_holds_another_agencys_officers(admin_client):
    own = set(
        Certificate.objects.filter(officer__agency__short_name="市市场监管局").values_list(
            "number", flat=True
        )
    )
    exported = certificate_numbers(admin_client, {})
    assert exported and set(exported) <= own
    # Searching for another agency's officer finds nothing of theirs.
    outsider = Officer.objects.exclude(agency__short_name="市市场监管局").first()
    theirs = set(outsider.certificates.values_list("number", flat=True))
    assert theirs and not theirs & set(certificate_numbers(admin_client, {"q": outsider.name}))
    training = sheet_rows(admin_client.get(TRAINING, {"q": outsider.name}).content)[1:]
    namesakes = TrainingRecord.objects.filter(
        officer__agency__short_name="市市场监管局", officer__name__contains=outsider.name
    )
    assert len(training) == namesakes.count()
