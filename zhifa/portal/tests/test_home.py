"""工作台 and the menu: every demo persona signs in and sees its own panel and menu only."""

from __future__ import annotations

import re

import pytest

from zhifa.org.demo import PERSONAS
from zhifa.org.services import accounts
from zhifa.org.tests.conftest import password_of

PERSONA_ROLES = {
    "sysadmin": "system_admin",
    "secadmin": "security_admin",
    "auditadmin": "audit_admin",
    "scjg_zhang": "officer",
    "scjg_li": "legal_reviewer",
    "scjg_wang": "agency_head",
    "scjg_admin": "agency_admin",
    "sthj_xu": "officer",
    "cg_sun": "officer",
    "qs_he": "officer",
    "sfj_chen": "supervisor",
    "dc_sfj_liu": "supervisor",
    "qy_demo": "enterprise",
    "shjd_wu": "social_supervisor",
}
BUSINESS_MENU = [
    "工作台",
    "执法主体",
    "执法人员",
    "执法事项",
    "当事人",
    "抽查计划",
    "涉企检查备案",
    "行政处罚案件",
    "法制审核",
    "期限计算",
]
MANAGERS_MENU = [
    "工作台",
    "执法主体",
    "执法人员",
    "人员配备",
    "执法事项",
    "清单报备",
    "当事人",
    "抽查计划",
    "涉企检查备案",
    "检查评价",
    "行政处罚案件",
    "法制审核",
    "重大处罚备案",
    "期限计算",
]
OFFICER_MENU = [
    *BUSINESS_MENU[:-3],
    "今日检查",
    "行政处罚案件",
    "法制审核",
    "重大处罚备案",
    "期限计算",
]
MENUS = {
    "system_admin": [
        "工作台",
        "执法主体",
        "用户管理",
        "密码重置审批",
        "节假日数据",
        "业务参数",
        "期限计算",
    ],
    "security_admin": ["工作台", "执法主体", "用户管理", "密码重置审批", "期限计算"],
    "audit_admin": ["工作台", "密码重置审批", "审计台账", "期限计算"],
    "officer": OFFICER_MENU,
    "legal_reviewer": BUSINESS_MENU,
    "agency_head": MANAGERS_MENU,
    "agency_admin": [
        "工作台",
        "执法主体",
        "执法人员",
        "人员配备",
        "培训练兵",
        "执法事项",
        "清单报备",
        "当事人",
        "抽查计划",
        "涉企检查备案",
        "行政处罚案件",
        "案号规则",
        "数据导入",
        "期限计算",
    ],
    "supervisor": MANAGERS_MENU,
    "enterprise": ["工作台", "本企业信息", "我的检查记录", "期限计算"],
    "social_supervisor": ["工作台", "期限计算"],
}


def menu(html: str) -> list[str]:
    nav = re.search(r'<nav class="nav" aria-label="主导航">(.*?)</nav>', html, re.S)
    assert nav, "no main menu on the page"
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(1))


def panels(html: str) -> list[str]:
    return re.findall(r'data-testid="panel-([a-z_]+)"', html)


def test_it_covers_every_demo_persona(demo):
    """Every login the demo city prints (its personas and the three administrators)."""
    logins = {p.username for p in PERSONAS} | {"sysadmin", "secadmin", "auditadmin"}
    assert set(PERSONA_ROLES) == logins
    assert logins <= set(demo)


@pytest.mark.parametrize(("username", "role"), sorted(PERSONA_ROLES.items()))
def test_it_shows_each_persona_its_panel_and_menu(demo, client, username, role):
    response = client.post(
        "/login/", {"username": username, "password": password_of(username)}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain == [("/", 302)]
    html = response.content.decode()
    assert f'data-testid="current-user">{demo[username].full_name}<' in html
    assert panels(html) == [role]
    assert menu(html) == MENUS[role]


def test_it_shows_an_officer_their_agency_on_the_panel(demo, client):
    client.force_login(demo["scjg_zhang"])
    html = client.get("/").content.decode()
    assert "示范市市场监督管理局" in html
    assert "示范市生态环境局" not in html


def test_it_shows_a_user_without_roles_an_empty_workbench(demo, client):
    user = accounts.create_user(
        demo["sysadmin"], username="norole", full_name="无角色", password="Xinren@2026!"
    )
    client.force_login(user)
    html = client.get("/").content.decode()
    assert panels(html) == []
    assert "尚未分配角色" in html
    assert menu(html) == ["工作台", "期限计算"]


def test_it_builds_a_panel_from_each_apps_section_in_order(registry_demo, client):
    client.force_login(registry_demo["scjg_zhang"])
    html = client.get("/").content.decode()
    panel = re.search(r'data-testid="panel-officer">(.*?)</section>', html, re.S).group(1)
    org_section = panel.index("示范市市场监督管理局")
    registry_section = panel.index('data-testid="my-registry"')
    assert org_section < panel.index("计算法定期限") < registry_section
