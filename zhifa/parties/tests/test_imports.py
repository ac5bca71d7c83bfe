"""Importing parties from Excel: all or nothing, every error by row and column, one ledger entry
per party; only an information administrator imports."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.core.excel import ImportFailed
from zhifa.core.validators import uscc_check_char
from zhifa.parties.excel import parties_template
from zhifa.parties.imports import import_parties
from zhifa.parties.models import Party
from zhifa.parties.tests.workbooks import party_row, workbook
from zhifa.testing.factories import PartyFactory, party_uscc
from zhifa.testing.ledger import forbidden, last_seq, ledger_actions


def errors_of(caught: pytest.ExceptionInfo[ImportFailed]) -> list[str]:
    return [str(e) for e in caught.value.cell_errors]


def test_it_imports_every_row_with_its_ledger_entry(personas):
    rows = [
        party_row(1),
        party_row(
            2,
            信用等级="A",
            信用评级日期=date(2026, 1, 5),
            信用评级来源="示范市公共信用信息平台",
            风险等级="高",
            风险分类日期="2026-02-01",
            风险分类来源="市市场监管局",
            企业政策官="李政策",
            企业政策官电话="13812345678",
        ),
        party_row(3, 主体类型="自然人", **{"名称（姓名）": "周九"}),
    ]
    since = last_seq()
    result = import_parties(personas.agency_admin, workbook(rows))
    assert str(result) == "已导入3个当事人"
    assert ledger_actions(since) == ["parties.party.create"] * 3
    graded = Party.objects.get(uscc=party_uscc(2))
    assert (graded.credit_grade, graded.risk_class) == ("A", "high")
    assert graded.risk_classed_on == date(2026, 2, 1)
    assert graded.policy_officer_phone_masked == "138****5678"
    person = Party.objects.get(name="周九")
    assert person.kind == "person" and person.uscc is None and person.id_number_index


def test_one_broken_row_writes_nothing_and_every_error_is_named_by_row_and_column(personas):
    bad = party_uscc(5)[:17] + ("0" if party_uscc(5)[17] != "0" else "1")
    holder = PartyFactory(uscc=party_uscc(9))
    rows = [
        party_row(4),
        party_row(5, 统一社会信用代码=bad),
        party_row(6, 所在区划="999999"),
        party_row(7, 行业代码="F13"),
        party_row(4),
        party_row(9),
        party_row(10, 信用等级="A"),
    ]
    since, count = last_seq(), Party.objects.count()
    with pytest.raises(ImportFailed) as caught:
        import_parties(personas.agency_admin, workbook(rows))
    assert errors_of(caught) == [
        f"第3行“统一社会信用代码”：统一社会信用代码校验位错误，应为{uscc_check_char(bad[:17])}"
        "；如经登记机关核实无误，请填写核实说明",
        "第4行“所在区划”：未找到行政区划“999999”，请填写区划代码",
        "第5行“行业代码”：行业代码F13的大类13不属于门类F（应为51至52）",
        "第6行“统一社会信用代码”：与第2行重复",
        f"第7行“统一社会信用代码”：该统一社会信用代码已登记（{holder.name}）",
        "第8行“信用评级日期”：请填写信用等级的评定日期",
        "第8行“信用评级来源”：请填写信用等级的来源",
    ]
    assert last_seq() == since and Party.objects.count() == count


def test_a_failing_code_with_the_registration_authority_s_confirmation_is_imported(personas):
    bad = party_uscc(11)[:17] + ("0" if party_uscc(11)[17] != "0" else "1")
    row = party_row(11, 统一社会信用代码=bad, 代码核实说明="登记机关2018年复函确认")
    import_parties(personas.agency_admin, workbook([row]))
    party = Party.objects.get(uscc=bad)
    assert party.uscc_verified and party.uscc_verified_reason == "登记机关2018年复函确认"


def test_only_an_information_administrator_imports(personas):
    for who in (personas.officer, personas.enterprise, personas.city_supervisor):
        with forbidden(Party, message="信息管理员"):
            import_parties(who, workbook([party_row(12)]))


def test_the_template_has_the_columns_and_the_regions(personas):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(parties_template(personas.agency_admin)))
    header = [c.value for c in book.worksheets[0][1]]
    assert header[:3] == ["主体类型", "名称（姓名）", "统一社会信用代码"]
    notes = "\n".join(str(c.value) for c in book["填写说明"]["A"] if c.value)
    assert "990102 东城区" in notes
