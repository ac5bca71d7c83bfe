from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, HomePanel, Importer, MenuItem, PublicSearch
from zhifa.org.roles import BUSINESS_ROLES, Role

OVERSEERS = frozenset({Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR})


class RegistryConfig(AppConfig):
    name = "zhifa.registry"
    label = "registry"
    verbose_name = "执法人员"

    menu_items = (
        MenuItem("执法人员", "registry:officer_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=20),
        MenuItem("人员配备", "registry:staffing", OVERSEERS, order=21),
        MenuItem("培训练兵", "registry:training", frozenset({Role.AGENCY_ADMIN}), order=22),
    )
    home_panels = (
        HomePanel(
            "registry",
            "zhifa.registry.views.oversight.home_summary",
            {
                Role.OFFICER.value: "registry/home/_officer.html",
                Role.LEGAL_REVIEWER.value: "registry/home/_officer.html",
                Role.AGENCY_HEAD.value: "registry/home/_agency.html",
                Role.AGENCY_ADMIN.value: "registry/home/_agency.html",
                Role.SUPERVISOR.value: "registry/home/_supervisor.html",
            },
            order=20,
        ),
    )
    demo = DemoSeed("zhifa.registry.demo.seed_demo", after=("org",))
    # Only an agency's 信息管理员 keeps its registry, so only they import into it.
    importers = tuple(
        Importer(
            kind,
            label,
            frozenset({Role.AGENCY_ADMIN.value}),
            f"zhifa.registry.excel.{kind}_template",
            f"zhifa.registry.services.imports.import_{kind}",
            "registry:excel_import",
            {"kind": kind},
            order=order,
        )
        for kind, label, order in (
            ("officers", "执法人员", 20),
            ("certificates", "执法证件", 21),
            ("training", "培训记录", 22),
        )
    )
    public_search = (
        PublicSearch(
            "agencies",
            "执法主体",
            "zhifa.registry.public_search.agencies",
            "zhifa.registry.public_search.agency_hit",
            order=10,
        ),
        PublicSearch(
            "officers",
            "执法人员",
            "zhifa.registry.public_search.officers",
            "zhifa.registry.public_search.officer_hit",
            order=20,
        ),
    )

    def ready(self) -> None:
        from zhifa.registry import rules  # noqa: F401  (declares the configurable parameters)
        from zhifa.registry.workflows import register

        register()
