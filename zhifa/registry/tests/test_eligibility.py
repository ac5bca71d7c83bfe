"""can_enforce: an officer on duty, in an enforcement post, holding a certificate valid on the day
whose previous year's review passed — otherwise every reason why, in Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.core import parameters
from zhifa.org.models import Agency, AgencyKind
from zhifa.registry import queries, rules
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Officer, OfficerStatus, TrainingKind
from zhifa.registry.services import certificates, officers, training
from zhifa.registry.tests.helpers import EXPIRY_DAY
from zhifa.testing.ledger_guard import writes_around_services

DAY = date(2025, 6, 1)


def passed_review(admin, certificate, year=2024):
    """The year's review, passed: the officer's 60 hours recorded (once per officer and year)."""
    if queries.training_hours(certificate.officer, year) >= 60:
        return certificates.review_certificate(
            admin, certificate, year=year, reviewed_on=date(year + 1, 1, 15)
        )
    training.record_training(
        admin,
        certificate.officer,
        kind=TrainingKind.SKILLS,
        course="执法技能轮训",
        held_on=date(year, 9, 1),
        hours=60,
    )
    review = certificates.review_certificate(
        admin, certificate, year=year, reviewed_on=date(year + 1, 1, 15)
    )
    assert review.get_result_display() == "合格"
    return review


@pytest.fixture
def reviewed(admin, certificate):
    """A certificate issued in 2023 whose 2024 review passed."""
    passed_review(admin, certificate)
    return certificate


def test_it_allows_an_officer_with_a_valid_reviewed_certificate(reviewed):
    result = can_enforce(reviewed.officer, DAY)
    assert result and result.reasons == [] and result.certificate == reviewed


def test_it_refuses_an_officer_without_a_certificate(officer):
    result = can_enforce(officer, DAY)
    assert not result
    assert result.reasons == ["张伟未取得行政执法证件"]


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (OfficerStatus.OFF_DUTY, "离岗"),
        (OfficerStatus.TRANSFERRED, "调离"),
        (OfficerStatus.RETIRED, "退休"),
    ],
)
def test_it_refuses_an_officer_not_on_duty(admin, reviewed, status, label):
    officer = officers.update_officer(
        admin, reviewed.officer, status=status, today=date(2025, 1, 1)
    )
    result = can_enforce(officer, DAY)
    assert not result
    assert f"张伟当前状态为{label}" in result.reasons
    assert f"证件{reviewed.number}注销" in result.reasons


def test_it_refuses_an_officer_out_of_the_enforcement_post(admin, reviewed):
    officer = officers.update_officer(admin, reviewed.officer, in_enforcement_post=False)
    result = can_enforce(officer, DAY)
    assert not result and "张伟不在执法岗位" in result.reasons


def test_it_refuses_an_officer_out_of_post_even_with_a_valid_certificate(reviewed):
    # The record says so even if the certificate was not (yet) recalled.
    officer = reviewed.officer
    officer.in_enforcement_post = False
    result = can_enforce(officer, DAY)
    assert not result and result.reasons == ["张伟不在执法岗位"]


def test_it_refuses_on_a_day_the_certificate_is_suspended(admin, reviewed):
    certificates.suspend_certificate(
        admin, reviewed, reason="执法不规范", starts_on=date(2025, 5, 1), ends_on=date(2025, 6, 30)
    )
    result = can_enforce(reviewed.officer, DAY)
    assert not result
    assert result.reasons == [
        f"证件{reviewed.number}暂扣",
        "张伟的执法证件暂扣期间不得从事执法活动",
    ]
    assert can_enforce(reviewed.officer, date(2025, 7, 1))


def test_it_refuses_after_expiry(admin, reviewed):
    after = date(EXPIRY_DAY.year, 3, 1)
    result = can_enforce(reviewed.officer, after)
    assert not result and f"证件{reviewed.number}过期" in result.reasons


@pytest.mark.parametrize(
    ("end", "label"),
    [(certificates.collect_certificate, "收缴"), (certificates.cancel_certificate, "注销")],
)
def test_it_refuses_a_collected_or_cancelled_certificate(admin, reviewed, end, label):
    end(admin, reviewed, reason="严重违法", on=date(2025, 5, 1))
    assert can_enforce(reviewed.officer, date(2025, 4, 30))
    result = can_enforce(reviewed.officer, DAY)
    assert not result and f"证件{reviewed.number}{label}" in result.reasons


def test_it_refuses_without_the_previous_years_review(certificate):
    result = can_enforce(certificate.officer, DAY)
    assert not result
    assert f"证件{certificate.number}未进行2024年度年审" in result.reasons


def test_it_refuses_after_a_failed_or_deferred_review(admin, certificate, make_certificate):
    certificates.review_certificate(admin, certificate, year=2024, reviewed_on=date(2025, 1, 15))
    result = can_enforce(certificate.officer, DAY)
    assert not result and f"证件{certificate.number}2024年度年审不合格" in result.reasons

    other = make_certificate(certificate.officer)
    certificates.review_certificate(
        admin, other, year=2024, defer=True, reasons="援疆一年", reviewed_on=date(2025, 1, 15)
    )
    result = can_enforce(certificate.officer, DAY)
    assert not result and f"证件{other.number}2024年度年审暂缓" in result.reasons


def test_it_needs_no_review_in_the_year_of_issue(officer, make_certificate):
    certificate = make_certificate(officer, issued_on=date(2025, 2, 1))
    result = can_enforce(officer, DAY)
    assert result and result.certificate == certificate
    assert can_enforce(officer, date(2026, 3, 31))  # the 2025 review's window is open
    assert not can_enforce(officer, date(2026, 4, 1))  # and now it has closed


def test_it_needs_only_one_valid_certificate_of_two(admin, reviewed, make_certificate):
    other = make_certificate(reviewed.officer)
    certificates.collect_certificate(admin, reviewed, reason="遗失后补发", on=date(2025, 5, 1))
    passed_review(admin, other)
    result = can_enforce(reviewed.officer, DAY)
    assert result and result.certificate == other


def test_a_suspension_bars_the_officer_not_only_that_certificate(admin, reviewed, make_certificate):
    """暂扣 sanctions the officer (seed 000 (五)): another valid certificate does not help."""
    other = make_certificate(reviewed.officer)
    passed_review(admin, other)
    certificates.suspend_certificate(
        admin, reviewed, reason="违规", starts_on=date(2025, 5, 1), ends_on=date(2025, 6, 30)
    )
    result = can_enforce(reviewed.officer, DAY)
    assert not result
    assert result.reasons == [
        f"证件{reviewed.number}暂扣",
        "张伟的执法证件暂扣期间不得从事执法活动",
    ]
    assert can_enforce(reviewed.officer, date(2025, 7, 1)).certificate == reviewed


# The New Year cliff: the review of a year happens after it ends (rules.md "People").


def test_a_certificate_stays_in_force_across_new_year_while_its_review_is_due(reviewed):
    new_years_eve, new_year = date(2025, 12, 31), date(2026, 1, 1)
    assert can_enforce(reviewed.officer, new_years_eve).notices == []
    result = can_enforce(reviewed.officer, new_year)
    assert result and result.reasons == []
    assert result.notices == [
        f"证件{reviewed.number}的2025年度年审须于2026年3月31日前完成（还剩89天）"
    ]
    assert can_enforce(reviewed.officer, date(2026, 3, 31)).notices[0].endswith("（还剩0天）")
    late = can_enforce(reviewed.officer, date(2026, 4, 1))
    assert not late
    assert f"证件{reviewed.number}未进行2025年度年审" in late.reasons


def test_a_review_passed_in_the_window_keeps_the_certificate_and_clears_the_notice(admin, reviewed):
    passed_review(admin, reviewed, year=2025)
    result = can_enforce(reviewed.officer, date(2026, 2, 1))
    assert result and result.notices == []
    assert can_enforce(reviewed.officer, date(2026, 6, 1))


def test_a_review_failed_in_the_window_ends_the_grace_at_once(admin, reviewed):
    certificates.review_certificate(admin, reviewed, year=2025, reviewed_on=date(2026, 1, 20))
    result = can_enforce(reviewed.officer, date(2026, 1, 21))
    assert not result
    assert f"证件{reviewed.number}2025年度年审不合格" in result.reasons


def test_within_the_window_the_review_of_the_year_before_still_counts(certificate):
    # Issued in 2023, never reviewed: in February 2024 the 2023 review is due, in February 2025
    # (the 2024 window open) it is long overdue.
    result = can_enforce(certificate.officer, date(2024, 2, 1))
    assert result and "2023年度年审须于2024年3月31日前完成" in result.notices[0]
    late = can_enforce(certificate.officer, date(2025, 2, 1))
    assert not late and f"证件{certificate.number}未进行2023年度年审" in late.reasons


def test_the_review_window_is_a_parameter(demo, reviewed):
    parameters.set_value(demo["sysadmin"], rules.REVIEW_WINDOW_MONTHS.key, 1)
    assert can_enforce(reviewed.officer, date(2026, 1, 31))
    assert not can_enforce(reviewed.officer, date(2026, 2, 1))


# The body: 处罚法 arts. 20, 21; 54号.


def test_an_inactive_agency_cannot_enforce(reviewed):
    agency = reviewed.officer.agency
    with writes_around_services("the agency dissolved, and nothing else about it changed"):
        Agency.objects.filter(pk=agency.pk).update(is_active=False)
    result = can_enforce(Officer.objects.get(pk=reviewed.officer.pk), DAY)
    assert not result and f"{agency.name}已不是有效的执法主体" in result.reasons


def test_a_delegated_body_enforces_only_within_its_delegation_period(reviewed):
    agency = reviewed.officer.agency
    with writes_around_services(
        "the agency turned into a delegated body, without the agreement a service would ask for"
    ):
        Agency.objects.filter(pk=agency.pk).update(
            kind=AgencyKind.DELEGATED,
            delegation_start=date(2025, 6, 2),
            delegation_end=date(2025, 12, 31),
        )
    officer = Officer.objects.get(pk=reviewed.officer.pk)
    before = can_enforce(officer, DAY)
    assert not before
    assert f"{agency.name}的委托期限自2025年6月2日起，尚未开始（行政处罚法第二十条）" in (
        before.reasons
    )
    assert can_enforce(officer, date(2025, 6, 2))
    after = can_enforce(officer, date(2026, 1, 1))
    assert not after
    assert f"{agency.name}的委托期限已于2025年12月31日届满（行政处罚法第二十条）" in after.reasons
