"""Excel pages: upload with errors shown by row and column, templates, scoped exports, 403s."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zhifa.core.crypto import blind_index
from zhifa.core.models import LedgerEntry
from zhifa.org.models import Agency
from zhifa.registry import excel
from zhifa.registry.models import Officer
from zhifa.registry.tests.test_excel_officers import (
    id_number,
    officer_row,
    officers_file,
    sheet_rows,
)
from zhifa.testing.ledger_guard import writes_around_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(content: bytes, name: str = "人员.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


@pytest.fixture
def admin_client(client, demo):
    client.force_login(demo["scjg_admin"])
    return client


@pytest.mark.parametrize("kind", ["officers", "certificates", "training"])
def test_the_import_page_offers_upload_template_and_exports(admin_client, kind):
    response = admin_client.get(reverse("registry:excel_import", kwargs={"kind": kind}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f"/registry/template/{kind}.xlsx" in html
    assert "/registry/export/officers.xlsx" in html


def test_a_good_file_is_imported_and_counted(admin_client):
    url = reverse("registry:excel_import", kwargs={"kind": "officers"})
    response = admin_client.post(
        url, {"file": upload(officers_file(officer_row(n) for n in range(3)))}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    assert "已导入3名执法人员" in response.content.decode()
    assert Officer.objects.count() == 3


def test_a_bad_file_shows_every_error_by_row_and_column_and_writes_nothing(admin_client):
    entries = LedgerEntry.objects.count()
    rows = [officer_row(n) for n in range(50)]
    rows[9][1] = "110105194912310021"
    rows[30][3] = "不存在的科"
    response = admin_client.post(
        reverse("registry:excel_import", kwargs={"kind": "officers"}),
        {"file": upload(officers_file(rows))},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "文件有误，未导入任何数据" in html
    assert "共发现2处错误" in html
    assert "<td>第11行</td><td>身份证号码</td><td>身份证号码校验位错误，应为X</td>" in html
    assert "<td>第32行</td><td>科室</td>" in html
    assert Officer.objects.count() == 0
    assert LedgerEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("姓名,身份证号码\n张三,1\n".encode(), "人员.csv", "文件不是有效的Excel（.xlsx）文件"),
        (b"hello", "readme.txt", "文件不是有效的Excel（.xlsx）文件"),
    ],
)
def test_a_file_that_is_not_excel_is_explained(admin_client, content, name, message):
    response = admin_client.post(
        reverse("registry:excel_import", kwargs={"kind": "officers"}),
        {"file": upload(content, name)},
    )
    assert message in response.content.decode()
    assert Officer.objects.count() == 0


def test_no_file_is_asked_for(admin_client):
    response = admin_client.post(reverse("registry:excel_import", kwargs={"kind": "training"}))
    assert "请选择要导入的Excel文件" in response.content.decode()


@pytest.mark.parametrize("username", ["qy_demo", "scjg_zhang", "dc_sfj_liu", "sysadmin"])
def test_only_an_information_administrator_may_import(client, demo, username):
    client.force_login(demo[username])
    url = reverse("registry:excel_import", kwargs={"kind": "officers"})
    assert client.get(url).status_code == 403
    response = client.post(url, {"file": upload(officers_file([officer_row(1)]))})
    assert response.status_code == 403
    assert Officer.objects.count() == 0


def test_pages_need_a_login(client, db):
    for name in ("excel_import", "excel_template", "excel_export"):
        response = client.get(reverse(f"registry:{name}", kwargs={"kind": "officers"}))
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("name", ["excel_import", "excel_template", "excel_export"])
def test_an_unknown_kind_is_not_found(admin_client, name):
    assert (
        admin_client.get(reverse(f"registry:{name}", kwargs={"kind": "cases"})).status_code == 404
    )


@pytest.mark.parametrize("kind", ["officers", "certificates", "training"])
def test_the_template_is_the_header_and_how_to_fill_it_in(admin_client, kind):
    response = admin_client.get(f"/registry/template/{kind}.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = excel.SHEETS[kind]
    assert workbook.sheetnames == [sheet.title, "填写说明"]
    data = workbook.worksheets[0]
    assert [c.value for c in data[1]] == list(sheet.columns)
    for i, column in enumerate(sheet.columns, start=1):
        if column in sheet.text:  # ID numbers typed in stay text, not rounded numbers
            assert data.column_dimensions[chr(64 + i)].number_format == "@"
    lists = {
        str(v.sqref).split(":")[0][0]: v.formula1 for v in data.data_validations.dataValidation
    }
    for i, column in enumerate(sheet.columns, start=1):
        if column in sheet.choices:
            assert lists[chr(64 + i)] == '"' + ",".join(sheet.choices[column]) + '"'
    notes = "\n".join(str(c.value or "") for c in workbook["填写说明"]["A"])
    assert "示范市市场监督管理局：办公室、执法大队、法规科" in notes
    assert "市场监管、生态环境" in notes


def test_a_filled_in_template_imports(admin_client, demo):
    content = admin_client.get("/registry/template/officers.xlsx").content
    workbook = load_workbook(io.BytesIO(content))
    workbook.worksheets[0].append(officer_row(7))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = admin_client.post(
        "/registry/import/officers/", {"file": upload(buffer.getvalue())}, follow=True
    )
    assert "已导入1名执法人员" in response.content.decode()


def test_a_district_supervisor_exports_only_the_district(client, demo):
    from zhifa.registry.services.imports import import_officers

    import_officers(demo["scjg_admin"], officers_file(officer_row(n) for n in range(4)))
    dongcheng = Agency.objects.get(short_name="东城区市场监管局")
    number = id_number(2005)
    with writes_around_services(
        "an officer of 东城区市场监管局, which has no information administrator in these tests"
    ):
        Officer.objects.create(
            name="东城执法员",
            id_number=number,
            id_number_index=blind_index(number),
            agency=dongcheng,
        )
    client.force_login(demo["dc_sfj_liu"])
    response = client.get("/registry/export/officers.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    rows = sheet_rows(response.content)
    assert [(r[0], r[2]) for r in rows[1:]] == [("东城执法员", "示范市东城区市场监督管理局")]
    assert "示范市市场监督管理局" not in {r[2] for r in rows[1:]}
    assert number not in response.content.decode("latin-1")

    client.force_login(demo["scjg_admin"])
    rows = sheet_rows(client.get("/registry/export/officers.xlsx").content)
    assert len(rows) == 5 and all("********" in r[1] for r in rows[1:])


@pytest.mark.parametrize("username", ["qy_demo", "shjd_wu", "sysadmin", "auditadmin"])
def test_users_without_registry_data_cannot_export(client, demo, username):
    client.force_login(demo[username])
    assert client.get("/registry/export/officers.xlsx").status_code == 403


def test_the_api_imports_a_file_or_lists_every_problem(api_client, demo):
    import io

    from openpyxl import Workbook

    from zhifa.registry.excel import SHEETS
    from zhifa.registry.models import Officer

    def workbook(rows: list[list[str]]) -> io.BytesIO:
        book = Workbook()
        sheet = book.active
        sheet.append(list(SHEETS["officers"].columns))
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        out.seek(0)
        out.name = "officers.xlsx"
        return out

    headers = list(SHEETS["officers"].columns)
    good = dict.fromkeys(headers, "")
    good.update(
        {
            "姓名": "郑直",
            "身份证号码": "11010519491231002X",
            "执法主体": "示范市市场监督管理局",
            "执法岗位": "是",
            "状态": "在岗",
            "法制审核人员": "否",
            "法律职业资格": "否",
        }
    )
    bad = {**good, "姓名": "钱错", "身份证号码": "110105194912310021"}
    api_client.force_authenticate(demo["scjg_admin"])
    refused = api_client.post(
        "/api/v1/imports/officers",
        {"file": workbook([[good[h] for h in headers], [bad[h] for h in headers]])},
        format="multipart",
    )
    assert refused.status_code == 400
    messages = [m for msgs in refused.json()["errors"].values() for m in msgs]
    assert any("第3行" in m for m in messages), messages
    assert not Officer.objects.exists()
    accepted = api_client.post(
        "/api/v1/imports/officers",
        {"file": workbook([[good[h] for h in headers]])},
        format="multipart",
    )
    assert accepted.status_code == 201
    assert accepted.json()["created"] == 1
    assert Officer.objects.get().name == "郑直"
