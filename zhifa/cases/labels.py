"""The cases app's ledger actions in Chinese (declared on the AppConfig's ``ledger_actions``;
no model imports here: the AppConfig loads before the models)."""

LEDGER_ACTIONS = {
    "cases.case.record": "行政处罚案件：登记线索",
}

from zhifa.cases.review_labels import REVIEW_LEDGER_ACTIONS  # noqa: E402

LEDGER_ACTIONS.update(REVIEW_LEDGER_ACTIONS)
