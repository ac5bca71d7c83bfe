"""接收历史案件: a case opened before the platform is taken over with its number, opening day and
state by the information administrator; its decision deadline runs from the real opening, so an
overdue one shows as overdue on the list and on the supervisor's 工作台."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.decisions import DecisionKind
from zhifa.cases.paths import record_penalty
from zhifa.cases.services import takeover
from zhifa.cases.services.procedure import act
from zhifa.testing.factories import MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer, member
from zhifa.testing.ledger import forbidden, recorded, refused

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def old(scjg):
    _, lead = case_handler(scjg)
    return {
        "unit": scjg.units.filter(kind="handling").first(),
        "title": "涉嫌销售不合格产品案",
        "source": "inspection",
        "officers": [lead, eligible_officer(scjg)],
        "parties": [PartyFactory()],
        "matters": [MatterFactory(agency=scjg)],
        "discovered_on": TODAY - timedelta(days=130),
        "violation_began": TODAY - timedelta(days=140),
        "number": "示市监罚〔2026〕9号",
        "opened_on": TODAY - timedelta(days=120),
        "status": "investigation",
        "reason": "原办案系统停用，未结案件移交本平台继续办理",
    }


def test_a_case_taken_over_keeps_its_number_and_opening_and_shows_overdue(
    client, personas, scjg, old
):
    admin = member(scjg, "agency_admin")
    with recorded("cases.case.take_over"):
        case = takeover.take_over_case(admin, scjg, **old)
    assert (case.number, case.opened_on, case.status) == (
        "示市监罚〔2026〕9号",
        TODAY - timedelta(days=120),
        CaseStatus.INVESTIGATION,
    )
    assert list(case.events.values_list("label", flat=True)) == ["接收历史案件"]
    client.force_login(personas.officer)
    assert "已超期" in client.get("/cases/").content.decode()
    client.force_login(personas.city_supervisor)
    assert "1件案件立案已超过九十日尚未作出决定" in client.get("/").content.decode()
    record_penalty(personas.officer, case, DecisionKind.INTENDED)
    act(personas.officer, case, "notify")  # from here on, the table as usual
    assert Case.objects.get(pk=case.pk).status == CaseStatus.PRIOR_NOTICE


def test_take_over_refusals(personas, scjg, old):
    admin = member(scjg, "agency_admin")
    takeover.take_over_case(admin, scjg, **old)
    with refused("已被本执法主体使用", Case, field="number"):
        takeover.take_over_case(admin, scjg, **old)
    again = {**old, "number": "示市监罚〔2026〕10号"}
    with refused("只接收已立案的案件", Case, field="status"):
        takeover.take_over_case(admin, scjg, **{**again, "status": "closed"})
    with refused("立案日期不能晚于今天", Case, field="opened_on"):
        takeover.take_over_case(admin, scjg, **{**again, "opened_on": TODAY + timedelta(days=1)})
    with refused("立案日期不能早于发现日期", Case, field="opened_on"):
        takeover.take_over_case(admin, scjg, **{**again, "opened_on": TODAY - timedelta(days=131)})
    with forbidden(Case, message="信息管理员"):
        takeover.take_over_case(personas.officer, scjg, **again)
