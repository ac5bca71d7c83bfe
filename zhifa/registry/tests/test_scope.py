"""Who sees officers and their records: the agency's own staff and the supervisors of its region;
never another agency, the public, or the three administrators (三员: no business data)."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.org.models import Agency, Role
from zhifa.org.services import accounts
from zhifa.registry.models import Certificate, Officer, TrainingKind, TrainingRecord
from zhifa.registry.services import officers, training
from zhifa.registry.tests.helpers import id_number

SEES_CITY_OFFICER = ["scjg_admin", "scjg_wang", "scjg_zhang", "scjg_li", "sfj_chen"]
SEES_NONE = [
    "sthj_xu",
    "cg_sun",
    "qs_he",
    "qy_demo",
    "shjd_wu",
    "sysadmin",
    "secadmin",
    "auditadmin",
]


@pytest.fixture
def district_officer(demo) -> Officer:
    """An officer of 东城区市场监管局, registered by its own 信息管理员."""
    dc_scjg = Agency.objects.get(short_name="东城区市场监管局")
    keeper = accounts.create_user(
        demo["sysadmin"], username="dc_scjg_admin", full_name="孔亮", password="Shifan@2026"
    )
    accounts.grant_role(demo["secadmin"], keeper, role=Role.AGENCY_ADMIN, agency=dc_scjg)
    return officers.create_officer(keeper, dc_scjg, name="东城执法员", id_number=id_number(800))


@pytest.fixture
def city_records(admin, certificate):
    training.record_training(
        admin,
        certificate.officer,
        kind=TrainingKind.PUBLIC_LAW,
        course="行政处罚法",
        held_on=date(2024, 3, 1),
        hours=8,
    )
    return certificate.officer


def visible(user) -> set[str]:
    return set(Officer.objects.visible_to(user).values_list("name", flat=True))


@pytest.mark.parametrize("username", SEES_CITY_OFFICER)
def test_it_shows_a_city_officer_to_the_agency_and_the_city_supervisor(
    demo, city_records, username
):
    user = demo[username]
    assert "张伟" in visible(user)
    assert Certificate.objects.visible_to(user).filter(officer=city_records).exists()
    assert TrainingRecord.objects.visible_to(user).filter(officer=city_records).exists()


@pytest.mark.parametrize("username", [*SEES_NONE, "dc_sfj_liu"])
def test_it_hides_a_city_officer_from_everyone_else(demo, city_records, username):
    user = demo[username]
    assert "张伟" not in visible(user)
    assert not Certificate.objects.visible_to(user).exists()
    assert not TrainingRecord.objects.visible_to(user).exists()


def test_it_hides_officers_from_another_agencys_admin(city_records, sthj_admin):
    assert visible(sthj_admin) == set()


def test_it_shows_a_district_officer_to_the_district_and_city_supervisors(
    demo, officer, district_officer
):
    assert visible(demo["dc_sfj_liu"]) == {"东城执法员"}
    assert visible(demo["sfj_chen"]) == {"东城执法员", "张伟"}
    assert visible(demo["scjg_admin"]) == {"张伟"}


@pytest.mark.parametrize("username", SEES_NONE)
def test_it_shows_no_officer_at_all_to_outsiders_and_administrators(
    demo, officer, district_officer, username
):
    assert visible(demo[username]) == set()


def test_it_shows_nothing_to_an_anonymous_or_disabled_user(demo, officer):
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()
    accounts.set_user_active(demo["sysadmin"], demo["scjg_zhang"], active=False)
    zhang = type(demo["scjg_zhang"]).objects.get(username="scjg_zhang")
    assert visible(zhang) == set()
