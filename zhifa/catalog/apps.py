from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, HomePanel, Importer, MenuItem, PublicSearch
from zhifa.org.roles import BUSINESS_ROLES, Role

SEARCH = "zhifa.catalog.public_search"


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
    home_panels = (
        HomePanel(
            "catalog",
            "zhifa.catalog.home.summary",
            {
                Role.LEGAL_REVIEWER.value: "catalog/home/_agency.html",
                Role.AGENCY_HEAD.value: "catalog/home/_agency.html",
                Role.AGENCY_ADMIN.value: "catalog/home/_agency.html",
                Role.SUPERVISOR.value: "catalog/home/_supervisor.html",
            },
            order=30,
        ),
    )
    # After the registry's demo, which gives most agencies their 信息管理员.
    demo = DemoSeed("zhifa.catalog.demo.seed_demo", after=("org", "registry"))
    # An agency's 信息管理员 keeps its catalogue of matters.
    importers = (
        Importer(
            "matters",
            "执法事项",
            frozenset({Role.AGENCY_ADMIN.value}),
            "zhifa.catalog.excel.template_xlsx",
            "zhifa.catalog.services.imports.import_matters",
            "catalog:matter_import",
            order=30,
        ),
        # … and its benchmarks, one row per grade, each imported as a new draft version.
        Importer(
            "benchmarks",
            "裁量基准",
            frozenset({Role.AGENCY_ADMIN.value}),
            "zhifa.catalog.benchmark_excel.template_xlsx",
            "zhifa.catalog.services.benchmark_imports.import_benchmarks",
            "catalog:benchmark_import",
            order=31,
        ),
    )
    public_search = tuple(
        PublicSearch(key, label, f"{SEARCH}.{key}", f"{SEARCH}.{hit}", order=order)
        for key, label, hit, order in (
            ("matters", "执法事项", "matter_hit", 30),
            ("benchmarks", "裁量基准", "benchmark_hit", 40),
            ("service_guides", "办事指南", "service_guide_hit", 50),
            ("compliance_guides", "合规指导", "compliance_hit", 60),
        )
    )

    def ready(self) -> None:
        from zhifa.catalog.workflows import register

        register()
