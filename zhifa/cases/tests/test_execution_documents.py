"""The 送达回证 of the decision prints its service record (处罚法 art. 61; 民事诉讼法 art. 89):
method, receiver, place, day, and for 留置送达 why it was left and the witness."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from zhifa.cases.documents.procedure import ServiceInputs
from zhifa.cases.services import documents
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.test_documents import text
from zhifa.cases.tests.test_execution import TODAY, decided
from zhifa.testing.clock import SHANGHAI

WITNESS = "当事人拒绝签收，由社区工作人员李某见证，已拍照留存"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2026, 6, 17, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield TODAY


def test_the_receipt_of_a_decision_left_at_the_party_prints_the_record(personas):
    case = decided(personas)
    decision = documents.generate(personas.officer, case, "decision", {})
    act(
        personas.officer,
        case,
        "serve",
        served_on=TODAY,
        method="left",
        receiver="某某商贸有限公司",
        place="示范市人民路1号",
        note=WITNESS,
    )
    case.refresh_from_db()
    form = ServiceInputs(case=case)
    assert form.fields["document"].initial == decision.pk
    assert form.fields["recipient"].initial == "某某商贸有限公司"
    assert form.fields["method"].initial == "留置送达"
    receipt = documents.generate(
        personas.officer,
        case,
        "service_receipt",
        {
            "document": decision.pk,
            "recipient": "某某商贸有限公司",
            "method": "留置送达",
            "place": "",
        },
    )
    body = text(receipt)
    for line in (
        "送达日期\t2026年6月17日",
        f"见证人（留置送达时）\t{WITNESS}",
        "送达地点\t示范市人民路1号",
        "送达方式\t留置送达",
    ):
        assert line in body
    assert decision.display_code in body
