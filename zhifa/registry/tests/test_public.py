"""The public pages (no login): each agency's 主体资格 record and its 执法人员信息公示 — never an
ID number (nor its masked form), never an officer who is not on duty in an enforcement post."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.utils import timezone

from zhifa.org.models import Agency, User
from zhifa.registry.models import CertificateState, Officer, OfficerStatus
from zhifa.registry.services import officers as officer_services
from zhifa.registry.tests.test_pages import seeded_city
from zhifa.testing.ledger_guard import writes_around_services


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[dict[str, User]]:
    yield from seeded_city(django_db_blocker)


@pytest.fixture
def admin_of(city, db):
    def admin(short_name: str) -> User:
        return User.objects.get(
            memberships__role="agency_admin", memberships__agency__short_name=short_name
        )

    return admin


def agency(short_name: str) -> Agency:
    return Agency.objects.get(short_name=short_name)


def main_html(response) -> str:
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def public_pages(client) -> dict[str, str]:
    """Every public page that lists officers, by URL: each agency's, and searches."""
    pages = {}
    for pk in Agency.objects.values_list("pk", flat=True):
        url = f"/public/agencies/{pk}/"
        pages[url] = client.get(url).content.decode()
    for q in ("示", "王", "李", "张"):
        url = f"/public/officers/?q={q}"
        pages[url] = client.get(url).content.decode()
    return pages


def test_the_public_pages_need_no_login(city, db, client):
    scjg = agency("市市场监管局")
    for url in ("/public/agencies/", f"/public/agencies/{scjg.pk}/", "/public/officers/"):
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get("/public/agencies/").content.decode()
    assert 'href="/login/"' in html
    assert 'href="/public/agencies/"' in html
    assert 'aria-label="主导航"' not in html  # the staff menu is not there


def test_the_agency_list_is_searchable_by_name(city, db, client):
    page = client.get("/public/agencies/", {"q": "东城区"}).context["page"]
    assert {a.short_name for a in page} == {"东城区司法局", "东城区市场监管局", "东城区城管执法局"}
    html = client.get("/public/agencies/", {"q": "东城区"}, HTTP_HX_REQUEST="true")
    assert "<html" not in html.content.decode()


def test_the_record_shows_the_enforcement_body(city, db, client):
    scjg = agency("市市场监管局")
    html = main_html(client.get(f"/public/agencies/{scjg.pk}/"))
    for text in (
        scjg.name,
        "行政执法机关",
        scjg.region.name,
        scjg.legal_basis,
        scjg.address,
        scjg.complaint_phone,
    ):
        assert text in html
    assert "委托机关" not in html


def test_a_delegated_body_shows_its_delegating_agency_and_term(city, db, client):
    body = agency("南山生态执法大队")
    html = main_html(client.get(f"/public/agencies/{body.pk}/"))
    assert "受委托组织" in html
    assert "委托机关" in html and "示范市生态环境局" in html
    assert body.delegation_agreement in html
    end = body.delegation_end
    assert f"2024年1月1日至{end.year}年{end.month}月{end.day}日" in html


def test_no_page_shows_an_id_number_or_its_masked_form(city, db, client):
    pages = public_pages(client)
    everyone = list(Officer.objects.all())
    assert len(everyone) == 136
    for url, html in pages.items():
        for officer in everyone:
            assert officer.id_number not in html, (url, officer.name)
            assert officer.id_number_masked not in html, (url, officer.name)
        assert "1380001" not in html  # nor the personas' mobile numbers


def test_the_officer_list_shows_name_field_number_and_state(city, db, client):
    scjg = agency("市市场监管局")
    response = client.get(f"/public/agencies/{scjg.pk}/")
    rows = response.context["officers"]
    assert len(rows) == 18
    html = main_html(response)
    today = timezone.localdate()
    for officer in rows:
        certificate = officer.current
        assert officer.name in html and certificate.number in html
        assert certificate.state == certificate.state_on(today)
    states = {o.current.state for o in rows}
    assert {
        CertificateState.VALID,
        CertificateState.SUSPENDED,
        CertificateState.COLLECTED,
    } <= states
    assert "市场监管" in html and "暂扣" in html and "收缴" in html


def test_officers_not_on_duty_in_an_enforcement_post_are_not_listed(city, db, client, admin_of):
    cgzf = agency("市城管执法局")
    retired = Officer.objects.get(agency=cgzf, status=OfficerStatus.RETIRED)
    scjg = agency("市市场监管局")
    admin = admin_of("市市场监管局")
    left, off_duty, desk = Officer.objects.filter(agency=scjg).order_by("pk")[2:5]
    officer_services.update_officer(admin, left, status=OfficerStatus.TRANSFERRED)
    officer_services.update_officer(admin, off_duty, status=OfficerStatus.OFF_DUTY)
    officer_services.update_officer(admin, desk, in_enforcement_post=False)
    hidden = [retired, left, off_duty, desk]
    cgzf_page = client.get(f"/public/agencies/{cgzf.pk}/")
    assert retired.pk not in {o.pk for o in cgzf_page.context["officers"]}
    scjg_page = client.get(f"/public/agencies/{scjg.pk}/")
    listed = {o.pk for o in scjg_page.context["officers"]}
    assert len(listed) == 15 and not listed & {o.pk for o in hidden}
    for officer in hidden:
        found = client.get("/public/officers/", {"q": officer.name}).context["page"]
        assert officer.pk not in {o.pk for o in found}
        for html in (main_html(cgzf_page), main_html(scjg_page)):
            assert f'<td data-label="姓名">{officer.name}</td>' not in html


def test_a_transferred_officer_is_listed_at_the_new_agency_only(city, db, client, admin_of):
    scjg, target = agency("市市场监管局"), agency("东城区市场监管局")
    officer = Officer.objects.filter(agency=scjg).order_by("pk")[3]
    officer_services.transfer_officer(admin_of("市市场监管局"), officer, agency=target)
    old = {o.pk for o in client.get(f"/public/agencies/{scjg.pk}/").context["officers"]}
    new = client.get(f"/public/agencies/{target.pk}/").context["officers"]
    assert officer.pk not in old
    moved = next(o for o in new if o.pk == officer.pk)
    assert moved.current.state == CertificateState.CANCELLED  # recalled on transfer


def test_searching_by_certificate_number_finds_the_officer(city, db, client):
    officer = Officer.objects.filter(agency__short_name="西城区市场监管局").first()
    number = officer.certificates.get().number
    response = client.get("/public/officers/", {"q": number})
    assert [o.pk for o in response.context["page"]] == [officer.pk]
    assert "示范市西城区市场监督管理局" in main_html(response)


def test_an_inactive_agency_is_not_published(city, db, client):
    scjg = agency("市市场监管局")
    with writes_around_services("the agency dissolved, and nothing else about it changed"):
        Agency.objects.filter(pk=scjg.pk).update(is_active=False)
    assert client.get(f"/public/agencies/{scjg.pk}/").status_code == 404
    assert scjg.name not in main_html(client.get("/public/agencies/"))
