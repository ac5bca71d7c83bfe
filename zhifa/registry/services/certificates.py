"""Certificates: issue, suspend (暂扣) and return, collect (收缴), cancel (注销), annual review."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.errors import collect, field_error
from zhifa.org.models import Role
from zhifa.org.permissions import require_agency_role
from zhifa.registry import queries
from zhifa.registry.models import (
    Certificate,
    CertificateReview,
    CertificateState,
    CertificateStatus,
    EnforcementField,
    ExamKind,
    ExamResult,
    Officer,
    ReviewResult,
    Suspension,
)

KEEPERS = (Role.AGENCY_ADMIN,)


def _record(actor: Any, action: str, certificate: Certificate, before: Any) -> None:
    ledger.append(
        actor=actor,
        action=f"registry.certificate.{action}",
        obj=certificate,
        before=before,
        after=ledger.snapshot(certificate),
    )


def _passed_exams(officer: Officer, field: EnforcementField, on: date) -> list[str]:
    """What is missing among the exams a certificate needs (seed 002: 考试合格后方可发证)."""
    passed = ExamResult.objects.filter(officer=officer, passed=True, taken_on__lte=on)
    missing = []
    if not passed.filter(kind=ExamKind.PUBLIC_LAW).exists():
        missing.append("公共法律知识考试")
    specialised = passed.filter(kind=ExamKind.SPECIALISED_LAW)
    if not (specialised.filter(field=field).exists() or specialised.filter(field=None).exists()):
        missing.append(f"{field.name}专业法律知识考试")
    return missing


@transaction.atomic
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
    """Issue a certificate: only to an officer on duty in an enforcement post who passed the
    public-law and specialised-law exams (seeds 002, 003; rules.md People)."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    require_agency_role(actor, officer.agency, *KEEPERS)
    number = (number or "").strip()
    errors: dict[str, list[str]] = {
        k: [] for k in ("officer", "number", "issuing_authority", "field", "expires_on")
    }
    if not officer.is_active_enforcer:
        errors["officer"].append(f"{officer.name}不在执法岗位（或不在岗），不能发放执法证件")
    if not number:
        errors["number"].append("请填写证件编号")
    elif Certificate.objects.filter(number=number).exists():
        errors["number"].append(f"证件编号{number}已存在")
    if not (issuing_authority or "").strip():
        errors["issuing_authority"].append("请填写发证机关")
    if not isinstance(field, EnforcementField):
        errors["field"].append("请选择执法领域")
    else:
        missing = _passed_exams(officer, field, issued_on)
        if missing:
            errors["officer"].append(f"{officer.name}尚未通过{'、'.join(missing)}，不能发证")
    if isinstance(issued_on, date) and isinstance(expires_on, date) and expires_on <= issued_on:
        errors["expires_on"].append("有效期至须晚于发证日期")
    collect(errors)
    certificate = Certificate.objects.create(
        number=number,
        officer=officer,
        issuing_authority=issuing_authority.strip(),
        field=field,
        issued_on=issued_on,
        expires_on=expires_on,
    )
    _record(actor, "issue", certificate, None)
    return certificate


def _locked(certificate: Certificate) -> Certificate:
    return (
        Certificate.objects.select_for_update()
        .select_related("officer__agency__region")
        .get(pk=certificate.pk)
    )


@transaction.atomic
def suspend_certificate(
    actor: Any, certificate: Certificate, *, reason: str, starts_on: date, ends_on: date
) -> Suspension:
    """暂扣 for a reason and a period (seed 000 (五)); the certificate is valid again after it."""
    certificate = _locked(certificate)
    require_agency_role(actor, certificate.officer.agency, *KEEPERS, supervisors=True)
    errors: dict[str, list[str]] = {"reason": [], "starts_on": [], "ends_on": []}
    if not (reason or "").strip():
        errors["reason"].append("请填写暂扣原因")
    if ends_on < starts_on:
        errors["ends_on"].append("暂扣截止日不能早于起始日")
    state = certificate.state_on(starts_on)
    if state != CertificateState.VALID:
        errors["starts_on"].append(f"证件在{starts_on}的状态为{state.label}，不能暂扣")
    collect(errors)
    before = ledger.snapshot(certificate)
    suspension = Suspension.objects.create(
        certificate=certificate, reason=reason.strip(), starts_on=starts_on, ends_on=ends_on
    )
    ledger.append(
        actor=actor,
        action="registry.certificate.suspend",
        obj=certificate,
        before=before,
        after=ledger.snapshot(suspension),
    )
    return suspension


