"""Excel import and export of officers: all-or-nothing imports with errors by row and column, wrong
columns, files that are not Excel, scoped and masked exports (the 10,000-officer round trip is
``benchmarks/excel_officers.py``)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from zhifa.core.crypto import blind_index
from zhifa.core.excel import CellError
from zhifa.core.models import LedgerEntry
from zhifa.core.validators import mask_id_number
from zhifa.org.models import Agency
from zhifa.registry import excel
from zhifa.registry.models import Officer, OfficerStatus
from zhifa.registry.services import imports
from zhifa.registry.services.imports import ImportFailed, import_officers
from zhifa.testing.factories import county_id_number
from zhifa.testing.ledger_guard import writes_around_services

SCJG = "示范市市场监督管理局"


id_number = county_id_number


def xlsx(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """A workbook as a user would upload it: the header row, then the rows."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("数据")
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def officer_row(n: int, **changes: Any) -> list[Any]:
    row = {
        "姓名": f"执法员{n:05d}",
        "身份证号码": id_number(n),
        "执法主体": SCJG,
        "科室": "执法大队",
        "岗位": "科员",
        "执法岗位": "是",
        "执法领域": "市场监管、文化市场" if n % 2 else "市场监管",
        "状态": "在岗" if n % 10 else "离岗",
        "法制审核人员": "否",
        "法律职业资格": "是" if n % 3 == 0 else "否",
    }
    row.update(changes)
    return [row[c] for c in excel.OFFICERS.columns]


def officers_file(rows: Iterable[Sequence[Any]]) -> bytes:
    return xlsx(excel.OFFICERS.columns, rows)


def sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def refused(actor, content: bytes) -> list[CellError]:
    """Import expected to fail: nothing written, neither officers nor ledger entries."""
    officers, entries = Officer.objects.count(), LedgerEntry.objects.count()
    with pytest.raises(ImportFailed) as exc:
        import_officers(actor, content)
    assert Officer.objects.count() == officers
    assert LedgerEntry.objects.count() == entries
    assert exc.value.messages == [str(e) for e in exc.value.cell_errors]
    return exc.value.cell_errors


def where(errors: list[CellError]) -> list[tuple[int | None, str]]:
    return [(e.row, e.column) for e in errors]


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


def test_imported_officers_are_stored_like_registered_ones(admin):
    import_officers(admin, officers_file([officer_row(1), officer_row(3, 法制审核人员="否")]))
    officer = Officer.objects.get(id_number_index=blind_index(id_number(1)))
    assert officer.id_number == id_number(1)
    assert officer.agency.name == SCJG and officer.unit.name == "执法大队"
    assert sorted(f.name for f in officer.fields.all()) == ["市场监管", "文化市场"]
    assert officer.status == OfficerStatus.ON_DUTY and officer.in_enforcement_post
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM registry_officer WHERE id = %s", [officer.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("sm4gcm$") and id_number(1) not in stored
    entry = LedgerEntry.objects.get(action="registry.officer.create", object_id=str(officer.pk))
    assert id_number(1) not in entry.payload.body
    assert '"fields":["01","06"]' in entry.payload.body


def test_lookups_do_not_grow_with_the_rows(admin):
    """Agencies, units, fields and registered ID numbers are read once; only the batched INSERTs
    (SQLite allows 999 parameters a statement) grow with the file."""

    def queries(first: int, n: int) -> list[str]:
        content = officers_file(officer_row(i) for i in range(first, first + n))
        with CaptureQueriesContext(connection) as captured:
            import_officers(admin, content)
        return [q["sql"] for q in captured if not q["sql"].startswith("INSERT")]

    few, many = queries(0, 5), queries(1000, 400)
    assert len(few) == len(many) < 15


# --- all or nothing, errors by row and column ---


def test_one_bad_row_among_many_writes_nothing_and_names_its_row_and_column(admin):
    rows = [officer_row(n) for n in range(3000)]
    rows[1499][1] = rows[1499][1][:-1] + ("0" if rows[1499][1][-1] != "0" else "1")
    errors = refused(admin, officers_file(rows))
    assert where(errors) == [(1501, "身份证号码")]
    assert errors[0].message.startswith("身份证号码校验位错误")
    assert str(errors[0]).startswith("第1501行“身份证号码”：")


