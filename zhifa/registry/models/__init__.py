from zhifa.registry.models.certificates import (
    Certificate,
    CertificateReview,
    CertificateState,
    CertificateStatus,
    ReviewResult,
    Suspension,
)
from zhifa.registry.models.officers import (
    ExamKind,
    ExamResult,
    Officer,
    OfficerStatus,
)
from zhifa.registry.models.training import (
    Assessment,
    Drill,
    IndicatorSet,
    TrainingKind,
    TrainingRecord,
)

__all__ = [
    "Assessment",
    "Certificate",
    "CertificateReview",
    "CertificateState",
    "CertificateStatus",
    "Drill",
    "ExamKind",
    "ExamResult",
    "IndicatorSet",
    "Officer",
    "OfficerStatus",
    "ReviewResult",
    "Suspension",
    "TrainingKind",
    "TrainingRecord",
]
