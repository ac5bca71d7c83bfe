"""The cases app's ledger actions in Chinese (declared on the AppConfig's ``ledger_actions``;
no model imports here: the AppConfig loads before the models)."""

LEDGER_ACTIONS = {
    "cases.case.record": "行政处罚案件：登记线索",
    "cases.evidence.add": "证据：添加",
    "cases.evidence.view": "证据：查看",
    "cases.evidence.download": "证据：下载",
    "cases.evidence.transfer": "证据：移交保管",
}
