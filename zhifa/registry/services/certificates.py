"""Certificates: issue, suspend (暂扣) and return, collect (收缴), cancel (注销), annual review.

Each public ``*_certificate`` function takes its step of the certificate's workflow table
(``zhifa.registry.workflows``): the table locks the row, checks the stored state, the roles and the
guards, runs the step's service below and writes the ledger."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from datetime import date
from typing import Any

from django.utils import timezone

from zhifa.core import workflow
from zhifa.core.errors import collect, field_error
from zhifa.org.models import EnforcementField, Role
from zhifa.registry import queries
from zhifa.registry.models import (
    Certificate,
    CertificateReview,
    CertificateState,
    CertificateStatus,
    ExamKind,
    ExamResult,
    Officer,
    ReviewResult,
    Suspension,
)

KEEPERS = (Role.AGENCY_ADMIN,)


def missing_exams(exams: Iterable[ExamResult], field: EnforcementField, on: date) -> list[str]:
    """What is missing among the exams a certificate needs (seed 002: 考试合格后方可发证), given the
    officer's exam results: a passed public-law exam, and a passed specialised-law exam in the
    certificate's field (or in no particular field), both taken by ``on``."""
    passed = [e for e in exams if e.passed and e.taken_on <= on]
    missing = []
    if not any(e.kind == ExamKind.PUBLIC_LAW for e in passed):
        missing.append("公共法律知识考试")
    if not any(
        e.kind == ExamKind.SPECIALISED_LAW and e.field_id in (field.pk, None) for e in passed
    ):
        missing.append(f"{field.name}专业法律知识考试")
    return missing


def clean_certificate(
    data: dict[str, Any],
    *,
    officer: Officer,
    exams: Iterable[ExamResult] | None = None,
    taken_numbers: Container[str] | None = None,
) -> dict[str, list[str]]:
    """Check a certificate to be issued; return errors by field (empty lists when all is well).

    Rules: the holder is on duty in an enforcement post and passed the public-law and
    specialised-law exams (seeds 002, 003; rules.md People); the number is new; it expires after
    it is issued. ``exams`` (the officer's exam results) and ``taken_numbers`` (numbers already
    used) are prefetched by bulk imports; without them the database is asked.
    """
    errors: dict[str, list[str]] = {
        k: []
        for k in ("officer", "number", "issuing_authority", "field", "issued_on", "expires_on")
    }
    number = data["number"] = (data.get("number") or "").strip()
    data["issuing_authority"] = (data.get("issuing_authority") or "").strip()
    field, issued_on, expires_on = data.get("field"), data.get("issued_on"), data.get("expires_on")
    if not officer.is_active_enforcer:
        errors["officer"].append(f"{officer.name}不在执法岗位（或不在岗），不能发放执法证件")
    if not number:
        errors["number"].append("请填写证件编号")
    elif (
        number in taken_numbers
        if taken_numbers is not None
        else Certificate.objects.filter(number=number).exists()
    ):
        errors["number"].append(f"证件编号{number}已存在")
    if not data["issuing_authority"]:
        errors["issuing_authority"].append("请填写发证机关")
    if not isinstance(issued_on, date):
        errors["issued_on"].append("请填写发证日期")
    if not isinstance(expires_on, date):
        errors["expires_on"].append("请填写有效期至")
    if not isinstance(field, EnforcementField):
        errors["field"].append("请选择执法领域")
    elif isinstance(issued_on, date):
        if exams is None:
            exams = ExamResult.objects.filter(officer=officer, passed=True, taken_on__lte=issued_on)
        missing = missing_exams(exams, field, issued_on)
        if missing:
            errors["officer"].append(f"{officer.name}尚未通过{'、'.join(missing)}，不能发证")
    if isinstance(issued_on, date) and isinstance(expires_on, date) and expires_on <= issued_on:
        errors["expires_on"].append("有效期至须晚于发证日期")
    return errors


def issue_certificate(
    actor: Any,
    officer: Officer,
    *,
    number: str,
    issuing_authority: str,
    field: EnforcementField,
    issued_on: date,
    expires_on: date,
) -> Certificate:
    """Issue a certificate (the ``issue`` step of ``registry.workflows.CERTIFICATE``)."""
    return workflow.start(
        Certificate,
        "issue",
        actor,
        agency=officer.agency,
        officer=officer,
        number=number,
        issuing_authority=issuing_authority,
        field=field,
        issued_on=issued_on,
        expires_on=expires_on,
    )


