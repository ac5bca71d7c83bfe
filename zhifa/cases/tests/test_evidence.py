"""证据: the case's officers add evidence (kind, source, collectors, day, file hashed on receipt);
refusals in Chinese with nothing written; who sees it; the chain of custody (view, download,
transfer) in the ledger; a file changed on disk refuses to download."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from zhifa.cases.models import CaseStatus, Evidence, EvidenceKind
from zhifa.cases.services import evidence as service
from zhifa.cases.services import reviews
from zhifa.cases.tests.review_fixtures import ALL_OK, reviewer
from zhifa.core import filestore
from zhifa.core.crypto import sm3_hex
from zhifa.core.models import StoredFile
from zhifa.core.scoping import CHANGE
from zhifa.org.models import Role
from zhifa.testing import files
from zhifa.testing.factories import CaseFactory, UserFactory
from zhifa.testing.filings import eligible_officer, scjg
from zhifa.testing.ledger import entries, forbidden, payload, recorded, refused
from zhifa.testing.ledger_guard import writes_around_services

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def case(db, today):
    return CaseFactory(
        discovered_on=today - timedelta(days=5), violation_began=today - timedelta(days=9)
    )


def collectors(case) -> list:
    return [o.officer for o in case.officers.select_related("officer")]


def good(case, content: bytes | None = None, **changes):
    data = {
        "kind": EvidenceKind.AUDIOVISUAL,
        "title": "货架现场照片",
        "source": "执法人员现场拍摄",
        "collected_on": TODAY - timedelta(days=1),
        "collected_by": collectors(case),
        "upload": files.upload(content or files.jpeg(), "IMG_0001.jpg"),
    }
    data.update(changes)
    return data


def set_status(case, status: str) -> None:
    with writes_around_services("the case's later steps are another branch's"):
        type(case).objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()


def test_it_adds_evidence_with_its_file_hashed_on_receipt(personas, case, media):
    content = files.jpeg()
    with recorded(filestore.RECEIVE_ACTION, "cases.evidence.add"):
        item = service.add_evidence(personas.officer, case, **good(case, content))
    assert (item.number, item.get_kind_display(), item.title) == (1, "视听资料", "货架现场照片")
    assert item.sm3 == sm3_hex(content) == item.file.sm3 and item.size == len(content)
    assert item.file_format == "JPEG" and item.original_name == "IMG_0001.jpg"
    assert set(item.collected_by.all()) == set(collectors(case))
    assert item.custodian == case.unit.name and item.uploaded_by == personas.officer
    assert (media / filestore.name_for(item.sm3)).read_bytes() == content
    after = payload(entries("cases.evidence.add")[-1])["after"]
    assert after["sm3"] == item.sm3 and sorted(after["collected_by"]) == sorted(
        o.pk for o in collectors(case)
    )


def test_numbers_follow_each_other_and_the_same_file_is_stored_once(personas, case):
    first = service.add_evidence(personas.officer, case, **good(case, files.pdf()))
    second = service.add_evidence(
        personas.officer, case, **good(case, files.pdf(), kind=EvidenceKind.DOCUMENTARY)
    )
    assert (first.number, second.number) == (1, 2)
    assert first.file_id == second.file_id and StoredFile.objects.filter(sm3=first.sm3).count() == 1


def test_every_field_problem_is_said_at_once_and_nothing_is_stored(personas, case, media):
    bad = good(case, kind="rumour", title=" ", source="", collected_on=None, upload=None)
    with refused("", Evidence, StoredFile) as caught:
        service.add_evidence(personas.officer, case, **bad)
    assert caught.value.message_dict == {
        "kind": ["请选择证据种类"],
        "title": ["请填写证据名称"],
        "source": ["请填写证据来源及取得方式"],
        "collected_on": ["请填写取证日期"],
        "file": ["请选择证据文件"],
    }
    assert not any(media.rglob("*"))


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (TODAY + timedelta(days=1), "取证日期不能晚于今天"),
        (TODAY - timedelta(days=6), "取证日期不能早于发现违法行为的日期"),
    ],
)
def test_the_day_of_collection_is_checked(personas, case, when, message):
    with refused(message, Evidence, field="collected_on"):
        service.add_evidence(personas.officer, case, **good(case, collected_on=when))


def test_one_collector_is_not_enough(personas, case):
    with refused("取证人员不得少于两人", Evidence, field="collected_by"):
        service.add_evidence(
            personas.officer, case, **good(case, collected_by=collectors(case)[:1])
        )


def test_a_collector_must_handle_the_case(personas, case):
    stranger = eligible_officer(scjg())
    with refused(f"{stranger.name}不是本案的承办人员", Evidence, field="collected_by"):
        service.add_evidence(
            personas.officer, case, **good(case, collected_by=[collectors(case)[0], stranger])
        )


def test_a_collector_without_a_valid_certificate_on_that_day_is_refused(personas, case):
    """The certificates of the case's officers were issued on 2 January this year."""
    early = date(TODAY.year, 1, 1)
    with writes_around_services("a case discovered at the start of the year"):
        type(case).objects.filter(pk=case.pk).update(discovered_on=early)
    case.refresh_from_db()
    with refused("在取证当日不具备执法资格", Evidence, field="collected_by"):
        service.add_evidence(personas.officer, case, **good(case, collected_on=early))


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (CaseStatus.DECIDED, "案件已作出决定，不能再补充证据：应当先调查取证、后作出决定"),
        (CaseStatus.WITHDRAWN, "案件已撤销，不能再添加证据"),
    ],
)
def test_no_evidence_after_the_decision(personas, case, status, message):
    set_status(case, status)
    with refused(message, Evidence, StoredFile, field="case"):
        service.add_evidence(personas.officer, case, **good(case))


