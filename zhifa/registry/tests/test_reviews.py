"""Annual review (年审): passes with the year's 60 training hours and no failed daily assessment,
fails with findings otherwise; deferred only with reasons; once a year; the hours configurable."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.core import parameters
from zhifa.core.models import LedgerEntry, Parameter
from zhifa.registry.models import CertificateReview, ReviewResult, TrainingKind
from zhifa.registry.services import certificates, training
from zhifa.registry.tests.helpers import forbidden, recorded, refused

HOURS = "registry.training_hours_per_year"


def train(admin, officer, *hours, year=2024):
    for n, h in enumerate(hours, start=1):
        training.record_training(
            admin,
            officer,
            kind=TrainingKind.SPECIALISED_LAW,
            course=f"市场监管法律法规专题{n}",
            held_on=date(year, n, 15),
            hours=h,
        )


def review(admin, certificate, year=2024, **kw):
    return certificates.review_certificate(
        admin, certificate, year=year, reviewed_on=date(2025, 1, 20), **kw
    )


def fail_an_assessment(admin, officer, period="第一季度"):
    indicators = training.define_indicator_set(
        admin,
        officer.agency,
        name="执法人员日常考核指标",
        indicators=[{"name": "办案质量", "max": 60}, {"name": "执法纪律", "max": 40}],
        pass_score=60,
    )
    return training.record_assessment(
        admin,
        officer,
        indicator_set=indicators,
        year=2024,
        period=period,
        scores={"办案质量": 30, "执法纪律": 20},
        assessed_on=date(2024, 4, 10),
    )


def test_it_passes_with_exactly_60_hours_and_records_it(admin, certificate):
    train(admin, certificate.officer, 30, 30)
    train(admin, certificate.officer, 100, year=2023)  # another year does not count
    with recorded("registry.certificate.review"):
        result = review(admin, certificate)
    assert result.get_result_display() == "合格"
    assert result.reasons == ""


def test_it_fails_with_59_and_a_half_hours(admin, certificate):
    train(admin, certificate.officer, 30, "29.5")
    train(admin, certificate.officer, 40, year=2025)
    result = review(admin, certificate)
    assert result.get_result_display() == "不合格"
    assert result.reasons == "2024年培训59.5学时，不足60学时"


def test_it_fails_without_any_training(admin, certificate):
    assert "2024年培训0学时，不足60学时" in review(admin, certificate).reasons


def test_it_fails_after_a_failed_daily_assessment(admin, certificate):
    train(admin, certificate.officer, 60)
    assessment = fail_an_assessment(admin, certificate.officer)
    assert not assessment.passed
    result = review(admin, certificate)
    assert result.result == ReviewResult.FAILED
    assert result.reasons == "2024年日常考核不合格（第一季度）"


def test_it_lists_every_finding(admin, certificate):
    fail_an_assessment(admin, certificate.officer)
    assert review(admin, certificate).reasons == (
        "2024年培训0学时，不足60学时；2024年日常考核不合格（第一季度）"
    )


def test_it_defers_only_with_reasons(admin, certificate):
    with refused("暂缓年审须说明理由", CertificateReview, field="reasons"):
        review(admin, certificate, defer=True, reasons="  ")
    result = review(admin, certificate, defer=True, reasons="病假半年，培训延后")
    assert result.get_result_display() == "暂缓"
    assert result.reasons == "病假半年，培训延后"


def test_it_never_passes_what_the_record_fails(admin, certificate):
    result = review(admin, certificate, reasons="表现良好")
    assert result.result == ReviewResult.FAILED


def test_it_reviews_a_certificate_once_a_year(admin, certificate):
    train(admin, certificate.officer, 60)
    review(admin, certificate)
    with refused("该证件2024年度已年审", CertificateReview, field="year"):
        review(admin, certificate)
    assert review(admin, certificate, year=2023).year == 2023


@pytest.mark.parametrize("year", [2022, 2026])
def test_it_refuses_a_year_before_issue_or_not_yet_due(admin, certificate, year):
    with refused(f"{year}年不在该证件的有效年度内，或尚未到年审时间", CertificateReview):
        review(admin, certificate, year=year)


@pytest.mark.parametrize("username", ["scjg_wang", "scjg_zhang", "sfj_chen", "sysadmin"])
def test_it_lets_only_the_agency_admin_review(demo, certificate, username):
    with forbidden(CertificateReview):
        review(demo[username], certificate)


def test_it_uses_the_configured_training_hours(demo, admin, make_officer, make_certificate):
    short, enough = make_certificate(make_officer()), make_certificate(make_officer())
    train(admin, short.officer, 39)
    train(admin, enough.officer, 40)
    with recorded("core.parameter.set"):
        parameters.set_value(demo["sysadmin"], HOURS, 40)
    assert review(admin, enough).result == ReviewResult.PASSED
    failed = review(admin, short)
    assert failed.result == ReviewResult.FAILED
    assert failed.reasons == "2024年培训39学时，不足40学时"
    entry = LedgerEntry.objects.filter(action="core.parameter.set").get()
    assert entry.object_id == HOURS and entry.actor == demo["sysadmin"]


@pytest.mark.parametrize("username", ["scjg_admin", "scjg_wang", "sfj_chen", "secadmin"])
def test_it_lets_only_the_system_administrator_set_parameters(demo, username):
    with forbidden(Parameter, message="只有系统管理员可以修改业务参数"):
        parameters.set_value(demo[username], HOURS, 40)
    assert parameters.get(HOURS) == 60


@pytest.mark.parametrize(
    ("value", "message"), [(0, "不能小于1"), (501, "不能大于500"), ("四十", "应为整数")]
)
def test_it_refuses_an_out_of_range_parameter(demo, value, message):
    with refused(f"每人每年培训学时{message}", Parameter):
        parameters.set_value(demo["sysadmin"], HOURS, value)


def test_it_refuses_a_year_after_the_certificate_expired(admin, make_officer, make_certificate):
    old = make_certificate(make_officer(), expires_on=date(2023, 12, 31))
    assert review(admin, old, year=2023).year == 2023
    with refused("2024年不在该证件的有效年度内，或尚未到年审时间", CertificateReview):
        review(admin, old, year=2024)


def test_it_refuses_a_year_after_the_certificate_ended(admin, certificate):
    certificates.cancel_certificate(admin, certificate, reason="调离", on=date(2023, 8, 1))
    assert review(admin, certificate, year=2023).year == 2023
    with refused("2024年不在该证件的有效年度内", CertificateReview):
        review(admin, certificate, year=2024)


# Training hours are pro-rated per officer (27号): only in the year the officer first held a
# certificate, never because a certificate was renewed mid-year.


def test_a_certificate_renewed_mid_year_still_needs_the_full_hours(
    admin, certificate, make_certificate
):
    renewed = make_certificate(
        certificate.officer, issued_on=date(2024, 7, 1), expires_on=date(2029, 6, 30)
    )
    train(admin, certificate.officer, 15, 15)  # 30 hours: half of 60
    result = review(admin, renewed)
    assert (result.result, result.reasons) == (ReviewResult.FAILED, "2024年培训30学时，不足60学时")


def test_an_officer_first_certified_mid_year_needs_the_pro_rated_hours(
    admin, make_officer, make_certificate
):
    newcomer = make_certificate(
        make_officer("王芳"), issued_on=date(2024, 7, 1), expires_on=date(2029, 6, 30)
    )
    train(admin, newcomer.officer, 15, 15)  # 6 of 12 months: 30 of 60 hours
    assert review(admin, newcomer).result == ReviewResult.PASSED
