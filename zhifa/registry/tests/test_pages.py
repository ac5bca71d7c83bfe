"""The registry pages: who may open them (404 for an officer out of scope, 403 for a write by
someone who may not), the officer list and record, certificate actions through the services,
staffing shortfalls, training campaigns and drills, and the 工作台 panels.

The demo city is seeded once for the module (seeding through the services takes seconds) inside a
transaction rolled back at the end; each test runs in a savepoint within it, as usual.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from zhifa.core.models import LedgerEntry
from zhifa.org import demo as demo_city
from zhifa.org.models import Agency, EnforcementField, User
from zhifa.registry import demo as registry_city
from zhifa.registry.models import (
    Certificate,
    CertificateState,
    CertificateStatus,
    Drill,
    Officer,
    OfficerStatus,
    Suspension,
    TrainingRecord,
)
from zhifa.registry.tests.helpers import id_number
from zhifa.testing.ledger_guard import writes_around_services

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seeded_city(django_db_blocker) -> Iterator[dict[str, User]]:
    """Seed the demo city and its registry in an open transaction; roll it all back afterwards."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_city.seed()
            registry_city.seed()
            yield {u.username: u for u in User.objects.all()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[dict[str, User]]:
    yield from seeded_city(django_db_blocker)


@pytest.fixture
def people(city, db) -> dict[str, User]:
    """The personas by username, fresh from the database for each test."""
    return {u.username: u for u in User.objects.all()}


def agency(short_name: str) -> Agency:
    return Agency.objects.get(short_name=short_name)


def officer_of(short_name: str, index: int = 0) -> Officer:
    return Officer.objects.filter(agency__short_name=short_name).order_by("pk")[index]


def suspended_officer() -> Officer:
    """市市场监管局's officer whose certificate the demo suspended."""
    return Officer.objects.get(certificates__suspensions__isnull=False)


def valid_certificate(officer: Officer) -> Certificate:
    today = timezone.localdate()
    return next(
        c
        for c in officer.certificates.prefetch_related("suspensions")
        if c.state_on(today) == CertificateState.VALID
    )


def valid_certificate_or_none(officer: Officer) -> Certificate | None:
    try:
        return valid_certificate(officer)
    except StopIteration:
        return None


def main_html(response) -> str:
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def ledger_count() -> int:
    return LedgerEntry.objects.count()


def detail(pk: int) -> str:
    return f"/registry/officers/{pk}/"


# ---------------------------------------------------------------------------------------------
# Who may open what
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 200),
        ("scjg_wang", 200),
        ("scjg_zhang", 200),
        ("sfj_chen", 200),
        ("dc_sfj_liu", 200),
        ("admin_dc_cgzf", 200),
        ("qy_demo", 403),
        ("shjd_wu", 403),
        ("sysadmin", 403),
        ("auditadmin", 403),
    ],
)
def test_the_officer_list_answers_business_roles_only(people, client, username, status):
    client.force_login(people[username])
    assert client.get("/registry/officers/").status_code == status


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 200),
        ("scjg_wang", 200),
        ("scjg_zhang", 200),
        ("sfj_chen", 200),
        ("admin_dc_cgzf", 404),
        ("dc_sfj_liu", 404),
        ("sthj_xu", 404),
        ("qy_demo", 404),
        ("sysadmin", 404),
        ("auditadmin", 404),
    ],
)
def test_an_officer_out_of_scope_is_not_found(people, client, username, status):
    officer = officer_of("市市场监管局")
    client.force_login(people[username])
    assert client.get(detail(officer.pk)).status_code == status


def test_pages_need_a_login(people, client):
    officer = officer_of("市市场监管局")
    for url in ("/registry/officers/", detail(officer.pk), "/registry/staffing/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 200),
        ("scjg_wang", 200),
        ("sfj_chen", 200),
        ("dc_sfj_liu", 200),
        ("scjg_zhang", 403),
        ("qy_demo", 403),
        ("sysadmin", 403),
    ],
)
def test_the_staffing_page_is_for_heads_admins_and_supervisors(people, client, username, status):
    client.force_login(people[username])
    assert client.get("/registry/staffing/").status_code == status


