"""当事人 / 监管对象 (Party): enterprises, the self-employed, persons."""

from zhifa.parties.models.parties import (
    ADMINISTER,
    CreditGrade,
    Party,
    PartyAccount,
    PartyKind,
    RiskClass,
    may_administer_parties,
    may_change_parties,
)

__all__ = [
    "ADMINISTER",
    "CreditGrade",
    "Party",
    "PartyAccount",
    "PartyKind",
    "RiskClass",
    "may_administer_parties",
    "may_change_parties",
]
