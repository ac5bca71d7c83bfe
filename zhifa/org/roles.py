"""The roles a user may hold (a role is a membership of a user in an agency, 三员分立 included).

Plain choices with no model behind them, so the scope rules (:mod:`zhifa.org.scope`) and the
models that use those rules can both import them.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "执法人员"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    AGENCY_HEAD = "agency_head", "单位负责人"
    AGENCY_ADMIN = "agency_admin", "信息管理员"
    SUPERVISOR = "supervisor", "执法监督人员"
    ENTERPRISE = "enterprise", "企业用户"
    SOCIAL_SUPERVISOR = "social_supervisor", "社会监督员"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


#: 三员分立: one account holds at most one of these, and nothing else besides.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
#: Roles held inside one agency, which scope what the user sees to that agency.
BUSINESS_ROLES = frozenset({Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN})
