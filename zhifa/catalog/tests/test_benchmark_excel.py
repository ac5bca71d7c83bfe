"""Benchmarks in Excel, one row per grade: an export imports again as a new draft with the same
content, a file with a broken row is refused by row and column with nothing written, facts and
conditions are read as they are written on the benchmark's page, and the import is offered on the
数据导入 page."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zhifa.catalog import benchmark_excel
from zhifa.catalog.models import DiscretionBenchmark
from zhifa.catalog.services import benchmarks
from zhifa.catalog.services.benchmark_imports import import_benchmarks
from zhifa.catalog.tests.approval_fixtures import publish_benchmark
from zhifa.catalog.tests.catalog_fixtures import last_seq, make_matter, save_food
from zhifa.core.excel import ImportFailed
from zhifa.core.models import LedgerEntry

COLUMNS = benchmark_excel.BENCHMARKS.columns


def xlsx(rows: Iterable[Sequence[Any]], header: Sequence[str] = COLUMNS) -> bytes:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("裁量基准")
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_rows(content: bytes) -> list[dict[str, Any]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def row(**cells: Any) -> list[Any]:
    return [cells.get(c, "") for c in COLUMNS]


def times_rows(code: str, **changes: Any) -> list[list[Any]]:
    """违法次数 split at 2 and 3 (an integer fact: nothing in between), fines in 元."""
    first = {
        "事项编码": code,
        "违法行为": "未按规定公示信息",
        "违法依据": "《示范市市场监管条例》第十条",
        "处罚依据": "《示范市市场监管条例》第三十条",
        "法定处罚幅度": "处一千元以上一万元以下罚款",
        "法定罚款下限（元）": 1000,
        "法定罚款上限（元）": 10000,
        "制定文件": "示市监规〔2024〕5号",
        "施行日期": "2024-03-01",
        "裁量事实": "违法次数（整数，次）；情节（选项：较轻、严重）",
        "裁量阶次": "一般",
        "适用条件": "违法次数 ≤ 2次；情节 为 较轻",
        "处罚种类": "警告",
        "罚款下限（元）": 1000,
        "罚款上限（元）": 5000,
    }
    second = {
        "事项编码": code,
        "裁量阶次": "较重",
        "适用条件": "违法次数 ≥ 3次",
        "罚款下限（元）": 5000,
        "罚款上限（元）": 10000,
        "其他措施": "责令改正",
    }
    third = {
        "事项编码": code,
        "裁量阶次": "严重",
        "适用条件": "违法次数 ≤ 2；情节 为 严重",
        "罚款下限（元）": 5000,
        "罚款上限（元）": 10000,
    }
    for key, value in changes.items():
        place, _, column = key.partition("__")
        {"first": first, "second": second, "third": third}[place][column] = value
    return [row(**first), row(**second), row(**third)]


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


def refused(admin, content: bytes) -> list[str]:
    before = (DiscretionBenchmark.objects.count(), last_seq())
    with pytest.raises(ImportFailed) as exc:
        import_benchmarks(admin, content)
    assert (DiscretionBenchmark.objects.count(), last_seq()) == before
    return [str(e) for e in exc.value.cell_errors]


def test_an_exported_benchmark_imports_again_as_its_next_draft(admin, matter):
    food = save_food(admin, matter)
    exported = benchmark_excel.export_xlsx([food])
    rows = sheet_rows(exported)
    assert [r["裁量阶次"] for r in rows] == ["轻微", "一般", "较重", "严重"]
    assert rows[0]["裁量事实"] == "货值金额（数值，元）；违法所得（数值，元）"
    assert rows[1]["适用条件"] == "货值金额 ≥ 10000元；货值金额 < 50000元"
    assert rows[0]["罚款倍数的计算基数"] == "货值金额" and rows[1]["违法行为"] is None
    seq = last_seq()
    result = import_benchmarks(admin, exported)
    assert str(result) == "已导入1项裁量基准"
    again = DiscretionBenchmark.objects.get(matter=matter, version=2)
    assert benchmarks.content_of(again) == benchmarks.content_of(food)
    actions = LedgerEntry.objects.filter(seq__gt=seq).values_list("action", flat=True)
    assert list(actions) == ["catalog.benchmark.save"]


def test_a_file_kept_by_hand_is_read_with_its_facts_and_conditions(admin, matter):
    import_benchmarks(admin, xlsx(times_rows(matter.code)))
    saved = DiscretionBenchmark.objects.get(matter=matter)
    assert [(f.label, f.kind, f.unit) for f in saved.facts.all()] == [
        ("违法次数", "integer", "次"),
        ("情节", "choice", ""),
    ]
    assert saved.grades.get(name="一般").conditions == [
        {"fact": "fact1", "op": "le", "value": 2},
        {"fact": "fact2", "op": "eq", "value": "较轻"},
    ]
    assert saved.grades.get(name="较重").other_measures == "责令改正"
    assert saved.effective_on.isoformat() == "2024-03-01"


def test_a_broken_row_refuses_the_whole_file_by_row_and_column(admin, matter):
    other = make_matter(admin, "330217124001")
    rows = times_rows(other.code, **{"second__罚款上限（元）": 20000}) + times_rows(
        matter.code, third__适用条件="违法次数 约 2"
    )
    errors = refused(admin, xlsx(rows))
    assert errors == [
        "第3行“罚款上限（元）”：“较重”：罚款幅度超出法定幅度（1000至10000元）",
        "第7行“适用条件”：条件“违法次数 约 2”应写作“事实 比较 取值”，比较为<、≤、>、≥、为、不为、属于",
    ]


def test_a_row_without_its_grade_name_is_named(admin, matter):
    errors = refused(admin, xlsx(times_rows(matter.code, third__裁量阶次="")))
    assert errors == ["第4行“裁量阶次”：请填写裁量阶次的名称，如：轻微、一般、较重、严重"]


def test_a_gap_between_grades_is_refused_on_the_benchmarks_first_row(admin, matter):
    errors = refused(admin, xlsx(times_rows(matter.code, second__适用条件="违法次数 > 3次")))
    assert errors == [
        "第2行“适用条件”：存在未覆盖的情形：违法次数3次，情节：较轻",
        "第2行“适用条件”：存在未覆盖的情形：违法次数3次，情节：严重",
    ]


def test_unknown_matters_facts_and_dates_are_named(admin, matter):
    rows = times_rows(
        matter.code, first__施行日期="明年", first__裁量事实="违法次数（次数）"
    ) + times_rows("999999999999")
    errors = refused(admin, xlsx(rows))
    assert errors == [
        "第2行“施行日期”：日期格式不正确，应为2024-01-31这样的日期",
        "第2行“裁量事实”：“违法次数”的类型应为数值、整数、是否或选项",
        "第5行“事项编码”：未找到编码为“999999999999”的执法事项",
    ]


def test_another_agencys_administrator_cannot_import_for_the_matter(demo, matter):
    from zhifa.catalog.tests.catalog_fixtures import agency_admin

    stranger = agency_admin("市生态环境局", "sthj_admin2")
    errors = refused(stranger, xlsx(times_rows(matter.code)))
    assert errors == ["第2行“事项编码”：您不是示范市市场监督管理局的信息管理员，不能导入其裁量基准"]


def test_the_import_is_on_the_imports_page_and_its_own_page(client, admin, matter):
    client.force_login(admin)
    assert "裁量基准" in client.get("/imports/").content.decode()
    template = client.get("/catalog/template/benchmarks.xlsx")
    assert sheet_rows(template.content) == []
    header = load_workbook(io.BytesIO(template.content)).worksheets[0][1]
    notes = {c.value: c.comment.text for c in header if c.comment}
    assert notes["适用条件"].startswith("同时满足的条件用“；”分隔")
    upload = SimpleUploadedFile("基准.xlsx", xlsx(times_rows(matter.code)))
    response = client.post("/catalog/import/benchmarks/", {"file": upload}, follow=True)
    assert "已导入1项裁量基准（均为草稿，请核对后发布）" in response.content.decode()
    bad = SimpleUploadedFile("基准.xlsx", xlsx(times_rows("999999999999")))
    html = client.post("/catalog/import/benchmarks/", {"file": bad}).content.decode()
    assert "文件有误，未导入任何数据" in html and "未找到编码为“999999999999”的执法事项" in html
    assert DiscretionBenchmark.objects.filter(matter=matter).count() == 1


def test_an_agency_exports_the_version_in_force_of_each_benchmark(client, admin, matter):
    first = publish_benchmark(admin, save_food(admin, matter))
    second = benchmarks.save_draft(admin, matter, **benchmarks.content_of(first))
    publish_benchmark(admin, second)
    benchmarks.save_draft(admin, matter, **benchmarks.content_of(second))  # a draft: not in force
    client.force_login(admin)
    rows = sheet_rows(client.get("/catalog/export/benchmarks.xlsx").content)
    mine = [r for r in rows if r["事项编码"] == matter.code]
    assert [r["裁量阶次"] for r in mine] == ["轻微", "一般", "较重", "严重"]
    assert all(r["事项编码"] for r in rows)
