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
from zhifa.cases.models.evidence import Evidence, EvidenceKind, cases_with_evidence

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
    "Evidence",
    "EvidenceKind",
    "OfficerRole",
    "Procedure",
    "cases_with_evidence",
]
