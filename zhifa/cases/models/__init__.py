"""行政处罚案件 (cases): the case, its officers, parties and matters."""

from zhifa.cases.models.cases import (
    APPROVE,
    FINISHED,
    REVIEW,
    Case,
    CaseEvent,
    CaseMatter,
    CaseNumbering,
    CaseOfficer,
    CaseParty,
    CaseSource,
    CaseStatus,
    OfficerRole,
    OnSpotDecision,
    Outcome,
    Procedure,
    ServiceMethod,
    SummaryMeasure,
)
from zhifa.cases.models.evidence import Evidence, EvidenceKind

__all__ = [
    "APPROVE",
    "FINISHED",
    "REVIEW",
    "Case",
    "CaseEvent",
    "CaseMatter",
    "CaseNumbering",
    "CaseOfficer",
    "CaseParty",
    "CaseSource",
    "CaseStatus",
    "Evidence",
    "EvidenceKind",
    "OfficerRole",
    "OnSpotDecision",
    "Outcome",
    "Procedure",
    "ServiceMethod",
    "SummaryMeasure",
]
