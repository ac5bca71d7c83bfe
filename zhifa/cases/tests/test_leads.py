"""线索: an officer records a lead with its source, unit, officers, parties and matters; every
refusal in Chinese with nothing written; who sees and who acts on a case (scope with the action)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from zhifa.cases.models import APPROVE, REVIEW, Case, CaseOfficer, CaseStatus
from zhifa.cases.services import leads
from zhifa.core.scoping import CHANGE, VIEW
from zhifa.org.models import Agency
from zhifa.testing.factories import CaseFactory, MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer, member
from zhifa.testing.ledger import forbidden, recorded, refused

TODAY = date(2026, 6, 17)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def good(today, scjg):
    _user, lead = case_handler(scjg)
    return {
        "unit": scjg.units.filter(kind="handling").first(),
        "title": "涉嫌经营超过保质期的食品案",
        "source": "complaint",
        "source_reference": "12345-20260610-0001",
        "discovered_on": today - timedelta(days=3),
        "violation_began": today - timedelta(days=10),
        "officers": [lead, eligible_officer(scjg)],
        "parties": [PartyFactory()],
        "matters": [MatterFactory(agency=scjg)],
    }


def test_it_records_a_lead_with_its_officers_parties_and_matters(personas, scjg, good):
    with recorded("cases.case.record"):
        case = leads.record_lead(personas.officer, scjg, **good)
    assert case.status == CaseStatus.LEAD
    assert case.get_status_display() == "线索"
    assert case.number == "" and str(case) == "涉嫌经营超过保质期的食品案（线索）"
    assert case.workflow_version == 1
    assert case.get_source_display() == "投诉举报"
    assert case.get_procedure_display() == "普通程序"
    roles = {o.officer: o.get_role_display() for o in case.officers.all()}
    assert roles == {good["officers"][0]: "主办", good["officers"][1]: "协办"}
    assert [p.party for p in case.parties.all()] == good["parties"]
    assert [m.matter for m in case.matters.all()] == good["matters"]
    assert case.created_by == personas.officer and not case.continuing


def test_a_continuing_violation_keeps_its_end(personas, scjg, good, today):
    case = leads.record_lead(
        personas.officer, scjg, violation_ended=today - timedelta(days=4), **good
    )
    assert case.continuing and case.violation_ended == today - timedelta(days=4)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": " "}, "title", "请填写案由"),
        ({"source": "rumour"}, "source", "请选择案件来源"),
        ({"discovered_on": TODAY + timedelta(days=1)}, "discovered_on", "发现日期不能晚于今天"),
        ({"violation_began": TODAY - timedelta(days=1)}, "violation_began", "不能晚于发现日期"),
        ({"violation_ended": TODAY - timedelta(days=20)}, "violation_ended", "不能早于发生日"),
        ({"officers": []}, "officers", "请选择承办人员"),
        ({"parties": []}, "parties", "请选择当事人"),
        ({"procedure": "secret"}, "procedure", "请选择简易程序或普通程序"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(
    personas, scjg, good, change, field, message
):
    with refused(message, Case, CaseOfficer, field=field):
        leads.record_lead(personas.officer, scjg, **{**good, **change})


def test_officers_units_and_matters_of_another_agency_are_refused(personas, scjg, good):
    other = Agency.objects.get(short_name="市生态环境局")
    stranger = eligible_officer(other)
    with refused("不是本执法主体的执法人员", Case, field="officers"):
        leads.record_lead(personas.officer, scjg, **{**good, "officers": [stranger]})
    with refused("承办机构", Case, field="unit"):
        leads.record_lead(personas.officer, scjg, **{**good, "unit": other.units.first()})
    foreign = MatterFactory(agency=other)
    with refused("不属于本执法主体", Case, field="matters"):
        leads.record_lead(personas.officer, scjg, **{**good, "matters": [foreign]})


def test_only_the_agencys_officers_and_head_record_leads(personas, scjg, good):
    for user in (personas.outsider, personas.legal_reviewer, personas.city_supervisor):
        with forbidden(Case):
            leads.record_lead(user, scjg, **good)
    assert leads.record_lead(personas.agency_head, scjg, **good).status == CaseStatus.LEAD


def test_who_sees_and_who_acts_on_a_case(personas, scjg):
    case = CaseFactory()
    colleague = member(scjg, "officer")
    assert colleague == personas.officer  # the factory's lead officer is the persona officer
    other_officer = eligible_officer(scjg)
    from zhifa.testing.factories import UserFactory

    bystander = UserFactory(role="officer", agency=scjg)

    def can(user, action):
        return Case.objects.restrict(user, action).filter(pk=case.pk).exists()

    for user in (personas.officer, bystander, personas.agency_head, personas.legal_reviewer):
        assert can(user, VIEW)
    assert can(personas.city_supervisor, VIEW)
    for user in (personas.outsider, personas.enterprise, personas.system_admin):
        assert not can(user, VIEW)
    assert can(personas.officer, CHANGE) and can(personas.agency_head, CHANGE)
    assert not can(bystander, CHANGE) and not can(personas.city_supervisor, CHANGE)
    assert can(personas.agency_head, APPROVE) and not can(personas.officer, APPROVE)
    assert can(personas.legal_reviewer, REVIEW) and not can(personas.officer, REVIEW)
    assert other_officer.user is None
    assert CaseOfficer.objects.restrict(personas.outsider).filter(case=case).count() == 0
    assert CaseOfficer.objects.restrict(personas.officer).filter(case=case).count() == 2


def test_the_case_fixture_is_a_lead_handled_by_the_persona_officer(case, personas):
    assert case.status == CaseStatus.LEAD
    assert case.officers.get(role="lead").officer.user == personas.officer
    assert case.parties.count() == 1 and case.matters.count() == 1
