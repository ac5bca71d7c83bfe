"""The registry's configurable numbers, with their national defaults and sources (rules.md, People)."""

from decimal import Decimal

from zhifa.core.parameters import Definition, declare

TRAINING_HOURS = declare(
    Definition(
        key="registry.training_hours_per_year",
        label="每人每年培训学时",
        default=60,
        kind=int,
        minimum=1,
        maximum=500,
        source="国办发〔2023〕27号；示范方案措施（三）",
    )
)
DRILLS_PER_YEAR = declare(
    Definition(
        key="registry.drills_per_year",
        label="每个执法主体每年岗位练兵次数",
        default=1,
        kind=int,
        minimum=0,
        maximum=50,
        source="示范方案措施（四）",
    )
)
REVIEWER_RATIO = declare(
    Definition(
        key="registry.legal_reviewer_ratio",
        label="法制审核人员占执法人员比例",
        default=Decimal("0.07"),
        kind=Decimal,
        minimum=Decimal("0"),
        maximum=Decimal("1"),
        source="阿城区三项制度实施方案（原则上不少于本单位执法人员总数的5%，本平台取7%）；行政处罚法第五十八条",
    )
)
REVIEWER_MINIMUM = declare(
    Definition(
        key="registry.legal_reviewer_minimum",
        label="法制审核人员最少人数",
        default=1,
        kind=int,
        minimum=0,
        maximum=100,
        source="三项制度实施方案",
    )
)
REVIEW_WINDOW_MONTHS = declare(
    Definition(
        key="registry.review_window_months",
        label="证件年审期限（次年几月底前完成上一年度年审）",
        default=3,
        kind=int,
        minimum=1,
        maximum=12,
        source="示范方案措施（五）（年审在年度结束后进行）；各省执法证件管理办法规定不一，默认次年3月31日前",
    )
)
