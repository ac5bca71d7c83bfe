from zhifa.catalog.models.approvals import ApprovalKind, RuleApproval, RuleStatus
from zhifa.catalog.models.benchmarks import (
    BenchmarkStatus,
    DiscretionBenchmark,
    FactDefinition,
    FactKind,
    Grade,
    MultipleBase,
)
from zhifa.catalog.models.checklists import ChecklistItem
from zhifa.catalog.models.guides import (
    ComplianceGuide,
    ComplianceItem,
    FlowStep,
    ServiceGuide,
)
from zhifa.catalog.models.lists import Filing, FilingStatus, ListEntry, ListKind, ListVersion
from zhifa.catalog.models.matters import Matter, MatterCategory, MatterLevel, MatterStatus

__all__ = [
    "ApprovalKind",
    "BenchmarkStatus",
    "ChecklistItem",
    "ComplianceGuide",
    "ComplianceItem",
    "DiscretionBenchmark",
    "FactDefinition",
    "FactKind",
    "Filing",
    "FilingStatus",
    "FlowStep",
    "Grade",
    "ListEntry",
    "ListKind",
    "ListVersion",
    "Matter",
    "MatterCategory",
    "MatterLevel",
    "MatterStatus",
    "MultipleBase",
    "RuleApproval",
    "RuleStatus",
    "ServiceGuide",
]
