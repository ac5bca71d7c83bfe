"""报备 (处罚法 art. 52): the on-the-spot decision, as issued, is filed with the agency; the head
acknowledges it or returns it with an opinion; late filings are flagged against the platform's
default period; a summary case is not closed before the decision is 已备案."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from zhifa.cases import approvals
from zhifa.cases.models import OnSpotDecision, OnSpotFilingStatus
from zhifa.cases.services import documents, spot_filing, summary
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.test_summary import spot  # noqa: F401  (fixture)
from zhifa.core import parameters
from zhifa.testing.factories import sysadmin
from zhifa.testing.ledger import recorded, refused

DECIDED = date(2026, 6, 1)  # a Monday: five working days reach 8 June


@pytest.fixture
def decided(personas, scjg, spot, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path

    def make(on: date = DECIDED, **change):
        with time_machine.travel(on, tick=False):
            case = summary.decide_on_spot(
                personas.officer, scjg, **spot(measure="warning", fine=None, **change)
            )
        return case

    return make


def filing_of(case) -> OnSpotDecision:
    return OnSpotDecision.objects.get(case=case)


def issue(personas, case):
    return documents.generate(personas.officer, case, "on_spot_decision", {})


def test_filed_on_time_then_acknowledged_and_only_then_closed(personas, decided):
    case = decided()
    with time_machine.travel(date(2026, 6, 3), tick=False):
        with refused("请先出具当场行政处罚决定书", OnSpotDecision, field="document"):
            spot_filing.file_on_spot(personas.officer, case)
        document = issue(personas, case)
        with refused("备案后方可结案") as caught:
            act(personas.agency_head, case, "close")
        assert "第五十二条" in caught.value.messages[0]
        with recorded("cases.case.file_on_spot"):
            spot_filing.file_on_spot(personas.officer, case, note="当场处罚一件")
        filing = OnSpotDecision.objects.get(case=case)
        assert (
            filing.filing_status == OnSpotFilingStatus.FILED and filing.filing_document == document
        )
        assert (filing.filed_on, filing.filing_due, filing.filing_late) == (
            date(2026, 6, 3),
            date(2026, 6, 8),
            False,
        )
        with refused("已报备，等待负责人确认"):
            spot_filing.file_on_spot(personas.officer, case)
        with pytest.raises(PermissionDenied):
            spot_filing.acknowledge_filing(personas.officer, case)
        with refused("备案后方可结案"):
            act(personas.agency_head, case, "close")  # filed, not yet 已备案
        with recorded("cases.case.acknowledge_filing"):
            spot_filing.acknowledge_filing(personas.agency_head, case)
        assert filing_of(case).get_filing_status_display() == "已备案"
        act(personas.agency_head, case, "close")
        case.refresh_from_db()
        assert case.get_status_display() == "已结案"


def test_a_late_filing_is_recorded_and_flagged(personas, decided):
    case = decided()
    with time_machine.travel(date(2026, 6, 9), tick=False):
        issue(personas, case)
        spot_filing.file_on_spot(personas.officer, case)
    assert filing_of(case).filing_late and filing_of(case).filing_due == date(2026, 6, 8)


def test_the_period_is_a_platform_parameter(personas, decided):
    parameters.set_value(sysadmin(), spot_filing.FILING_WORKING_DAYS.key, 10)
    case = decided()
    with time_machine.travel(date(2026, 6, 9), tick=False):
        issue(personas, case)
        spot_filing.file_on_spot(personas.officer, case)
    assert not filing_of(case).filing_late and filing_of(case).filing_due == date(2026, 6, 15)


def test_a_returned_filing_carries_the_opinion_and_is_filed_again(personas, decided):
    case = decided()
    with time_machine.travel(date(2026, 6, 2), tick=False):
        issue(personas, case)
        spot_filing.file_on_spot(personas.officer, case)
        with refused("请填写退回意见", field="opinion"):
            spot_filing.return_on_spot_filing(personas.agency_head, case, opinion=" ")
        with recorded("cases.case.return_filing"):
            spot_filing.return_on_spot_filing(
                personas.agency_head, case, opinion="处罚依据条款写错"
            )
        with refused("没有待确认的报备"):
            spot_filing.acknowledge_filing(personas.agency_head, case)
        assert filing_of(case).filing_opinion == "处罚依据条款写错"
        with refused("报备日期不能晚于今天", field="filed_on"):
            spot_filing.file_on_spot(personas.officer, case, filed_on=date(2026, 6, 3))
        spot_filing.file_on_spot(personas.officer, case, note="已更正后重新报备")
        spot_filing.acknowledge_filing(personas.agency_head, case)
    assert filing_of(case).filing_status == OnSpotFilingStatus.ACKNOWLEDGED


def test_the_head_sees_filings_to_acknowledge(personas, decided):
    case = decided()
    with time_machine.travel(date(2026, 6, 4), tick=False):
        issue(personas, case)
        spot_filing.file_on_spot(personas.officer, case)
        rows = approvals.waiting(personas.agency_head, (approvals.BY_KEY["on_spot_filing"],))
    assert [(w.case, w.since, w.days) for w in rows] == [(case, date(2026, 6, 4), 0)]


def test_no_holiday_data_for_the_deadline_is_said_not_a_failure(personas, decided):
    case = decided(on=date(2026, 12, 30))
    with time_machine.travel(date(2026, 12, 31), tick=False):
        due, message = spot_filing.due_or_message(case)
        assert due is None and "2027" in message
        issue(personas, case)
        spot_filing.file_on_spot(personas.officer, case)
    assert (
        filing_of(case).filing_status == OnSpotFilingStatus.FILED
        and not filing_of(case).filing_late
    )


def test_the_panel_files_and_the_head_acknowledges_on_the_case_page(client, personas, decided):
    case = decided()
    page, post = f"/cases/{case.pk}/", f"/cases/{case.pk}/on-spot/file/"
    with time_machine.travel(date(2026, 6, 3), tick=False):
        client.force_login(personas.officer)
        shown = client.get(page).content.decode()
        assert 'data-testid="filing-form"' in shown and "未报备，剩余5天" in shown
        bare = client.post(post, {"filed_on": "2026-06-03"})
        assert bare.status_code == 400 and "请先出具当场行政处罚决定书" in bare.content.decode()
        issue(personas, case)
        assert client.post(post, {"filed_on": "2026-06-03", "note": "报备"}).status_code == 302
        shown = client.get(page).content.decode()
        assert "已报备，待确认" in shown and 'data-testid="filing-form"' not in shown
        client.force_login(personas.agency_head)
        done = client.post(page, {"act": "acknowledge_filing", "state": "execution"})
        assert done.status_code == 302
        assert "已备案" in client.get(page).content.decode()


def test_an_unfiled_decision_past_its_period_shows_overdue(client, personas, decided):
    case = decided()
    with time_machine.travel(date(2026, 6, 10), tick=False):
        client.force_login(personas.officer)
        shown = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="filing-overdue"' in shown and "已逾期2天" in shown


def test_the_api_files_and_returns_with_field_errors(api_client, personas, decided):
    case = decided()
    url = f"/api/v1/cases/{case.pk}/act"
    with time_machine.travel(date(2026, 6, 3), tick=False):
        api_client.force_authenticate(personas.officer)
        bare = api_client.post(url, {"action": "file_on_spot"}, format="json")
        assert bare.status_code == 400 and "document" in bare.json()["errors"]
        issue(personas, case)
        filed = api_client.post(url, {"action": "file_on_spot", "note": "报备"}, format="json")
        assert filed.status_code == 200
        api_client.force_authenticate(personas.agency_head)
        blank = api_client.post(url, {"action": "return_filing"}, format="json")
        assert blank.status_code == 400 and "请填写退回意见" in str(blank.json()["errors"])
        back = api_client.post(
            url, {"action": "return_filing", "opinion": "决定书未附"}, format="json"
        )
        assert back.status_code == 200
    assert filing_of(case).filing_opinion == "决定书未附"


def test_the_officer_sees_decisions_to_file_with_days_left(client, personas, decided):
    case = decided()
    with time_machine.travel(date(2026, 6, 4), tick=False):
        client.force_login(personas.officer)
        home = client.get("/").content.decode()
        assert 'data-testid="spot-filing-todo"' in home and "2026年6月8日前报备，剩余4天" in home
        client.force_login(personas.agency_head)
        assert 'data-testid="spot-filing-todo"' not in client.get("/").content.decode()
        issue(personas, case)
        spot_filing.file_on_spot(personas.officer, case)
        client.force_login(personas.officer)
        assert 'data-testid="spot-filing-todo"' not in client.get("/").content.decode()


def test_the_demo_files_through_the_services_once(personas, decided):
    from zhifa.cases import demo_spot_filing

    cases = [decided() for _ in range(5)]
    with time_machine.travel(date(2026, 6, 2), tick=False):
        assert demo_spot_filing.seed() == ["当场处罚决定报备：已备案2件，待确认1件，已退回1件"]
        assert demo_spot_filing.seed() == []
    states = [filing_of(c).filing_status for c in cases]
    assert states == ["acknowledged", "acknowledged", "filed", "returned", ""]


def test_the_heads_buttons_show_only_while_a_filing_waits(client, personas, decided):
    case = decided()
    client.force_login(personas.agency_head)
    with time_machine.travel(date(2026, 6, 2), tick=False):
        assert "act-acknowledge_filing" not in client.get(f"/cases/{case.pk}/").content.decode()
        issue(personas, case)
        spot_filing.file_on_spot(personas.officer, case)
        page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'value="acknowledge_filing"' in page and 'value="return_filing"' in page
