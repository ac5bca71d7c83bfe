"""The 工作台's to-dos about certificates: the annual reviews due with the days left (after the year
ends, within the review window) and the certificates that expire within 30 days, for the agency's
administrator and head, and counted for the supervisors."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from zhifa.registry.services import certificates

JANUARY = datetime(2026, 1, 15, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
MAY = datetime(2026, 5, 15, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def due(certificate):
    """Issued in 2023; the 2025 review has not been held."""
    return certificate


@pytest.fixture
def soon(make_officer, make_certificate):
    officer = make_officer("李娜")
    return make_certificate(officer, expires_on=date(2026, 2, 1))


def home(client, user, when) -> str:
    with time_machine.travel(when, tick=False):
        client.force_login(user)
        return client.get("/").content.decode()


@pytest.mark.parametrize("username", ["scjg_admin", "scjg_wang"])
def test_the_agency_sees_the_reviews_due_and_the_days_left(client, demo, due, username):
    html = home(client, demo[username], JANUARY)
    assert "2025年度年审尚未进行，须于2026年3月31日前完成（还剩75天）" in html
    assert f"张伟</a>（证件{due.number}）" in html


def test_a_review_held_clears_the_to_do(client, demo, admin, due):
    certificates.review_certificate(admin, due, year=2025, reviewed_on=date(2026, 1, 10))
    html = home(client, demo["scjg_admin"], JANUARY)
    assert "年审尚未进行" not in html


def test_after_the_window_nothing_is_due_any_more(client, demo, due):
    # The certificate has lapsed (the officer's record says so); it is no longer a review to do.
    assert "年审尚未进行" not in home(client, demo["scjg_admin"], MAY)


def test_certificates_expiring_within_30_days_are_listed(client, demo, soon):
    html = home(client, demo["scjg_admin"], JANUARY)
    assert f"李娜</a>（证件{soon.number}，2026年2月1日到期，还剩17天）" in html


def test_other_agencies_do_not_see_them_and_supervisors_count_them(client, demo, due, soon):
    assert "证件待办" not in home(client, demo["sthj_xu"], JANUARY)
    supervisor = home(client, demo["sfj_chen"], JANUARY)
    assert "监督范围内2本证件的年审尚未进行，须于2026年3月31日前完成" in supervisor
    assert "监督范围内1本证件将在30天内到期" in supervisor
    district = home(client, demo["dc_sfj_liu"], JANUARY)  # 东城区 does not oversee the city bureau
    assert "本证件的年审尚未进行" not in district


@pytest.mark.parametrize(
    ("username", "testid"),
    [("qy_demo", "enterprise-links"), ("shjd_wu", "social-supervisor-links")],
)
def test_enterprise_and_social_supervisor_homes_lead_somewhere(client, demo, username, testid):
    html = home(client, demo[username], JANUARY)
    assert f'data-testid="{testid}"' in html
    assert "/public/catalog/compliance/" in html or "/public/agencies/" in html
    assert "后续版本上线" not in html
