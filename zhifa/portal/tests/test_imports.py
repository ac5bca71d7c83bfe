"""数据导入: one page composed of the importers the apps declare, each with its template and an
upload form; an upload through it imports all or nothing with the errors by row and column."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zhifa.catalog.models import Matter
from zhifa.catalog.tests.test_excel import matter_row, matters_file
from zhifa.core.declarations import Importer
from zhifa.core.excel import ImportResult, Sheet
from zhifa.core.models import LedgerEntry
from zhifa.portal import checks, collect
from zhifa.registry.models import Officer
from zhifa.registry.tests.test_excel_officers import officer_row, officers_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORTS = "/imports/"


def upload(content: bytes, name: str = "导入.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def signed_in(client, demo, username: str):
    client.force_login(demo[username])
    return client


def offered(html: str) -> list[str]:
    """The importers the page offers, by key, in their order on the page."""
    return [part.split('"', 1)[0] for part in html.split('data-testid="importer-')[1:]]


def cases_template(user) -> bytes:
    return b"cases template"


CASES = Sheet("cases", "案件", "件", ("案号",), (20,))


def import_cases(actor, file) -> ImportResult:
    return ImportResult(CASES, 2)


def test_an_agency_administrator_is_offered_the_registrys_and_the_catalogues_imports(client, demo):
    response = signed_in(client, demo, "scjg_admin").get(IMPORTS)
    assert response.status_code == 200
    html = response.content.decode()
    assert offered(html) == [
        "officers",
        "certificates",
        "training",
        "matters",
        "benchmarks",
        "parties",
        "cases_taken_over",
    ]
    keys = ("officers", "certificates", "training", "matters", "benchmarks", "parties")
    for key in (*keys, "cases_taken_over"):
        assert f'href="/imports/{key}/template.xlsx"' in html
        assert f'action="/imports/{key}/"' in html
    assert html.count("下载模板") == 7
    assert 'href="/registry/import/officers/"' in html  # the app's own page stays
    assert 'href="/catalog/import/matters/"' in html


@pytest.mark.parametrize("username", ["scjg_zhang", "sfj_chen", "qy_demo", "sysadmin"])
def test_whoever_may_use_no_importer_is_refused_and_not_shown_the_menu_item(client, demo, username):
    client = signed_in(client, demo, username)
    assert client.get(IMPORTS).status_code == 403
    assert client.get("/imports/officers/template.xlsx").status_code == 403
    assert 'href="/imports/"' not in client.get(reverse("deadline")).content.decode()


def test_the_menu_and_the_administrators_panel_lead_to_the_page(client, demo):
    client = signed_in(client, demo, "scjg_admin")
    assert ">数据导入</a>" in client.get(reverse("deadline")).content.decode()
    home = client.get("/").content.decode()
    assert 'data-testid="imports-links"' in home
    assert (
        "用Excel批量导入：执法人员、执法证件、培训记录、执法事项、裁量基准、当事人、历史案件。"
        in home
    )


def test_the_template_is_the_apps_own(client, demo):
    client = signed_in(client, demo, "scjg_admin")
    response = client.get("/imports/matters/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    header = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert header[:2] == ("事项编码", "事项名称")


def test_an_importer_no_app_declares_is_not_found(client, demo):
    assert signed_in(client, demo, "scjg_admin").get("/imports/cases/").status_code == 404


def test_a_good_file_uploaded_through_the_page_is_imported_and_counted(client, demo):
    client = signed_in(client, demo, "scjg_admin")
    response = client.post(
        "/imports/officers/",
        {"file": upload(officers_file(officer_row(n) for n in range(3)))},
        follow=True,
    )
    assert response.redirect_chain == [(IMPORTS, 302)]
    assert "已导入3名执法人员。" in response.content.decode()
    assert Officer.objects.filter(name__startswith="执法员").count() == 3


def test_a_bad_file_is_refused_whole_with_every_error_by_row_and_column(client, demo):
    client = signed_in(client, demo, "scjg_admin")
    matters, entries = Matter.objects.count(), LedgerEntry.objects.count()
    rows = [matter_row(n) for n in range(20)]
    rows[4][3] = "不存在的执法局"  # 实施主体
    rows[11][0] = rows[10][0]  # the same 事项编码 twice
    response = client.post("/imports/matters/", {"file": upload(matters_file(rows))})
    assert response.status_code == 200
    html = response.content.decode()
    assert "文件有误，未导入任何数据" in html
    assert "共发现2处错误" in html
    assert "<td>第6行</td><td>实施主体</td>" in html
    assert "<td>第13行</td><td>事项编码</td>" in html
    assert Matter.objects.count() == matters
    assert LedgerEntry.objects.count() == entries
    # The errors are under the matters' form; the other importers are offered as before.
    assert html.index('data-testid="importer-matters"') < html.index("文件有误")
    assert offered(html) == [
        "officers",
        "certificates",
        "training",
        "matters",
        "benchmarks",
        "parties",
        "cases_taken_over",
    ]


def test_no_file_is_asked_for(client, demo):
    client = signed_in(client, demo, "scjg_admin")
    response = client.post("/imports/training/")
    assert "请选择要导入的Excel文件" in response.content.decode()


@pytest.fixture
def cases_app(monkeypatch):
    """A pretend app, installed after the real ones, whose officers import cases."""
    importer = Importer(
        "cases",
        "案件",
        frozenset({"officer"}),
        f"{__name__}.cases_template",
        f"{__name__}.import_cases",
        "home",
        order=40,
    )
    real = list(apps.get_app_configs())
    app = SimpleNamespace(label="cases", name="zhifa.cases", importers=(importer,))
    monkeypatch.setattr(collect.apps, "get_app_configs", lambda: [*real, app])


def test_a_new_app_joins_the_page_by_declaring_an_importer(cases_app, client, demo):
    admin = signed_in(client, demo, "scjg_admin").get(IMPORTS).content.decode()
    assert offered(admin) == [
        "officers",
        "certificates",
        "training",
        "matters",
        "benchmarks",
        "parties",
        "cases_taken_over",
    ]

    client = signed_in(client, demo, "scjg_zhang")
    response = client.get(IMPORTS)
    assert response.status_code == 200
    assert offered(response.content.decode()) == ["cases"]
    assert ">数据导入</a>" in response.content.decode()  # the menu now has it for officers
    assert client.get("/imports/cases/template.xlsx").content == b"cases template"
    assert client.get("/imports/matters/template.xlsx").status_code == 403
    response = client.post("/imports/cases/", {"file": upload(b"x")}, follow=True)
    assert "已导入2件案件。" in response.content.decode()


def test_it_refuses_the_same_importer_declared_twice(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    real = list(apps.get_app_configs())
    twice = SimpleNamespace(
        label="cases",
        name="zhifa.cases",
        importers=(Importer("matters", "事项", frozenset(), "x.t", "x.s", "home"),),
    )
    monkeypatch.setattr(collect.apps, "get_app_configs", lambda: [*real, twice])
    with pytest.raises(ImproperlyConfigured, match="importer 'matters' declared twice"):
        collect.importers()


def test_the_system_check_finds_an_importer_whose_functions_or_page_are_not_there(monkeypatch):
    real = list(apps.get_app_configs())
    broken = Importer(
        "cases", "案件", frozenset({"officer"}), "zhifa.cases.excel.t", f"{__name__}.x", "cases:up"
    )
    app = SimpleNamespace(label="cases", name="zhifa.cases", importers=(broken,))
    monkeypatch.setattr(collect.apps, "get_app_configs", lambda: [*real, app])
    found = [(e.id, e.msg) for e in checks.declarations()]
    assert found == [
        ("portal.E001", "importer 'cases': no URL named 'cases:up'"),
        ("portal.E002", "importer 'cases': 'zhifa.cases.excel.t' does not import"),
        ("portal.E002", f"importer 'cases': '{__name__}.x' does not import"),
    ]
