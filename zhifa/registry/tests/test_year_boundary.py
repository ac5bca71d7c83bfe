"""What changes at midnight on 31 December (Beijing time): from 1 January a certificate needs the
annual review of the year just ended (seed 000 (五)), so an officer eligible at 23:59 is not at
00:01 until that review is recorded — and "today" is the day in 示范市, not in UTC (at 00:01 in
Beijing it is still 31 December in UTC)."""

from __future__ import annotations

from datetime import date

import time_machine

from zhifa.registry.models import TrainingKind
from zhifa.registry.services import certificates, training
from zhifa.registry.tests.api_fixtures import as_user
from zhifa.testing.clock import NEW_YEAR, NEW_YEARS_EVE


def eligibility(api_client, user, officer) -> dict:
    response = as_user(api_client, user).get(f"/api/v1/officers/{officer.pk}/eligibility")
    assert response.status_code == 200
    return response.json()


def reviewed_for(admin, certificate, year: int) -> None:
    training.record_training(
        admin,
        certificate.officer,
        kind=TrainingKind.SKILLS,
        course="执法技能轮训",
        held_on=date(year, 9, 1),
        hours=60,
    )
    review = certificates.review_certificate(
        admin, certificate, year=year, reviewed_on=date(year, 12, 20)
    )
    assert review.get_result_display() == "合格"


def test_a_certificate_needs_last_years_review_from_the_first_minute_of_january(
    admin, make_officer, make_certificate, api_client
):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        officer = make_officer("张伟")
        certificate = make_certificate(officer, issued_on=date(2025, 3, 1))
        reviewed_for(admin, certificate, 2025)
        training.record_training(
            admin,
            officer,
            kind=TrainingKind.SKILLS,
            course="年度执法技能轮训",
            held_on=date(2026, 9, 1),
            hours=60,
        )
        assert eligibility(api_client, admin, officer) == {
            "ok": True,
            "reasons": [],
            "certificate": certificate.pk,
            "certificate_number": certificate.number,
        }

    with time_machine.travel(NEW_YEAR, tick=False):
        body = eligibility(api_client, admin, officer)
        assert body["ok"] is False
        assert body["reasons"] == [
            f"证件{certificate.number}未进行2026年度年审",
            "张伟在2027年1月1日没有有效的行政执法证件",
        ]
        # The 2026 review, recorded in January, restores it.
        review = certificates.review_certificate(admin, certificate, year=2026)
        assert review.get_result_display() == "合格"
        assert eligibility(api_client, admin, officer)["ok"] is True


def test_a_certificate_issued_this_year_needs_no_review_until_next_january(
    admin, make_officer, make_certificate, api_client
):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        officer = make_officer("李娜")
        certificate = make_certificate(officer, issued_on=date(2026, 12, 1))
        assert eligibility(api_client, admin, officer)["ok"] is True
    with time_machine.travel(NEW_YEAR, tick=False):
        assert eligibility(api_client, admin, officer)["reasons"][0] == (
            f"证件{certificate.number}未进行2026年度年审"
        )
