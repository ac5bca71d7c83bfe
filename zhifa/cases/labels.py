"""The cases app's ledger actions in Chinese (declared on the AppConfig's ``ledger_actions``;
no model imports here: the AppConfig loads before the models)."""

LEDGER_ACTIONS = {
    "cases.case.record": "行政处罚案件：登记线索",
    "cases.evidence.add": "证据：添加",
    "cases.evidence.view": "证据：查看",
    "cases.evidence.download": "证据：下载",
    "cases.evidence.transfer": "证据：移交保管",
}

from zhifa.cases.coercive_declarations import COERCIVE_LEDGER_ACTIONS  # noqa: E402
from zhifa.cases.review_labels import REVIEW_LEDGER_ACTIONS  # noqa: E402

LEDGER_ACTIONS.update(REVIEW_LEDGER_ACTIONS)
LEDGER_ACTIONS.update(COERCIVE_LEDGER_ACTIONS)
LEDGER_ACTIONS.update(
    {
        "cases.filing.open": "重大行政处罚决定备案：列入备案",
        "cases.filing.file": "重大行政处罚决定备案：报司法局备案",
        "cases.filing.accept": "重大行政处罚决定备案：司法局受理",
        "cases.filing.clear": "重大行政处罚决定备案：审查无异议",
        "cases.filing.correct": "重大行政处罚决定备案：提出纠正意见",
        "cases.filing.respond": "重大行政处罚决定备案：反馈纠正情况",
        "cases.transfer.receive": "案件移送：登记回执",
        "cases.transfer.conclude": "案件移送：登记处理结果",
    }
)
LEDGER_ACTIONS.update(
    {
        "cases.case.submit_opening": "行政处罚案件：提请立案",
        "cases.case.open": "行政处罚案件：批准立案",
        "cases.case.send_back": "行政处罚案件：立案审批退回",
        "cases.case.not_open": "行政处罚案件：不予立案",
        "cases.case.notify": "行政处罚案件：事先告知",
        "cases.case.request_hearing": "行政处罚案件：当事人申请听证",
        "cases.case.submit_review": "行政处罚案件：提请法制审核",
        "cases.case.pass_review": "行政处罚案件：法制审核通过",
        "cases.case.return_review": "行政处罚案件：法制审核退回",
        "cases.case.mark_review_grounds": "行政处罚案件：标记法制审核情形",
        "cases.case.submit_decision": "行政处罚案件：提请决定",
        "cases.case.submit_discussion": "行政处罚案件：提交集体讨论",
        "cases.case.conclude_discussion": "行政处罚案件：集体讨论决定",
        "cases.case.decide": "行政处罚案件：作出处罚决定",
        "cases.case.decide_no_penalty": "行政处罚案件：不予处罚",
        "cases.case.serve": "行政处罚案件：送达",
        "cases.case.close": "行政处罚案件：结案",
        "cases.case.archive": "行政处罚案件：归档",
        "cases.case.withdraw": "行政处罚案件：撤销立案",
        "cases.case.transfer": "行政处罚案件：移送",
        "cases.case.resume_after_transfer": "行政处罚案件：移送退回后继续调查",
        "cases.case.resume_lead_after_transfer": "行政处罚案件：移送退回后继续办理线索",
        "cases.case.decide_on_spot": "行政处罚案件：简易程序当场处罚决定",
        "cases.case.collect_on_spot": "行政处罚案件：当场收缴罚款",
        "cases.case.file_on_spot": "行政处罚案件：当场处罚决定报备",
        "cases.case.acknowledge_filing": "行政处罚案件：当场处罚决定备案",
        "cases.case.return_filing": "行政处罚案件：退回当场处罚决定报备",
        "cases.numbering.set": "案号规则：设置案号字头",
        "cases.case.take_over": "行政处罚案件：接收历史案件",
        "cases.appeal.file": "行政复议、行政诉讼：登记",
        "cases.appeal.result": "行政复议、行政诉讼：登记结果",
    }
)