@transaction.atomic
def lift_suspension(actor: Any, suspension: Suspension, *, lifted_on: date) -> Suspension:
    """Return a suspended certificate before its period ends."""
    suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
    certificate = _locked(suspension.certificate)
    require_agency_role(actor, certificate.officer.agency, *KEEPERS, supervisors=True)
    if suspension.lifted_on is not None:
        raise field_error("lifted_on", "该暂扣已发还")
    if not suspension.starts_on <= lifted_on <= suspension.ends_on:
        raise field_error("lifted_on", "发还日期应在暂扣期间内")
    before = ledger.snapshot(suspension)
    suspension.lifted_on = lifted_on
    suspension.save()
    ledger.append(
        actor=actor,
        action="registry.certificate.lift",
        obj=certificate,
        before=before,
        after=ledger.snapshot(suspension),
    )
    return suspension


def _end(actor: Any, certificate: Certificate, status: str, reason: str, on: date) -> Certificate:
    certificate = _locked(certificate)
    require_agency_role(actor, certificate.officer.agency, *KEEPERS, supervisors=True)
    if certificate.status != CertificateStatus.VALID:
        raise field_error("status", f"证件已{certificate.get_status_display()}")
    if not (reason or "").strip():
        raise field_error("reason", "请填写原因")
    before = ledger.snapshot(certificate)
    certificate.status, certificate.ended_on, certificate.end_reason = status, on, reason.strip()
    certificate.save()
    _record(
        actor, "collect" if status == CertificateStatus.COLLECTED else "cancel", certificate, before
    )
    return certificate


@transaction.atomic
def collect_certificate(
    actor: Any, certificate: Certificate, *, reason: str, on: date
) -> Certificate:
    """收缴: taken back from an officer who failed their duties (seed 000 (五))."""
    return _end(actor, certificate, CertificateStatus.COLLECTED, reason, on)


@transaction.atomic
def cancel_certificate(
    actor: Any, certificate: Certificate, *, reason: str, on: date
) -> Certificate:
    """注销: the certificate ends (the officer left the post, or another reason)."""
    return _end(actor, certificate, CertificateStatus.CANCELLED, reason, on)


def review_findings(certificate: Certificate, year: int) -> list[str]:
    """Why a certificate fails its annual review for ``year`` (empty when it passes):
    training hours short of the yearly requirement (27号), or a failed daily assessment."""
    officer = certificate.officer
    findings = []
    hours = queries.training_hours(officer, year)
    required = queries.required_training_hours()
    if hours < required:
        findings.append(f"{year}年培训{hours:g}学时，不足{required}学时")
    failed = officer.assessments.filter(year=year, passed=False).values_list("period", flat=True)
    if failed:
        findings.append(f"{year}年日常考核不合格（{'、'.join(failed)}）")
    return findings


@transaction.atomic
def review_certificate(
    actor: Any,
    certificate: Certificate,
    *,
    year: int,
    defer: bool = False,
    reasons: str = "",
    reviewed_on: date | None = None,
) -> CertificateReview:
    """年审: the result follows from the record — passed, or failed with its findings; an
    administrator may only defer (暂缓) with reasons, never pass a certificate the record fails."""
    certificate = _locked(certificate)
    require_agency_role(actor, certificate.officer.agency, *KEEPERS)
    reviewed_on = reviewed_on or timezone.localdate()
    errors: dict[str, list[str]] = {"year": [], "reasons": []}
    if year > reviewed_on.year or certificate.issued_on.year > year:
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
    review = CertificateReview.objects.create(
        certificate=certificate, year=year, result=result, reasons=text, reviewed_on=reviewed_on
    )
    ledger.append(
        actor=actor, action="registry.certificate.review", obj=review, after=ledger.snapshot(review)
    )
    return review
