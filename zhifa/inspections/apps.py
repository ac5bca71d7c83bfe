from django.apps import AppConfig

from zhifa.inspections.labels import LEDGER_ACTIONS


class InspectionsConfig(AppConfig):
    name = "zhifa.inspections"
    label = "inspections"
    verbose_name = "涉企检查"

    ledger_actions = LEDGER_ACTIONS

    def ready(self) -> None:
        from zhifa.inspections import filing_rules  # noqa: F401  (declares the parameters)
        from zhifa.inspections.workflows import register as register_filings

        register_filings()
