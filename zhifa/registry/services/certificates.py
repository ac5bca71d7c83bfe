"""Certificates: issue, suspend (暂扣) and return, collect (收缴), cancel (注销), annual review."""

from __future__ import annotations

import math
from collections.abc import Container, Iterable
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
    data = {
        "number": number,
        "issuing_authority": issuing_authority,
        "field": field,
        "issued_on": issued_on,
        "expires_on": expires_on,
    }
    collect(clean_certificate(data, officer=officer))
    certificate = Certificate.objects.create(officer=officer, **data)
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
    if certificate.status != CertificateStatus.VALID:
        errors["starts_on"].append(f"证件已{certificate.get_status_display()}，不能暂扣")
    elif state != CertificateState.VALID:
        errors["starts_on"].append(f"证件在{starts_on}的状态为{state.label}，不能暂扣")
    elif ends_on >= starts_on and any(
        s.starts_on <= ends_on and starts_on <= s.ends_on and not s.lifted_on
        for s in certificate.suspensions.all()
    ):
        errors["ends_on"].append("暂扣期间与该证件已有的暂扣期间重叠")
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
    if certificate.status != CertificateStatus.VALID:
        raise field_error("lifted_on", f"证件已{certificate.get_status_display()}，不能发还")
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
    training hours short of the yearly requirement (27号; pro-rated by months held in the year
    the certificate was issued), or a failed daily assessment (seed 000 (五), (六))."""
    officer = certificate.officer
    findings = []
    hours = queries.training_hours(officer, year)
    required = queries.required_training_hours()
    if certificate.issued_on.year == year:
        # Held for part of the year: the requirement is pro-rated by the months held.
        months = 13 - certificate.issued_on.month
        required = math.ceil(required * months / 12)
    if hours < required:
        findings.append(f"{year}年培训{hours.normalize():f}学时，不足{required}学时")
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
    review = CertificateReview.objects.create(
        certificate=certificate, year=year, result=result, reasons=text, reviewed_on=reviewed_on
    )
    ledger.append(
        actor=actor, action="registry.certificate.review", obj=review, after=ledger.snapshot(review)
    )
    return review
