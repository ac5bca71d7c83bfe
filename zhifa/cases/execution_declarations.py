"""What execution (执行) offers the portal: the 工作台's to-do "罚款逾期未缴" for the case's
officers and the agency head (处罚法 arts. 67, 72: the fine not paid by its day).
No model imports: the AppConfig loads before the models."""

from zhifa.core.declarations import HomePanel
from zhifa.org.roles import Role

_TEMPLATE = "cases/execution/_home.html"

EXECUTION_PANELS = (
    HomePanel(
        "execution",
        "zhifa.cases.execution_home.home_summary",
        {Role.OFFICER.value: _TEMPLATE, Role.AGENCY_HEAD.value: _TEMPLATE},
        order=51,
    ),
    # 当场处罚决定待报备 (处罚法 art. 52): zhifa.cases.spot_filing_home
    HomePanel(
        "spot_filing",
        "zhifa.cases.spot_filing_home.home_summary",
        {Role.OFFICER.value: "cases/home/_spot_filing.html"},
        order=52,
    ),
)
