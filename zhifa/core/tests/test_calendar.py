"""The deadline endpoint and the administrator's holiday data (rules.md "Time")."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.core import calendar, holidays
from zhifa.core.models import CalendarOverride, HolidayNotice, LedgerEntry

URL = "/api/v1/calendar/deadline"


def test_the_pinned_holiday_package_has_no_data_for_2027():
    """These tests stand in 2026 and need a year the package lacks; the lock file pins it."""
    assert chinese_calendar.is_workday(date(2026, 12, 31))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))


@pytest.mark.parametrize(
    ("start", "days", "unit", "due"),
    [
        # 处罚法 art. 85: 7 working days across Spring Festival 2024 (2/10–2/17 off, 2/18 Sun works).
        ("2024-02-08", 7, "working", "2024-02-23"),
        # Spring Festival 2025 (1/28–2/4 off; 1/26 Sun and 2/8 Sat work).
        ("2025-01-24", 7, "working", "2025-02-10"),
        # Spring Festival 2026 (2/15–2/23 off; 2/14 Sat and 2/28 Sat work).
        ("2026-02-12", 7, "working", "2026-02-28"),
        # National Day 2024 crossing the 调休 Sunday 9/29, which counts.
        ("2024-09-27", 5, "working", "2024-10-10"),
        # Start on a holiday: counting begins after it.
        ("2024-10-03", 5, "working", "2024-10-12"),
        # National Day 2025 (10/1–10/8 off); the 调休 Saturday 10/11 is the third working day.
        ("2025-09-30", 3, "working", "2025-10-11"),
        # 民法典 art. 203: 15 calendar days ending in National Day 2024 extend past it.
        ("2024-09-16", 15, "calendar", "2024-10-08"),
        # …but not when the last day is a 调休 working Sunday.
        ("2024-01-20", 15, "calendar", "2024-02-04"),
        # 民法典 art. 202: no corresponding day → month end (2024 is a leap year).
        ("2024-01-31", 1, "months", "2024-02-29"),
        # Month end falling inside Spring Festival 2025 extends to the first working day.
        ("2024-12-31", 1, "months", "2025-02-05"),
        ("2024-02-29", 1, "years", "2025-02-28"),
    ],
)
def test_it_computes_legal_deadlines(client, db, start, days, unit, due):
    response = client.get(URL, {"start": start, "days": days, "unit": unit})
    assert response.status_code == 200
    assert response.json() == {"start": start, "days": days, "unit": unit, "due": due}


def test_working_days_are_the_default_unit(client, db):
    assert client.get(URL, {"start": "2024-02-08", "days": 7}).json()["due"] == "2024-02-23"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2024-13-01", "days": 3}, "start", "起算日格式应为YYYY-MM-DD"),
        ({"days": 3}, "start", "请提供起算日start"),
        ({"start": "2024-01-01", "days": "三"}, "days", "期间长度days应为正整数"),
        ({"start": "2024-01-01", "days": 0}, "days", "期间长度days至少为1"),
        ({"start": "2024-01-01", "days": 3, "unit": "weeks"}, "unit", "单位unit应为"),
        ({"start": "2024-01-01", "days": 99999}, "days", "期间长度必须在"),
    ],
)
def test_bad_input_gets_a_chinese_400(client, db, params, field, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert message in body["errors"][field][0]
    assert body["detail"]


def test_a_year_without_data_is_a_clear_error_until_the_administrator_enters_it(client, demo):
    sysadmin = demo["sysadmin"]
    params = {"start": "2026-12-30", "days": 3}
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "缺少2027年的节假日安排数据" in response.json()["detail"]
    assert response.json()["code"] == "year_data_missing"

    notice = holidays.save_notice(
        sysadmin,
        year=2027,
        title="国务院办公厅关于2027年部分节假日安排的通知",
        periods=[{"name": "元旦", "first_day": date(2027, 1, 1), "last_day": date(2027, 1, 1)}],
    )
    # Entered but not yet confirmed complete: still no deadline, never a guess.
    assert client.get(URL, params).json()["code"] == "year_data_missing"
    holidays.complete_notice(sysadmin, notice)
    # 12/31 Thu, 1/1 New Year's Day, 1/4 Mon, 1/5 Tue.
    assert client.get(URL, params).json()["due"] == "2027-01-05"
    actions = list(LedgerEntry.objects.values_list("action", flat=True).order_by("-seq")[:2])
    assert actions == ["core.calendar.notice_complete", "core.calendar.notice"]


def test_an_override_corrects_a_day_the_package_knows(demo):
    before = calendar.compute_deadline(date(2024, 10, 8), 1)
    calendar.set_override(demo["sysadmin"], day=date(2024, 10, 9), is_working_day=False)
    assert before == date(2024, 10, 9)
    assert calendar.compute_deadline(date(2024, 10, 8), 1) == date(2024, 10, 10)


def test_only_the_system_administrator_maintains_holiday_data(demo):
    for username in ("scjg_zhang", "secadmin", "auditadmin", "sfj_chen"):
        with pytest.raises(PermissionDenied):
            calendar.set_override(demo[username], day=date(2027, 1, 1), is_working_day=False)
    assert not CalendarOverride.objects.exists()


def test_a_year_cannot_be_entered_twice(demo):
    holidays.save_notice(demo["sysadmin"], year=2027, title="通知", new=True)
    entries = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        holidays.save_notice(demo["sysadmin"], year=2027, title="通知", new=True)
    assert "2027年的节假日安排通知已录入，请在该通知上修改" in exc.value.messages[0]
    assert HolidayNotice.objects.count() == 1
    assert LedgerEntry.objects.count() == entries


def test_the_override_api_is_read_by_all_and_written_by_the_system_administrator(api_client, demo):
    api_client.force_authenticate(demo["scjg_zhang"])
    assert api_client.get("/api/v1/calendar/overrides").status_code == 200
    denied = api_client.post(
        "/api/v1/calendar/overrides", {"day": "2027-01-01", "is_working_day": False}
    )
    assert denied.status_code == 403
    assert denied.json()["detail"] == "只有系统管理员可以维护节假日数据"
    api_client.force_authenticate(demo["sysadmin"])
    created = api_client.post(
        "/api/v1/calendar/overrides", {"day": "2027-01-01", "is_working_day": False, "note": "元旦"}
    )
    assert created.status_code == 201
    assert CalendarOverride.objects.get().note == "元旦"


def test_the_calendar_page_lets_the_system_administrator_enter_next_years_notice(client, demo):
    # In November the next year's notice is due: the home page names 2027 whatever today is.
    november = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(november, tick=False):
        client.force_login(demo["sysadmin"])
        _enter_next_years_notice(client)


def notice_form(*, title="国办发明电〔2026〕7号", periods=(), workdays=(), reason=""):
    """The notice page's POST: the title, rows of holidays and rows of 调休 working days."""
    data = {"act": "save", "title": title, "reason": reason}
    data.update({"p-TOTAL_FORMS": len(periods), "p-INITIAL_FORMS": 0})
    for n, (name, first, last) in enumerate(periods):
        data.update({f"p-{n}-name": name, f"p-{n}-first_day": first, f"p-{n}-last_day": last})
    data.update({"w-TOTAL_FORMS": len(workdays), "w-INITIAL_FORMS": 0})
    for n, (day, note) in enumerate(workdays):
        data.update({f"w-{n}-day": day, f"w-{n}-note": note})
    return data


def _enter_next_years_notice(client):
    home = client.get("/")
    assert "2027年：尚未录入" in home.content.decode()
    response = client.post(
        "/calendar/", {"act": "notice", "n-year": "2027", "n-title": "国办发明电〔2026〕7号"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/calendar/2027/"
    # Registered, not yet entered and confirmed: the year is not known yet.
    assert "2027年：尚未录入" in client.get("/").content.decode()
    client.post("/calendar/2027/", notice_form(periods=[("元旦", "2027-01-01", "2027-01-01")]))
    client.post("/calendar/2027/", {"act": "complete"})
    assert "2027年：已有数据" in client.get("/").content.decode()


def test_the_deadline_page_shows_the_due_date_in_chinese(client, db):
    response = client.get("/deadline/", {"start": "2024-02-08", "days": 7, "unit": "working"})
    assert "2024年2月23日" in response.content.decode()
