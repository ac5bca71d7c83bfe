"""The pre-filing's configurable numbers (rules.md "Enterprise inspections"), with their defaults
and sources. The draws helper's plan rules read the same parameters for its exclusions."""

from zhifa.core.parameters import Definition, declare

YEARLY_CAP = declare(
    Definition(
        key="inspections.yearly_cap",
        label="同一执法主体对同一企业每年检查次数上限",
        default=2,
        kind=int,
        minimum=1,
        maximum=50,
        source="国办发〔2024〕54号（涉企检查年度频次上限由各地公布）；本平台默认每年2次",
    )
)
INDIVIDUAL_COUNTS = declare(
    Definition(
        key="inspections.individual_counts",
        label="个案检查是否计入年度检查次数",
        default=False,
        kind=bool,
        source="国办发〔2024〕54号（各地规定不一：投诉举报、转办交办等个案检查多不计入）",
    )
)
RECENT_WINDOW_DAYS = declare(
    Definition(
        key="inspections.recent_window_days",
        label="同一事项近期已检查的不再抽取（天）",
        default=180,
        kind=int,
        minimum=0,
        maximum=730,
        source="示范市市场监管局涉企检查事项清单（同一产品六个月内不重复抽查）；种子文件004",
    )
)
