"""`can_enforce`: may this officer do new enforcement work on this day? One check for every
later capability (inspections, cases), with its reasons in Chinese.

Rules: investigation and inspection by officers holding a valid certificate (处罚法 arts. 42, 55;
54号: never staff without a certificate); certificates in force only while not suspended, expired,
collected or cancelled, and only after a passed annual review for the previous year (seed 000 (五)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zhifa.registry.models import (
    Certificate,
    CertificateState,
    Officer,
    OfficerStatus,
    ReviewResult,
)


@dataclass(frozen=True)
class Eligibility:
    ok: bool
    reasons: list[str] = field(default_factory=list)
    certificate: Certificate | None = None

    def __bool__(self) -> bool:
        return self.ok


def _review_problem(certificate: Certificate, day: date) -> str:
    year = day.year - 1
    if certificate.issued_on.year > year:
        return ""  # issued this year: no review due yet
    review = next((r for r in certificate.reviews.all() if r.year == year), None)
    if review is None:
        return f"证件{certificate.number}未进行{year}年度年审"
    if review.result != ReviewResult.PASSED:
        return f"证件{certificate.number}{year}年度年审{review.get_result_display()}"
    return ""


def can_enforce(officer: Officer, on: date) -> Eligibility:
    """Whether ``officer`` may start enforcement work on ``on``; if not, every reason why."""
    reasons: list[str] = []
    if officer.status != OfficerStatus.ON_DUTY:
        reasons.append(f"{officer.name}当前状态为{officer.get_status_display()}")
    if not officer.in_enforcement_post:
        reasons.append(f"{officer.name}不在执法岗位")
    certificates = list(officer.certificates.prefetch_related("suspensions", "reviews"))
    if not certificates:
        reasons.append(f"{officer.name}未取得行政执法证件")
        return Eligibility(False, reasons)
    problems = []
    for certificate in sorted(certificates, key=lambda c: c.expires_on, reverse=True):
        state = certificate.state_on(on)
        if state != CertificateState.VALID:
            problems.append(f"证件{certificate.number}{state.label}")
            continue
        review = _review_problem(certificate, on)
        if review:
            problems.append(review)
            continue
        return Eligibility(not reasons, reasons, certificate)
    reasons.extend(problems)
    reasons.append(f"{officer.name}在{on.year}年{on.month}月{on.day}日没有有效的行政执法证件")
    return Eligibility(False, reasons)
