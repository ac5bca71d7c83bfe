"""Case documents (文书): generated from the case by its handling officers in the states the
procedure allows, each DOCX holding the elements the law asks for and the verification code that
the public page confirms; refusals in Chinese with nothing written."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.services import documents
from zhifa.core import documents as kit
from zhifa.core import filestore
from zhifa.core.models import IssuedDocument, LedgerEntry
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.documents import docx_text
from zhifa.testing.factories import CaseFactory, advance_case
from zhifa.testing.ledger import forbidden, recorded, refused

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
    """The lead taken along the procedure by its services (the factory's paths)."""
    return advance_case(case, status)


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


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_officer_generates_a_document_on_the_page_and_downloads_it(case, personas):
    client = _client(personas.officer)
    page = client.get(f"/cases/{case.pk}/documents/")
    assert "立案审批表" in page.content.decode()  # the kind a lead allows is offered
    assert "询问笔录" not in page.content.decode()
    response = client.post(
        f"/cases/{case.pk}/documents/new/opening_form/", {"opinion": "建议立案调查。"}
    )
    assert response.status_code == 302
    document = IssuedDocument.objects.get(object_id=case.pk, kind="cases.opening_form")
    listed = client.get(f"/cases/{case.pk}/documents/").content.decode()
    assert document.display_code in listed
    download = client.get(f"/documents/{document.pk}/download/")
    assert f"文书验证码：{document.display_code}" in docx_text(download.content)


def test_a_page_refusal_is_shown_in_chinese_and_writes_nothing(case, personas):
    client = _client(personas.officer)
    response = client.post(f"/cases/{case.pk}/documents/new/opening_form/", {"opinion": ""})
    assert response.status_code == 400
    assert "请填写承办人意见" in response.content.decode()
    wrong_state = client.get(f"/cases/{case.pk}/documents/new/interview_record/")
    assert "不能制作询问笔录" in wrong_state.content.decode()
    assert not IssuedDocument.objects.filter(object_id=case.pk).exists()


def test_others_who_see_the_case_are_refused_and_outsiders_get_404(case, personas):
    url = f"/cases/{case.pk}/documents/new/opening_form/"
    assert _client(personas.legal_reviewer).post(url, {"opinion": "x"}).status_code == 403
    assert _client(personas.outsider).post(url, {"opinion": "x"}).status_code == 404
    assert _client(personas.outsider).get(f"/cases/{case.pk}/documents/").status_code == 404
    assert _client(personas.city_supervisor).get(f"/cases/{case.pk}/documents/").status_code == 200
    assert not IssuedDocument.objects.filter(object_id=case.pk).exists()


def test_the_api_generates_and_lists_with_field_errors_in_chinese(case, personas, api_client):
    api_client.force_authenticate(personas.officer)
    url = f"/api/v1/cases/{case.pk}/documents"
    bad = api_client.post(url, {"kind": "opening_form"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"]["opinion"] == ["请填写承办人意见"]
    unknown = api_client.post(url, {"kind": "confession"}, format="json")
    assert unknown.status_code == 400 and unknown.json()["errors"]["kind"] == ["没有这种文书"]
    made = api_client.post(url, {"kind": "opening_form", "opinion": "立案"}, format="json")
    assert made.status_code == 201
    assert made.json()["kind_name"] == "立案审批表"
    listed = api_client.get(url).json()
    assert [d["verification_code"] for d in listed] == [made.json()["verification_code"]]
    api_client.force_authenticate(personas.legal_reviewer)
    assert (
        api_client.post(url, {"kind": "opening_form", "opinion": "x"}, format="json").status_code
        == 403
    )


def test_the_demo_documents_a_few_cases_once(case, personas):
    from zhifa.cases import demo_documents

    CaseFactory(state="investigation")
    first = demo_documents.seed(per_kind=2)
    made = IssuedDocument.objects.count()
    assert made >= 2 and first[0].startswith("文书：")
    assert demo_documents.seed(per_kind=2) == []
    assert IssuedDocument.objects.count() == made


def test_the_case_page_shows_the_documents_panel(case, personas):
    document = documents.generate(personas.officer, case, "opening_form", {"opinion": "立案"})
    page = _client(personas.officer).get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="panel-documents"' in html and document.display_code in html
    assert html.count("<h2>文书</h2>") == 1
