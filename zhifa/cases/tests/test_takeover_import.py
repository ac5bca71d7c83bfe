"""接收历史案件 in bulk: the agency's information administrator imports a file of cases opened
before the platform (数据导入 → 历史案件), all or nothing, every error named by row and column;
and one case through ``POST /api/v1/cases/take-over`` (201, or 400 with field errors)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from openpyxl import Workbook

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.execution import Payment
from zhifa.cases.services.takeover_import import import_taken_over_cases
from zhifa.cases.takeover_excel import TAKEOVER
from zhifa.core.excel import ImportFailed
from zhifa.testing.factories import MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer, member
from zhifa.testing.ledger import last_seq

TODAY = date(2026, 6, 17)
URL = "/api/v1/cases/take-over"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def old(scjg) -> dict[str, Any]:
    """What the rows name: a unit, two officers with certificates, a party, a matter."""
    _, lead = case_handler(scjg)
    return {
        "unit": scjg.units.filter(kind="handling").first(),
        "lead": lead,
        "assisting": eligible_officer(scjg),
        "party": PartyFactory(),
        "matter": MatterFactory(agency=scjg),
    }


def row(old: dict[str, Any], n: int, **cells: Any) -> dict[str, Any]:
    """A case still under investigation, unless ``cells`` say otherwise."""
    found: dict[str, Any] = dict.fromkeys(TAKEOVER.columns)
    found.update(
        {
            "原案号": f"示市监罚〔2026〕{n}号",
            "案由": "涉嫌销售不合格产品案",
            "程序": "普通程序",
            "案件来源": "检查发现",
            "当前状态": "调查取证",
            "承办机构": old["unit"].name,
            "主办执法人员执法证号": old["lead"].certificates.get().number,
            "协办执法人员执法证号": old["assisting"].certificates.get().number,
            "当事人": old["party"].uscc,
            "执法事项编码": old["matter"].code,
            "发现日期": TODAY - timedelta(days=130),
            "立案日期": TODAY - timedelta(days=120),
            "接收理由": "原办案系统停用，未结案件移交本平台继续办理",
        }
    )
    found.update(cells)
    return found


def workbook(rows: list[dict[str, Any]]) -> io.BytesIO:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(TAKEOVER.title)
    sheet.append(list(TAKEOVER.columns))
    for cells in rows:
        sheet.append([cells.get(column) for column in TAKEOVER.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


DECIDED = {
    "当前状态": "已作出决定",
    "事先告知日期": TODAY - timedelta(days=80),
    "决定日期": TODAY - timedelta(days=20),
    "处罚种类": "罚款",
    "罚款金额（元）": "1000",
    "裁量说明": "原系统已作出决定",
}
SERVED = {
    **DECIDED,
    "当前状态": "已送达执行中",
    "决定日期": TODAY - timedelta(days=42),
    "送达日期": TODAY - timedelta(days=40),
    "送达方式": "直接送达",
    "受送达人": "当事人",
    "已缴金额（元）": "400",
    "缴款日期": TODAY - timedelta(days=35),
    "缴款票据号": "P1",
}


def test_a_file_of_three_cases_is_taken_over(client, scjg, old):
    admin = member(scjg, "agency_admin")
    rows = [row(old, 1), row(old, 2, **DECIDED), row(old, 3, **SERVED)]
    client.force_login(admin)
    response = client.post("/imports/cases_taken_over/", {"file": _upload(rows)}, follow=True)
    assert "已导入3件" in response.content.decode()
    cases = {c.number: c for c in Case.objects.filter(agency=scjg, number__contains="2026〕")}
    first, second, third = (cases[f"示市监罚〔2026〕{n}号"] for n in (1, 2, 3))
    assert (first.status, first.opened_on) == (CaseStatus.INVESTIGATION, TODAY - timedelta(120))
    assert first.officers.get(role="lead").officer == old["lead"]
    assert second.status == CaseStatus.DECIDED and second.decisions.get().fine == Decimal(1000)
    assert third.status == CaseStatus.EXECUTION and third.served_on == TODAY - timedelta(40)
    assert Payment.objects.get(case=third).fine_part == Decimal(400)
    assert all(c.taken_over for c in (first, second, third))


def _upload(rows: list[dict[str, Any]]) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("历史案件.xlsx", workbook(rows).getvalue())


def test_one_broken_row_writes_nothing_and_names_row_and_column(scjg, old):
    admin = member(scjg, "agency_admin")
    rows = [
        row(old, 4),
        row(old, 5, 立案日期=TODAY + timedelta(days=1)),
        row(old, 6, 主办执法人员执法证号="NOSUCH-1", 当前状态="已结案"),
    ]
    since, count = last_seq(), Case.objects.count()
    with pytest.raises(ImportFailed) as caught:
        import_taken_over_cases(admin, workbook(rows))
    assert [str(e) for e in caught.value.cell_errors] == [
        "第3行“立案日期”：立案日期不能晚于今天",
        "第4行“当前状态”：当前状态应为调查取证、已事先告知、陈述申辩/听证、待决定、已作出决定、"
        "已送达执行中之一",
        "第4行“主办执法人员执法证号”：未找到执法证号“NOSUCH-1”",
    ]
    assert last_seq() == since and Case.objects.count() == count


def test_only_the_agency_administrator_imports(client, scjg, old, personas):
    with pytest.raises(Exception, match="信息管理员"):
        import_taken_over_cases(personas.officer, workbook([row(old, 7)]))
    client.force_login(personas.officer)
    assert client.post("/imports/cases_taken_over/", {}).status_code == 403
    assert not Case.objects.filter(number="示市监罚〔2026〕7号").exists()


def _body(scjg, old: dict[str, Any], **data: Any) -> dict[str, Any]:
    body = {
        "agency": scjg.pk,
        "unit": old["unit"].pk,
        "title": "涉嫌销售不合格产品案",
        "source": "inspection",
        "officers": [old["lead"].pk, old["assisting"].pk],
        "parties": [old["party"].pk],
        "matters": [old["matter"].pk],
        "discovered_on": str(TODAY - timedelta(days=130)),
        "number": "示市监罚〔2026〕21号",
        "opened_on": str(TODAY - timedelta(days=120)),
        "status": "execution",
        "reason": "原办案系统停用",
        "decided_on": str(TODAY - timedelta(days=42)),
        "penalty": {"measures": ["fine"], "fine": "1000", "outside_reason": "原系统已作出决定"},
        "served_on": str(TODAY - timedelta(days=40)),
        "service": {"method": "direct", "receiver": "当事人"},
        "payments": [
            {"paid_on": str(TODAY - timedelta(days=35)), "amount": "400", "reference": "P2"}
        ],
    }
    body.update(data)
    return body


def test_the_api_takes_over_one_case_or_answers_400(client, scjg, old, personas):
    admin = member(scjg, "agency_admin")
    client.force_login(admin)
    refused = client.post(
        URL, _body(scjg, old, served_on=str(TODAY + timedelta(days=1))), "application/json"
    )
    assert refused.status_code == 400, refused.content.decode()
    assert refused.json()["errors"]["served_on"] == ["送达日期不能晚于今天"]
    assert not Case.objects.filter(number="示市监罚〔2026〕21号").exists()
    created = client.post(URL, _body(scjg, old), "application/json")
    assert created.status_code == 201, created.content
    case = Case.objects.get(pk=created.json()["id"])
    assert (case.number, case.status) == ("示市监罚〔2026〕21号", CaseStatus.EXECUTION)
    assert Payment.objects.get(case=case).fine_part == Decimal(400)
    client.force_login(personas.officer)
    other = _body(scjg, old, number="示市监罚〔2026〕22号")
    assert client.post(URL, other, "application/json").status_code == 403