def issue(_: None, actor: Any, *, officer: Officer, **data: Any) -> Certificate:
    """Issue a certificate: only to an officer on duty in an enforcement post who passed the
    public-law and specialised-law exams (seeds 002, 003; rules.md People)."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    collect(clean_certificate(data, officer=officer))
    return Certificate.objects.create(officer=officer, **data)


def suspend_certificate(
    actor: Any, certificate: Certificate, *, reason: str, starts_on: date, ends_on: date
) -> Suspension:
    """暂扣 (the ``suspend`` step of ``registry.workflows.CERTIFICATE``)."""
    return workflow.transition(
        certificate, "suspend", actor, reason=reason, starts_on=starts_on, ends_on=ends_on
    )


def valid_on_start(certificate: Certificate, actor: Any, data: Mapping[str, Any]) -> str | None:
    """A certificate is suspended only from a day it is valid (not already suspended, expired
    or not yet in force; seed 000 (五))."""
    starts_on = data.get("starts_on")
    if not isinstance(starts_on, date):
        return None
    state = certificate.state_on(starts_on)
    if state != CertificateState.VALID:
        return f"证件在{starts_on}的状态为{state.label}，不能暂扣"
    return None


def suspend(
    certificate: Certificate, actor: Any, *, reason: str, starts_on: date, ends_on: date
) -> Suspension:
    """暂扣 for a reason and a period (seed 000 (五)); the certificate is valid again after it."""
    errors: dict[str, list[str]] = {"reason": [], "starts_on": [], "ends_on": []}
    if not (reason or "").strip():
        errors["reason"].append("请填写暂扣原因")
    if ends_on < starts_on:
        errors["ends_on"].append("暂扣截止日不能早于起始日")
    elif any(
        s.starts_on <= ends_on and starts_on <= s.ends_on and not s.lifted_on
        for s in certificate.suspensions.all()
    ):
        errors["ends_on"].append("暂扣期间与该证件已有的暂扣期间重叠")
    collect(errors)
    return Suspension.objects.create(
        certificate=certificate, reason=reason.strip(), starts_on=starts_on, ends_on=ends_on
    )


def lift_suspension(actor: Any, suspension: Suspension, *, lifted_on: date) -> Suspension:
    """Return a suspended certificate (the ``lift`` step of ``registry.workflows.CERTIFICATE``)."""
    return workflow.transition(
        suspension.certificate, "lift", actor, suspension=suspension, lifted_on=lifted_on
    )


def lift(
    certificate: Certificate, actor: Any, *, suspension: Suspension, lifted_on: date
) -> Suspension:
    """Return a suspended certificate before its period ends."""
    suspension = Suspension.objects.select_for_update().get(
        pk=suspension.pk, certificate=certificate
    )
    if suspension.lifted_on is not None:
        raise field_error("lifted_on", "该暂扣已发还")
    if not suspension.starts_on <= lifted_on <= suspension.ends_on:
        raise field_error("lifted_on", "发还日期应在暂扣期间内")
    suspension.lifted_on = lifted_on
    suspension.save()
    return suspension


def end(certificate: Certificate, status: str, reason: str, on: date) -> Certificate:
    """收缴 or 注销: the certificate ends for good on ``on``, for a reason."""
    if not (reason or "").strip():
        raise field_error("reason", "请填写原因")
    certificate.status, certificate.ended_on, certificate.end_reason = status, on, reason.strip()
    certificate.save()
    return certificate


def collect_certificate(
    actor: Any, certificate: Certificate, *, reason: str, on: date
) -> Certificate:
    """收缴: taken back from an officer who failed their duties (seed 000 (五))."""
    return workflow.transition(certificate, "collect", actor, reason=reason, on=on)


def cancel_certificate(
    actor: Any, certificate: Certificate, *, reason: str, on: date
) -> Certificate:
    """注销: the certificate ends (the officer left the post, or another reason)."""
    return workflow.transition(certificate, "cancel", actor, reason=reason, on=on)


def review_findings(certificate: Certificate, year: int) -> list[str]:
    """Why a certificate fails its annual review for ``year`` (empty when it passes):
    training hours short of the officer's yearly requirement (27号; pro-rated only in the year the
    officer first held a certificate, :func:`queries.required_training_hours_for`), or a failed
    daily assessment (seed 000 (五), (六))."""
    officer = certificate.officer
    findings = []
    hours = queries.training_hours(officer, year)
    required = queries.required_training_hours_for(officer, year)
    if hours < required:
        findings.append(f"{year}年培训{hours.normalize():f}学时，不足{required}学时")
    failed = officer.assessments.filter(year=year, passed=False).values_list("period", flat=True)
    if failed:
        findings.append(f"{year}年日常考核不合格（{'、'.join(failed)}）")
    return findings


def review_certificate(
    actor: Any,
    certificate: Certificate,
    *,
    year: int,
    defer: bool = False,
    reasons: str = "",
    reviewed_on: date | None = None,
) -> CertificateReview:
    """年审 (the ``review`` step of ``registry.workflows.CERTIFICATE``)."""
    return workflow.transition(
        certificate,
        "review",
        actor,
        year=year,
        defer=defer,
        reasons=reasons,
        reviewed_on=reviewed_on,
    )


def review(
    certificate: Certificate,
    actor: Any,
    *,
    year: int,
    defer: bool = False,
    reasons: str = "",
    reviewed_on: date | None = None,
) -> CertificateReview:
    """年审: the result follows from the record — passed, or failed with its findings; an
    administrator may only defer (暂缓) with reasons, never pass a certificate the record fails."""
    reviewed_on = reviewed_on or timezone.localdate()
    errors: dict[str, list[str]] = {"year": [], "reasons": []}
    last_year = certificate.expires_on.year
    if certificate.status != CertificateStatus.VALID and certificate.ended_on:
        last_year = min(last_year, certificate.ended_on.year)
    if year > reviewed_on.year or not certificate.issued_on.year <= year <= last_year:
        errors["year"].append(f"{year}年不在该证件的有效年度内，或尚未到年审时间")
    elif CertificateReview.objects.filter(certificate=certificate, year=year).exists():
        errors["year"].append(f"该证件{year}年度已年审")
    if defer and not (reasons or "").strip():
        errors["reasons"].append("暂缓年审须说明理由")
    collect(errors)
    findings = review_findings(certificate, year)
    if defer:
        result, text = ReviewResult.DEFERRED, reasons.strip()
    elif findings:
        result, text = ReviewResult.FAILED, "；".join(findings)
    else:
        result, text = ReviewResult.PASSED, reasons.strip()
    return CertificateReview.objects.create(
        certificate=certificate, year=year, result=result, reasons=text, reviewed_on=reviewed_on
    )
