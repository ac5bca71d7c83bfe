from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, HomePanel, MenuItem
from zhifa.org.roles import ADMIN_ROLES, BUSINESS_ROLES, Role


class OrgConfig(AppConfig):
    name = "zhifa.org"
    label = "org"
    verbose_name = "组织与用户"

    menu_items = (
        MenuItem(
            "执法主体",
            "agency_list",
            BUSINESS_ROLES | {Role.SUPERVISOR, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN},
            order=10,
        ),
        MenuItem(
            "用户管理", "user_list", frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN}), order=80
        ),
        MenuItem("密码重置审批", "reset_requests", ADMIN_ROLES, order=81),
    )
    home_panels = (
        HomePanel(
            "org",
            "zhifa.org.home.summary",
            {role.value: f"org/home/{role.value}.html" for role in Role},
            order=10,
        ),
    )
    demo = DemoSeed("zhifa.org.demo.seed_demo")

    def ready(self) -> None:
        from zhifa.org import signals  # noqa: F401