@pytest.mark.parametrize(
    ("username", "status"),
    [("scjg_admin", 200), ("scjg_wang", 403), ("sfj_chen", 403), ("scjg_zhang", 403)],
)
def test_registering_officers_and_training_is_for_admins(people, client, username, status):
    client.force_login(people[username])
    assert client.get("/registry/officers/new/").status_code == status
    assert client.get("/registry/training/").status_code == status


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------


def test_the_list_shows_only_the_users_agency(people, client):
    client.force_login(people["admin_dc_cgzf"])
    response = client.get("/registry/officers/")
    page = response.context["page"]
    assert page.paginator.count == 20
    assert {o.agency.short_name for o in page} == {"东城区城管执法局"}
    assert "示范市市场监督管理局" not in main_html(response)


def test_the_list_shows_certificate_state_and_hours(people, client):
    client.force_login(people["scjg_admin"])
    html = main_html(client.get("/registry/officers/"))
    suspended = suspended_officer()
    row = re.search(rf"{suspended.name}</a>.*?</tr>", html, re.S).group(0)
    number = suspended.certificates.get().number
    assert number in row
    assert "state-suspended" in row and "暂扣" in row
    assert "收缴" in html and "有效" in html
    assert re.search(r"\d+/60", row)


def test_the_list_searches_by_name_and_certificate_number(people, client):
    client.force_login(people["sfj_chen"])
    officer = officer_of("东城区市场监管局", 3)
    number = officer.certificates.get().number
    by_number = client.get("/registry/officers/", {"q": number}).context["page"]
    assert [o.pk for o in by_number] == [officer.pk]
    by_name = client.get("/registry/officers/", {"q": officer.name}).context["page"]
    assert officer.pk in [o.pk for o in by_name]


