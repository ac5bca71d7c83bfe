"""Case documents (文书): generated from the case by its handling officers in the states the
procedure allows, each DOCX holding the elements the law asks for and the verification code that
the public page confirms; refusals in Chinese with nothing written."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.services import documents
from zhifa.core import documents as kit
from zhifa.core import filestore
from zhifa.core.models import IssuedDocument, LedgerEntry
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.documents import docx_text
from zhifa.testing.factories import CaseFactory
from zhifa.testing.ledger import forbidden, recorded, refused
from zhifa.testing.ledger_guard import writes_around_services

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def today():
    with time_machine.travel(datetime(2026, 6, 17, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield TODAY


@pytest.fixture
def case(today, db) -> Case:
    return CaseFactory()


def in_state(case: Case, status: str) -> Case:
    with writes_around_services("the case workflow's later steps are another branch's"):
        Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


def content(document: IssuedDocument) -> bytes:
    with filestore.open_verified(document.file) as stored:
        return stored.read()


def text(document: IssuedDocument) -> str:
    return docx_text(content(document))


def test_the_officer_generates_the_opening_form_from_the_case(case, personas):
    with recorded(filestore.RECEIVE_ACTION, kit.ISSUE_ACTION):
        document = documents.generate(
            personas.officer, case, "opening_form", {"opinion": "建议立案调查。"}
        )
    body = text(document)
    party = case.parties.get().party
    matter = case.matters.get().matter
    for element in (
        "立案审批表",
        case.agency.name,
        case.title,
        party.name,
        party.uscc,
        matter.basis,
        case.facts,
        "建议立案调查。",
        "行政机关负责人审批意见",
        f"文书验证码：{document.display_code}",
    ):
        assert element in body, element
    assert "执法证号" in body and "（无有效执法证件）" not in body


def test_the_public_page_confirms_the_generated_document(case, personas):
    document = documents.generate(personas.officer, case, "opening_form", {"opinion": "立案"})
    page = Client().post(
        f"/public/documents/{document.display_code}/",
        {"file": _upload(content(document))},
    )
    assert "核验通过" in page.content.decode()
    assert case.agency.name in page.content.decode()


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("文书.docx", data)


def test_a_kind_the_state_does_not_allow_is_refused(case, personas):
    with refused("案件当前为“线索”，不能制作询问笔录", IssuedDocument, LedgerEntry):
        documents.generate(personas.officer, case, "interview_record", {})


def test_an_unknown_kind_is_refused(case, personas):
    with refused("没有这种文书", IssuedDocument, field="kind"):
        documents.generate(personas.officer, case, "confession", {})


def test_missing_inputs_are_named_in_chinese(case, personas):
    case = in_state(case, CaseStatus.INVESTIGATION)
    with refused("请填写被询问人", IssuedDocument, LedgerEntry, field="person"):
        documents.generate(personas.officer, case, "interview_record", {"place": "当事人店内"})


def test_only_the_handling_officers_and_the_head_generate(case, personas):
    with forbidden(IssuedDocument, message=documents.DENIED):
        documents.generate(personas.legal_reviewer, case, "opening_form", {"opinion": "x"})
    assert documents.generate(personas.agency_head, case, "opening_form", {"opinion": "同意"})


def test_the_interview_record_prints_the_rights_and_the_questions(case, personas):
    case = in_state(case, CaseStatus.INVESTIGATION)
    document = documents.generate(
        personas.officer,
        case,
        "interview_record",
        {
            "started_at": "2026-06-16 09:30",
            "place": "当事人经营场所",
            "person": "王某",
            "relation": "店长",
            "record": "问：货架上的食品是谁进的货？\n答：是我进的货。",
        },
    )
    body = text(document)
    assert "2026年6月16日 09时30分" in body
    assert "问：货架上的食品是谁进的货？" in body and "答：是我进的货。" in body
    assert "有申请回避的权利" in body and "第五十五条" in body


def test_a_record_dated_in_the_future_is_refused(case, personas):
    case = in_state(case, CaseStatus.INVESTIGATION)
    data = {
        "started_at": "2026-06-18 09:30",
        "place": "店内",
        "present": "王某",
        "findings": "货架上有过期食品。",
    }
    with refused("检查时间不能晚于现在", IssuedDocument, field="started_at"):
        documents.generate(personas.officer, case, "inspection_record", data)


def test_the_preservation_notice_names_the_seven_working_day_limit(case, personas):
    case = in_state(case, CaseStatus.INVESTIGATION)
    document = documents.generate(
        personas.officer,
        case,
        "preservation_notice",
        {
            "items": "某品牌饼干，200g/袋，12袋\n某品牌牛奶，250ml/盒，6盒",
            "kept_at": "当事人仓库",
            "kept_by": "就地保存",
        },
    )
    body = text(document)
    # From Wednesday 17 June 2026, seven working days skip 端午节 (Friday 19 June): Monday 29 June.
    assert "七个工作日内（2026年6月29日前）" in body
    assert "某品牌牛奶，250ml/盒，6盒" in body and "第五十六条" in body


def test_the_service_receipt_names_the_document_served_and_its_code(case, personas):
    notice = documents.generate(personas.officer, case, "opening_form", {"opinion": "立案"})
    case = in_state(case, CaseStatus.DECIDED)
    receipt = documents.generate(
        personas.officer,
        case,
        "service_receipt",
        {"document": notice.pk, "recipient": "王某", "method": "直接送达", "place": "店内"},
    )
    body = text(receipt)
    assert notice.display_code in body and "直接送达" in body and "受送达人签名或者盖章" in body


def test_a_document_of_another_case_cannot_be_served(case, personas):
    other = CaseFactory()
    foreign = documents.generate(personas.officer, other, "opening_form", {"opinion": "立案"})
    case = in_state(case, CaseStatus.DECIDED)
    data = {"document": foreign.pk, "recipient": "王某", "method": "直接送达"}
    with refused("请选择本案已出具的文书", IssuedDocument, field="document"):
        documents.generate(personas.officer, case, "service_receipt", data)


def test_who_sees_the_case_sees_its_documents_and_no_one_else(case, personas):
    document = documents.generate(personas.officer, case, "opening_form", {"opinion": "立案"})
    assert IssuedDocument.objects.restrict(personas.city_supervisor).filter(pk=document.pk)
    assert not IssuedDocument.objects.restrict(personas.outsider).filter(pk=document.pk)
    assert not IssuedDocument.objects.restrict(personas.enterprise).filter(pk=document.pk)
