"""Excel import and export of certificates and training records: the rules of issue_certificate
and record_training for every row, duplicates in the file and in the register, all or nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.crypto import blind_index
from zhifa.core.models import LedgerEntry
from zhifa.core.validators import mask_id_number
from zhifa.org.models import Agency, EnforcementField, Unit, UnitKind
from zhifa.registry import excel
from zhifa.registry.models import (
    Certificate,
    ExamKind,
    Officer,
    OfficerStatus,
    TrainingKind,
    TrainingRecord,
)
from zhifa.registry.services import certificates, officers, training
from zhifa.registry.services.imports import ImportFailed, import_certificates, import_training
from zhifa.registry.tests.test_excel_officers import id_number, sheet_rows, xlsx
from zhifa.testing.ledger_guard import writes_around_services

ISSUED = date(2024, 3, 1)
EXPIRES = date(2029, 2, 28)
AUTHORITY = "示范市人民政府"


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def scjg(demo) -> Agency:
    return Agency.objects.get(short_name="市市场监管局")


def field(name: str) -> EnforcementField:
    return EnforcementField.objects.get(name=name)


@pytest.fixture
def people(admin, scjg) -> dict[str, Officer]:
    """Four officers of 市市场监管局: two who passed both exams (市场监管), one who passed only the
    public-law exam, one who passed both but is not in an enforcement post."""
    handling = Unit.objects.get(agency=scjg, kind=UnitKind.HANDLING)
    made = {}
    for n, key, post in [
        (1, "ready", True),
        (2, "ready2", True),
        (3, "half", True),
        (4, "desk", False),
    ]:
        made[key] = officers.create_officer(
            admin,
            scjg,
            name=f"人员{n}",
            id_number=id_number(n + 3000),
            unit=handling,
            in_enforcement_post=post,
            fields=[field("市场监管")],
        )
        training.record_exam(
            admin, made[key], kind=ExamKind.PUBLIC_LAW, taken_on=date(2024, 1, 10), score=80
        )
        if key != "half":
            training.record_exam(
                admin,
                made[key],
                kind=ExamKind.SPECIALISED_LAW,
                taken_on=date(2024, 1, 20),
                score=75,
                field=field("市场监管"),
            )
    return made


def certificate_row(number: str, officer: Officer, **changes: Any) -> list[Any]:
    row = {
        "证件编号": number,
        "持证人身份证号码": officer.id_number,
        "发证机关": AUTHORITY,
        "执法领域": "市场监管",
        "发证日期": ISSUED,
        "有效期至": EXPIRES,
    }
    row.update(changes)
    return [row[c] for c in excel.CERTIFICATES.columns]


def certificates_file(*rows: list[Any]) -> bytes:
    return xlsx(excel.CERTIFICATES.columns, rows)


def training_row(officer: Officer, **changes: Any) -> list[Any]:
    row = {
        "身份证号码": officer.id_number,
        "培训类别": "公共法律知识",
        "课程": "行政处罚法",
        "培训日期": date(2025, 4, 8),
        "学时": 4,
        "培训活动": "2025年春季轮训",
    }
    row.update(changes)
    return [row[c] for c in excel.TRAINING.columns]


def training_file(*rows: list[Any]) -> bytes:
    return xlsx(excel.TRAINING.columns, rows)


def refused(importer, actor, content: bytes) -> list[tuple[int | None, str, str]]:
    """An import expected to fail: nothing written, no ledger entry."""
    counts = (Certificate.objects.count(), TrainingRecord.objects.count())
    entries = LedgerEntry.objects.count()
    with pytest.raises(ImportFailed) as exc:
        importer(actor, content)
    assert (Certificate.objects.count(), TrainingRecord.objects.count()) == counts
    assert LedgerEntry.objects.count() == entries
    return [(e.row, e.column, e.message) for e in exc.value.cell_errors]


# --- certificates ---


def test_certificates_import_with_one_ledger_entry_each(admin, people):
    before = LedgerEntry.objects.count()
    result = import_certificates(
        admin,
        certificates_file(
            certificate_row("ZF-0001", people["ready"]),
            certificate_row(
                "ZF-0002", people["ready2"], 发证日期="2024/3/1", 有效期至="2029年2月28日"
            ),
        ),
    )
    assert str(result) == "已导入2张执法证件"
    issued = Certificate.objects.get(number="ZF-0002")
    assert issued.officer == people["ready2"]
    assert (issued.issued_on, issued.expires_on) == (ISSUED, EXPIRES)
    assert issued.field.name == "市场监管" and issued.issuing_authority == AUTHORITY
    actions = list(LedgerEntry.objects.filter(seq__gt=before).values_list("action", flat=True))
    assert actions == ["registry.certificate.issue"] * 2
    assert ledger.verify().ok


def test_a_duplicate_certificate_number_in_the_file_or_the_register_is_refused(admin, people):
    certificates.issue_certificate(
        admin,
        people["ready"],
        number="ZF-0001",
        issuing_authority=AUTHORITY,
        field=field("市场监管"),
        issued_on=ISSUED,
        expires_on=EXPIRES,
    )
    errors = refused(
        import_certificates,
        admin,
        certificates_file(
            certificate_row("ZF-0001", people["ready2"]),
            certificate_row("ZF-0002", people["ready2"]),
            certificate_row("ZF-0002", people["ready"]),
        ),
    )
    assert errors == [
        (2, "证件编号", "证件编号ZF-0001已存在"),
        (4, "证件编号", "与第3行的证件编号重复"),
    ]


def test_a_certificate_for_an_officer_not_in_an_enforcement_post_is_refused(admin, people):
    errors = refused(
        import_certificates,
        admin,
        certificates_file(
            certificate_row("ZF-0001", people["ready"]),
            certificate_row("ZF-0002", people["desk"]),
        ),
    )
    assert errors == [
        (3, "持证人身份证号码", "人员4不在执法岗位（或不在岗），不能发放执法证件"),
    ]


def test_a_certificate_for_an_officer_who_left_duty_is_refused(admin, people):
    officers.update_officer(admin, people["ready"], status=OfficerStatus.RETIRED)
    errors = refused(
        import_certificates, admin, certificates_file(certificate_row("ZF-1", people["ready"]))
    )
    assert errors == [(2, "持证人身份证号码", "人员1不在执法岗位（或不在岗），不能发放执法证件")]


def test_a_certificate_needs_the_exams_as_when_issued_one_by_one(admin, people):
    errors = refused(
        import_certificates,
        admin,
        certificates_file(
            certificate_row("ZF-0001", people["half"]),
            certificate_row("ZF-0002", people["ready"], 执法领域="文化市场"),
            certificate_row("ZF-0003", people["ready2"], 发证日期=date(2024, 1, 15)),
        ),
    )
    assert errors == [
        (2, "持证人身份证号码", "人员3尚未通过市场监管专业法律知识考试，不能发证"),
        (3, "持证人身份证号码", "人员1尚未通过文化市场专业法律知识考试，不能发证"),
        (4, "持证人身份证号码", "人员2尚未通过市场监管专业法律知识考试，不能发证"),
    ]


@pytest.mark.parametrize("expires", [date(2024, 2, 1), ISSUED])
def test_an_expiry_not_after_the_issue_date_is_refused(admin, people, expires):
    errors = refused(
        import_certificates,
        admin,
        certificates_file(certificate_row("ZF-0001", people["ready"], 有效期至=expires)),
    )
    assert errors == [(2, "有效期至", "有效期至须晚于发证日期")]


def test_every_certificate_cell_is_checked(admin, people, demo):
    stranger = "11010519491231002X"  # valid, registered nowhere
    errors = refused(
        import_certificates,
        admin,
        certificates_file(
            certificate_row("", people["ready"], 发证机关=" ", 执法领域="航天"),
            certificate_row("ZF-2", people["ready"], 持证人身份证号码=stranger, 发证日期="昨天"),
            certificate_row("ZF-3", people["ready"], 持证人身份证号码="123", 有效期至=None),
            certificate_row("ZF-4", people["ready"], 执法领域=""),
        ),
    )
    assert errors == [
        (2, "证件编号", "请填写证件编号"),
        (2, "发证机关", "请填写发证机关"),
        (2, "执法领域", "未知的执法领域：航天"),
        (3, "持证人身份证号码", "您管理的执法主体中没有登记该身份证号码的执法人员"),
        (3, "发证日期", "日期格式不正确，应为2024-01-31这样的日期"),
        (4, "持证人身份证号码", "身份证号码应为18位，当前为3位"),
        (4, "有效期至", "请填写有效期至"),
        (5, "执法领域", "请选择执法领域"),
    ]


def test_officers_of_other_agencies_cannot_be_given_certificates(admin, people, demo):
    sthj = Agency.objects.get(short_name="市生态环境局")
    with writes_around_services(
        "an officer of 市生态环境局, which has no information administrator in these tests"
    ):
        other = Officer.objects.create(
            name="别家",
            id_number=id_number(4009),
            id_number_index=blind_index(id_number(4009)),
            agency=sthj,
        )
    errors = refused(import_certificates, admin, certificates_file(certificate_row("ZF-1", other)))
    assert errors == [(2, "持证人身份证号码", "您管理的执法主体中没有登记该身份证号码的执法人员")]


def test_issue_certificate_keeps_its_checks(admin, people):
    """clean_certificate was factored out of issue_certificate: the same messages one by one."""
    with pytest.raises(Exception) as exc:
        certificates.issue_certificate(
            admin,
            people["desk"],
            number=" ",
            issuing_authority="",
            field=field("市场监管"),
            issued_on=ISSUED,
            expires_on=ISSUED - timedelta(days=1),
        )
    assert exc.value.message_dict == {
        "officer": ["人员4不在执法岗位（或不在岗），不能发放执法证件"],
        "number": ["请填写证件编号"],
        "issuing_authority": ["请填写发证机关"],
        "expires_on": ["有效期至须晚于发证日期"],
    }
    issued = certificates.issue_certificate(
        admin,
        people["ready"],
        number=" ZF-9 ",
        issuing_authority=f" {AUTHORITY} ",
        field=field("市场监管"),
        issued_on=ISSUED,
        expires_on=EXPIRES,
    )
    assert (issued.number, issued.issuing_authority) == ("ZF-9", AUTHORITY)


def test_certificates_export_masks_the_holder(admin, people, demo):
    import_certificates(admin, certificates_file(certificate_row("ZF-0001", people["ready"])))
    rows = sheet_rows(excel.export_certificates(admin))
    assert rows == [
        excel.CERTIFICATES.columns,
        (
            "ZF-0001",
            mask_id_number(people["ready"].id_number),
            AUTHORITY,
            "市场监管",
            # dates come back as datetimes from Excel
            *(rows[1][4:6]),
        ),
    ]
    assert [d.date() for d in rows[1][4:6]] == [ISSUED, EXPIRES]
    assert sheet_rows(excel.export_certificates(demo["dc_sfj_liu"])) == [excel.CERTIFICATES.columns]


# --- training ---


def test_training_imports_with_one_ledger_entry_each(admin, people):
    before = LedgerEntry.objects.count()
    result = import_training(
        admin,
        training_file(
            training_row(people["ready"]),
            training_row(people["desk"], 培训类别="执法技能", 学时="2.5", 培训活动=None),
        ),
    )
    assert str(result) == "已导入2条培训记录"
    record = TrainingRecord.objects.get(officer=people["desk"])
    assert (record.kind, record.hours, record.campaign) == (TrainingKind.SKILLS, Decimal("2.5"), "")
    actions = list(LedgerEntry.objects.filter(seq__gt=before).values_list("action", flat=True))
    assert actions == ["registry.training.create"] * 2
    assert ledger.verify().ok


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"学时": 0}, "学时", "学时应大于0"),
        ({"学时": -2}, "学时", "学时应大于0"),
        ({"学时": "两小时"}, "学时", "学时应为数字"),
        ({"学时": None}, "学时", "请填写学时"),
        ({"学时": 201}, "学时", "单条培训记录不能超过200学时"),
        ({"培训日期": "tomorrow"}, "培训日期", "日期格式不正确，应为2024-01-31这样的日期"),
        ({"培训类别": "读书"}, "培训类别", "培训类别应为公共法律知识、专业法律知识或执法技能"),
        ({"课程": ""}, "课程", "请填写课程名称"),
    ],
)
def test_bad_training_cells_are_refused(admin, people, changes, column, message):
    errors = refused(
        import_training,
        admin,
        training_file(training_row(people["ready"]), training_row(people["ready"], **changes)),
    )
    assert errors == [(3, column, message)]


def test_training_in_the_future_is_refused(admin, people):
    tomorrow = timezone.localdate() + timedelta(days=1)
    errors = refused(
        import_training, admin, training_file(training_row(people["ready"], 培训日期=tomorrow))
    )
    assert errors == [(2, "培训日期", "培训日期不能晚于今天")]


def test_training_recorded_twice_is_refused(admin, people):
    training.record_training(
        admin,
        people["ready"],
        kind=TrainingKind.PUBLIC_LAW,
        course="行政处罚法",
        held_on=date(2025, 4, 8),
        hours=4,
    )
    errors = refused(
        import_training,
        admin,
        training_file(
            training_row(people["ready"]),
            training_row(people["ready2"]),
            training_row(people["ready2"], 学时=2),
            training_row(people["ready2"], 培训日期=date(2025, 4, 9)),
        ),
    )
    assert errors == [
        (2, "课程", "该人员2025-04-08的这项培训已登记，请勿重复导入"),
        (4, "课程", "与第3行重复（同一人员、培训类别、课程和日期）"),
    ]


def test_training_export_masks_ids_and_respects_scope(admin, people, demo):
    import_training(admin, training_file(training_row(people["ready"], 学时=1.5)))
    rows = sheet_rows(excel.export_training(admin))
    assert len(rows) == 2
    masked, kind, course, held_on, hours, campaign = rows[1]
    assert masked == mask_id_number(people["ready"].id_number)
    assert (kind, course, held_on.date(), hours, campaign) == (
        "公共法律知识",
        "行政处罚法",
        date(2025, 4, 8),
        1.5,
        "2025年春季轮训",
    )
    assert sheet_rows(excel.export_training(demo["dc_sfj_liu"])) == [excel.TRAINING.columns]


@pytest.mark.parametrize("importer", [import_certificates, import_training])
@pytest.mark.parametrize("username", ["qy_demo", "scjg_wang", "sfj_chen"])
def test_only_an_information_administrator_imports_records(demo, importer, username):
    with pytest.raises(PermissionDenied):
        importer(demo[username], b"not even a file")
