from django.apps import AppConfig

from zhifa.cases.labels import LEDGER_ACTIONS
from zhifa.cases.review_declarations import REVIEW_MENU, REVIEW_PANELS


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "行政处罚案件"

    ledger_actions = LEDGER_ACTIONS
    menu_items = (*REVIEW_MENU,)
    home_panels = (*REVIEW_PANELS,)
    #: Issued documents (文书) belong to cases: seen by whoever sees the case.
    document_owners = ("cases.Case",)

    def ready(self) -> None:
        from zhifa.cases.workflows import register

        register()

        from zhifa.cases.review_workflow import register as register_review

        register_review()
