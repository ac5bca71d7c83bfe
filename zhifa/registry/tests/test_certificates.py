"""Certificates: issued only to on-duty officers in enforcement posts who passed both exams;
suspended (暂扣) for a period, collected (收缴) or cancelled (注销) for good; expiry is automatic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zhifa.core.models import LedgerEntry
from zhifa.org.models import UnitKind
from zhifa.registry.models import (
    Certificate,
    CertificateStatus,
    ExamKind,
    OfficerStatus,
    Suspension,
)
from zhifa.registry.services import certificates, officers, training
from zhifa.registry.tests.conftest import unit_of
from zhifa.registry.tests.helpers import (
    EXAM_DAY,
    EXPIRY_DAY,
    ISSUE_DAY,
    forbidden,
    recorded,
    refused,
)


def issue(admin, officer, market, **data):
    data.setdefault("number", "990100019999")
    data.setdefault("issuing_authority", "示范市人民政府")
    data.setdefault("issued_on", ISSUE_DAY)
    data.setdefault("expires_on", EXPIRY_DAY)
    return certificates.issue_certificate(admin, officer, field=market, **data)


def test_it_issues_a_certificate_and_records_it(admin, officer, market):
    training.record_exam(admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=EXAM_DAY, score=60)
    training.record_exam(
        admin, officer, kind=ExamKind.SPECIALISED_LAW, taken_on=EXAM_DAY, score=60, field=market
    )
    with recorded("registry.certificate.issue"):
        certificate = issue(admin, officer, market)
    assert certificate.status == CertificateStatus.VALID
    assert certificate.state_on(ISSUE_DAY).label == "有效"
    assert certificate.state_on(ISSUE_DAY - timedelta(days=1)).label == "未生效"


def test_it_refuses_an_officer_without_exams(admin, officer, market):
    with refused("张伟尚未通过公共法律知识考试、市场监管专业法律知识考试，不能发证", Certificate):
        issue(admin, officer, market)


def test_it_refuses_a_failed_exam(admin, officer, market):
    training.record_exam(admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=EXAM_DAY, score=59.9)
    training.record_exam(
        admin, officer, kind=ExamKind.SPECIALISED_LAW, taken_on=EXAM_DAY, score=90, field=market
    )
    with refused("张伟尚未通过公共法律知识考试，不能发证", Certificate):
        issue(admin, officer, market)


def test_it_refuses_exams_taken_after_the_issue_date(admin, officer, market):
    later = ISSUE_DAY + timedelta(days=1)
    training.record_exam(admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=later, score=90)
    training.record_exam(
        admin, officer, kind=ExamKind.SPECIALISED_LAW, taken_on=later, score=90, field=market
    )
    with refused("尚未通过公共法律知识考试、市场监管专业法律知识考试", Certificate):
        issue(admin, officer, market)
    assert issue(admin, officer, market, issued_on=later).issued_on == later


def test_it_refuses_the_specialised_exam_of_another_field(admin, officer, market):
    from zhifa.org.models import EnforcementField

    ecology = EnforcementField.objects.get(name="生态环境")
    training.record_exam(admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=EXAM_DAY, score=90)
    training.record_exam(
        admin, officer, kind=ExamKind.SPECIALISED_LAW, taken_on=EXAM_DAY, score=90, field=ecology
    )
    with refused("尚未通过市场监管专业法律知识考试", Certificate):
        issue(admin, officer, market)


@pytest.mark.parametrize(
    "change",
    [
        {"in_enforcement_post": False},
        {"status": OfficerStatus.OFF_DUTY},
        {"status": OfficerStatus.RETIRED},
    ],
)
def test_it_refuses_an_officer_not_on_duty_in_an_enforcement_post(
    admin, officer, market, make_certificate, change
):
    make_certificate(officer)  # exams passed, one certificate
    officers.update_officer(admin, officer, **change)
    with refused("张伟不在执法岗位（或不在岗），不能发放执法证件", Certificate):
        issue(admin, officer, market)


def test_it_refuses_a_duplicate_number_and_an_expiry_not_after_issue(admin, certificate, market):
    officer = certificate.officer
    with refused(f"证件编号{certificate.number}已存在", Certificate, field="number"):
        issue(admin, officer, market, number=certificate.number)
    with refused("有效期至须晚于发证日期", Certificate, field="expires_on"):
        issue(admin, officer, market, expires_on=ISSUE_DAY)


@pytest.mark.parametrize("username", ["scjg_wang", "scjg_zhang", "sfj_chen", "sysadmin"])
def test_it_lets_only_the_agency_admin_issue(demo, officer, market, make_certificate, username):
    make_certificate(officer)
    with forbidden(Certificate):
        issue(demo[username], officer, market)


def test_it_suspends_for_a_period_then_the_certificate_is_valid_again(admin, certificate):
    with recorded("registry.certificate.suspend"):
        certificates.suspend_certificate(
            admin,
            certificate,
            reason="执法不规范",
            starts_on=date(2024, 3, 1),
            ends_on=date(2024, 5, 31),
        )
    assert certificate.state_on(date(2024, 2, 29)).label == "有效"
    assert certificate.state_on(date(2024, 3, 1)).label == "暂扣"
    assert certificate.state_on(date(2024, 5, 31)).label == "暂扣"
    assert certificate.state_on(date(2024, 6, 1)).label == "有效"


def test_it_refuses_a_suspension_without_reason_or_with_a_backwards_period(admin, certificate):
    with refused("请填写暂扣原因", Suspension):
        certificates.suspend_certificate(
            admin, certificate, reason=" ", starts_on=date(2024, 3, 1), ends_on=date(2024, 4, 1)
        )
    with refused("暂扣截止日不能早于起始日", Suspension):
        certificates.suspend_certificate(
            admin, certificate, reason="违规", starts_on=date(2024, 3, 1), ends_on=date(2024, 2, 1)
        )


def test_it_refuses_to_suspend_a_certificate_not_valid_on_the_start(admin, certificate):
    certificates.suspend_certificate(
        admin, certificate, reason="违规", starts_on=date(2024, 3, 1), ends_on=date(2024, 5, 31)
    )
    with refused("证件在2024-04-01的状态为暂扣，不能暂扣", Suspension, field="starts_on"):
        certificates.suspend_certificate(
            admin,
            certificate,
            reason="再次违规",
            starts_on=date(2024, 4, 1),
            ends_on=date(2024, 6, 1),
        )
    after_expiry = EXPIRY_DAY + timedelta(days=1)
    with refused("的状态为过期，不能暂扣", Suspension):
        certificates.suspend_certificate(
            admin, certificate, reason="违规", starts_on=after_expiry, ends_on=after_expiry
        )


def test_it_returns_a_suspended_certificate_when_lifted(admin, certificate):
    suspension = certificates.suspend_certificate(
        admin, certificate, reason="违规", starts_on=date(2024, 3, 1), ends_on=date(2024, 5, 31)
    )
    with recorded("registry.certificate.lift"):
        certificates.lift_suspension(admin, suspension, lifted_on=date(2024, 4, 1))
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.state_on(date(2024, 3, 31)).label == "暂扣"
    assert certificate.state_on(date(2024, 4, 1)).label == "有效"
    with refused("该暂扣已发还", field="lifted_on"):
        certificates.lift_suspension(admin, suspension, lifted_on=date(2024, 4, 2))


def test_it_refuses_a_lift_outside_the_period(admin, certificate):
    suspension = certificates.suspend_certificate(
        admin, certificate, reason="违规", starts_on=date(2024, 3, 1), ends_on=date(2024, 5, 31)
    )
    with refused("发还日期应在暂扣期间内"):
        certificates.lift_suspension(admin, suspension, lifted_on=date(2024, 6, 1))
    assert Suspension.objects.get(pk=suspension.pk).lifted_on is None


@pytest.mark.parametrize(
    ("end", "action", "label"),
    [
        (certificates.collect_certificate, "registry.certificate.collect", "收缴"),
        (certificates.cancel_certificate, "registry.certificate.cancel", "注销"),
    ],
)
def test_it_ends_a_certificate_for_good(admin, certificate, end, action, label):
    on = date(2024, 7, 1)
    with refused("请填写原因", field="reason"):
        end(admin, certificate, reason="", on=on)
    with recorded(action):
        end(admin, certificate, reason="严重违法", on=on)
    certificate.refresh_from_db()
    assert (certificate.ended_on, certificate.end_reason) == (on, "严重违法")
    assert certificate.state_on(on - timedelta(days=1)).label == "有效"
    assert certificate.state_on(on).label == label
    assert certificate.state_on(on + timedelta(days=3650)).label == label
    for again in (certificates.collect_certificate, certificates.cancel_certificate):
        with refused(f"证件已{label}", field="status"):
            again(admin, certificate, reason="再次", on=on)
    with refused(f"证件已{label}，不能暂扣", Suspension):
        certificates.suspend_certificate(
            admin, certificate, reason="违规", starts_on=on, ends_on=on
        )


def test_it_lets_a_certificate_expire_without_anyone_recording_it(certificate):
    entries = LedgerEntry.objects.count()
    assert certificate.state_on(EXPIRY_DAY).label == "有效"
    assert certificate.state_on(EXPIRY_DAY + timedelta(days=1)).label == "过期"
    assert certificate.status == CertificateStatus.VALID  # nothing stored changed
    assert LedgerEntry.objects.count() == entries


def test_it_lets_the_city_supervisor_suspend_and_collect_a_city_agencys_certificate(
    demo, certificate
):
    chen = demo["sfj_chen"]
    suspension = certificates.suspend_certificate(
        chen,
        certificate,
        reason="案卷评查发现问题",
        starts_on=date(2024, 3, 1),
        ends_on=date(2024, 4, 1),
    )
    certificates.lift_suspension(chen, suspension, lifted_on=date(2024, 3, 15))
    with recorded("registry.certificate.collect"):
        certificates.collect_certificate(chen, certificate, reason="严重违法", on=date(2024, 6, 1))
    assert (
        LedgerEntry.objects.filter(actor=chen, action__startswith="registry.certificate").count()
        == 3
    )


def test_it_refuses_a_district_supervisor_over_a_city_agencys_certificate(demo, certificate):
    liu = demo["dc_sfj_liu"]
    with forbidden(Suspension):
        certificates.suspend_certificate(
            liu, certificate, reason="违规", starts_on=date(2024, 3, 1), ends_on=date(2024, 4, 1)
        )
    for end in (certificates.collect_certificate, certificates.cancel_certificate):
        with forbidden():
            end(liu, certificate, reason="违规", on=date(2024, 6, 1))
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


@pytest.mark.parametrize("username", ["scjg_wang", "scjg_zhang", "sysadmin", "qy_demo"])
def test_it_refuses_others_acting_on_certificates(demo, certificate, username):
    with forbidden(Suspension):
        certificates.suspend_certificate(
            demo[username],
            certificate,
            reason="违规",
            starts_on=date(2024, 3, 1),
            ends_on=date(2024, 4, 1),
        )
    with forbidden():
        certificates.collect_certificate(
            demo[username], certificate, reason="违规", on=date(2024, 6, 1)
        )


def test_it_recalls_certificates_of_an_officer_moved_to_the_office(admin, scjg, certificate):
    officers.update_officer(
        admin, certificate.officer, unit=unit_of(scjg, UnitKind.OTHER), in_enforcement_post=False
    )
    assert Certificate.objects.get(pk=certificate.pk).state_on(date.today()).label == "注销"
