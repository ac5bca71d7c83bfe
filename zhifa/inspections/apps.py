from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, MenuItem
from zhifa.inspections.labels import LEDGER_ACTIONS
from zhifa.org.roles import BUSINESS_ROLES, Role


class InspectionsConfig(AppConfig):
    name = "zhifa.inspections"
    label = "inspections"
    verbose_name = "涉企检查"

    ledger_actions = LEDGER_ACTIONS
    menu_items = (
        MenuItem("抽查计划", "inspections:plan_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=40),
    )
    demo = DemoSeed("zhifa.inspections.demo.seed_demo", after=("org", "registry", "catalog"))

    def ready(self) -> None:
        from zhifa.inspections import filing_rules, plan_rules  # noqa: F401  (parameters)
        from zhifa.inspections.workflows import register as register_filings

        register_filings()
