"""涉企检查: plans, draws (双随机), pre-filing, on-site records, ratings, joint visits."""

from zhifa.inspections.models.filings import (
    APPROVE,
    SHOWN_TO_PARTY,
    STANDING,
    Inspection,
    InspectionKind,
    InspectionStatus,
    JointOffer,
    JointOfferStatus,
)
from zhifa.inspections.models.visits import (
    ChecklistEntry,
    ChecklistResult,
    CheckResult,
    ImpactAssessment,
    ImpactLevel,
    OnSiteRecord,
    Outcome,
    Rating,
    RecordState,
    Referral,
    VisitPhoto,
)

__all__ = [
    "APPROVE",
    "SHOWN_TO_PARTY",
    "STANDING",
    "CheckResult",
    "ChecklistEntry",
    "ChecklistResult",
    "ImpactAssessment",
    "ImpactLevel",
    "Inspection",
    "InspectionKind",
    "InspectionStatus",
    "JointOffer",
    "JointOfferStatus",
    "OnSiteRecord",
    "Outcome",
    "Rating",
    "RecordState",
    "Referral",
    "VisitPhoto",
]