def test_a_file_of_a_forbidden_type_is_refused_in_chinese(personas, case, media):
    with refused("证据文件的格式不支持", Evidence, StoredFile, field="file"):
        service.add_evidence(personas.officer, case, **good(case, b"MZ\x90\x00 an executable"))
    assert not any(media.rglob("*"))


def test_only_the_handling_officers_and_the_head_add_evidence(personas, case):
    colleague = UserFactory(role=Role.OFFICER, agency=scjg())
    for user in (colleague, personas.legal_reviewer, personas.city_supervisor):
        with forbidden(Evidence, message=service.HANDLERS_ONLY):
            service.add_evidence(user, case, **good(case))
    assert service.add_evidence(personas.agency_head, case, **good(case)).number == 1


def test_who_sees_the_evidence(personas, case):
    item = service.add_evidence(personas.officer, case, **good(case))

    def sees(user) -> bool:
        return Evidence.objects.restrict(user).filter(pk=item.pk).exists()

    colleague = UserFactory(role=Role.OFFICER, agency=scjg())
    assert sees(personas.officer) and sees(personas.agency_head) and sees(personas.city_supervisor)
    assert not sees(colleague), "the case's agency sees the case, not its evidence"
    assert not sees(personas.legal_reviewer), "not before the legal review"
    for outsider in (
        personas.outsider,
        personas.district_supervisor,
        personas.agency_admin,
        personas.enterprise,
        personas.anonymous,
    ):
        assert not sees(outsider), outsider
    review = reviews.request_review(personas.officer, case, reviewer=reviewer(scjg()))
    assert sees(personas.legal_reviewer), "the reviewer named, while the review lasts"
    other = reviewer(scjg(), new=True).user
    assert not sees(other), "another reviewer of the agency"
    assert not Evidence.objects.restrict(personas.legal_reviewer, CHANGE).exists()
    assert not Evidence.objects.restrict(personas.city_supervisor, CHANGE).exists()
    reviews.give_opinion(
        personas.legal_reviewer, review, opinion="agree", reasons="事实清楚", checklist=ALL_OK
    )
    assert not sees(personas.legal_reviewer), "not once the review is over"


def test_views_and_downloads_are_in_the_chain_of_custody(personas, case):
    item = service.add_evidence(personas.officer, case, **good(case, files.mp4()))
    with recorded("cases.evidence.view"):
        service.record_view(personas.city_supervisor, item)
    with (
        recorded("cases.evidence.download"),
        service.open_download(personas.agency_head, item) as handle,
    ):
        assert handle.read() == files.mp4()
    entry = entries("cases.evidence.download")[-1]
    assert entry.actor == personas.agency_head
    assert payload(entry)["after"] == {"sm3": item.sm3, "case": case.pk, "verified": True}


def test_a_file_changed_on_disk_refuses_to_download_and_verify_ledger_finds_it(
    personas, case, media
):
    item = service.add_evidence(personas.officer, case, **good(case, files.pdf()))
    path = media / filestore.name_for(item.sm3)
    data = bytearray(path.read_bytes())
    data[-3] ^= 0x20
    path.write_bytes(bytes(data))
    changed = "存证文件校验未通过：文件内容已被改动"
    with recorded("cases.evidence.download"), pytest.raises(filestore.FileProblem, match=changed):
        service.open_download(personas.officer, item)
    after = payload(entries("cases.evidence.download")[-1])["after"]
    assert after["verified"] is False and "已被改动" in after["problem"]
    with pytest.raises(CommandError, match="存证文件异常"):
        call_command("verify_ledger")


def test_custody_is_transferred_with_its_reason(personas, case):
    item = service.add_evidence(personas.officer, case, **good(case))
    with recorded("cases.evidence.transfer"):
        moved = service.transfer_custody(
            personas.officer, item, recipient="市公安局经侦支队", reason="涉嫌犯罪移送"
        )
    assert moved.custodian == "市公安局经侦支队"
    entry = entries("cases.evidence.transfer")[-1]
    assert payload(entry)["before"] == {"custodian": case.unit.name}
    assert payload(entry)["after"]["reason"] == "涉嫌犯罪移送"
    with refused("接收人（单位）与现保管人相同", Evidence, field="recipient"):
        service.transfer_custody(
            personas.officer, moved, recipient="市公安局经侦支队", reason="再移"
        )
    with refused("请填写移交事由", field="reason"):
        service.transfer_custody(personas.officer, moved, recipient="市检察院", reason=" ")
    with pytest.raises(PermissionDenied):
        service.transfer_custody(
            personas.city_supervisor, moved, recipient="市检察院", reason="监督人员不能移交"
        )


def test_the_uploaded_name_is_kept_without_invisible_characters(personas, case):
    upload = files.upload(files.pdf(), "报告\u202egpj.pdf")
    item = service.add_evidence(personas.officer, case, **good(case, upload=upload))
    assert item.original_name == "报告gpj.pdf"
