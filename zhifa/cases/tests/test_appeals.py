"""复议、诉讼: recording the party's reconsideration or lawsuit and its outcome (行政复议法 art. 20:
60 days; 行政诉讼法 art. 46: 6 months, from service), the late filing flagged but recorded, the
overturned decision signalled and counted, the deadlines panel waiting for a pending appeal, the
page, the API, and who may record."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.http import Http404

from zhifa.cases.deadline_panel import case_deadlines
from zhifa.cases.models import Appeal
from zhifa.cases.services import appeals
from zhifa.cases.services.appeals import appeal_counts
from zhifa.cases.tests.review_fixtures import handler, head
from zhifa.core import filestore
from zhifa.org.models import Agency, Role
from zhifa.testing.api import login_api
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.factories import CaseFactory
from zhifa.testing.files import pdf, upload
from zhifa.testing.filings import member
from zhifa.testing.ledger import forbidden, recorded, refused

CLAIM = "请求撤销行政处罚决定"
COURT = "示范市东城区人民法院"
REVIEWER = "示范市人民政府"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def served(midyear, db):
    """A case decided and served on Wednesday 17 June 2026 (``midyear``)."""
    return CaseFactory(state="execution")


def served_on(day: date):
    """A case served on ``day`` (built then), the clock then back in June 2026."""
    with time_machine.travel(
        datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI), tick=False
    ):
        return CaseFactory(state="execution")


def file(case, **changes):
    data = {"kind": "reconsideration", "body": REVIEWER, "filed_on": case.served_on, "claim": CLAIM}
    return appeals.file_appeal(handler(case), case, **{**data, **changes})


def test_it_records_a_reconsideration_within_its_window(served):
    with recorded("cases.appeal.file"):
        appeal = file(served, filed_on=date(2026, 6, 17))
    # 17 June + 60 days = Sunday 16 August: the window ends on Monday 17 August (民法典 art. 203).
    assert appeal.window_ends == date(2026, 8, 17)
    assert not appeal.late and appeal.flags == [] and appeal.is_pending


def test_a_lawsuit_has_six_months(db):
    assert appeals.window("lawsuit", date(2026, 6, 17)).due == date(2026, 12, 17)
    assert appeals.window("reconsideration", date(2026, 3, 2)).due == date(2026, 5, 6)


def test_a_late_appeal_is_recorded_and_flagged(midyear, db):
    case = served_on(date(2026, 3, 2))  # the 60 days end on 1 May, a holiday: 6 May
    appeal = file(case, filed_on=date(2026, 5, 7))
    assert appeal.late and appeal.window_ends == date(2026, 5, 6)
    assert "已超过法定期限" in appeal.flag_messages[0]
    in_time = file(case, kind="lawsuit", body=COURT, filed_on=date(2026, 5, 7))
    assert not in_time.late and in_time.window_ends == date(2026, 9, 2)


@pytest.mark.parametrize(
    ("kind", "filed_on", "late"),
    [
        ("reconsideration", date(2026, 5, 6), False),  # the window's last day (moved past 1 May)
        ("reconsideration", date(2026, 5, 7), True),
        ("lawsuit", date(2026, 9, 2), False),
        ("lawsuit", date(2026, 9, 3), True),
    ],
)
def test_an_appeal_filed_on_the_windows_last_day_is_in_time(db, kind, filed_on, late):
    due, message = appeals.lateness(kind, date(2026, 3, 2), filed_on)
    assert due == (date(2026, 5, 6) if kind == "reconsideration" else date(2026, 9, 2))
    assert bool(message) is late


def test_an_appeal_recorded_on_the_last_day_is_not_flagged(midyear, db):
    case = served_on(date(2026, 3, 2))
    appeal = file(case, filed_on=date(2026, 5, 6))
    assert not appeal.late and appeal.flags == [] and appeal.window_ends == date(2026, 5, 6)


def test_a_window_reaching_a_year_without_holiday_data_is_not_guessed(db, client):
    with time_machine.travel(datetime(2026, 12, 30, 10, tzinfo=SHANGHAI), tick=False):
        case = CaseFactory(state="execution")
        appeal = file(case, kind="lawsuit", body=COURT)
        assert appeal.window_ends is None and not appeal.late  # filed before any end in 2027
        rows, _ = case_deadlines(case)
        assert any(r["label"] == "行政诉讼进行中" for r in rows)
        client.force_login(handler(case))
        page = client.get(f"/cases/{case.pk}/")  # the message shown, never a 500
        assert page.status_code == 200 and "行政诉讼进行中" in page.content.decode()


def test_the_outcome_revoked_signals_supervision_and_counts(served):
    appeal = file(served)
    with recorded(filestore.RECEIVE_ACTION, "cases.appeal.result"):
        done = appeals.record_result(
            head(served),
            appeal,
            result="revoked",
            result_on=date(2026, 6, 17),
            note="认定事实不清",
            document=upload(pdf("行政复议决定书"), "复议决定书.pdf"),
        )
    assert done.overturned and done.document is not None
    assert done.flags[-1]["code"] == "overturned" and "撤销" in done.flags[-1]["message"]
    counts = appeal_counts(served.agency, 2026)
    assert counts.filed == {"reconsideration": 1, "lawsuit": 0}
    assert counts.results["reconsideration"]["revoked"] == 1 and counts.overturned == 1
    assert appeal_counts(served.agency, 2025).total_filed == 0
    with refused("不能重复登记", Appeal):
        appeals.record_result(head(served), done, result="upheld", result_on=date(2026, 6, 17))


def test_a_change_states_the_new_penalty(served):
    appeal = file(served)
    with refused("变更后的处罚种类", Appeal, field="new_measures"):
        appeals.record_result(handler(served), appeal, result="changed", result_on=served.served_on)
    with refused("罚款金额", Appeal, field="new_fine"):
        appeals.record_result(
            handler(served),
            appeal,
            result="changed",
            result_on=served.served_on,
            new_measures=["fine"],
        )
    done = appeals.record_result(
        handler(served),
        appeal,
        result="changed",
        result_on=served.served_on,
        new_measures=["warning", "fine"],
        new_fine="2000",
    )
    assert done.new_penalty == "警告；罚款2000元" and done.new_fine == Decimal("2000")
    assert done.flags == []  # a change is not an overturned decision


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "appeal"}, "kind", "请选择行政复议或行政诉讼"),
        ({"body": " "}, "body", "请填写复议机关"),
        ({"claim": ""}, "claim", "请填写当事人的请求"),
        ({"filed_on": date(2026, 6, 18)}, "filed_on", "不能晚于今天"),
        ({"filed_on": date(2026, 6, 16)}, "filed_on", "不能早于处罚决定送达日期"),
    ],
)
def test_a_bad_appeal_is_refused(served, changes, field, message):
    with refused(message, Appeal, field=field):
        file(served, **changes)


def test_an_unserved_case_has_no_appeal_and_one_pending_per_kind(midyear, db):
    decided = CaseFactory(state="decided")
    with refused("尚未送达", Appeal, field="case"):
        file(decided, filed_on=date(2026, 6, 17))
    served = CaseFactory(state="execution")
    first = file(served)
    with refused("尚无结果的行政复议", Appeal, field="kind"):
        file(served)
    with refused("不能早于申请或起诉日期", Appeal, field="result_on"):
        appeals.record_result(handler(served), first, result="upheld", result_on=date(2026, 6, 16))


def test_only_the_handlers_record_and_outsiders_do_not_see(served):
    reviewer = member(served.agency, Role.LEGAL_REVIEWER)
    with forbidden(Appeal, message="承办人员或机关负责人"):
        appeals.file_appeal(
            reviewer, served, kind="lawsuit", body=COURT, filed_on=served.served_on, claim=CLAIM
        )
    outsider = member(Agency.objects.get(short_name="市生态环境局"), Role.OFFICER)
    with pytest.raises(Http404):
        appeals.file_appeal(
            outsider, served, kind="lawsuit", body=COURT, filed_on=served.served_on, claim=CLAIM
        )
    assert Appeal.objects.count() == 0


def test_the_deadlines_panel_waits_for_a_pending_appeal(served):
    file(served)
    rows, _ = case_deadlines(served)
    pending = [r for r in rows if r["label"] == "行政复议进行中"]
    assert pending and "行政强制法第五十三条" in pending[0]["explanation"]


def test_the_case_page_shows_the_panel_and_records(served, client):
    client.force_login(handler(served))
    page = client.get(f"/cases/{served.pk}/").content.decode()
    assert 'data-testid="panel-appeals"' in page and "登记行政复议或行政诉讼" in page
    answer = client.post(
        f"/cases/{served.pk}/appeals/",
        {"kind": "lawsuit", "body": COURT, "filed_on": "2026-06-17", "claim": CLAIM},
    )
    assert answer.status_code == 302
    appeal = served.appeals.get()
    bad = client.post(f"/cases/appeals/{appeal.pk}/result", {"result": "revoked"}, follow=True)
    assert "请填写结果日期" in bad.content.decode() and appeal.is_pending
    client.post(
        f"/cases/appeals/{appeal.pk}/result",
        {"result": "confirmed_illegal", "result_on": "2026-06-17", "document": upload(pdf())},
    )
    page = client.get(f"/cases/{served.pk}/").content.decode()
    assert "确认违法" in page and "提请执法监督关注" in page and "下载结果文书" in page
    download = client.get(f"/cases/appeals/{appeal.pk}/document")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_api_records_and_answers_bad_input_with_field_errors(served, api_client):
    login_api(api_client, handler(served))
    bad = api_client.post(
        "/api/v1/case-appeals",
        {"case": served.pk, "kind": "lawsuit", "body": "", "filed_on": "2026-06-17", "claim": ""},
        format="json",
    )
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"body", "claim"}
    made = api_client.post(
        "/api/v1/case-appeals",
        {
            "case": served.pk,
            "kind": "lawsuit",
            "body": COURT,
            "filed_on": "2026-06-17",
            "claim": CLAIM,
        },
        format="json",
    )
    assert made.status_code == 201 and made.json()["window_ends"] == "2026-12-17"
    pk = made.json()["id"]
    done = api_client.post(
        f"/api/v1/case-appeals/{pk}/result",
        {"result": "dismissed", "result_on": "2026-06-17"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["result"] == "dismissed"
    listed = api_client.get("/api/v1/case-appeals", {"case": served.pk, "pending": "false"})
    assert [a["id"] for a in listed.json()["results"]] == [pk]
