from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, HomePanel, MenuItem
from zhifa.inspections.labels import LEDGER_ACTIONS
from zhifa.org.roles import BUSINESS_ROLES, Role

_FILINGS = "inspections/home/_filings.html"


class InspectionsConfig(AppConfig):
    name = "zhifa.inspections"
    label = "inspections"
    verbose_name = "涉企检查"

    ledger_actions = LEDGER_ACTIONS
    menu_items = (
        MenuItem(
            "涉企检查备案", "inspections:filing_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=40
        ),
    )
    home_panels = (
        HomePanel(
            "filings",
            "zhifa.inspections.views.filings.home_summary",
            {
                Role.OFFICER.value: _FILINGS,
                Role.AGENCY_HEAD.value: _FILINGS,
                Role.SUPERVISOR.value: "inspections/home/_supervisor.html",
            },
            order=40,
        ),
    )
    demo = DemoSeed("zhifa.inspections.demo_filings.seed", after=("parties", "registry", "catalog"))

    def ready(self) -> None:
        from zhifa.inspections import filing_rules  # noqa: F401  (declares the parameters)
        from zhifa.inspections.workflows import register as register_filings

        register_filings()
