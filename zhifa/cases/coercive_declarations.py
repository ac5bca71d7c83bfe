"""What coercive measures (行政强制措施) offer the portal: their ledger actions in Chinese and the
home panels of the officer (emergency measures to report within 24 hours), the head (approvals,
reports and lifting proposals awaiting) and the supervisor (late reports, measures past their last
day).
No model imports: the AppConfig loads before the models."""

from zhifa.core.declarations import HomePanel
from zhifa.org.roles import Role

COERCIVE_LEDGER_ACTIONS = {
    "cases.coercive_measure.request": "行政强制措施：提请采取",
    "cases.coercive_measure.carry_out_on_spot": "行政强制措施：当场实施",
    "cases.coercive_measure.approve": "行政强制措施：负责人批准",
    "cases.coercive_measure.refuse": "行政强制措施：负责人不予批准",
    "cases.coercive_measure.carry_out": "行政强制措施：实施",
    "cases.coercive_measure.report": "行政强制措施：当场实施后报告负责人",
    "cases.coercive_measure.ratify": "行政强制措施：负责人补办批准",
    "cases.coercive_measure.annul": "行政强制措施：负责人不予批准并解除",
    "cases.coercive_measure.extend": "行政强制措施：延长期限",
    "cases.coercive_measure.correct_items": "行政强制措施：实施前更正清单",
    "cases.coercive_measure.record_appraisal": "行政强制措施：登记检测、检验、检疫或者技术鉴定期间",
    "cases.coercive_measure.propose_lift": "行政强制措施：提请解除",
    "cases.coercive_measure.lift": "行政强制措施：负责人批准解除",
    "cases.coercive_measure.decline_lift": "行政强制措施：负责人不予解除",
}

COERCIVE_PANELS = (
    HomePanel(
        "coercive",
        "zhifa.cases.coercive_views.home_summary",
        {
            Role.OFFICER.value: "cases/coercive/_home_officer.html",
            Role.AGENCY_HEAD.value: "cases/coercive/_home_head.html",
            Role.SUPERVISOR.value: "cases/coercive/_home_supervisor.html",
        },
        order=52,
    ),
)