def test_every_bad_row_is_reported_by_column(admin, demo):
    rows = [
        officer_row(0, 姓名=""),
        officer_row(1, 身份证号码="110105194912310021"),
        officer_row(2, 执法主体="示范市不存在局"),
        officer_row(3, 科室="没有这个科"),
        officer_row(4, 执法岗位="也许"),
        officer_row(5, 执法领域="市场监管、航天"),
        officer_row(6, 状态="出差"),
        officer_row(7),
        officer_row(8, 执法主体="示范市生态环境局"),
        officer_row(9, 法制审核人员="是", 法律职业资格="否", 科室="法规科"),
        officer_row(10, 法制审核人员="是", 法律职业资格="是", 科室="执法大队"),
        officer_row(11, 岗位="很" * 51),
    ]
    errors = refused(admin, officers_file(rows))
    assert where(errors) == [
        (2, "姓名"),
        (3, "身份证号码"),
        (4, "执法主体"),
        (5, "科室"),
        (6, "执法岗位"),
        (7, "执法领域"),
        (8, "状态"),
        (10, "执法主体"),
        (11, "法制审核人员"),
        (12, "法制审核人员"),
        (13, "岗位"),
    ]
    messages = {(e.row, e.column): e.message for e in errors}
    assert messages[2, "姓名"] == "请填写姓名"
    assert messages[3, "身份证号码"] == "身份证号码校验位错误，应为X"
    assert messages[4, "执法主体"] == "未找到执法主体“示范市不存在局”，请填写全称"
    assert messages[5, "科室"] == "示范市市场监督管理局没有名为“没有这个科”的科室"
    assert messages[6, "执法岗位"] == "应填写“是”或“否”"
    assert messages[7, "执法领域"] == "未知的执法领域：航天"
    assert messages[8, "状态"] == "状态应为在岗、离岗、调离或退休"
    assert "不是示范市生态环境局的信息管理员" in messages[10, "执法主体"]
    # clean_officer's own rules, the same as on the pages
    assert messages[11, "法制审核人员"] == "初次从事法制审核的人员应当取得国家统一法律职业资格"
    assert messages[12, "法制审核人员"] == "法制审核人员不得在承办机构，应在法制审核机构"
    assert messages[13, "岗位"] == "不能超过50个字"


