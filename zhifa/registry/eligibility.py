"""`can_enforce`: may this officer do new enforcement work on this day? One check for every
later capability (inspections, cases), with its reasons in Chinese.

Rules:
- investigation and inspection by officers holding a valid certificate (处罚法 arts. 42, 55; 54号:
  never staff without a certificate); certificates in force only while not expired, collected or
  cancelled;
- a suspension (暂扣) is a sanction on the officer for failing their duties (seed 000 (五)): while
  any of their certificates is suspended they may not enforce with another one;
- the annual review of a year takes place after it ends; a certificate stays in force during the
  review window (parameter ``registry.review_window_months``, default to 31 March) and lapses only if
  that review has not been passed by then; a review held in the window and failed or deferred ends
  the grace at once (seed 000 (五); rules.md "People");
- only an active body enforces, and a delegated body (受委托组织) only within its delegation period,
  while its delegating agency is active (处罚法 arts. 20, 21; 54号);
- given a matter (or a field), only a certificate of the matter's 执法领域 counts: certificates are
  issued per field, after the specialised-law exam of that field (seeds 002, 003; rules.md "People"),
  and the certificate shown to the party is the one for the work (处罚法 art. 42). A matter not yet
  classified into a field cannot be checked, so no one is found able to enforce it.

The registry does not import the catalogue (they are siblings): a matter is anything with
``field_id`` and ``name`` (and ``field`` for its name), as :class:`zhifa.catalog.models.Matter` is.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from zhifa.core import parameters
from zhifa.org.models import Agency, AgencyKind, EnforcementField
from zhifa.registry import rules
from zhifa.registry.models import (
    Certificate,
    CertificateState,
    Officer,
    OfficerStatus,
    ReviewResult,
)


class MatterLike(Protocol):
    """What eligibility needs of a 执法事项 (the catalogue's ``Matter`` fits)."""

    name: str
    field_id: int | None

    @property
    def field(self) -> EnforcementField | None: ...


@dataclass(frozen=True)
class Eligibility:
    ok: bool
    reasons: list[str] = field(default_factory=list)
    certificate: Certificate | None = None
    #: What the officer should know although they may enforce (a review due, and by when).
    notices: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.ok


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def review_deadline(year: int) -> date:
    """The last day of the window in which the review of ``year`` must be passed."""
    month = parameters.get(rules.REVIEW_WINDOW_MONTHS.key)
    return date(year + 1, month, calendar.monthrange(year + 1, month)[1])


def _review_of(certificate: Certificate, year: int):
    return next((r for r in certificate.reviews.all() if r.year == year), None)


def _review_problem(certificate: Certificate, day: date) -> str:
    """Why the certificate lapses on ``day`` for want of a passed review ("" if it does not)."""
    last_year = day.year - 1
    in_window = day <= review_deadline(last_year)
    # The review of the year before last must have passed; last year's only once its window ends.
    for year in (last_year - 1, last_year) if in_window else (last_year,):
        if certificate.issued_on.year > year:
            continue  # issued after that year: no review of it
        review = _review_of(certificate, year)
        if review is None:
            if year == last_year and in_window:
                continue  # still within the review window
            return f"证件{certificate.number}未进行{year}年度年审"
        if review.result != ReviewResult.PASSED:
            return f"证件{certificate.number}{year}年度年审{review.get_result_display()}"
    return ""


def review_due(certificate: Certificate, day: date) -> tuple[int, date] | None:
    """The review year still open on ``day`` and its deadline, or None when nothing is due."""
    year = day.year - 1
    deadline = review_deadline(year)
    if day > deadline or certificate.issued_on.year > year or _review_of(certificate, year):
        return None
    return year, deadline


def body_problems(agency: Agency, on: date) -> list[str]:
    """Why the officer's body cannot enforce on ``on`` (处罚法 arts. 20, 21; 54号)."""
    problems = []
    if not agency.is_active:
        problems.append(f"{agency.name}已不是有效的执法主体")
    if agency.kind == AgencyKind.DELEGATED:
        start, end = agency.delegation_start, agency.delegation_end
        if start and on < start:
            problems.append(
                f"{agency.name}的委托期限自{_day(start)}起，尚未开始（行政处罚法第二十条）"
            )
        if end and on > end:
            problems.append(f"{agency.name}的委托期限已于{_day(end)}届满（行政处罚法第二十条）")
        delegating = agency.delegating_agency
        if delegating is not None and not delegating.is_active:
            problems.append(f"委托机关{delegating.name}已不是有效的执法主体")
    return problems


def _wanted_field(
    matter: MatterLike | None, field: EnforcementField | None
) -> tuple[int | None, str, str]:
    """The field a certificate must be of (its id), what to call the work in a refusal, and the
    refusal when the field cannot be known; id ``None`` with no refusal: any field will do."""
    if matter is not None:
        if matter.field_id is None:
            return None, "", f"事项「{matter.name}」未标明执法领域，无法核对执法证件"
        return matter.field_id, f"事项「{matter.name}」", ""
    if field is not None:
        return field.pk, f"执法领域「{field.name}」", ""
    return None, "", ""


def can_enforce(
    officer: Officer,
    on: date,
    matter: MatterLike | None = None,
    *,
    field: EnforcementField | None = None,
) -> Eligibility:
    """Whether ``officer`` may start enforcement work on ``on`` (on ``matter``, or in ``field``,
    when given); if not, every reason why."""
    reasons: list[str] = body_problems(officer.agency, on)
    if officer.status != OfficerStatus.ON_DUTY:
        reasons.append(f"{officer.name}当前状态为{officer.get_status_display()}")
    if not officer.in_enforcement_post:
        reasons.append(f"{officer.name}不在执法岗位")
    wanted, work, unknown = _wanted_field(matter, field)
    if unknown:
        reasons.append(unknown)
    certificates = list(
        officer.certificates.select_related("field").prefetch_related("suspensions", "reviews")
    )
    if not certificates:
        reasons.append(f"{officer.name}未取得行政执法证件")
        return Eligibility(False, reasons)
    ordered = sorted(certificates, key=lambda c: c.expires_on, reverse=True)
    suspended = [c for c in ordered if c.state_on(on) == CertificateState.SUSPENDED]
    if suspended:
        reasons.extend(f"证件{c.number}暂扣" for c in suspended)
        reasons.append(f"{officer.name}的执法证件暂扣期间不得从事执法活动")
        return Eligibility(False, reasons)
    problems = []
    for certificate in ordered:
        state = certificate.state_on(on)
        if state != CertificateState.VALID:
            problems.append(f"证件{certificate.number}{state.label}")
            continue
        review = _review_problem(certificate, on)
        if review:
            problems.append(review)
            continue
        if wanted is not None and certificate.field_id != wanted:
            problems.append(
                f"证件{certificate.number}执法领域（{certificate.field.name}）不含{work}"
            )
            continue
        notices = []
        due = review_due(certificate, on)
        if due:
            year, deadline = due
            left = (deadline - on).days
            notices.append(
                f"证件{certificate.number}的{year}年度年审须于{_day(deadline)}前完成（还剩{left}天）"
            )
        return Eligibility(not reasons, reasons, certificate, notices)
    reasons.extend(problems)
    if wanted is not None:
        reasons.append(f"{officer.name}在{_day(on)}没有可用于{work}的有效行政执法证件")
    else:
        reasons.append(f"{officer.name}在{_day(on)}没有有效的行政执法证件")
    return Eligibility(False, reasons)
