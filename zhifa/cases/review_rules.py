"""The configurable numbers of legal review and discretion (rules.md "Cases", "Discretion"), with
their defaults and sources."""

from decimal import Decimal

from zhifa.core.parameters import Definition, declare

REVIEW_WORKING_DAYS = declare(
    Definition(
        key="cases.legal_review_working_days",
        label="法制审核期限（工作日）",
        default=5,
        kind=int,
        minimum=1,
        maximum=30,
        source="国办发〔2018〕118号、各地重大执法决定法制审核办法（多为5个工作日，各地不一）；"
        "本平台默认5个工作日",
    )
)
SIMILAR_MIN_CASES = declare(
    Definition(
        key="cases.similar_min_cases",
        label="类案参考：提示偏离所需的最少类案数",
        default=3,
        kind=int,
        minimum=1,
        maximum=100,
        source="种子文件000（十一）同案同罚；本平台默认3件",
    )
)
SIMILAR_FAR_FACTOR = declare(
    Definition(
        key="cases.similar_far_factor",
        label="类案参考：罚款高于中位数几倍或低于其几分之一即提示偏离",
        default=Decimal("2"),
        kind=Decimal,
        minimum=Decimal("1.1"),
        maximum=Decimal("10"),
        source="种子文件000（十一）同案同罚；本平台默认2倍",
    )
)
