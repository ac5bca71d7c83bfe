"""The menu each role sees (pages only; what a role may do is decided in the services)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhifa.org.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user


BUSINESS = frozenset(
    {Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR}
)

MENU = (
    NavItem("工作台", "home"),
    NavItem("执法主体", "agency_list", BUSINESS | {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN}),
    NavItem("执法人员", "registry:officer_list", BUSINESS),
    NavItem(
        "人员配备",
        "registry:staffing",
        frozenset({Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR}),
    ),
    NavItem("培训练兵", "registry:training", frozenset({Role.AGENCY_ADMIN})),
    NavItem("执法事项", "catalog:matter_list", BUSINESS),
    NavItem(
        "清单报备",
        "catalog:filing_list",
        frozenset({Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR}),
    ),
    NavItem("用户管理", "user_list", frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN})),
    NavItem("节假日数据", "calendar", frozenset({Role.SYSTEM_ADMIN})),
    NavItem("业务参数", "parameters", frozenset({Role.SYSTEM_ADMIN})),
    NavItem("审计台账", "ledger", frozenset({Role.AUDIT_ADMIN})),
    NavItem("期限计算", "deadline"),
)


def menu_for(user: Any) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in MENU if item.roles is None or user.has_role(*item.roles)]
