"""The on-site visit's configurable numbers (core parameters), with their defaults and sources."""

from zhifa.core.parameters import Definition, declare

PHOTO_MAX_MB = declare(
    Definition(
        key="inspections.photo_max_mb",
        label="现场检查照片大小上限（MB）",
        default=10,
        kind=int,
        minimum=1,
        maximum=50,
        source="事中登记（seed 004）：现场照片经内容校验、限制大小后存证",
    )
)
LOW_RATING_SCORE = declare(
    Definition(
        key="inspections.low_rating_score",
        label="事后评价低分线（1至5分，不高于此分即提请监督）",
        default=2,
        kind=int,
        minimum=1,
        maximum=4,
        source="事后评价（seed 004）：评价结果实时推送司法行政部门，差评纳入执法监督",
    )
)