def test_the_same_person_twice_in_the_file_or_already_registered_is_refused(admin):
    import_officers(admin, officers_file([officer_row(1)]))
    rows = [officer_row(2), officer_row(1), officer_row(3), officer_row(2, 姓名="重名")]
    errors = refused(admin, officers_file(rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (3, "身份证号码", "该身份证号码已登记为执法人员（示范市市场监督管理局）"),
        (5, "身份证号码", "与第2行的身份证号码重复"),
    ]


def test_someone_registering_the_same_person_meanwhile_refuses_the_file(admin, monkeypatch):
    """The unique blind index is the last line: a clash at write time rolls everything back."""
    import_officers(admin, officers_file([officer_row(1)]))
    monkeypatch.setattr(imports, "chunks", lambda values: iter(()))  # the check sees nobody
    errors = refused(admin, officers_file([officer_row(2), officer_row(1)]))
    assert [(e.row, e.message) for e in errors] == [(None, imports.CONFLICT)]


def test_an_id_number_excel_turned_into_a_number_is_explained(admin):
    rows = [officer_row(1, 身份证号码=1.10105194912310e17), officer_row(2)]
    errors = refused(admin, officers_file(rows))
    assert where(errors) == [(2, "身份证号码")]
    assert "被Excel存成了数字" in errors[0].message


def test_an_export_cannot_be_reimported_because_its_id_numbers_are_masked(admin):
    import_officers(admin, officers_file([officer_row(n) for n in range(3)]))
    exported = excel.export_officers(admin)
    errors = refused(admin, exported)
    assert where(errors) == [(2, "身份证号码"), (3, "身份证号码"), (4, "身份证号码")]
    assert all("已脱敏" in e.message for e in errors)


def test_the_api_shows_a_refused_file_in_its_one_error_shape(admin):
    from zhifa.core.api import exception_handler

    rows = [officer_row(1, 姓名=""), officer_row(2, 状态="出差")]
    with pytest.raises(ImportFailed) as exc:
        import_officers(admin, officers_file(rows))
    response = exception_handler(exc.value, {})
    assert response.status_code == 400
    assert response.data["code"] == "import_invalid"
    assert response.data["errors"] == {
        "non_field_errors": [
            "第2行“姓名”：请填写姓名",
            "第3行“状态”：状态应为在岗、离岗、调离或退休",
        ]
    }
    assert exc.value.cell_errors[0].as_dict() == {
        "row": 2,
        "column": "姓名",
        "message": "请填写姓名",
    }


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_excel(admin):
    rows = [officer_row(1), [None] * 10, ["", " "] + [None] * 8, officer_row(2, 姓名="")]
    errors = refused(admin, officers_file(rows))
    assert where(errors) == [(5, "姓名")]


def test_cells_outside_the_columns_are_refused(admin):
    rows = [officer_row(1), [*officer_row(2), None, "多出来的"]]
    errors = refused(admin, officers_file(rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (3, "", "表头以外的L列有内容，请删除或检查是否错列")
    ]


# --- the file itself ---


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (excel.OFFICERS.columns[:-1], "缺少列：法律职业资格"),
        ((*excel.OFFICERS.columns, "备注"), "多余的列：备注"),
        (
            ("姓名", "身份证号", *excel.OFFICERS.columns[2:]),
            "缺少列：身份证号码；多余的列：身份证号",
        ),
        (
            ("身份证号码", "姓名", *excel.OFFICERS.columns[2:]),
            "列的顺序不对，或有重复、空白的列",
        ),
        (excel.TRAINING.columns, "缺少列：姓名"),
        ((), "第1行没有表头"),
    ],
)
def test_wrong_columns_give_one_error_naming_them(admin, header, problem):
    errors = refused(admin, xlsx(header, [officer_row(1)]))
    assert len(errors) == 1
    assert errors[0].row == 1 and errors[0].column == ""
    assert problem in errors[0].message
    assert "第1行应依次为：姓名、身份证号码、执法主体" in errors[0].message


@pytest.mark.parametrize(
    "content",
    [
        "姓名,身份证号码\n张三,110105194912310021\n".encode(),
        "姓名\t身份证号码\n".encode("gbk"),
        b"",
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,  # an old .xls (OLE2) header
    ],
    ids=["csv", "txt", "empty", "broken-zip", "xls"],
)
def test_a_file_that_is_not_excel_is_refused(admin, content):
    errors = refused(admin, content)
    assert len(errors) == 1 and errors[0].row is None
    assert errors[0].message.startswith("文件不是有效的Excel（.xlsx）文件")


def test_a_file_with_only_the_header_is_refused(admin):
    errors = refused(admin, officers_file([]))
    assert [e.message for e in errors] == ["文件中除表头外没有数据行"]


# --- who may import ---


@pytest.mark.parametrize("username", ["qy_demo", "scjg_zhang", "dc_sfj_liu", "sysadmin"])
def test_only_an_information_administrator_imports(demo, username):
    with pytest.raises(PermissionDenied):
        import_officers(demo[username], officers_file([officer_row(1)]))
    assert Officer.objects.count() == 0


# --- exports ---


def test_an_export_respects_scope(demo, admin):
    import_officers(admin, officers_file([officer_row(n) for n in range(5)]))
    dongcheng = Agency.objects.get(short_name="东城区市场监管局")
    with writes_around_services(
        "an officer of 东城区市场监管局, which has no information administrator in these tests"
    ):
        Officer.objects.create(
            name="东城执法员",
            id_number=id_number(5001),
            id_number_index=blind_index(id_number(5001)),
            agency=dongcheng,
        )
    district = sheet_rows(excel.export_officers(demo["dc_sfj_liu"]))
    assert [r[0] for r in district[1:]] == ["东城执法员"]
    assert SCJG not in {r[2] for r in district[1:]}
    assert district[1][1] == mask_id_number(id_number(5001))

    city = sheet_rows(excel.export_officers(demo["sfj_chen"]))
    assert len(city) - 1 == 6
    own = sheet_rows(excel.export_officers(admin))
    assert {r[2] for r in own[1:]} == {SCJG}
    assert sheet_rows(excel.export_officers(demo["qy_demo"])) == [excel.OFFICERS.columns]
