"""Who sees which agencies, units and users: one mechanism, ``Model.objects.visible_to``."""

from __future__ import annotations

import pytest

from zhifa.org.models import Agency, Membership, Region, Unit, User
from zhifa.org.services import accounts

ALL_AGENCIES = {
    "市司法局",
    "市市场监管局",
    "市生态环境局",
    "市应急管理局",
    "市城管执法局",
    "市交通运输局",
    "市交通执法支队",
    "东城区司法局",
    "东城区市场监管局",
    "东城区城管执法局",
    "西城区市场监管局",
    "南山县司法局",
    "南山县应急管理局",
    "南山生态执法大队",
    "青石镇",
}
DONGCHENG = {"东城区司法局", "东城区市场监管局", "东城区城管执法局"}


def member(demo, username: str, full_name: str, role: str, agency: Agency) -> User:
    """A new account with one role, opened and granted through the account services."""
    user = accounts.create_user(
        demo["sysadmin"], username=username, full_name=full_name, password="Shifan@2026"
    )
    accounts.grant_role(demo["secadmin"], user, role=role, agency=agency)
    return user


def visible_agencies(user: User) -> set[str]:
    return set(Agency.objects.visible_to(user).values_list("short_name", flat=True))


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("scjg_zhang", {"市市场监管局"}),
        ("scjg_li", {"市市场监管局"}),
        ("scjg_wang", {"市市场监管局"}),
        ("scjg_admin", {"市市场监管局"}),
        ("cg_sun", {"东城区城管执法局"}),
        ("qs_he", {"青石镇"}),
        # The delegating agency answers for the body it delegated to (处罚法 art. 20).
        ("sthj_xu", {"市生态环境局", "南山生态执法大队"}),
        ("sfj_chen", ALL_AGENCIES),
        ("dc_sfj_liu", DONGCHENG),
        ("sysadmin", ALL_AGENCIES),
        ("secadmin", ALL_AGENCIES),
        ("auditadmin", set()),
        ("qy_demo", set()),
        ("shjd_wu", set()),
    ],
)
def test_it_shows_each_persona_exactly_its_agencies(demo, username, expected):
    assert visible_agencies(demo[username]) == expected


def test_it_shows_the_demo_city_has_the_agencies_the_scope_table_assumes(demo):
    assert set(Agency.objects.values_list("short_name", flat=True)) == ALL_AGENCIES


def test_it_shows_an_agency_the_bodies_it_set_up(demo, agencies):
    # 市交通执法支队 was set up by 市交通运输局: an officer of the parent sees both.
    officer = member(demo, "jt_officer", "交通", "officer", agencies["市交通运输局"])
    assert visible_agencies(officer) == {"市交通运输局", "市交通执法支队"}


def test_it_does_not_show_a_delegated_body_its_delegating_agency(demo, agencies):
    officer = member(demo, "ns_officer", "南山", "officer", agencies["南山生态执法大队"])
    assert visible_agencies(officer) == {"南山生态执法大队"}


def test_it_shows_a_county_supervisor_the_towns_below_the_county(demo, agencies):
    supervisor = member(demo, "ns_sup", "南山监督", "supervisor", agencies["南山县司法局"])
    assert visible_agencies(supervisor) == {
        "南山县司法局",
        "南山县应急管理局",
        "南山生态执法大队",
        "青石镇",
    }


def test_it_lets_units_follow_their_agencies(demo, agencies):
    units = Unit.objects.visible_to(demo["sthj_xu"])
    assert {u.agency.short_name for u in units} == {"市生态环境局", "南山生态执法大队"}
    assert units.count() == 6
    assert set(Unit.objects.visible_to(demo["scjg_zhang"]).values_list("name", flat=True)) == {
        "办公室",
        "执法大队",
        "法规科",
    }
    assert {u.agency.short_name for u in Unit.objects.visible_to(demo["dc_sfj_liu"])} == DONGCHENG
    assert not Unit.objects.visible_to(demo["qy_demo"]).exists()
    assert Unit.objects.visible_to(demo["sysadmin"]).count() == Unit.objects.count()


def test_it_shows_regions_to_every_signed_in_user(demo):
    assert Region.objects.visible_to(demo["qy_demo"]).count() == Region.objects.count() == 5


def visible_users(user: User) -> set[str]:
    return set(User.objects.visible_to(user).values_list("username", flat=True))


SCJG_STAFF = {"scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin"}


@pytest.mark.parametrize("username", ["scjg_zhang", "scjg_li", "sthj_xu", "qy_demo", "auditadmin"])
def test_it_shows_an_ordinary_user_only_themselves(demo, username):
    assert visible_users(demo[username]) == {username}


@pytest.mark.parametrize("username", ["scjg_admin", "scjg_wang"])
def test_it_shows_agency_admin_and_head_their_colleagues_only(demo, username):
    assert visible_users(demo[username]) == SCJG_STAFF


@pytest.mark.parametrize("username", ["sysadmin", "secadmin"])
def test_it_shows_account_administrators_everyone(demo, username):
    assert visible_users(demo[username]) == set(User.objects.values_list("username", flat=True))


def test_it_shows_memberships_of_visible_users_only(demo):
    roles = Membership.objects.visible_to(demo["scjg_zhang"])
    assert [m.user.username for m in roles] == ["scjg_zhang"]


def test_it_shows_a_disabled_user_nothing_not_even_themselves(demo):
    officer = demo["scjg_admin"]
    accounts.set_user_active(demo["sysadmin"], officer, active=False)
    officer.refresh_from_db()
    assert not Agency.objects.visible_to(officer).exists()
    assert not Unit.objects.visible_to(officer).exists()
    assert not User.objects.visible_to(officer).exists()
    assert not Region.objects.visible_to(officer).exists()


def test_it_shows_anonymous_users_nothing(demo):
    from django.contrib.auth.models import AnonymousUser

    assert not Agency.objects.visible_to(AnonymousUser()).exists()
    assert not User.objects.visible_to(None).exists()


def test_it_widens_the_scope_as_soon_as_a_role_is_granted(demo, agencies):
    officer = demo["scjg_zhang"]
    assert visible_agencies(officer) == {"市市场监管局"}
    accounts.grant_role(demo["secadmin"], officer, role="officer", agency=agencies["市应急管理局"])
    assert visible_agencies(officer) == {"市市场监管局", "市应急管理局"}
