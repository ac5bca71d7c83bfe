"""案件移送 (行刑衔接): a transfer without an evidence list is refused; with it the case is 已移送
and the list, the receipt (with its scanned file) and the outcome are recorded; only the head
transfers; the page and the API; a case declined (不予立案) comes back to the investigation (or a
lead to the leads), once."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from zhifa.cases.models import Case, CaseStatus, Transfer, TransferStatus
from zhifa.cases.services import evidence, transfers
from zhifa.cases.services.procedure import act
from zhifa.testing import files
from zhifa.testing.api import login_api
from zhifa.testing.factories import CaseFactory
from zhifa.testing.filings import head_of
from zhifa.testing.ledger import recorded, refused

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def case(db):
    with time_machine.travel(TODAY, tick=False):
        yield CaseFactory(
            state="investigation",
            discovered_on=TODAY - timedelta(days=3),
            violation_began=TODAY - timedelta(days=5),
        )


def with_photo(case):
    lead = case.officers.get(role="lead").officer.user
    return evidence.add_evidence(
        lead,
        case,
        kind="audiovisual",
        title="仓库现场照片",
        source="执法人员现场拍摄",
        collected_on=TODAY,
        collected_by=[o.officer for o in case.officers.all()],
        upload=files.upload(files.jpeg(), "IMG_1.jpg"),
    )


GOOD = {"recipient_kind": "police", "recipient": "示范市公安局", "reason": "涉嫌销售伪劣产品罪"}


def test_a_transfer_without_an_evidence_list_is_refused(case):
    with refused("应当附证据清单", Transfer, field="evidence"):
        transfers.transfer_case(head_of(case.agency), case, **GOOD, evidence=[])
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION


def test_evidence_of_another_case_is_refused(case):
    other = CaseFactory(
        state="investigation",
        discovered_on=TODAY - timedelta(days=3),
        violation_began=TODAY - timedelta(days=5),
    )
    item = with_photo(other)
    with refused("所选证据不属于本案", Transfer, field="evidence"):
        transfers.transfer_case(head_of(case.agency), case, **GOOD, evidence=[item.pk])


def test_only_the_head_transfers(case):
    item = with_photo(case)
    with pytest.raises(PermissionDenied):
        transfers.transfer_case(
            case.officers.get(role="lead").officer.user, case, **GOOD, evidence=[item]
        )


def test_the_transfer_its_receipt_and_the_case_returned(case):
    item = with_photo(case)
    head = head_of(case.agency)
    with recorded("cases.case.transfer"):
        made = transfers.transfer_case(
            head, case, **GOOD, evidence=[item], letter_number="移〔1〕号"
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.TRANSFERRED and case.transferred_to == "示范市公安局"
    assert list(made.evidence.all()) == [item] and made.letter_on == TODAY
    with refused("回执日期不能晚于今天", Transfer, field="received_on"):
        transfers.record_receipt(
            head, made, received_on=TODAY + timedelta(days=1), receiver="王警官"
        )
    with recorded("core.storedfile.receive", "cases.transfer.receive"):
        transfers.record_receipt(
            head,
            made,
            received_on=TODAY,
            receiver="王警官",
            upload=files.upload(files.pdf(), "回执.pdf"),
        )
    made.refresh_from_db()
    assert made.status == TransferStatus.RECEIVED and made.receipt is not None
    with refused("不予立案的，请填写不予立案的理由", Transfer, field="note"):
        transfers.record_outcome(head, made, outcome="declined", outcome_on=TODAY)
    done = transfers.record_outcome(
        head, made, outcome="declined", outcome_on=TODAY, note="未达到刑事立案追诉标准"
    )
    assert done.status == TransferStatus.DECLINED and done.returned_on == TODAY


def test_the_transfer_page_and_the_api(case, client, personas):
    item = with_photo(case)
    head = head_of(case.agency)
    client.force_login(case.officers.get(role="lead").officer.user)
    assert client.get(f"/cases/{case.pk}/transfer/").status_code == 403
    client.force_login(head)
    assert "移送（行刑衔接）" in client.get(f"/cases/{case.pk}/").content.decode()
    response = client.post(f"/cases/{case.pk}/transfer/", {**GOOD, "letter_on": TODAY})
    assert response.status_code == 400 and "应当附证据清单" in response.content.decode()
    api = login_api(APIClient(), head)
    body = {**GOOD, "case": case.pk, "evidence": [item.pk], "letter_on": str(TODAY)}
    response = api.post("/api/v1/case-transfers", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["evidence"] == [item.pk]
    page = client.get(f"/cases/transfers/{response.json()['id']}/").content.decode()
    assert "仓库现场照片" in page and "登记回执" in page
    outsider = login_api(APIClient(), personas["sthj_xu"])
    assert outsider.get(f"/api/v1/case-transfers/{response.json()['id']}").status_code == 404


def declined(case, head):
    made = transfers.transfer_case(head, case, **GOOD, evidence=[with_photo(case)])
    transfers.record_receipt(head, made, received_on=TODAY, receiver="王警官")
    return made


def test_a_case_the_police_decline_goes_back_to_the_investigation(case, client):
    head = head_of(case.agency)
    with time_machine.travel(TODAY, tick=False):
        made = declined(case, head)
        case.refresh_from_db()
        with refused("尚未作出不予立案决定", Case, field="status"):
            act(head, case, "resume_after_transfer")
        transfers.record_outcome(
            head, made, outcome="declined", outcome_on=TODAY, note="未达到刑事立案追诉标准"
        )
        client.force_login(head)
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert "案件退回后继续调查" in page
        with recorded("cases.case.resume_after_transfer"):
            response = client.post(
                f"/cases/{case.pk}/", {"act": "resume_after_transfer", "opinion": "依法继续调查"}
            )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.status == CaseStatus.INVESTIGATION and case.closed_on is None
        trail = case.events.order_by("-pk").first()
        assert "示范市公安局不予立案" in trail.opinion and "未达到刑事立案追诉标准" in trail.opinion
        with refused("不能再次移送", Transfer, field="recipient"):
            transfers.transfer_case(head, case, **GOOD, evidence=[made.evidence.first()])
        act(head, case, "withdraw", reason="不构成行政违法")  # or ended, with its reason
        case.refresh_from_db()
        assert case.status == CaseStatus.WITHDRAWN


def test_a_lead_transferred_before_opening_comes_back_a_lead(db):
    with time_machine.travel(TODAY, tick=False):
        lead = CaseFactory(
            state="lead",
            discovered_on=TODAY - timedelta(days=3),
            violation_began=TODAY - timedelta(days=5),
        )
        head = head_of(lead.agency)
        made = declined(lead, head)
        transfers.record_outcome(
            head, made, outcome="declined", outcome_on=TODAY, note="无犯罪事实"
        )
        lead.refresh_from_db()
        with refused("本案移送时尚未立案", Case, field="status"):
            act(head, lead, "resume_after_transfer")
        act(head, lead, "resume_lead_after_transfer")
        lead.refresh_from_db()
        assert lead.status == CaseStatus.LEAD
