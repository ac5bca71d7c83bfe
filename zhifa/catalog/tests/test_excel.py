"""Excel import and export of 执法事项: a 500-matter round trip, all-or-nothing imports with errors
by row and column (clean_matter's rules), wrong columns, files that are not Excel, duplicate
codes, who may import, the pages and the API."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zhifa.catalog import excel
from zhifa.catalog.models import Matter, MatterCategory, MatterLevel, MatterStatus
from zhifa.catalog.services import imports
from zhifa.catalog.services.imports import ImportFailed, import_matters
from zhifa.catalog.tests.catalog_fixtures import agency, agency_admin, make_matter
from zhifa.core import ledger
from zhifa.core.excel import CellError
from zhifa.core.models import LedgerEntry

SCJG = "示范市市场监督管理局"
STHJ = "示范市生态环境局"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = excel.MATTERS.columns
CATEGORIES = MatterCategory.labels
LEVELS = MatterLevel.labels


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


def matter_row(n: int, **changes: Any) -> list[Any]:
    row = {
        "事项编码": f"SC{n:06d}",
        "事项名称": f"对第{n}类违法行为的行政处罚",
        "职权类别": CATEGORIES[n % len(CATEGORIES)],
        "实施主体": SCJG,
        "行使层级": LEVELS[n % len(LEVELS)],
        "执法领域": "市场监管" if n % 5 else None,
        "法律依据": "中华人民共和国食品安全法",
        "条款": f"第{n}条",
        "条文内容": f"违反本法规定的（第{n}项），\n处五万元以上十万元以下罚款。",
        "状态": "有效" if n % 7 else "暂停实施",
    }
    row.update(changes)
    return [row[c] for c in COLUMNS]


def matters_file(rows: Iterable[Sequence[Any]]) -> bytes:
    return xlsx(COLUMNS, rows)


def sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def refused(actor, content: bytes) -> list[CellError]:
    """Import expected to fail: nothing written, neither matters nor ledger entries."""
    matters, entries = Matter.objects.count(), LedgerEntry.objects.count()
    with pytest.raises(ImportFailed) as exc:
        import_matters(actor, content)
    assert Matter.objects.count() == matters
    assert LedgerEntry.objects.count() == entries
    assert exc.value.messages == [str(e) for e in exc.value.cell_errors]
    return exc.value.cell_errors


def where(errors: list[CellError]) -> list[tuple[int | None, str]]:
    return [(e.row, e.column) for e in errors]


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


# --- the round trip ---


def test_a_round_trip_of_500_matters(admin, demo):
    rows = [matter_row(n) for n in range(500)]
    seq = LedgerEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    result = import_matters(admin, matters_file(rows))

    assert result.created == 500
    assert str(result) == "已导入500项执法事项"
    assert Matter.objects.filter(agency=agency("市市场监管局")).count() == 500
    created = LedgerEntry.objects.filter(seq__gt=seq)
    assert created.count() == 500
    assert set(created.values_list("action", flat=True)) == {"catalog.matter.create"}
    assert set(created.values_list("object_id", flat=True)) == {
        str(pk) for pk in Matter.objects.values_list("pk", flat=True)
    }
    assert ledger.verify().ok
    stored = Matter.objects.get(code="SC000007")
    assert stored.status == MatterStatus.SUSPENDED
    assert stored.article_text.startswith("违反本法规定的（第7项），\n处")

    exported = excel.export_xlsx(Matter.objects.filter(agency__name=SCJG))
    back = sheet_rows(exported)
    assert back[0] == COLUMNS
    assert [list(r) for r in back[1:]] == sorted(rows)  # the same cells, in code order

    # As it is, the export re-imports nowhere: every code is taken.
    errors = refused(admin, exported)
    assert where(errors) == [(n, "事项编码") for n in range(2, 502)]
    assert errors[0].message == "事项编码SC000000已存在"

    # Into a fresh code space of another agency, by its own administrator: the same matters.
    sthj_admin = agency_admin("市生态环境局", "sthj_admin")
    moved = [[f"ST{r[0][2:]}", *r[1:3], STHJ, *r[4:]] if i else list(r) for i, r in enumerate(back)]
    content = xlsx(moved[0], moved[1:])
    assert import_matters(sthj_admin, content).created == 500
    again = sheet_rows(excel.export_xlsx(Matter.objects.filter(agency__name=STHJ)))
    assert again == [tuple(r) for r in moved]
    assert Matter.objects.count() == 1000
    assert ledger.verify().ok


def test_lookups_do_not_grow_with_the_rows(admin):
    """Agencies and taken codes are read once (clean_matter does not query per row); only the
    batched INSERTs (SQLite allows 999 parameters a statement) grow with the file."""

    def queries(first: int, n: int) -> list[str]:
        content = matters_file(matter_row(i) for i in range(first, first + n))
        with CaptureQueriesContext(connection) as captured:
            import_matters(admin, content)
        return [q["sql"] for q in captured if not q["sql"].startswith("INSERT")]

    few, many = queries(0, 5), queries(1000, 400)
    assert len(few) == len(many) < 15


# --- all or nothing, errors by row and column ---


def test_one_bad_row_among_many_writes_nothing_and_names_its_row_and_column(admin):
    rows = [matter_row(n) for n in range(50)]
    rows[9] = matter_row(9, 法律依据="")
    errors = refused(admin, matters_file(rows))
    assert where(errors) == [(11, "法律依据")]
    assert str(errors[0]) == "第11行“法律依据”：执法事项必须有法律依据：请填写法律、法规或规章名称"


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"事项编码": ""}, "事项编码", "请填写事项编码"),
        ({"事项编码": "X" * 41}, "事项编码", "不能超过40个字"),
        ({"事项名称": " "}, "事项名称", "请填写事项名称"),
        ({"职权类别": "行政罚款"}, "职权类别", "职权类别应为行政许可、行政处罚"),
        ({"职权类别": None}, "职权类别", "请选择职权类别"),
        ({"实施主体": ""}, "实施主体", "请填写实施主体"),
        ({"实施主体": "示范市不存在局"}, "实施主体", "未找到执法主体“示范市不存在局”"),
        ({"实施主体": STHJ}, "实施主体", "您不是示范市生态环境局的信息管理员"),
        ({"行使层级": "省级"}, "行使层级", "行使层级应为市级、县级、乡镇（街道）之一"),
        ({"执法领域": "食品监管"}, "执法领域", "未找到执法领域“食品监管”，可填写：市场监管、"),
        ({"条款": ""}, "条款", "请填写依据的具体条款"),
        ({"条文内容": None}, "条文内容", "请填写依据条款的内容"),
        ({"状态": "作废"}, "状态", "状态应为有效、暂停实施、取消之一"),
    ],
)
def test_every_bad_cell_is_named(admin, changes, column, message):
    errors = refused(admin, matters_file([matter_row(1), matter_row(2, **changes)]))
    assert where(errors) == [(3, column)]
    assert message in errors[0].message


def test_the_enforcement_field_is_read_by_name(admin):
    import_matters(admin, matters_file([matter_row(1, 执法领域="生态环境"), matter_row(2)]))
    assert Matter.objects.get(code="SC000001").field.name == "生态环境"
    assert Matter.objects.get(code="SC000002").field.name == "市场监管"


def test_every_bad_row_is_reported_in_order(admin):
    rows = [
        matter_row(1, 法律依据="", 行使层级="省级"),
        matter_row(2),
        matter_row(3, 事项名称="", 条文内容=""),
    ]
    errors = refused(admin, matters_file(rows))
    assert where(errors) == [(2, "行使层级"), (2, "法律依据"), (4, "事项名称"), (4, "条文内容")]


def test_labels_blank_status_and_stored_values_are_read(admin):
    rows = [
        matter_row(1, 状态=None, 职权类别="行政检查", 行使层级="乡镇（街道）"),
        matter_row(2, 职权类别="penalty", 行使层级="county", 状态="cancelled"),
    ]
    import_matters(admin, matters_file(rows))
    first, second = Matter.objects.order_by("code")
    assert (first.status, first.category, first.level) == ("active", "inspection", "town")
    assert (second.category, second.level, second.status) == ("penalty", "county", "cancelled")


def test_a_short_agency_name_is_accepted(admin):
    import_matters(admin, matters_file([matter_row(1, 实施主体="市市场监管局")]))
    assert Matter.objects.get().agency.name == SCJG


def test_a_duplicate_code_in_the_file_or_the_catalogue_is_refused(admin):
    make_matter(admin, "SC000001")
    rows = [matter_row(1), matter_row(2), matter_row(3), matter_row(2, 事项名称="另一事项")]
    errors = refused(admin, matters_file(rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (2, "事项编码", "事项编码SC000001已存在"),
        (5, "事项编码", "与第3行的事项编码重复"),
    ]


def test_someone_creating_the_same_code_meanwhile_refuses_the_file(admin, monkeypatch):
    """The unique code is the last line: a clash at write time rolls everything back."""
    make_matter(admin, "SC000001")
    monkeypatch.setattr(imports, "chunks", lambda values: iter(()))  # the check sees nothing
    errors = refused(admin, matters_file([matter_row(2), matter_row(1)]))
    assert [(e.row, e.message) for e in errors] == [(None, imports.CONFLICT)]


# --- the file itself ---


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (COLUMNS[:-1], "缺少列：状态"),
        ((*COLUMNS, "备注"), "多余的列：备注"),
        (("编码", *COLUMNS[1:]), "缺少列：事项编码；多余的列：编码"),
        (("事项名称", "事项编码", *COLUMNS[2:]), "列的顺序不对"),
        ((), "第1行没有表头"),
    ],
)
def test_wrong_columns_give_one_error_naming_them(admin, header, problem):
    errors = refused(admin, xlsx(header, [matter_row(1)]))
    assert len(errors) == 1
    assert errors[0].row == 1 and errors[0].column == ""
    assert problem in errors[0].message
    assert "第1行应依次为：事项编码、事项名称、职权类别、实施主体" in errors[0].message
    assert "请下载执法事项导入模板填写" in errors[0].message


@pytest.mark.parametrize(
    "content",
    [
        "事项编码,事项名称\nSC1,对某行为的处罚\n".encode(),
        b"",
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,  # an old .xls (OLE2) header
    ],
    ids=["csv", "empty", "broken-zip", "xls"],
)
def test_a_file_that_is_not_excel_is_refused(admin, content):
    errors = refused(admin, content)
    assert len(errors) == 1 and errors[0].row is None
    assert errors[0].message.startswith("文件不是有效的Excel（.xlsx）文件")


def test_a_file_with_only_the_header_is_refused(admin):
    errors = refused(admin, matters_file([]))
    assert [e.message for e in errors] == ["文件中除表头外没有数据行"]


# --- who may import ---


@pytest.mark.parametrize("username", ["scjg_zhang", "scjg_wang", "sfj_chen", "qy_demo", "sysadmin"])
def test_only_an_information_administrator_imports(demo, username):
    with pytest.raises(PermissionDenied):
        import_matters(demo[username], matters_file([matter_row(1)]))
    assert not Matter.objects.exists()


# --- pages ---


def upload(content: bytes, name: str = "事项.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def test_the_matter_list_links_import_template_and_export(client, demo):
    client.force_login(demo["scjg_admin"])
    html = client.get(reverse("catalog:matter_list")).content.decode()
    for name in ("matter_import", "matter_template", "matter_export"):
        assert reverse(f"catalog:{name}") in html
    client.force_login(demo["scjg_zhang"])
    html = client.get(reverse("catalog:matter_list")).content.decode()
    assert reverse("catalog:matter_import") not in html
    assert reverse("catalog:matter_export") in html  # the catalogue is public


def test_a_good_file_is_imported_and_counted(admin_client):
    url = reverse("catalog:matter_import")
    assert admin_client.get(url).status_code == 200
    content = matters_file(matter_row(n) for n in range(3))
    response = admin_client.post(url, {"file": upload(content)}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "已导入3项执法事项" in response.content.decode()
    assert Matter.objects.count() == 3


def test_a_bad_file_shows_every_error_and_writes_nothing(admin_client):
    entries = LedgerEntry.objects.count()
    rows = [matter_row(n) for n in range(20)]
    rows[4] = matter_row(4, 法律依据="")
    response = admin_client.post(
        reverse("catalog:matter_import"), {"file": upload(matters_file(rows))}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "文件有误，未导入任何数据" in html
    assert "<td>第6行</td><td>法律依据</td>" in html
    assert not Matter.objects.exists()
    assert LedgerEntry.objects.count() == entries


def test_a_file_that_is_not_excel_is_explained(admin_client):
    response = admin_client.post(
        reverse("catalog:matter_import"), {"file": upload(b"a,b\n1,2\n", "事项.csv")}
    )
    assert "文件不是有效的Excel（.xlsx）文件" in response.content.decode()


@pytest.mark.parametrize("username", ["scjg_zhang", "sfj_chen", "qy_demo"])
def test_only_an_information_administrator_may_open_the_import_page(client, demo, username):
    client.force_login(demo[username])
    url = reverse("catalog:matter_import")
    assert client.get(url).status_code == 403
    content = matters_file([matter_row(1)])
    assert client.post(url, {"file": upload(content)}).status_code == 403
    assert not Matter.objects.exists()


def test_pages_need_a_login(client, db):
    for name in ("matter_import", "matter_template", "matter_export"):
        assert client.get(reverse(f"catalog:{name}")).status_code == 302


def test_the_template_is_the_header_and_how_to_fill_it_in(admin_client, admin):
    response = admin_client.get(reverse("catalog:matter_template"))
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, notes = workbook.worksheets
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == 1
    text = "\n".join(str(c.value or "") for c in notes["A"])
    assert "法律依据" in text and SCJG in text
    # A filled-in template imports.
    sheet.append(matter_row(1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_matters(admin, buffer.getvalue()).created == 1


def test_the_export_is_what_the_list_selects(client, admin):
    import_matters(admin, matters_file(matter_row(n) for n in range(5)))
    sthj_admin = agency_admin("市生态环境局", "sthj_admin")
    import_matters(sthj_admin, matters_file([matter_row(9, 事项编码="ST1", 实施主体=STHJ)]))
    url = reverse("catalog:matter_export")

    client.force_login(admin)  # own agency by default, like the list
    assert [r[0] for r in sheet_rows(client.get(url).content)[1:]] == [
        f"SC{n:06d}" for n in range(5)
    ]
    client.force_login(sthj_admin)
    response = client.get(url, {"agency": agency("市市场监管局").pk, "status": "suspended"})
    assert response["Content-Type"] == XLSX
    assert [r[0] for r in sheet_rows(response.content)[1:]] == ["SC000000"]
    everything = sheet_rows(client.get(url, {"scope": "all"}).content)
    assert len(everything) == 1 + 6


# --- the API ---


def test_the_api_imports_a_file_or_lists_every_problem(api_client, demo):
    url = "/api/v1/matters/import"
    api_client.force_authenticate(demo["scjg_admin"])

    def post(content: bytes):
        file = io.BytesIO(content)
        file.name = "matters.xlsx"
        return api_client.post(url, {"file": file}, format="multipart")

    bad = post(matters_file([matter_row(1), matter_row(2, 法律依据="")]))
    assert bad.status_code == 400
    assert bad.json()["code"] == "import_invalid"
    assert bad.json()["errors"] == {
        "non_field_errors": ["第3行“法律依据”：执法事项必须有法律依据：请填写法律、法规或规章名称"]
    }
    assert not Matter.objects.exists()

    good = post(matters_file([matter_row(1), matter_row(2)]))
    assert good.status_code == 201
    assert good.json() == {"kind": "matters", "created": 2, "detail": "已导入2项执法事项"}
    assert Matter.objects.count() == 2

    missing = api_client.post(url, {}, format="multipart")
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"file": ["请选择要导入的Excel文件"]}

    api_client.force_authenticate(demo["scjg_zhang"])
    assert post(matters_file([matter_row(3)])).status_code == 403
    assert Matter.objects.count() == 2
