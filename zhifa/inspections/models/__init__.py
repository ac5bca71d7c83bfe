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

__all__ = [
    "APPROVE",
    "SHOWN_TO_PARTY",
    "STANDING",
    "Inspection",
    "InspectionKind",
    "InspectionStatus",
    "JointOffer",
    "JointOfferStatus",
]
