"""处罚法 art. 58(1): the grounds for a legal review recorded on the case (major public interest,
major rights after a hearing, complex or several legal relations, another law) make the review
required, beside the major-decision list: no decision without a passed review."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from zhifa.cases.decision_rules import review_grounds
from zhifa.cases.models import Case, CaseEvent, CaseStatus
from zhifa.cases.paths import record_penalty
from zhifa.cases.services import review_grounds as grounds
from zhifa.cases.services.procedure import act
from zhifa.testing.factories import CaseFactory
from zhifa.testing.ledger import last_seq, recorded, refused

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_a_recorded_ground_requires_a_passed_review_before_the_decision(personas):
    case = CaseFactory(state="prior_notice")
    assert review_grounds(case) == []
    with recorded("cases.case.mark_review_grounds"):
        grounds.mark_grounds(
            personas.officer, case, grounds={"complex": "涉及食品安全与广告两个法律关系"}
        )
    case.refresh_from_db()
    assert case.review_grounds == {"complex": "涉及食品安全与广告两个法律关系"}
    assert "第五十八条第一款第三项" in review_grounds(case)[0]
    with refused("须经法制审核", CaseEvent) as caught:
        act(personas.officer, case, "submit_decision")
    assert "涉及多个法律关系" in caught.value.messages[0]
    grounds.mark_grounds(personas.officer, case, grounds={})  # the officers clear it
    act(personas.officer, case, "submit_decision")
    record_penalty(personas.officer, case)
    act(personas.agency_head, case, "decide")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DECIDED


def test_the_head_may_not_decide_past_a_ground_marked_while_deciding(personas):
    case = CaseFactory(state="deciding")
    record_penalty(personas.officer, case)
    grounds.mark_grounds(personas.agency_head, case, grounds={"public_interest": "涉及全市学校"})
    with refused("尚未提请法制审核", CaseEvent) as caught:
        act(personas.agency_head, case, "decide")
    assert "涉及重大公共利益" in caught.value.messages[0]


def test_each_ticked_ground_needs_its_reason_and_nothing_is_written(personas):
    case = CaseFactory(state="investigation")
    with refused("请写明“法律、法规规定应当进行法制审核的其他情形”的具体情况", CaseEvent):
        grounds.mark_grounds(personas.officer, case, grounds={"other_law": "  "})
    with refused("没有“moon”这一法制审核情形", CaseEvent, field="grounds"):
        grounds.mark_grounds(personas.officer, case, grounds={"moon": "x"})
    assert Case.objects.get(pk=case.pk).review_grounds == {}


def test_after_the_decision_the_grounds_are_closed(personas):
    case = CaseFactory(state="decided")
    with refused("当前状态为已作出决定", CaseEvent):
        grounds.mark_grounds(personas.officer, case, grounds={"complex": "复杂"})


def test_the_page_ticks_a_ground_and_shows_it_on_the_case(client, personas):
    case = CaseFactory(state="investigation")
    url = f"/cases/{case.pk}/legal-review/grounds"
    client.force_login(personas.officer)
    page = client.get(url).content.decode()
    assert "涉及重大公共利益（第五十八条第一款第一项）" in page
    seq = last_seq()
    missing = client.post(url, {"on_public_interest": "on", "reason_public_interest": ""})
    assert missing.status_code == 400 and "请写明“涉及重大公共利益”的具体情况" in (
        missing.content.decode()
    )
    assert last_seq() == seq
    saved = client.post(url, {"on_public_interest": "on", "reason_public_interest": "涉及全市供水"})
    assert saved.status_code == 302
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "本案须经法制审核：涉及重大公共利益：涉及全市供水" in detail
    client.force_login(personas.city_supervisor)
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403


def test_the_api_marks_grounds_and_answers_400_in_chinese(api_client, personas):
    case = CaseFactory(state="investigation")
    api_client.force_authenticate(personas.officer)
    url = f"/api/v1/cases/{case.pk}/act"
    bad = api_client.post(
        url, {"action": "mark_review_grounds", "grounds": {"complex": ""}}, format="json"
    )
    assert bad.status_code == 400 and "具体情况" in str(bad.json())
    body = {"action": "mark_review_grounds", "grounds": {"major_rights": "吊销许可证，已听证"}}
    done = api_client.post(url, body, format="json")
    assert done.status_code == 200
    assert done.json()["review_grounds"] == {"major_rights": "吊销许可证，已听证"}
