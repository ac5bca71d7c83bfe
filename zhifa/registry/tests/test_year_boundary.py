"""What changes at midnight on 31 December (Beijing time): from 1 January the annual review of the
year just ended is due (seed 000 (五)). The certificate stays in force during the review window
(to 31 March by default), so the officer may still enforce at 00:01, now told the review is due
and by when; without it the certificate lapses on 1 April. "Today" is the day in 示范市, not in
UTC (at 00:01 in Beijing it is still 31 December in UTC)."""

from __future__ import annotations

from datetime import date, datetime

import time_machine

from zhifa.registry.models import TrainingKind
from zhifa.registry.services import certificates, training
from zhifa.registry.tests.api_fixtures import as_user
from zhifa.testing.clock import NEW_YEAR, NEW_YEARS_EVE, SHANGHAI


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


def test_last_years_review_falls_due_at_the_first_minute_of_january(
    admin, make_officer, make_certificate, api_client
):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        officer = make_officer("张伟")
        certificate = make_certificate(officer, issued_on=date(2025, 3, 1))
        reviewed_for(admin, certificate, 2025)
        assert eligibility(api_client, admin, officer) == {
            "ok": True,
            "reasons": [],
            "certificate": certificate.pk,
            "certificate_number": certificate.number,
            "notices": [],
        }

    with time_machine.travel(NEW_YEAR, tick=False):
        body = eligibility(api_client, admin, officer)
        assert body["ok"] is True and body["reasons"] == []
        assert body["notices"] == [
            f"证件{certificate.number}的2026年度年审须于2027年3月31日前完成（还剩89天）"
        ]

    with time_machine.travel(datetime(2027, 4, 1, 0, 1, tzinfo=SHANGHAI), tick=False):
        body = eligibility(api_client, admin, officer)
        assert body["ok"] is False
        assert f"证件{certificate.number}未进行2026年度年审" in body["reasons"]


def test_a_certificate_issued_this_year_needs_no_review_until_next_january(
    admin, make_officer, make_certificate, api_client
):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        officer = make_officer("李娜")
        certificate = make_certificate(officer, issued_on=date(2026, 12, 1))
        assert eligibility(api_client, admin, officer)["notices"] == []
    with time_machine.travel(NEW_YEAR, tick=False):
        assert eligibility(api_client, admin, officer)["notices"] == [
            f"证件{certificate.number}的2026年度年审须于2027年3月31日前完成（还剩89天）"
        ]
