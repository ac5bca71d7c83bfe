"""Officers: a valid ID number registered once, kept encrypted; legal reviewers where they belong;
only the agency's 信息管理员 keeps the registry; leaving the post recalls the certificates."""

from __future__ import annotations

import pytest
from django.db import connection

from zhifa.core.models import LedgerEntry
from zhifa.core.validators import id_number_check_char
from zhifa.org.models import UnitKind
from zhifa.registry.models import Certificate, CertificateStatus, Officer, OfficerStatus
from zhifa.registry.services import certificates, officers
from zhifa.registry.tests.conftest import unit_of
from zhifa.registry.tests.helpers import forbidden, id_number, recorded, refused


def test_it_registers_an_officer_and_records_it(admin, scjg, market):
    with recorded("registry.officer.create"):
        officer = officers.create_officer(
            admin, scjg, name="张伟", id_number=id_number(7), fields=[market]
        )
    assert officer.agency == scjg and officer.is_active_enforcer
    assert list(officer.fields.all()) == [market]
    entry = LedgerEntry.objects.order_by("seq").last()
    assert entry.object_type == "registry.officer" and entry.object_id == str(officer.pk)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (id_number(7)[:17] + ("0" if id_number(7)[17] != "0" else "1"), "身份证号码校验位错误"),
        ("99010019850301007", "身份证号码应为18位"),
        ("", "身份证号码应为18位"),
        ("110105198502300071", "不是有效日期"),
    ],
)
def test_it_refuses_an_invalid_id_number(admin, scjg, number, message):
    with refused(message, Officer, field="id_number"):
        officers.create_officer(admin, scjg, name="张伟", id_number=number)


def test_it_refuses_an_id_number_registered_before_and_names_the_agency(officer, sthj, sthj_admin):
    with refused("该身份证号码已登记为执法人员（示范市市场监督管理局）", Officer):
        officers.create_officer(sthj_admin, sthj, name="张伟", id_number=officer.id_number)


def test_it_accepts_a_lower_case_x_as_the_same_id_number(admin, scjg):
    first17 = "11010519900101007"
    assert id_number_check_char(first17) == "X"
    officers.create_officer(admin, scjg, name="甲", id_number=first17 + "X")
    with refused("该身份证号码已登记为执法人员", Officer):
        officers.create_officer(admin, scjg, name="乙", id_number=first17 + "x")