def test_htmx_gets_the_rows_only(people, client):
    client.force_login(people["scjg_admin"])
    response = client.get("/registry/officers/", {"q": "张"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<table" in html and "<html" not in html
    assert "张伟" in html


def test_the_list_sums_hours_once_per_officer_when_searching_certificates(people, client):
    """The search joins certificates: the hours must not be multiplied by it."""
    client.force_login(people["scjg_admin"])
    officer = officer_of("市市场监管局", 2)
    expected = sum(
        officer.training.filter(held_on__year=timezone.localdate().year).values_list(
            "hours", flat=True
        ),
        Decimal(0),
    )
    page = client.get("/registry/officers/", {"q": "示"}).context["page"]
    assert next(o for o in page if o.pk == officer.pk).hours == expected


def test_the_list_reads_in_a_fixed_number_of_queries(people, client):
    client.force_login(people["sfj_chen"])
    client.get("/registry/officers/")  # warm the session and the parameter cache
    with CaptureQueriesContext(connection) as full_page:
        response = client.get("/registry/officers/")
    assert len(response.context["page"]) == 30
    with CaptureQueriesContext(connection) as last_page:
        response = client.get("/registry/officers/", {"page": 5})
    assert len(response.context["page"]) == 136 - 4 * 30
    assert len(full_page) == len(last_page) <= 15


def test_the_short_of_training_link_lists_the_counted_officers(people, client):
    client.force_login(people["dc_sfj_liu"])
    staffing = client.get("/registry/staffing/")
    row = next(r for r in staffing.context["rows"] if r.agency.short_name == "东城区城管执法局")
    link = re.search(
        rf'href="(/registry/officers/\?agency={row.agency.pk}&amp;[^"]*short=1)"',
        staffing.content.decode(),
    ).group(1)
    listing = client.get(link.replace("&amp;", "&"))
    assert listing.context["page"].paginator.count == row.short_of_training > 0
    assert all(o.hours < 60 for o in listing.context["page"])


# ---------------------------------------------------------------------------------------------
# The record
# ---------------------------------------------------------------------------------------------


def test_the_record_shows_the_masked_id_number_only(people, client):
    officer = officer_of("市市场监管局")
    for username in ("scjg_admin", "scjg_wang", "sfj_chen"):
        client.force_login(people[username])
        html = client.get(detail(officer.pk)).content.decode()
        assert officer.id_number_masked in html
        assert officer.id_number not in html


def test_the_record_shows_every_reason_the_officer_may_not_enforce(people, client):
    officer = suspended_officer()
    client.force_login(people["scjg_wang"])
    html = main_html(client.get(detail(officer.pk)))
    number = officer.certificates.get().number
    assert f"证件{number}暂扣" in html
    assert "暂扣期间不得从事执法活动" in html
    assert "不能从事新的行政执法工作" in html


def test_on_new_years_day_the_record_shows_the_review_due_and_the_days_left(people, client):
    """The New Year cliff: certificates stay in force while last year's review is due."""
    year = timezone.localdate().year
    officer = next(
        o
        for o in Officer.objects.filter(agency__short_name="市市场监管局").order_by("pk")
        if valid_certificate_or_none(o)
        and not valid_certificate_or_none(o).reviews.filter(year=year)
    )
    number = valid_certificate_or_none(officer).number
    new_year = datetime(year + 1, 1, 15, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(new_year, tick=False):
        client.force_login(people["scjg_admin"])
        response = client.get(detail(officer.pk))
    assert response.context["eligibility"].ok
    left = (date(year + 1, 3, 31) - date(year + 1, 1, 15)).days  # 75, or 76 in a leap year
    assert (
        f"证件{number}的{year}年度年审须于{year + 1}年3月31日前完成（还剩{left}天）"
        in main_html(response)
    )


def test_the_record_shows_a_valid_verdict_and_training_progress(people, client):
    officer = officer_of("市市场监管局", 2)
    client.force_login(people["scjg_admin"])
    response = client.get(detail(officer.pk))
    assert response.context["eligibility"].ok
    assert "可以从事行政执法工作" in main_html(response)
    assert re.search(r'data-testid="training-hours">\d+(\.\d)?/60学时', main_html(response))


def test_only_the_agency_admin_sees_the_edit_forms(people, client):
    officer = officer_of("市市场监管局", 2)
    client.force_login(people["scjg_admin"])
    html = client.get(detail(officer.pk)).content.decode()
    for act in ("edit", "training", "exam", "transfer", "suspend", "review", "cancel"):
        assert f'name="act" value="{act}"' in html
    client.force_login(people["scjg_wang"])
    html = client.get(detail(officer.pk)).content.decode()
    assert 'name="act"' not in html
    client.force_login(people["sfj_chen"])  # a supervisor acts on certificates, but no review
    html = client.get(detail(officer.pk)).content.decode()
    assert 'value="suspend"' in html and 'value="collect"' in html
    assert 'value="review"' not in html and 'value="edit"' not in html


@pytest.mark.parametrize(
    ("username", "act"),
    [
        ("scjg_wang", "edit"),
        ("scjg_wang", "suspend"),
        ("scjg_wang", "training"),
        ("scjg_zhang", "cancel"),
        ("sfj_chen", "edit"),
        ("sfj_chen", "review"),
        ("sfj_chen", "exam"),
    ],
)
def test_a_write_by_someone_not_allowed_is_forbidden(people, client, username, act):
    officer = officer_of("市市场监管局", 2)
    certificate = valid_certificate(officer)
    client.force_login(people[username])
    before = ledger_count()
    response = client.post(
        detail(officer.pk),
        {
            "act": act,
            "certificate": certificate.pk,
            "edit-name": "改名",
            "edit-status": "on_duty",
            f"c{certificate.pk}-{act}-reason": "原因",
            f"c{certificate.pk}-{act}-starts_on": timezone.localdate(),
            f"c{certificate.pk}-{act}-ends_on": timezone.localdate() + timedelta(days=9),
            f"c{certificate.pk}-{act}-on": timezone.localdate(),
            f"c{certificate.pk}-{act}-year": timezone.localdate().year - 1,
        },
    )
    assert response.status_code == 403
    assert ledger_count() == before
    officer.refresh_from_db()
    assert officer.name != "改名"


def test_an_outsider_cannot_post_to_an_officer_either(people, client):
    officer = officer_of("市市场监管局", 2)
    client.force_login(people["admin_dc_cgzf"])
    before = ledger_count()
    response = client.post(detail(officer.pk), {"act": "edit", "edit-name": "改名"})
    assert response.status_code == 404
    assert ledger_count() == before


# ---------------------------------------------------------------------------------------------
# Writes through the services
# ---------------------------------------------------------------------------------------------


def create_data(agency_obj: Agency, **extra) -> dict:
    unit = agency_obj.units.get(name="执法大队")
    return {
        "agency": agency_obj.pk,
        "name": "新来的",
        "id_number": id_number(777),
        "unit": unit.pk,
        "post": "执法岗",
        "fields": [EnforcementField.objects.get(name="市场监管").pk],
        "in_enforcement_post": "on",
        **extra,
    }


def test_creating_an_officer_with_a_bad_id_number_shows_the_error_and_writes_nothing(
    people, client
):
    client.force_login(people["scjg_admin"])
    before = (Officer.objects.count(), ledger_count())
    bad = id_number(777)[:-1] + ("0" if id_number(777)[-1] != "0" else "1")
    response = client.post(
        "/registry/officers/new/", create_data(agency("市市场监管局"), id_number=bad)
    )
    assert response.status_code == 200
    assert "身份证号码校验位错误" in response.content.decode()
    assert response.context["form"].errors["id_number"]
    assert (Officer.objects.count(), ledger_count()) == before


def test_creating_an_officer_goes_through_the_service(people, client):
    client.force_login(people["scjg_admin"])
    created = LedgerEntry.objects.filter(action="registry.officer.create")
    before = created.count()
    response = client.post("/registry/officers/new/", create_data(agency("市市场监管局")))
    officer = Officer.objects.get(name="新来的")
    assert response.status_code == 302
    assert response["Location"] == detail(officer.pk)
    assert officer.agency.short_name == "市市场监管局"
    assert created.count() == before + 1
    html = client.get(detail(officer.pk)).content.decode()
    assert officer.id_number_masked in html and id_number(777) not in html


def test_an_admin_cannot_register_into_another_agency(people, client):
    client.force_login(people["scjg_admin"])
    before = Officer.objects.count()
    response = client.post("/registry/officers/new/", create_data(agency("东城区城管执法局")))
    assert response.status_code == 200
    assert response.context["form"].errors["agency"]
    assert Officer.objects.count() == before


def test_a_reviewer_in_the_handling_unit_is_refused_with_the_services_reason(people, client):
    client.force_login(people["scjg_admin"])
    response = client.post(
        "/registry/officers/new/",
        create_data(agency("市市场监管局"), is_legal_reviewer="on", has_legal_qualification="on"),
    )
    assert "法制审核人员不得在承办机构" in response.content.decode()
    assert not Officer.objects.filter(name="新来的").exists()


def suspend(client, officer: Officer, certificate: Certificate, **data):
    prefix = f"c{certificate.pk}-suspend"
    today = timezone.localdate()
    payload = {"reason": "未按规定着装", "starts_on": today, "ends_on": today + timedelta(days=30)}
    payload.update(data)
    return client.post(
        detail(officer.pk),
        {
            "act": "suspend",
            "certificate": certificate.pk,
            **{f"{prefix}-{k}": v for k, v in payload.items()},
        },
    )


@pytest.mark.parametrize("username", ["scjg_admin", "sfj_chen"])
def test_suspending_with_a_reason_shows_the_certificate_suspended(people, client, username):
    officer = officer_of("市市场监管局", 2)
    certificate = valid_certificate(officer)
    client.force_login(people[username])
    response = suspend(client, officer, certificate)
    assert response.status_code == 302
    suspension = Suspension.objects.get(certificate=certificate)
    assert suspension.reason == "未按规定着装"
    page = client.get(detail(officer.pk))
    state = re.search(r'data-testid="certificate-state">(.*?)</td>', page.content.decode(), re.S)
    assert "暂扣" in state.group(1)
    assert "已暂扣证件" in page.content.decode()
    assert not page.context["eligibility"].ok


def test_suspending_with_a_bad_period_shows_the_services_error(people, client):
    officer = officer_of("市市场监管局", 2)
    certificate = valid_certificate(officer)
    client.force_login(people["scjg_admin"])
    before = ledger_count()
    today = timezone.localdate()
    response = suspend(client, officer, certificate, ends_on=today - timedelta(days=1))
    assert response.status_code == 200
    assert "暂扣截止日不能早于起始日" in response.content.decode()
    assert ledger_count() == before
    assert not Suspension.objects.filter(certificate=certificate).exists()


def test_suspending_without_a_reason_is_refused(people, client):
    officer = officer_of("市市场监管局", 2)
    certificate = valid_certificate(officer)
    client.force_login(people["scjg_admin"])
    response = suspend(client, officer, certificate, reason="")
    assert response.status_code == 200
    assert not Suspension.objects.filter(certificate=certificate).exists()


def test_lifting_a_suspension_makes_the_certificate_valid_again(people, client):
    officer = suspended_officer()
    certificate = officer.certificates.get()
    suspension = certificate.suspensions.get()
    client.force_login(people["scjg_admin"])
    response = client.post(
        detail(officer.pk),
        {
            "act": "lift",
            "certificate": certificate.pk,
            f"c{certificate.pk}-lift-suspension": suspension.pk,
            f"c{certificate.pk}-lift-lifted_on": timezone.localdate(),
        },
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.state_on(timezone.localdate()) == CertificateState.VALID


@pytest.mark.parametrize(
    ("act", "status"),
    [("collect", CertificateStatus.COLLECTED), ("cancel", CertificateStatus.CANCELLED)],
)
def test_collecting_or_cancelling_needs_a_reason(people, client, act, status):
    officer = officer_of("市市场监管局", 2)
    certificate = valid_certificate(officer)
    client.force_login(people["scjg_admin"])
    prefix = f"c{certificate.pk}-{act}"
    data = {"act": act, "certificate": certificate.pk, f"{prefix}-on": timezone.localdate()}
    response = client.post(detail(officer.pk), {**data, f"{prefix}-reason": "   "})
    assert response.status_code == 200
    assert "请填写「原因」" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    response = client.post(detail(officer.pk), {**data, f"{prefix}-reason": "严重违纪"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.end_reason) == (status, "严重违纪")


def test_a_deferred_review_needs_reasons(people, client):
    officer = officer_of("市市场监管局", 2)
    certificate = valid_certificate(officer)
    with writes_around_services(
        "a certificate whose annual review is missing (the demo city reviews every certificate)"
    ):
        certificate.reviews.all().delete()
    year = timezone.localdate().year - 1
    client.force_login(people["scjg_admin"])
    prefix = f"c{certificate.pk}-review"
    data = {"act": "review", "certificate": certificate.pk, f"{prefix}-year": year}
    response = client.post(detail(officer.pk), {**data, f"{prefix}-defer": "on"})
    assert "暂缓年审须说明理由" in response.content.decode()
    assert not certificate.reviews.exists()
    response = client.post(
        detail(officer.pk), {**data, f"{prefix}-defer": "on", f"{prefix}-reasons": "病休"}
    )
    assert response.status_code == 302
    review = certificate.reviews.get()
    assert (review.year, review.result, review.reasons) == (year, "deferred", "病休")
    html = main_html(client.get(detail(officer.pk)))
    assert f"{year}年度年审暂缓" in html


def test_recording_training_and_an_exam(people, client):
    officer = officer_of("市市场监管局", 2)
    client.force_login(people["scjg_admin"])
    today = timezone.localdate()
    before = officer.training.count()
    response = client.post(
        detail(officer.pk),
        {
            "act": "training",
            "training-kind": "skills",
            "training-course": "执法文书写作",
            "training-held_on": today,
            "training-hours": "0",
        },
    )
    assert "学时应大于0" in response.content.decode()
    assert officer.training.count() == before
    response = client.post(
        detail(officer.pk),
        {
            "act": "training",
            "training-kind": "skills",
            "training-course": "执法文书写作",
            "training-held_on": today,
            "training-hours": "4",
        },
    )
    assert response.status_code == 302
    assert officer.training.filter(course="执法文书写作", hours=4).exists()
    response = client.post(
        detail(officer.pk),
        {"act": "exam", "exam-kind": "public_law", "exam-taken_on": today, "exam-score": "59"},
    )
    assert response.status_code == 302
    assert officer.exams.filter(taken_on=today, passed=False).exists()


def test_leaving_the_enforcement_post_recalls_certificates(people, client):
    officer = officer_of("市市场监管局", 2)
    client.force_login(people["scjg_admin"])
    response = client.post(
        detail(officer.pk),
        {
            "act": "edit",
            "edit-name": officer.name,
            "edit-unit": officer.unit_id,
            "edit-post": "综合岗",
            "edit-status": OfficerStatus.ON_DUTY,
            "edit-fields": [f.pk for f in officer.fields.all()],
            "edit-reason": "调整至综合岗位",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.in_enforcement_post
    certificate = officer.certificates.get()
    assert (certificate.status, certificate.end_reason) == (
        CertificateStatus.CANCELLED,
        "调整至综合岗位",
    )


def test_transferring_an_officer_out_of_scope_returns_to_the_list(people, client):
    officer = officer_of("市市场监管局", 2)
    target = agency("东城区市场监管局")
    client.force_login(people["scjg_admin"])
    response = client.post(
        detail(officer.pk),
        {"act": "transfer", "transfer-agency": target.pk, "transfer-reason": "工作调动"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/registry/officers/"
    officer.refresh_from_db()
    assert officer.agency == target
    assert officer.certificates.get().status == CertificateStatus.CANCELLED
    assert client.get(detail(officer.pk)).status_code == 404


def test_transferring_to_the_same_agency_shows_the_services_error(people, client):
    officer = officer_of("市市场监管局", 2)
    client.force_login(people["scjg_admin"])
    response = client.post(
        detail(officer.pk), {"act": "transfer", "transfer-agency": officer.agency_id}
    )
    assert response.status_code == 200
    assert "调入的执法主体与原执法主体相同" in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Staffing, campaigns and drills
# ---------------------------------------------------------------------------------------------


def staffing_rows(client) -> dict[str, object]:
    rows = client.get("/registry/staffing/").context["rows"]
    return {r.agency.short_name: r for r in rows}


def test_the_supervisor_sees_the_shortfalls_first(people, client):
    client.force_login(people["sfj_chen"])
    response = client.get("/registry/staffing/")
    rows = response.context["rows"]
    by_name = {r.agency.short_name: r for r in rows}
    dc = by_name["东城区城管执法局"]
    assert (dc.officers, dc.reviewers, dc.reviewers_required, dc.reviewer_shortfall) == (
        20,
        1,
        2,
        1,
    )
    xc = by_name["西城区市场监管局"]
    assert (xc.drills, xc.drill_shortfall) == (0, 1)
    shortfalls = [r.agency.short_name for r in rows if r.has_shortfall]
    assert set(shortfalls) == {"东城区城管执法局", "西城区市场监管局"}
    assert [r.agency.short_name for r in rows[:2]] == shortfalls
    html = main_html(response)
    dc_row = re.search(r'<tr class="shortfall" data-agency="东城区城管执法局">.*?</tr>', html, re.S)
    assert "缺1人" in dc_row.group(0)
    xc_row = re.search(r'<tr class="shortfall" data-agency="西城区市场监管局">.*?</tr>', html, re.S)
    assert "未开展" in xc_row.group(0)


def test_a_district_supervisor_sees_only_the_districts_agencies(people, client):
    client.force_login(people["dc_sfj_liu"])
    rows = staffing_rows(client)
    assert set(rows) == {"东城区司法局", "东城区市场监管局", "东城区城管执法局"}
    assert rows["东城区城管执法局"].reviewer_shortfall == 1


def test_a_head_sees_their_own_agency(people, client):
    client.force_login(people["scjg_wang"])
    rows = staffing_rows(client)
    assert set(rows) == {"市市场监管局"}
    assert rows["市市场监管局"].officers == 18


def campaign_data(agency_obj: Agency, **extra) -> dict:
    return {
        "act": "campaign",
        "campaign-agency": agency_obj.pk,
        "campaign-kind": "public_law",
        "campaign-course": "行政执法三项制度专题培训",
        "campaign-held_on": timezone.localdate(),
        "campaign-hours": "8",
        **extra,
    }


def test_a_campaign_records_one_course_for_everyone_or_nobody(people, client):
    scjg = agency("市市场监管局")
    client.force_login(people["scjg_admin"])
    course = TrainingRecord.objects.filter(course="行政执法三项制度专题培训")
    chosen = list(Officer.objects.filter(agency=scjg).values_list("pk", flat=True)[:3])
    response = client.post(
        "/registry/training/",
        campaign_data(scjg, **{"campaign-officers": chosen, "campaign-hours": "500"}),
    )
    assert response.status_code == 200
    assert "单条培训记录不能超过200学时" in response.content.decode()
    assert not course.exists()
    response = client.post("/registry/training/", campaign_data(scjg))
    assert "请选择参加培训的执法人员" in response.content.decode()
    response = client.post(
        "/registry/training/", campaign_data(scjg, **{"campaign-officers": chosen})
    )
    assert response.status_code == 302
    assert course.count() == 3
    response = client.post(
        "/registry/training/", campaign_data(scjg, **{"campaign-everyone": "on"})
    )
    assert response.status_code == 200  # the three already have this very training
    assert "已登记，请勿重复登记" in response.content.decode()
    assert course.count() == 3
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        "/registry/training/",
        campaign_data(scjg, **{"campaign-everyone": "on", "campaign-held_on": yesterday}),
    )
    assert response.status_code == 302
    enforcers = Officer.objects.filter(
        agency=scjg, status=OfficerStatus.ON_DUTY, in_enforcement_post=True
    )
    assert course.count() == 3 + enforcers.count() == 3 + 18


def test_a_drill_clears_the_agencys_drill_shortfall(people, client):
    xc = agency("西城区市场监管局")
    client.force_login(people["admin_xc_scjg"])
    response = client.post(
        "/registry/training/",
        {
            "act": "drill",
            "drill-agency": xc.pk,
            "drill-title": "现场检查岗位练兵",
            "drill-held_on": timezone.localdate(),
            "drill-everyone": "on",
        },
    )
    assert response.status_code == 302
    drill = Drill.objects.get(agency=xc)
    assert drill.participants.count() == 9
    client.force_login(people["sfj_chen"])
    assert not staffing_rows(client)["西城区市场监管局"].has_shortfall


def test_an_admin_cannot_train_another_agencys_officers(people, client):
    client.force_login(people["scjg_admin"])
    other = Officer.objects.filter(agency__short_name="东城区城管执法局")[:1]
    response = client.post(
        "/registry/training/",
        campaign_data(agency("市市场监管局"), **{"campaign-officers": [other[0].pk]}),
    )
    assert response.status_code == 200
    assert response.context["campaign_form"].errors["officers"]
    assert not TrainingRecord.objects.filter(course="行政执法三项制度专题培训").exists()


# ---------------------------------------------------------------------------------------------
# 工作台
# ---------------------------------------------------------------------------------------------


def test_an_officer_sees_their_own_eligibility_and_hours(people, client):
    client.force_login(people["scjg_zhang"])
    html = main_html(client.get("/"))
    me = Officer.objects.get(user=people["scjg_zhang"])
    assert 'data-testid="my-registry"' in html
    assert "今日可以从事行政执法工作" in html
    assert re.search(r"\d+/60学时", html)
    assert detail(me.pk) in html


def test_the_head_and_admin_see_their_staffing_row(people, client):
    for username in ("scjg_wang", "scjg_admin"):
        client.force_login(people[username])
        html = main_html(client.get("/"))
        assert "执法人员配备与培训" in html
        assert 'data-agency="市市场监管局"' in html
        assert "/registry/staffing/" in html


def test_the_supervisor_sees_the_agencies_with_shortfalls(people, client):
    client.force_login(people["dc_sfj_liu"])
    html = main_html(client.get("/"))
    assert "示范市东城区城市管理综合行政执法局：法制审核人员缺1人" in html
    assert "西城区" not in html
    client.force_login(people["sfj_chen"])
    html = main_html(client.get("/"))
    assert "示范市西城区市场监督管理局：本年度未开展岗位练兵" in html
