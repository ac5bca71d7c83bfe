"""事中登记: opening the on-site record, answering the checklist from the phone (a resend never
duplicates), photos by content, the details, and submitting the outcome with its rules."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.core import parameters
from zhifa.core import workflow as wf
from zhifa.core.crypto import sm3_hex
from zhifa.core.models import LedgerEntry
from zhifa.inspections.models import (
    ChecklistEntry,
    ImpactAssessment,
    OnSiteRecord,
    Referral,
    VisitPhoto,
)
from zhifa.inspections.services import visits
from zhifa.inspections.tests.visit_fixtures import (
    ITEMS,
    answer_all,
    build_visit,
    jpeg,
    ready_record,
)
from zhifa.inspections.usage import matters_visited
from zhifa.testing import ledger as shared
from zhifa.testing.ledger import last_seq, ledger_actions
from zhifa.testing.ledger_guard import writes_around_services

TEN = "2026-06-17T10:00:00+08:00"


@pytest.fixture
def visit(midyear, demo):
    return build_visit(demo, today=midyear)


def payload(action: str) -> dict:
    entry = LedgerEntry.objects.filter(action=action).latest("seq")
    return json.loads(entry.payload.body)


def test_an_officer_of_the_inspection_opens_the_record_with_the_matters_checklist(visit):
    since = last_seq()
    record = visit.open()
    assert [r.text for r in record.results.all()] == [i["text"] for i in ITEMS]
    assert record.visited_on.isoformat() == "2026-06-17"
    assert len(record.rating_token) == 43
    assert ledger_actions(since) == ["inspections.onsiterecord.open"]
    assert record.rating_token not in json.dumps(payload("inspections.onsiterecord.open"))


def test_someone_not_on_the_inspection_cannot_open_it(visit, demo):
    with shared.forbidden(OnSiteRecord, message="只有本次检查的执法人员"):
        visit.open(demo["scjg_wang"])


def test_an_unapproved_inspection_cannot_be_opened(midyear, demo):
    pending = build_visit(demo, today=midyear, state="submitted")
    with shared.refused("检查尚未经负责人批准", OnSiteRecord):
        pending.open()


def test_a_day_outside_the_filed_window_is_refused(visit, time_machine):
    time_machine.move_to("2026-06-25T09:00:00+08:00", tick=False)
    with shared.refused("备案的检查时间为2026-06-17至2026-06-20", OnSiteRecord):
        visit.open()


def test_the_same_key_sent_twice_is_one_answer(visit):
    record = visit.open()
    item = record.results.first()
    since = last_seq()
    first, created = visits.enter_result(
        visit.officer, record, key="abc123", item=item.pk, result="pass", entered_at=TEN
    )
    again, created_again = visits.enter_result(
        visit.officer, record, key="abc123", item=item.pk, result="pass", entered_at=TEN
    )
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert ChecklistEntry.objects.filter(record=record).count() == 1
    assert ledger_actions(since) == ["inspections.checklistresult.enter"]
    item.refresh_from_db()
    assert item.get_result_display() == "合格"


def test_an_answer_sent_late_does_not_overwrite_a_newer_one(visit):
    record = visit.open()
    item = record.results.first()
    visits.enter_result(visit.officer, record, key="new", item=item.pk, result="na", entered_at=TEN)
    visits.enter_result(
        visit.officer,
        record,
        key="old",
        item=item.pk,
        result="pass",
        entered_at="2026-06-17T09:00:00+08:00",
    )
    item.refresh_from_db()
    assert item.result == "na"
    assert record.entries.count() == 2


def test_a_failed_item_needs_a_note_and_nothing_is_written(visit):
    record = visit.open()
    item = record.results.first()
    with shared.refused("不合格的检查要点请写明具体情况", ChecklistEntry, field="note"):
        visits.enter_result(
            visit.officer, record, key="k1", item=item.pk, result="fail", entered_at=TEN
        )
    with shared.refused("请选择合格、不合格或不涉及", ChecklistEntry, field="result"):
        visits.enter_result(
            visit.officer, record, key="k2", item=item.pk, result="ok", entered_at=TEN
        )
    with shared.refused("本次检查没有这个检查要点", ChecklistEntry, field="item"):
        visits.enter_result(
            visit.officer, record, key="k3", item=999999, result="pass", entered_at=TEN
        )


def test_a_photo_is_stored_re_encoded_and_its_sm3_goes_to_the_ledger(visit):
    record = visit.open()
    upload = jpeg(tail=b"<html>appended</html>")
    sent = upload.read()
    photo = visits.add_photo(visit.officer, record, upload, "后厨")
    assert photo.received_sm3 == sm3_hex(sent)
    assert payload("inspections.visitphoto.upload")["after"]["received_sm3"] == sm3_hex(sent)
    with photo.file.open("rb") as handle:
        assert b"<html>" not in handle.read()


def test_a_file_that_is_not_an_image_is_refused_and_nothing_written(visit):
    record = visit.open()
    fake = jpeg()
    fake.file.seek(0)
    fake.file.write(b"MZ\x90\x00 this is a program")
    fake.file.seek(0)
    with shared.refused("现场照片须为JPEG或PNG格式的图片", VisitPhoto, field="photo"):
        visits.add_photo(visit.officer, record, fake)


def test_an_oversize_photo_is_refused_by_the_configured_limit(visit, demo):
    parameters.set_value(demo["sysadmin"], "inspections.photo_max_mb", 1)
    record = visit.open()
    big = jpeg(tail=b"0" * (1024 * 1024))
    with shared.refused("现场照片不能超过1MB", VisitPhoto, field="photo"):
        visits.add_photo(visit.officer, record, big)


def test_submit_refuses_unanswered_items_and_badges_not_shown(visit):
    record = visit.open()
    with pytest.raises(ValidationError) as caught:
        wf.transition(record, "submit", visit.officer, outcome="no_problem")
    errors = caught.value.message_dict
    assert errors["results"] == ["还有2个检查要点未登记结论"]
    assert errors["badges_shown"] == [
        "依据《中华人民共和国行政处罚法》第五十五条：执法人员应当主动出示执法证件，请登记亮证情况"
    ]
    record.refresh_from_db()
    assert record.state == "open"


def test_recording_is_required_when_the_record_says_so(visit):
    record = ready_record(visit)
    with writes_around_services("as if the matter were on the recording list"):
        OnSiteRecord.objects.filter(pk=record.pk).update(recording_required=True)
    with shared.refused("须全程音像记录", OnSiteRecord):
        wf.transition(record, "submit", visit.officer, outcome="no_problem")


def test_ordered_to_correct_needs_a_later_date_and_an_impact_assessment(visit):
    record = ready_record(visit)
    with pytest.raises(ValidationError) as caught:
        wf.transition(
            record, "submit", visit.officer, outcome="correct", correction_due="2026-06-17"
        )
    errors = caught.value.message_dict
    assert errors["correction_due"] == ["整改期限应晚于检查日期"]
    assert errors["findings"] == ["请填写检查情况（发现的问题）"]
    assert errors["measures"] == ["请填写拟采取的措施"]
    assert not ImpactAssessment.objects.exists()
    done = wf.transition(
        record,
        "submit",
        visit.officer,
        outcome="correct",
        correction_due="2026-07-17",
        findings="进货台账缺3月记录",
        measures="责令补齐进货查验记录",
        level="minor",
        effect="补录台账，不影响营业",
    )
    assert done.state == "submitted" and done.recheck_on.isoformat() == "2026-07-17"
    assert done.impact.get_level_display() == "影响较小"
    rechecked = wf.transition(done, "recheck", visit.officer, corrected=True, note="已补齐")
    assert rechecked.recheck_corrected is True
    with shared.refused("已经复查", OnSiteRecord):
        wf.transition(done, "recheck", visit.officer, corrected=True, note="再次")


def test_a_case_to_open_leaves_a_referral_for_the_cases_app(visit):
    record = ready_record(visit)
    wf.transition(
        record,
        "submit",
        visit.officer,
        outcome="case",
        findings="销售过期食品12袋",
        facts="货架上发现超过保质期的食品12袋",
        measures="移送立案调查",
        level="minor",
        effect="下架过期食品",
    )
    referral = Referral.objects.get(record=record)
    assert referral.facts == "货架上发现超过保质期的食品12袋" and referral.taken_at is None


def test_a_submitted_record_changes_no_more(visit):
    record = ready_record(visit)
    wf.transition(record, "submit", visit.officer, outcome="no_problem")
    visit.inspection.refresh_from_db()
    assert visit.inspection.get_status_display() == "已登记", "the filing moves on too"
    with shared.refused("现场检查记录已提交", OnSiteRecord):
        wf.transition(record, "submit", visit.officer, outcome="no_problem")
    with shared.refused("现场检查记录已提交，不能再修改", ChecklistEntry):
        answer_all(visit, record, prefix="again")
    with pytest.raises(PermissionDenied):
        visits.save_details(visit.partner.__class__.objects.get(username="scjg_wang"), record)


def test_every_visit_registers_its_matters_with_the_five_year_review(visit, midyear):
    assert visit.matter.pk not in matters_visited(midyear)
    visit.open()
    assert visit.matter.pk in matters_visited(midyear)