def test_it_stores_the_id_number_encrypted_and_shows_it_masked(officer):
    number = id_number(1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM registry_officer WHERE id = %s", [officer.pk])
        (raw,) = cursor.fetchone()
    assert raw.startswith("sm4gcm$") and number not in raw
    assert Officer.objects.get(pk=officer.pk).id_number == number
    assert officer.id_number_masked == number[:6] + "********" + number[-4:]
    assert not any(number in e.payload.body for e in LedgerEntry.objects.all())


def test_it_refuses_a_legal_reviewer_in_the_handling_unit(admin, scjg):
    with refused("法制审核人员不得在承办机构，应在法制审核机构", Officer):
        officers.create_officer(
            admin,
            scjg,
            name="李娜",
            id_number=id_number(9),
            unit=unit_of(scjg, UnitKind.HANDLING),
            is_legal_reviewer=True,
            has_legal_qualification=True,
        )


def test_it_refuses_a_first_time_legal_reviewer_without_the_qualification(admin, scjg, officer):
    message = "初次从事法制审核的人员应当取得国家统一法律职业资格"
    review_unit = unit_of(scjg, UnitKind.LEGAL_REVIEW)
    with refused(message, Officer):
        officers.create_officer(
            admin,
            scjg,
            name="李娜",
            id_number=id_number(9),
            unit=review_unit,
            is_legal_reviewer=True,
        )
    with refused(message, field="is_legal_reviewer"):
        officers.update_officer(admin, officer, unit=review_unit, is_legal_reviewer=True)
    reviewer = officers.create_officer(
        admin,
        scjg,
        name="李娜",
        id_number=id_number(9),
        unit=review_unit,
        is_legal_reviewer=True,
        has_legal_qualification=True,
    )
    assert reviewer.is_legal_reviewer


def test_it_refuses_a_unit_of_another_agency(admin, scjg, sthj):
    with refused("科室须属于该执法主体", Officer):
        officers.create_officer(
            admin, scjg, name="张伟", id_number=id_number(9), unit=unit_of(sthj, UnitKind.HANDLING)
        )


@pytest.mark.parametrize("username", ["scjg_wang", "scjg_zhang", "sfj_chen", "sysadmin"])
def test_it_lets_only_the_agency_admin_register_officers(demo, scjg, username):
    with forbidden(Officer, message="只有市市场监管局的信息管理员可以办理此事项"):
        officers.create_officer(demo[username], scjg, name="张伟", id_number=id_number(9))


@pytest.mark.parametrize("username", ["scjg_wang", "scjg_zhang", "sfj_chen", "sysadmin"])
def test_it_lets_only_the_agency_admin_change_officers(demo, officer, username):
    with forbidden():
        officers.update_officer(demo[username], officer, name="张三")
    assert Officer.objects.get(pk=officer.pk).name == "张伟"


def test_it_refuses_a_disabled_agency_admin(demo, scjg):
    from zhifa.org.services import accounts

    accounts.set_user_active(demo["sysadmin"], demo["scjg_admin"], active=False)
    demo["scjg_admin"].refresh_from_db()
    with forbidden(Officer):
        officers.create_officer(demo["scjg_admin"], scjg, name="张伟", id_number=id_number(9))


def test_it_refuses_another_agencys_admin(officer, scjg, sthj_admin):
    with forbidden(Officer):
        officers.create_officer(sthj_admin, scjg, name="王五", id_number=id_number(9))
    with forbidden():
        officers.update_officer(sthj_admin, officer, name="张三")
    with forbidden():
        officers.transfer_officer(sthj_admin, officer, agency=officer.agency)


def test_it_recalls_certificates_when_the_officer_leaves_the_enforcement_post(
    admin, officer, make_certificate
):
    first, second = make_certificate(officer), make_certificate(officer)
    with recorded(
        "registry.officer.update", "registry.certificate.cancel", "registry.certificate.cancel"
    ):
        officers.update_officer(admin, officer, in_enforcement_post=False, reason="调整到办公室")
    for certificate in (first, second):
        certificate.refresh_from_db()
        assert certificate.status == CertificateStatus.CANCELLED
        assert certificate.end_reason == "调整到办公室"
        assert certificate.ended_on is not None


@pytest.mark.parametrize(
    "status", [OfficerStatus.OFF_DUTY, OfficerStatus.TRANSFERRED, OfficerStatus.RETIRED]
)
def test_it_recalls_certificates_when_the_officer_leaves_duty(admin, certificate, status):
    officers.update_officer(admin, certificate.officer, status=status)
    certificate.refresh_from_db()
    assert certificate.get_status_display() == "注销"
    assert certificate.end_reason == "离开执法岗位"


def test_it_leaves_an_already_collected_certificate_collected(admin, officer, make_certificate):
    kept, taken = make_certificate(officer), make_certificate(officer)
    certificates.collect_certificate(admin, taken, reason="违规执法", on=taken.issued_on)
    officers.update_officer(admin, officer, status=OfficerStatus.RETIRED)
    kept.refresh_from_db()
    taken.refresh_from_db()
    assert (kept.status, taken.status) == (CertificateStatus.CANCELLED, CertificateStatus.COLLECTED)
    assert taken.end_reason == "违规执法"


def test_it_changes_details_without_touching_certificates(admin, certificate):
    with recorded("registry.officer.update"):
        officers.update_officer(admin, certificate.officer, post="食品安全监管")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_it_recalls_certificates_and_reviewer_duty_on_transfer(admin, scjg, sthj, certificate):
    officer = officers.update_officer(
        admin,
        certificate.officer,
        unit=unit_of(scjg, UnitKind.LEGAL_REVIEW),
        is_legal_reviewer=True,
        has_legal_qualification=True,
    )
    with recorded("registry.officer.transfer", "registry.certificate.cancel"):
        officers.transfer_officer(admin, officer, agency=sthj)
    officer.refresh_from_db()
    certificate.refresh_from_db()
    assert officer.agency == sthj and officer.unit is None and not officer.is_legal_reviewer
    assert certificate.status == CertificateStatus.CANCELLED
    assert certificate.end_reason == "调离示范市市场监督管理局"


def test_it_refuses_a_transfer_to_the_same_agency(admin, scjg, certificate):
    with refused("调入的执法主体与原执法主体相同", Certificate):
        officers.transfer_officer(admin, certificate.officer, agency=scjg)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
