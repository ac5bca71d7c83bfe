from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, MenuItem
from zhifa.org.roles import BUSINESS_ROLES, Role


class CatalogConfig(AppConfig):
    name = "zhifa.catalog"
    label = "catalog"
    verbose_name = "执法事项与裁量基准"

    menu_items = (
        MenuItem("执法事项", "catalog:matter_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=30),
        MenuItem(
            "清单报备",
            "catalog:filing_list",
            frozenset({Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR}),
            order=31,
        ),
    )
    # After the registry's demo, which gives most agencies their 信息管理员.
    demo = DemoSeed("zhifa.catalog.demo.seed_demo", after=("org", "registry"))

    def ready(self) -> None:
        from zhifa.catalog.workflows import register

        register()
