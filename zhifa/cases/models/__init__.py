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
    "OfficerRole",
    "Procedure",
]
