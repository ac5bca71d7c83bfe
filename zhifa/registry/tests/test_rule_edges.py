"""Edges found in review: duplicates in a campaign, overlapping suspensions, ended certificates,
a first year's review, drills with officers off duty, assessments dated ahead."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.core.models import LedgerEntry
from zhifa.registry.models import (
    Certificate,
    CertificateReview,
    Officer,
    OfficerStatus,
    ReviewResult,
    Suspension,
    TrainingRecord,
)
from zhifa.registry.services import certificates, training
from zhifa.testing.ledger_guard import writes_around_services


@pytest.fixture
def staff(registry_demo):
    admin = registry_demo["scjg_admin"]
    people = list(Officer.objects.filter(agency__short_name="市市场监管局", status="on_duty"))
    return admin, people


def valid_certificate(people: list[Officer]) -> Certificate:
    today = timezone.localdate()
    for officer in people:
        for cert in officer.certificates.all():
            if cert.state_on(today) == "valid" and cert.expires_on > today + timedelta(days=90):
                return cert
    raise AssertionError("no valid certificate in the demo")


def test_a_campaign_listing_an_officer_twice_records_them_once(staff):
    admin, people = staff
    training.record_training_campaign(
        admin,
        [people[0], people[0], people[1]],
        kind="skills",
        course="现场检查笔录",
        held_on=date(2026, 3, 1),
        hours=Decimal("4"),
    )
    assert TrainingRecord.objects.filter(course="现场检查笔录").count() == 2


def test_overlapping_suspensions_are_refused(staff):
    admin, people = staff
    cert = valid_certificate(people)
    today = timezone.localdate()
    certificates.suspend_certificate(
        admin,
        cert,
        reason="整改",
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=30),
    )
    before = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        certificates.suspend_certificate(
            admin, cert, reason="再次", starts_on=today, ends_on=today + timedelta(days=15)
        )
    assert exc.value.message_dict["ends_on"] == ["暂扣期间与该证件已有的暂扣期间重叠"]
    assert LedgerEntry.objects.count() == before
    assert Suspension.objects.filter(certificate=cert).count() == 1


def test_an_ended_certificate_cannot_be_suspended_or_returned(staff):
    admin, people = staff
    cert = valid_certificate(people)
    today = timezone.localdate()
    suspension = certificates.suspend_certificate(
        admin, cert, reason="整改", starts_on=today, ends_on=today + timedelta(days=30)
    )
    certificates.cancel_certificate(admin, cert, reason="调离", on=today + timedelta(days=5))
    with pytest.raises(ValidationError, match="证件已注销，不能发还"):
        certificates.lift_suspension(admin, suspension, lifted_on=today + timedelta(days=1))
    with pytest.raises(ValidationError, match="证件已注销，不能暂扣"):
        certificates.suspend_certificate(
            admin,
            cert,
            reason="x",
            starts_on=today - timedelta(days=60),
            ends_on=today - timedelta(days=50),
        )


def test_the_first_years_training_requirement_is_pro_rated(staff):
    """An officer first certified in October needs 3/12 of 60 hours (15) for that year's review
    (pro-rated per officer: only the year of the officer's first certificate)."""
    admin, people = staff
    officer = people[2]
    with writes_around_services("the officer held no certificate before October 2024"):
        CertificateReview.objects.filter(certificate__officer=officer).delete()
        Suspension.objects.filter(certificate__officer=officer).delete()
        officer.certificates.all().delete()
    cert = certificates.issue_certificate(
        admin,
        officer,
        number="示试2024001",
        issuing_authority="示范市人民政府",
        field=officer.fields.first(),
        issued_on=date(2024, 10, 8),
        expires_on=date(2030, 10, 7),
    )
    with writes_around_services(
        "training hours of a past year set to just under the pro-rated minimum"
    ):
        TrainingRecord.objects.filter(officer=officer, held_on__year=2024).delete()
        TrainingRecord.objects.create(
            officer=officer,
            kind="skills",
            course="执法技能",
            held_on=date(2024, 11, 1),
            hours=Decimal("14.5"),
        )
    assert certificates.review_findings(cert, 2024) == ["2024年培训14.5学时，不足15学时"]
    with writes_around_services(
        "training hours of a past year set to just under the pro-rated minimum"
    ):
        TrainingRecord.objects.create(
            officer=officer,
            kind="skills",
            course="补训",
            held_on=date(2024, 12, 1),
            hours=Decimal("0.5"),
        )
    review = certificates.review_certificate(admin, cert, year=2024, reviewed_on=date(2025, 1, 10))
    assert review.result == ReviewResult.PASSED


def test_a_drill_refuses_officers_off_duty(staff):
    admin, people = staff
    people[0].status = OfficerStatus.OFF_DUTY
    with writes_around_services(
        "off duty without the certificate recall that update_officer makes"
    ):
        Officer.objects.filter(pk=people[0].pk).update(status=OfficerStatus.OFF_DUTY)
    with pytest.raises(ValidationError, match=f"参加人员须在岗：{people[0].name}"):
        training.record_drill(
            admin, people[0].agency, title="练兵", held_on=date(2026, 5, 1), participants=people[:3]
        )


def test_an_assessment_cannot_be_dated_ahead_or_for_another_year(staff):
    admin, people = staff
    indicators = people[0].agency.indicator_sets.get()
    scores = {i["name"]: 1 for i in indicators.indicators}
    with pytest.raises(ValidationError) as exc:
        training.record_assessment(
            admin,
            people[0],
            indicator_set=indicators,
            year=2020,
            period="专项",
            scores=scores,
            assessed_on=timezone.localdate() + timedelta(days=3),
        )
    assert exc.value.message_dict["assessed_on"] == ["考核日期不能晚于今天"]
    assert exc.value.message_dict["year"] == ["考核年度应为考核日期所在年度或上一年度"]
