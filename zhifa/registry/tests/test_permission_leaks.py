"""Permission leaks: for one officer of 市市场监管局, with an exam result and a certificate review,
the page, the API and the Excel export give every persona the same answer (architecture
invariant 1); outsiders get 404; a write they may not make within their scope is a 403."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

import pytest
from django.db import transaction
from django.test.utils import override_settings
from openpyxl import load_workbook

from zhifa.core.models import LedgerEntry
from zhifa.org import demo as demo_city
from zhifa.org.models import User
from zhifa.registry import demo as registry_city
from zhifa.registry.models import CertificateReview, ExamResult, Officer

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]

#: Who sees a city agency's officer: its staff and the city's supervisor.
SEE = ("scjg_zhang", "scjg_admin", "scjg_wang", "sfj_chen")
#: Who does not: the district's supervisor, another agency's officer, an enterprise, 三员.
DONT = ("dc_sfj_liu", "sthj_xu", "qy_demo", "sysadmin")


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo city and its registry, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_city.seed()
            registry_city.seed()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def people(city, db) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def reviewed(people) -> CertificateReview:
    """A certificate review of a 市市场监管局 officer who also has exam results."""
    return (
        CertificateReview.objects.filter(
            certificate__officer__agency__short_name="市市场监管局",
            certificate__officer__exams__isnull=False,
        )
        .select_related("certificate__officer")
        .first()
    )


def exported_ids(client) -> set[str] | None:
    """The masked ID numbers in the officers export, None when the export is refused."""
    response = client.get("/registry/export/officers.xlsx")
    if response.status_code == 403:
        return None
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content), read_only=True).worksheets[0]
    return {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}


@pytest.mark.parametrize("username", SEE + DONT)
def test_page_api_and_export_agree_on_an_officer_his_exams_and_reviews(
    people, client, api_client, reviewed, username
):
    officer: Officer = reviewed.certificate.officer
    exam = ExamResult.objects.filter(officer=officer).first()
    user = people[username]
    client.force_login(user)
    api_client.force_authenticate(user=user)
    expected = 200 if username in SEE else 404

    page = client.get(f"/registry/officers/{officer.pk}/")
    assert page.status_code == expected
    if expected == 200:
        html = page.content.decode()
        assert reviewed.certificate.number in html
        assert str(reviewed.year) in html
    for url in (
        f"/api/v1/officers/{officer.pk}",
        f"/api/v1/exams/{exam.pk}",
        f"/api/v1/reviews/{reviewed.pk}",
    ):
        assert api_client.get(url).status_code == expected, url
    listed = api_client.get("/api/v1/reviews", {"limit": 1000}).json()
    rows = listed.get("results", listed) if isinstance(listed, dict) else listed
    assert (reviewed.pk in {r["id"] for r in rows}) == (username in SEE)

    ids = exported_ids(client)
    assert (ids is not None and officer.id_number_masked in ids) == (username in SEE)


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 200),  # the keeper: the only one who changes the record
        ("scjg_wang", 403),  # the head sees, may not change
        ("scjg_zhang", 403),
        ("sfj_chen", 403),  # the supervisor sees, may not change
        ("dc_sfj_liu", 404),
        ("sthj_xu", 404),
        ("qy_demo", 404),
        ("sysadmin", 404),
    ],
)
def test_changing_an_officer_gets_the_same_answer_on_the_page_and_the_api(
    people, client, api_client, reviewed, username, status
):
    officer = reviewed.certificate.officer
    user = people[username]
    client.force_login(user)
    api_client.force_authenticate(user=user)
    before = LedgerEntry.objects.count()
    api = api_client.patch(f"/api/v1/officers/{officer.pk}", {"post": "档案员"}, format="json")
    assert api.status_code == status
    page = client.post(
        f"/registry/officers/{officer.pk}/",
        {"act": "edit", "edit-name": officer.name, "edit-post": "档案员"},
    )
    if status == 200:
        assert page.status_code in (200, 302)
    else:
        assert page.status_code == status
        assert LedgerEntry.objects.count() == before
        officer.refresh_from_db()
        assert officer.post != "档案员"


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_wang", 403),
        ("scjg_zhang", 403),
        ("sfj_chen", 403),  # a supervisor may suspend a certificate, not hold its annual review
        ("dc_sfj_liu", 404),
        ("sthj_xu", 404),
        ("qy_demo", 404),
    ],
)
def test_an_annual_review_by_anyone_but_the_keeper_is_refused_alike(
    people, client, api_client, reviewed, username, status
):
    certificate = reviewed.certificate
    user = people[username]
    client.force_login(user)
    api_client.force_authenticate(user=user)
    before = LedgerEntry.objects.count()
    api = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/review",
        {"year": reviewed.year - 1},
        format="json",
    )
    assert api.status_code == status
    page = client.post(
        f"/registry/officers/{certificate.officer_id}/",
        {
            "act": "review",
            "certificate": certificate.pk,
            f"c{certificate.pk}-review-year": reviewed.year - 1,
        },
    )
    assert page.status_code == status
    assert LedgerEntry.objects.count() == before


def test_the_page_offers_the_supervisor_what_the_scope_allows(people, client, reviewed):
    """The city supervisor is offered 暂扣 and 注销 on a valid certificate, never the 年审 or the
    officer's own record: the page asks the same scope as the services."""
    officer = reviewed.certificate.officer
    client.force_login(people["sfj_chen"])
    html = client.get(f"/registry/officers/{officer.pk}/").content.decode()
    assert 'value="cancel"' in html
    assert 'value="review"' not in html and 'value="edit"' not in html
    client.force_login(people["scjg_admin"])
    html = client.get(f"/registry/officers/{officer.pk}/").content.decode()
    assert 'value="review"' in html and 'value="edit"' in html
