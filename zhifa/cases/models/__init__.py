"""行政处罚案件 (cases): the case, its officers, parties and matters."""

from zhifa.cases.models.cases import (
    APPROVE,
    FINISHED,
    REVIEW,
    Case,
    CaseMatter,
    CaseOfficer,
    CaseParty,
    CaseSource,
    CaseStatus,
    OfficerRole,
    Procedure,
)
from zhifa.cases.models.decisions import Decision, DecisionKind, Measure
from zhifa.cases.models.reviews import LegalReview, Opinion, ReviewStatus, Ruling

__all__ = [
    "APPROVE",
    "FINISHED",
    "REVIEW",
    "Case",
    "CaseMatter",
    "CaseOfficer",
    "CaseParty",
    "CaseSource",
    "CaseStatus",
    "Decision",
    "DecisionKind",
    "LegalReview",
    "Measure",
    "OfficerRole",
    "Opinion",
    "Procedure",
    "ReviewStatus",
    "Ruling",
]
