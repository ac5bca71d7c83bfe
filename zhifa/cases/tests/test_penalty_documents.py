"""The penalty's documents: the prior notice (处罚法 art. 44) with the hearing right where art. 63
gives one, the hearing notice (art. 64: 7 working days ahead, a presiding officer who did not
investigate) and the decision with every element of art. 59, the benchmark and the explanation."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from zhifa.cases.models import Case, DecisionKind, Measure
from zhifa.cases.services import decisions, documents
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.review_fixtures import food_benchmark, handler
from zhifa.core import filestore
from zhifa.core.models import IssuedDocument
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.documents import docx_text
from zhifa.testing.factories import CaseFactory, OfficerFactory
from zhifa.testing.ledger import refused

SMALL = {"goods_value": 5000, "illegal_income": 800}  # the food benchmark's 轻微: 50,000–60,000


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def today():
    with time_machine.travel(datetime(2026, 6, 17, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield


def text(document: IssuedDocument) -> str:
    with filestore.open_verified(document.file) as stored:
        return docx_text(stored.read())


def intended(case: Case, fine: str = "55000", **data):
    data.setdefault("measures", [Measure.FINE, Measure.CONFISCATE_INCOME])
    data.setdefault("confiscated", "800")
    return decisions.record_decision(
        handler(case), case, kind=DecisionKind.INTENDED, fine=fine, facts=SMALL, **data
    )


@pytest.fixture
def investigated(today, db) -> Case:
    case = CaseFactory(state="investigation")
    food_benchmark(case)
    return case


def test_the_prior_notice_needs_the_intended_penalty_first(investigated, personas):
    with refused("请先录入拟处罚内容", IssuedDocument, field="case"):
        documents.generate(personas.officer, investigated, "prior_notice", {})


def test_the_prior_notice_tells_the_penalty_its_basis_and_the_rights(investigated, personas):
    decision = intended(investigated)
    body = text(documents.generate(personas.officer, investigated, "prior_notice", {}))
    benchmark = decision.benchmark
    for element in (
        "行政处罚事先告知书",
        "罚款55000元；没收违法所得800元",
        benchmark.violation_basis,
        benchmark.penalty_basis,
        benchmark.source_document,
        "轻微",
        "50000元至60000元",
        "有权进行陈述和申辩",
        "第四十五条",
    ):
        assert element in body, element
    # 55,000 yuan to a company is below the default hearing threshold (100,000).
    assert "有权要求举行听证" not in body


def test_a_fine_at_the_threshold_carries_the_hearing_right_with_its_last_day(
    investigated, personas
):
    intended(investigated, fine="100000", outside_reason="货值较大，社会影响恶劣")
    body = text(documents.generate(personas.officer, investigated, "prior_notice", {}))
    # Notified on Wednesday 17 June 2026: five working days skip 端午节 (19 June): 25 June.
    assert "有权要求举行听证" in body and "2026年6月25日前" in body


def test_a_licence_revocation_carries_the_hearing_right_whatever_the_fine(investigated, personas):
    intended(investigated, measures=[Measure.REVOKE_LICENCE], fine=None, confiscated=None)
    body = text(documents.generate(personas.officer, investigated, "prior_notice", {}))
    assert "有权要求举行听证" in body


@pytest.fixture
def hearing(today, db) -> Case:
    case = CaseFactory(state="hearing")
    return case


def _hearing_data(case: Case, **changes) -> dict:
    presiding = OfficerFactory(agency=case.agency)
    data = {
        "hearing_on": "2026-06-30",
        "hearing_time": "09:30",
        "place": "本机关听证室",
        "presiding": presiding.pk,
        "public": "on",
    }
    data.update(changes)
    return data


def test_the_hearing_notice_names_the_day_place_and_presiding_officer(hearing, personas):
    data = _hearing_data(hearing)
    body = text(documents.generate(personas.officer, hearing, "hearing_notice", data))
    assert "2026年6月30日 09时30分" in body and "本机关听证室" in body and "公开举行听证" in body
    assert "非本案调查人员主持" in body


def test_a_hearing_less_than_seven_working_days_after_the_notice_is_refused(hearing, personas):
    # Served on 17 June, seven working days (端午节 skipped) run to 29 June: 30 June at the earliest.
    data = _hearing_data(hearing, hearing_on="2026-06-29")
    with refused("最早听证日为2026年6月30日", IssuedDocument, field="hearing_on"):
        documents.generate(personas.officer, hearing, "hearing_notice", data)


def test_an_investigator_may_not_preside(hearing, personas):
    investigator = hearing.officers.get(role="assisting").officer
    data = _hearing_data(hearing, presiding=investigator.pk)
    with refused("非本案调查人员", IssuedDocument, field="presiding"):
        documents.generate(personas.officer, hearing, "hearing_notice", data)


@pytest.fixture
def decided(today, db, personas) -> Case:
    case = CaseFactory(state="deciding")
    food_benchmark(case)
    intended(case)
    decisions.record_decision(
        handler(case),
        case,
        kind=DecisionKind.FINAL,
        measures=[Measure.FINE, Measure.CONFISCATE_INCOME],
        fine="52000",
        confiscated="800",
        facts=SMALL,
    )
    act(personas.agency_head, case, "decide")
    case.refresh_from_db()
    return case


def test_the_decision_holds_every_element_of_article_59(decided, personas):
    document = documents.generate(personas.officer, decided, "decision", {})
    body = text(document)
    party = decided.parties.get().party
    final = decided.decisions.filter(kind=DecisionKind.FINAL).get()
    elements = {
        "(一) party and address": [party.name, party.address or "—"],
        "(二) facts and evidence": [decided.facts, "证据"],
        "(三) kind and basis": [
            "罚款52000元；没收违法所得800元",
            final.benchmark.violation_basis,
            final.benchmark.penalty_basis,
        ],
        "benchmark and explanation": [
            final.benchmark.source_document,
            "裁量说明",
            *[line for line in final.explanation.splitlines() if line.strip()],
        ],
        "(四) how and when to pay": ["十五日内", "百分之三加处罚款"],
        "(五) appeal routes and windows": [
            "六十日内",
            f"{decided.agency.region.name}人民政府申请行政复议",
            "六个月内依法向人民法院提起行政诉讼",
        ],
        "(六) agency and date": [
            decided.agency.name,
            f"{decided.decided_on.year}年{decided.decided_on.month}月{decided.decided_on.day}日",
        ],
        "verification": [f"文书验证码：{document.display_code}"],
    }
    missing = {k: [e for e in v if e not in body] for k, v in elements.items()}
    assert not any(missing.values()), missing
    assert document.number == decided.number


def test_the_decision_needs_the_final_penalty_and_a_decided_case(today, db, personas):
    deciding = CaseFactory(state="deciding")
    with refused("案件当前为“待决定”，不能制作行政处罚决定书", IssuedDocument):
        documents.generate(personas.officer, deciding, "decision", {})


def test_the_closing_report_states_the_penalty_and_the_execution(decided, personas):
    act(personas.officer, decided, "serve", method="direct", served_on=decided.decided_on)
    decided.refresh_from_db()
    data = {"execution": "当事人已于2026年6月17日缴清罚没款。", "reason": "处罚决定已执行完毕"}
    body = text(documents.generate(personas.officer, decided, "closing_report", data))
    assert (
        "罚款52000元；没收违法所得800元" in body and "当事人已于2026年6月17日缴清罚没款。" in body
    )
    assert "本案处罚决定已执行完毕，建议结案。" in body
