"""The holiday notice entered as it is published, and used only once confirmed (rules.md "Time").

2027 is a year the pinned holiday package does not know (see test_calendar). The notice below is
a test notice in the State Council's form (春节 from 除夕's eve, with two 调休 Saturdays/Sundays);
the deadlines are computed by hand from it in the comments.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.core import calendar, holidays
from zhifa.core.models import HolidayNotice, HolidayPeriod, LedgerEntry
from zhifa.core.tests.test_calendar import notice_form

URL = "/api/v1/calendar/deadline"
SPRING = {"name": "春节", "first_day": date(2027, 2, 5), "last_day": date(2027, 2, 12)}
NEW_YEAR = {"name": "元旦", "first_day": date(2027, 1, 1), "last_day": date(2027, 1, 3)}
WORKDAYS = [
    {"day": date(2027, 1, 30), "note": "春节调休"},  # a Saturday
    {"day": date(2027, 2, 20), "note": "春节调休"},  # a Saturday
]


def enter(sysadmin, **extra):
    data = {
        "year": 2027,
        "title": "国务院办公厅关于2027年部分节假日安排的通知",
        "periods": [NEW_YEAR, SPRING],
        "workdays": WORKDAYS,
    }
    data.update(extra)
    return holidays.save_notice(sysadmin, **data)


def refused(call, message: str) -> None:
    entries, periods = LedgerEntry.objects.count(), HolidayPeriod.objects.count()
    with pytest.raises(ValidationError) as exc:
        call()
    assert any(message in m for m in exc.value.messages), exc.value.messages
    assert (LedgerEntry.objects.count(), HolidayPeriod.objects.count()) == (entries, periods)


def test_a_notice_in_progress_gives_no_deadline_not_a_wrong_one(demo):
    # With only one date entered, 2027-02-01 + 7 working days once gave 2027-02-11 (inside the
    # Spring Festival). Until the notice is confirmed complete, the year has no data.
    sysadmin = demo["sysadmin"]
    notice = enter(sysadmin, periods=[NEW_YEAR], workdays=[])
    with pytest.raises(ValidationError) as exc:
        calendar.compute_deadline(date(2027, 2, 1), 7)
    assert "缺少2027年的节假日安排数据" in exc.value.messages[0]
    enter(sysadmin)
    holidays.complete_notice(sysadmin, notice)
    # 2/1 Mon: 2/2(1) 2/3(2) 2/4(3); 2/5–2/12 off; 2/13–14 weekend; 2/15(4) … 2/18(7).
    assert calendar.compute_deadline(date(2027, 2, 1), 7) == date(2027, 2, 18)
    # The 调休 Saturday 1/30 counts: 1/29 Fri + 1 working day = 1/30.
    assert calendar.compute_deadline(date(2027, 1, 29), 1) == date(2027, 1, 30)
    # A calendar-day period ending in the holiday ends on the first working day after it.
    assert calendar.compute_deadline(date(2027, 1, 27), 10, "calendar") == date(2027, 2, 15)


def test_every_step_is_in_the_ledger_with_the_notice_as_it_reads(demo):
    sysadmin = demo["sysadmin"]
    notice = enter(sysadmin, periods=[NEW_YEAR])
    enter(sysadmin)
    holidays.complete_notice(sysadmin, notice)
    entries = list(LedgerEntry.objects.filter(object_type="core.holidaynotice").order_by("seq"))
    assert [e.action for e in entries] == [
        "core.calendar.notice",
        "core.calendar.notice_edit",
        "core.calendar.notice_complete",
    ]
    after = json.loads(entries[1].payload.body)["after"]
    assert after["periods"] == [
        ["元旦", "2027-01-01", "2027-01-03"],
        ["春节", "2027-02-05", "2027-02-12"],
    ]
    assert after["workdays"] == [["2027-01-30", "春节调休"], ["2027-02-20", "春节调休"]]


def test_a_confirmed_notice_is_corrected_only_with_a_reason(demo):
    sysadmin = demo["sysadmin"]
    holidays.complete_notice(sysadmin, enter(sysadmin))
    moved = {**SPRING, "last_day": date(2027, 2, 11)}
    refused(lambda: enter(sysadmin, periods=[NEW_YEAR, moved]), "更正须说明理由")
    enter(sysadmin, periods=[NEW_YEAR, moved], reason="通知原文为2月11日，录入有误")
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert entry.action == "core.calendar.notice_correct"
    assert json.loads(entry.payload.body)["after"]["reason"] == "通知原文为2月11日，录入有误"
    # 2/12 is now a working day: 2/11 + 1 working day = 2/12.
    assert calendar.compute_deadline(date(2027, 2, 11), 1) == date(2027, 2, 12)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"periods": [NEW_YEAR, {**SPRING, "last_day": date(2027, 2, 1)}]}, "首日不能晚于末日"),
        ({"periods": [NEW_YEAR, {**SPRING, "name": ""}]}, "请填写节日名称"),
        (
            {"periods": [NEW_YEAR, {**SPRING, "first_day": date(2027, 1, 3)}]},
            "元旦与春节的放假日期重叠",
        ),
        ({"periods": [{**SPRING, "last_day": date(2027, 3, 1)}]}, "连续放假不超过15天"),
        (
            {
                "periods": [
                    {"name": "国庆", "first_day": date(2028, 10, 1), "last_day": date(2028, 10, 7)}
                ]
            },
            "日期应在2027年内",
        ),
        ({"workdays": [{"day": date(2027, 2, 1)}]}, "不是周六或周日"),
        ({"workdays": [{"day": date(2027, 2, 6)}]}, "在春节放假期间内"),
        ({"workdays": WORKDAYS + WORKDAYS[:1]}, "重复"),
        ({"year": 2026}, "2026年的节假日安排已内置"),
        ({"year": 10000}, "年度应为2000至2100之间的整数"),
        ({"title": " "}, "请填写通知名称及文号"),
    ],
)
def test_a_notice_that_does_not_read_right_is_refused_and_nothing_is_written(demo, change, message):
    refused(lambda: enter(demo["sysadmin"], **change), message)
    assert not HolidayNotice.objects.exists()


def test_a_notice_without_holidays_cannot_be_confirmed(demo):
    notice = enter(demo["sysadmin"], periods=[], workdays=[])
    refused(lambda: holidays.complete_notice(demo["sysadmin"], notice), "请先录入通知中的放假安排")
    holidays.complete_notice(demo["sysadmin"], enter(demo["sysadmin"]))
    refused(lambda: holidays.complete_notice(demo["sysadmin"], notice), "已确认录入完毕")


@pytest.mark.parametrize("username", ["secadmin", "auditadmin", "scjg_admin", "sfj_chen"])
def test_only_the_system_administrator_enters_notices(demo, username):
    with pytest.raises(PermissionDenied):
        enter(demo[username])
    assert not HolidayNotice.objects.exists()


# --- the API ---


def test_the_api_enters_confirms_and_reads_a_notice(api_client, demo):
    api_client.force_authenticate(demo["sysadmin"])
    body = {
        "year": 2027,
        "title": "国务院办公厅关于2027年部分节假日安排的通知",
        "periods": [{k: str(v) for k, v in p.items()} for p in (NEW_YEAR, SPRING)],
        "workdays": [{"day": str(w["day"]), "note": w["note"]} for w in WORKDAYS],
    }
    created = api_client.post("/api/v1/calendar/notices", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["is_complete"] is False
    assert created.json()["periods"][1] == {
        "name": "春节",
        "first_day": "2027-02-05",
        "last_day": "2027-02-12",
    }
    again = api_client.post("/api/v1/calendar/notices", body, format="json")
    assert again.status_code == 400
    assert again.json()["errors"]["year"] == ["2027年的节假日安排通知已录入，请在该通知上修改"]
    assert api_client.get(URL, {"start": "2027-02-01", "days": 7}).status_code == 400
    done = api_client.post("/api/v1/calendar/notices/2027/complete")
    assert done.status_code == 200 and done.json()["is_complete"] is True
    assert api_client.get(URL, {"start": "2027-02-01", "days": 7}).json()["due"] == "2027-02-18"
    fix = api_client.patch(
        "/api/v1/calendar/notices/2027", {"title": "国办发明电〔2026〕7号"}, format="json"
    )
    assert fix.status_code == 400
    assert fix.json()["errors"]["reason"] == ["2027年的通知已确认录入完毕，更正须说明理由"]
    api_client.force_authenticate(demo["scjg_zhang"])
    assert api_client.get("/api/v1/calendar/notices/2027").json()["title"].startswith("国务院")
    denied = api_client.post("/api/v1/calendar/notices/2027/complete")
    assert denied.status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"start": "9999-12-31", "days": 1},
        {"start": "9999-12-30", "days": 5, "unit": "calendar"},
        {"start": "9950-01-01", "days": 100, "unit": "years"},
        {"start": "9999-01-01", "days": 13, "unit": "months"},
    ],
)
def test_a_deadline_beyond_the_last_date_is_a_chinese_400(client, db, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert "超出可计算的日期范围" in body["errors"]["start"][0]
    assert "range" not in str(body["errors"])


# --- the pages ---


def test_the_system_administrator_enters_a_notice_on_its_page_and_sees_the_year(client, demo):
    client.force_login(demo["sysadmin"])
    client.post(
        "/calendar/", {"act": "notice", "n-year": "2027", "n-title": "国办发明电〔2026〕7号"}
    )
    bad = client.post(
        "/calendar/2027/",
        notice_form(periods=[("春节", "2027-02-12", "2027-02-05")], workdays=[("2027-02-01", "")]),
    )
    html = bad.content.decode()
    assert "第1项放假安排（春节）：放假首日不能晚于末日" in html
    assert "调休上班日2027-02-01不是周六或周日" in html
    assert not HolidayPeriod.objects.exists()
    saved = client.post(
        "/calendar/2027/",
        notice_form(
            periods=[("元旦", "2027-01-01", "2027-01-03"), ("春节", "2027-02-05", "2027-02-12")],
            workdays=[("2027-01-30", "春节调休"), ("2027-02-20", "春节调休")],
        ),
    )
    assert saved.status_code == 302
    page = client.get("/calendar/2027/").content.decode()
    assert "尚未确认录入完毕" in page
    assert 'class="cal-holiday" title="春节" data-day="2027-02-08"' in page
    assert 'class="cal-workday" title="春节调休" data-day="2027-01-30"' in page
    assert 'class="cal-working" title="" data-day="2027-02-15"' in page
    client.post("/calendar/2027/", {"act": "complete"})
    assert "已于" in client.get("/calendar/2027/").content.decode()
    assert calendar.compute_deadline(date(2027, 2, 1), 7) == date(2027, 2, 18)


def test_other_users_cannot_open_the_notice_page(client, demo):
    holidays.save_notice(demo["sysadmin"], year=2027, title="通知")
    client.force_login(demo["scjg_admin"])
    assert client.get("/calendar/2027/").status_code == 403
    client.force_login(demo["sysadmin"])
    assert client.get("/calendar/2031/").status_code == 404
