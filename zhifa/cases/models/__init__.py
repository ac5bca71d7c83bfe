"""行政处罚案件 (cases): the case, its officers, parties and matters."""

from zhifa.cases.models.appeals import Appeal, AppealKind, AppealResult
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
from zhifa.cases.models.coercive import CoerciveItem, CoerciveKind, CoerciveMeasure, CoerciveStatus
from zhifa.cases.models.decisions import Decision, DecisionExtension, DecisionKind, Measure
from zhifa.cases.models.evidence import Evidence, EvidenceKind, cases_with_evidence
from zhifa.cases.models.reviews import LegalReview, Opinion, ReviewStatus, Ruling

__all__ = [
    "APPROVE",
    "FINISHED",
    "REVIEW",
    "Appeal",
    "AppealKind",
    "AppealResult",
    "Case",
    "CaseEvent",
    "CaseMatter",
    "CaseNumbering",
    "CaseOfficer",
    "CaseParty",
    "CaseSource",
    "CaseStatus",
    "CoerciveItem",
    "CoerciveKind",
    "CoerciveMeasure",
    "CoerciveStatus",
    "Decision",
    "DecisionExtension",
    "DecisionKind",
    "Evidence",
    "EvidenceKind",
    "LegalReview",
    "Measure",
    "OfficerRole",
    "OnSpotDecision",
    "Opinion",
    "Outcome",
    "Procedure",
    "ReviewStatus",
    "Ruling",
    "ServiceMethod",
    "SummaryMeasure",
    "cases_with_evidence",
]
