"""重大行政处罚决定备案: which decisions are filed (suspension, revocation, a fine at the hearing
threshold), the 10 working days across a holiday, a year without holiday data, the late flag, the
justice bureau's review (only the bureau, a district's supervisor only its district), the
agency's response; the queue page, the case panel and the API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework.test import APIClient

from zhifa.cases.models import CaseStatus, Decision, FilingStatus, MajorDecisionFiling
from zhifa.cases.services import filings
from zhifa.cases.services.procedure import act
from zhifa.core import parameters, workflow
from zhifa.testing.api import login_api
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.factories import CaseFactory
from zhifa.testing.filings import head_of
from zhifa.testing.ledger import forbidden, recorded, refused
from zhifa.testing.ledger_guard import writes_around_services

#: A Monday before the National Day holiday (1–7 October 2026, 10 October a working Saturday).
BEFORE_HOLIDAY = datetime(2026, 9, 28, 10, 0, tzinfo=SHANGHAI)


def moment(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


def penalised(case, *measures: str, fine: str | None = None) -> None:
    """The case's decided penalty (the discretion's own tests record it through its service)."""
    with writes_around_services("the decision's discretion is tested in test_decisions"):
        Decision.objects.create(
            case=case,
            kind="final",
            measures=list(measures),
            fine=Decimal(fine) if fine else None,
            explanation="依据裁量基准",
            recorded_by=case.officers.get(role="lead").officer.user,
            recorded_on=case.discovered_on,
        )


def decided(*measures: str, fine: str | None = None):
    """A case of 市市场监管局 decided today by the head with ``measures``."""
    case = CaseFactory(state="deciding")
    penalised(case, *measures, fine=fine)
    head = head_of(case.agency)
    if "suspend_business" in measures or "revoke_licence" in measures:
        act(head, case, "submit_discussion")
        act(head, case, "conclude_discussion", opinion="经集体讨论，同意")
    act(head, case, "decide")
    case.refresh_from_db()
    return case


@pytest.fixture
def before_holiday(db):
    with time_machine.travel(BEFORE_HOLIDAY, tick=False):
        yield BEFORE_HOLIDAY.date()


def test_a_fine_at_the_hearing_threshold_is_filed_within_10_working_days_across_the_holiday(
    before_holiday,
):
    case = CaseFactory(state="deciding")
    penalised(case, "fine", fine="100000")
    with recorded("cases.filing.open", "cases.case.decide"):
        act(head_of(case.agency), case, "decide")
    filing = case.filing
    assert filing.status == FilingStatus.DUE
    assert filing.grounds == ["罚款100,000.00元（达到较大数额100,000元）"]
    # 10 working days from Monday 28 September, the National Day holiday not counted: not 12
    # October (counted Monday to Friday) but 16 October.
    assert filing.decided_on == date(2026, 9, 28) and filing.due_on == date(2026, 10, 16)


def test_suspension_and_revocation_are_filed_and_a_small_fine_is_not(before_holiday):
    assert decided("fine", fine="99999.99").decided_on == before_holiday
    assert not MajorDecisionFiling.objects.exists()
    assert decided("warning", "suspend_business").filing.grounds == ["责令停产停业"]
    assert decided("revoke_licence").filing.grounds == ["吊销许可证件"]


def test_the_threshold_and_the_days_are_the_platforms_parameters(before_holiday, personas):
    parameters.set_value(personas["sysadmin"], "cases.hearing.fine_organisation", "50000")
    parameters.set_value(personas["sysadmin"], "cases.filing.working_days", "15")
    filing = decided("fine", fine="50000").filing
    assert filing.due_on == date(2026, 10, 23)


def test_a_period_reaching_a_year_without_holiday_data_shows_the_message(personas):
    with time_machine.travel(moment(date(2026, 12, 24)), tick=False):
        filing = decided("revoke_licence").filing
        assert filing.due_on is None and "2027" in filing.due_problem
        lead = filing.case.officers.get(role="lead").officer.user
        done = filings.file_filing(
            lead, filing, document="示市监罚决〔2026〕1号", explanation="见决定书"
        )
        assert done.status == FilingStatus.FILED and not done.late


def test_late_filing_is_possible_but_flagged_with_its_reason(before_holiday):
    filing = decided("fine", fine="200000").filing
    lead = filing.case.officers.get(role="lead").officer.user
    with time_machine.travel(moment(date(2026, 10, 19)), tick=False):
        with refused("已超过备案期限（2026年10月16日），请说明逾期报备的原因", MajorDecisionFiling):
            filings.file_filing(
                lead, filing, document="示市监罚决〔2026〕2号", explanation="见决定书"
            )
        done = filings.file_filing(
            lead,
            filing,
            document="示市监罚决〔2026〕2号",
            explanation="见决定书",
            late_reason="漏报",
        )
    assert (done.late, done.late_reason, done.filed_on) == (True, "漏报", date(2026, 10, 19))


def test_filed_on_its_last_day_is_not_late(before_holiday):
    filing = decided("fine", fine="200000").filing
    head = head_of(filing.case.agency)
    with time_machine.travel(moment(date(2026, 10, 16), 23), tick=False):
        done = filings.file_filing(
            head, filing, document="示市监罚决〔2026〕3号", explanation="说明"
        )
    assert done.status == FilingStatus.FILED and not done.late


def test_only_the_justice_bureau_reviews_and_the_agency_answers(before_holiday, personas):
    filing = decided("revoke_licence").filing
    head = head_of(filing.case.agency)
    filings.file_filing(head, filing, document="示市监罚决〔2026〕4号", explanation="说明")
    with forbidden(MajorDecisionFiling, message="司法行政部门"):
        filings.accept(head, filing)
    bureau = personas["sfj_chen"]
    with forbidden(MajorDecisionFiling):
        filings.respond(bureau, filing, response="x")
    filings.accept(bureau, filing)
    with refused("请填写纠正意见", MajorDecisionFiling, field="opinion"):
        filings.correct(bureau, filing, opinion=" ")
    filings.correct(bureau, filing, opinion="罚款数额与裁量基准不符，请复核")
    with forbidden(MajorDecisionFiling):
        filings.respond(personas["sysadmin"], filing, response="x")
    done = filings.respond(head, filing, response="已复核，维持原决定并补充说明")
    assert done.status == FilingStatus.RESPONDED and done.reviewed_by == bureau


def test_a_district_supervisor_sees_only_its_district(before_holiday, personas):
    filing = decided("revoke_licence").filing
    district = personas["dc_sfj_liu"]
    assert not MajorDecisionFiling.objects.restrict(district).filter(pk=filing.pk).exists()
    assert MajorDecisionFiling.objects.restrict(personas["sfj_chen"]).filter(pk=filing.pk).exists()
    with pytest.raises(Http404):
        workflow.transition_visible(
            MajorDecisionFiling.objects.restrict(district), filing.pk, "accept", district
        )
    with pytest.raises(PermissionDenied):
        filings.accept(district, filing)  # even a direct call


def test_the_queue_the_panel_and_the_to_dos(before_holiday, personas, client):
    filing = decided("revoke_licence").filing
    head = head_of(filing.case.agency)
    client.force_login(head)
    assert "1件重大行政处罚决定待报司法局备案" in client.get("/").content.decode()
    page = client.get(f"/cases/{filing.case_id}/").content.decode()
    assert "重大行政处罚决定备案（吊销许可证件）" in page and "2026-10-16" in page
    response = client.post(f"/cases/filings/{filing.pk}/file", {"document": "", "explanation": ""})
    assert response.status_code == 400 and "请填写处罚决定书文号" in response.content.decode()
    response = client.post(
        f"/cases/filings/{filing.pk}/file",
        {"document": "示市监罚决〔2026〕5号", "explanation": "说明"},
    )
    assert response.status_code == 302
    client.force_login(personas["sfj_chen"])
    assert "1件重大行政处罚决定备案待受理或审查" in client.get("/").content.decode()
    rows = client.get("/cases/filings/?waiting=true").content.decode()
    assert str(filing.case) in rows
    assert client.post(f"/cases/filings/{filing.pk}/accept").status_code == 302
    export = client.get("/cases/filings/export.xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd")
    client.force_login(personas["dc_sfj_liu"])
    assert client.get(f"/cases/filings/{filing.pk}/").status_code == 404
    assert str(filing.case) not in client.get("/cases/filings/").content.decode()


def test_the_api_files_and_reviews_with_chinese_field_errors(before_holiday, personas):
    filing = decided("revoke_licence").filing
    api = login_api(APIClient(), head_of(filing.case.agency))
    url = f"/api/v1/major-filings/{filing.pk}"
    response = api.post(f"{url}/file", {"document": "", "explanation": ""}, format="json")
    assert response.status_code == 400 and "请填写备案说明" in str(response.json())
    response = api.post(
        f"{url}/file", {"document": "决〔2026〕6号", "explanation": "说明"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "filed"
    assert api.post(f"{url}/accept", {}, format="json").status_code == 403
    bureau = login_api(APIClient(), personas["sfj_chen"])
    assert bureau.post(f"{url}/accept", {}, format="json").json()["status"] == "accepted"
    done = bureau.post(f"{url}/clear", {"opinion": ""}, format="json").json()
    assert done["status"] == "cleared" and done["status_label"] == "审查无异议"
    assert login_api(APIClient(), personas["dc_sfj_liu"]).get(url).status_code == 404
    assert bureau.get(url).status_code == 200


def test_a_no_penalty_decision_is_never_filed(before_holiday):
    case = CaseFactory(state="deciding")
    act(head_of(case.agency), case, "decide_no_penalty", reason="首违不罚（第三十三条第一款）")
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and not MajorDecisionFiling.objects.exists()


def test_the_queue_shows_a_filing_without_due_date_first_on_every_database(personas, client):
    with time_machine.travel(moment(date(2026, 9, 28)), tick=False):
        dated = decided("revoke_licence").filing
    with time_machine.travel(moment(date(2026, 12, 24)), tick=False):
        undated = decided("revoke_licence").filing
        assert dated.due_on == date(2026, 10, 16) and undated.due_on is None
        client.force_login(personas["sfj_chen"])
        for sort in ("", "?sort=due_on"):
            rows = client.get(f"/cases/filings/{sort}").content.decode()
            assert rows.index(str(undated.case)) < rows.index(str(dated.case)), sort
        rows = client.get("/cases/filings/?sort=-due_on").content.decode()
        assert rows.index(str(dated.case)) < rows.index(str(undated.case))
