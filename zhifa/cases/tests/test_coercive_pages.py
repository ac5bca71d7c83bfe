"""Coercive measures in the pages and the API: the case page's panel with days left and the allowed
actions, the forms, the API's 400s with field errors, the head's and the supervisor's to-dos."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from zhifa.cases.coercive_views import home_summary
from zhifa.cases.deadline_panel import case_deadlines
from zhifa.cases.models import CoerciveMeasure, CoerciveStatus
from zhifa.cases.services import coercive
from zhifa.cases.services import coercive_changes as changes
from zhifa.cases.tests.review_fixtures import handler, head
from zhifa.org.models import Role, User
from zhifa.testing.api import login_api
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.factories import CaseFactory

ITEMS = [{"name": "过期饼干", "quantity": "20箱", "place": "仓库A", "note": ""}]


@pytest.fixture
def opened(midyear, db):
    return CaseFactory(state="investigation")


def officer_ids(case):
    return list(case.officers.values_list("officer_id", flat=True))


def body(case, **changes):
    return {
        "case": case.pk,
        "kind": "seize",
        "place": "某超市仓库",
        "reason": "涉嫌经营超过保质期的食品",
        "officers": officer_ids(case),
        "items": ITEMS,
        **changes,
    }


def test_the_api_runs_a_measure_and_answers_400_with_field_errors(opened, api_client):
    login_api(api_client, handler(opened))
    made = api_client.post("/api/v1/coercive-measures", body(opened), format="json")
    assert made.status_code == 201, made.json()
    data = made.json()
    assert data["status"] == "requested" and data["items"][0]["name"] == "过期饼干"
    bad = api_client.post(
        "/api/v1/coercive-measures", body(opened, items=[], place=""), format="json"
    )
    assert bad.status_code == 400 and {"items", "place"} == set(bad.json()["errors"])
    alone = body(opened, officers=officer_ids(opened)[:1])
    bad = api_client.post("/api/v1/coercive-measures", alone, format="json")
    assert bad.status_code == 400 and "第十八条" in bad.json()["errors"]["officers"][0]
    assert CoerciveMeasure.objects.count() == 1
    pk = data["id"]
    refused = api_client.post(f"/api/v1/coercive-measures/{pk}/approve", {}, format="json")
    assert refused.status_code == 403
    login_api(api_client, head(opened))
    assert api_client.post(f"/api/v1/coercive-measures/{pk}/approve", {}).status_code == 200
    login_api(api_client, handler(opened))
    done = api_client.post(f"/api/v1/coercive-measures/{pk}/carry-out", {}, format="json")
    assert done.json()["last_day"] == {
        "due": "2026-07-17",
        "days_left": 30,
        "overdue": False,
        "overdue_days": 0,
    }
    login_api(api_client, head(opened))
    too_long = api_client.post(
        f"/api/v1/coercive-measures/{pk}/extend", {"days": 31, "reason": ""}, format="json"
    )
    assert too_long.status_code == 400
    assert set(too_long.json()["errors"]) == {"days"}  # the guards speak before the service
    assert CoerciveMeasure.objects.get(pk=pk).status == CoerciveStatus.IN_FORCE


def test_the_api_records_an_emergency_measure(opened, api_client):
    login_api(api_client, handler(opened))
    made = api_client.post(
        "/api/v1/coercive-measures",
        body(opened, emergency=True, carried_out_at="2026-06-17T08:00:00+08:00"),
        format="json",
    )
    assert made.status_code == 201 and made.json()["status"] == "emergency"
    assert [a["action"] for a in made.json()["actions"]] == [
        "report",
        "record_appraisal",
        "propose_lift",
    ]


def test_the_case_page_shows_the_measures_with_days_left_and_actions(opened, client):
    measure = coercive.request_measure(
        handler(opened),
        opened,
        kind="seal",
        place="某作坊",
        reason="涉嫌生产假冒食品",
        officers=[o.officer for o in opened.officers.all()],
        items=ITEMS,
    )
    client.force_login(head(opened))
    page = client.get(f"/cases/{opened.pk}/").content.decode()
    assert "行政强制措施" in page and "待负责人审批" in page and "#act-approve" in page
    coercive.approve(head(opened), measure)
    coercive.carry_out(handler(opened), measure)
    with time_machine.travel(datetime(2026, 7, 20, 10, 0, tzinfo=SHANGHAI), tick=False):
        client.force_login(head(opened))  # a month later: a new session
        page = client.get(f"/cases/{opened.pk}/").content.decode()
        assert "已逾期3日，应当解除" in page
        rows, _ = case_deadlines(opened)
        row = next(r for r in rows if r["label"] == "查封期限（某作坊）")
        assert row["overdue"] and row["overdue_days"] == 3
        detail = client.get(f"/cases/coercive/{measure.pk}/").content.decode()
        assert "过期饼干" in detail and "act-lift" in detail and "act-extend" in detail
        assert "届满，不能再延长" in detail  # the extension offered is blocked, with its rule


def test_the_page_forms_request_and_act(opened, client):
    client.force_login(handler(opened))
    form = client.get(f"/cases/{opened.pk}/coercive/new")
    assert form.status_code == 200
    data = {
        "kind": "seize",
        "place": "某超市仓库",
        "reason": "涉嫌经营超过保质期的食品",
        "officers": [str(i) for i in officer_ids(opened)],
        "items": "过期饼干|20箱|仓库A\n冷藏柜｜1台",
    }
    bad = client.post(f"/cases/{opened.pk}/coercive/new", {**data, "items": ""})
    assert bad.status_code == 400 and "清单" in bad.content.decode()
    made = client.post(f"/cases/{opened.pk}/coercive/new", data)
    assert made.status_code == 302
    measure = CoerciveMeasure.objects.get(case=opened)
    assert [i.quantity for i in measure.items.all()] == ["20箱", "1台"]
    assert client.post(f"/cases/coercive/{measure.pk}/approve", {}).status_code == 403
    client.force_login(head(opened))
    refused = client.post(f"/cases/coercive/{measure.pk}/refuse", {"opinion": ""})
    assert refused.status_code == 400 and "不予批准的理由" in refused.content.decode()
    assert client.post(f"/cases/coercive/{measure.pk}/approve", {}).status_code == 302
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.APPROVED


def test_the_head_and_the_supervisor_see_their_to_dos(opened):
    measure = coercive.carry_out_on_spot(
        handler(opened),
        opened,
        kind="seal",
        place="某作坊",
        reason="情况紧急",
        officers=[o.officer for o in opened.officers.all()],
        items=ITEMS,
        carried_out_at=datetime(2026, 6, 17, 8, 0, tzinfo=SHANGHAI),
    )
    with time_machine.travel(datetime(2026, 6, 18, 9, 0, tzinfo=SHANGHAI), tick=False):
        coercive.report(handler(opened), measure, report="补报")
    assert home_summary(head(opened), Role.AGENCY_HEAD) == {
        "to_approve": 0,
        "reported": 1,
        "lift_proposed": 0,
    }
    supervisor = User.objects.get(username="sfj_chen")
    assert home_summary(supervisor, Role.SUPERVISOR) == {"late": 1, "overdue": 0}


def test_the_supervisor_is_signalled_a_late_report_and_a_measure_past_its_last_day(opened, client):
    officers = [o.officer for o in opened.officers.all()]
    common = {"reason": "情况紧急", "officers": officers, "items": ITEMS}
    unreported = coercive.carry_out_on_spot(
        handler(opened),
        opened,
        kind="seal",
        place="某作坊",
        carried_out_at=datetime(2026, 6, 17, 8, 0, tzinfo=SHANGHAI),
        **common,
    )
    seized = coercive.request_measure(handler(opened), opened, kind="seize", place="仓库", **common)
    coercive.approve(head(opened), seized)
    coercive.carry_out(handler(opened), seized)  # 17 June 2026: ends 17 July
    supervisor = User.objects.get(username="sfj_chen")
    assert home_summary(supervisor, Role.SUPERVISOR) == {"late": 0, "overdue": 0}
    client.force_login(supervisor)
    listed = client.get("/cases/coercive/?flagged=true").content.decode()
    assert f"/cases/coercive/{seized.pk}/" not in listed
    with time_machine.travel(datetime(2026, 7, 18, 9, 0, tzinfo=SHANGHAI), tick=False):
        # both ran past 17 July; the emergency one is, besides, unreported after a month
        assert home_summary(supervisor, Role.SUPERVISOR) == {"late": 1, "overdue": 2}
        client.force_login(supervisor)
        assert "2项措施期限届满仍未解除" in client.get("/").content.decode()
        listed = client.get("/cases/coercive/?flagged=true").content.decode()
        assert f"/cases/coercive/{seized.pk}/" in listed
        assert f"/cases/coercive/{unreported.pk}/" in listed
        page = client.get(f"/cases/coercive/{seized.pk}/").content.decode()
        assert "监督提示：期限已届满1日仍未解除" in page
        page = client.get(f"/cases/coercive/{unreported.pk}/").content.decode()
        assert "监督提示：当场实施后24小时内未向负责人报告" in page
        changes.propose_lift(handler(opened), seized, reason="expired")
        changes.lift(head(opened), seized)
        assert home_summary(supervisor, Role.SUPERVISOR) == {"late": 1, "overdue": 1}


def test_the_pages_record_an_appraisal_and_lift_on_the_heads_decision(opened, client):
    measure = coercive.request_measure(
        handler(opened),
        opened,
        kind="seize",
        place="某超市仓库",
        reason="涉嫌经营超过保质期的食品",
        officers=[o.officer for o in opened.officers.all()],
        items=ITEMS,
    )
    client.force_login(handler(opened))
    detail = client.get(f"/cases/coercive/{measure.pk}/").content.decode()
    assert "更正清单" in detail and "过期饼干|20箱|仓库A" in detail
    fixed = client.post(f"/cases/coercive/{measure.pk}/correct_items", {"items": "过期饼干|18箱"})
    assert fixed.status_code == 302 and measure.items.get().quantity == "18箱"
    coercive.approve(head(opened), measure)
    coercive.carry_out(handler(opened), measure)
    period = {"kind": "testing", "starts_on": "2026-06-18", "ends_on": "2026-06-27"}
    bad = client.post(f"/cases/coercive/{measure.pk}/record_appraisal", period)
    assert bad.status_code == 400 and "书面告知当事人" in bad.content.decode()
    done = client.post(
        f"/cases/coercive/{measure.pk}/record_appraisal", {**period, "notified_on": "2026-06-17"}
    )
    assert done.status_code == 302
    detail = client.get(f"/cases/coercive/{measure.pk}/").content.decode()
    assert "检测 2026-06-18至2026-06-27（10日" in detail and "2026-07-27" in detail
    assert client.post(f"/cases/coercive/{measure.pk}/lift", {}).status_code == 403
    proposed = client.post(f"/cases/coercive/{measure.pk}/propose_lift", {"reason": "decided"})
    assert proposed.status_code == 302
    assert home_summary(head(opened), Role.AGENCY_HEAD)["lift_proposed"] == 1
    client.force_login(head(opened))
    assert "待负责人决定" in client.get(f"/cases/coercive/{measure.pk}/").content.decode()
    lifted = client.post(f"/cases/coercive/{measure.pk}/lift", {"items_returned": "on"})
    assert lifted.status_code == 302
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.LIFTED and measure.lift_reason == "decided"


def test_the_officer_is_reminded_to_report_an_emergency_measure(opened, client):
    measure = coercive.carry_out_on_spot(
        handler(opened),
        opened,
        kind="seal",
        place="某作坊",
        reason="情况紧急",
        officers=[o.officer for o in opened.officers.all()],
        items=ITEMS,
        carried_out_at=datetime(2026, 6, 17, 8, 0, tzinfo=SHANGHAI),
    )
    client.force_login(handler(opened))
    page = client.get("/").content.decode()
    assert 'data-testid="coercive-officer"' in page and "请于2026-06-18 08:00前报告" in page
    with time_machine.travel(datetime(2026, 6, 18, 9, 0, tzinfo=SHANGHAI), tick=False):
        client.force_login(handler(opened))
        assert "已超过报告时限" in client.get("/").content.decode()
        coercive.report(handler(opened), measure, report="补报")
        assert 'data-testid="coercive-officer"' not in client.get("/").content.decode()
    client.force_login(head(opened))  # the head did not carry it out: no reminder
    assert 'data-testid="coercive-officer"' not in client.get("/").content.decode()


def test_the_decision_with_its_list_and_the_extension_are_documents(opened, settings, tmp_path):
    from zhifa.cases.services import documents
    from zhifa.core import filestore
    from zhifa.testing.documents import docx_text

    settings.MEDIA_ROOT = tmp_path
    measure = coercive.request_measure(
        handler(opened),
        opened,
        kind="seize",
        place="某超市仓库",
        reason="涉嫌经营超过保质期的食品",
        officers=[o.officer for o in opened.officers.all()],
        items=ITEMS,
    )
    with pytest.raises(ValidationError):  # not approved yet: no decision to print
        documents.generate(handler(opened), opened, "coercive_decision", {"measure": measure.pk})
    coercive.approve(head(opened), measure)
    coercive.carry_out(handler(opened), measure)
    issued = documents.generate(
        handler(opened), opened, "coercive_decision", {"measure": measure.pk}
    )
    with filestore.open_verified(issued.file) as stored:
        text = docx_text(stored.read())
    assert "扣押决定书" in text and "过期饼干" in text and "20箱" in text
    assert "2026年7月17日" in text and "行政复议" in text
    coercive.extend(head(opened), measure, days=20, reason="需要检验")
    issued = documents.generate(
        handler(opened), opened, "coercive_extension", {"measure": measure.pk}
    )
    with filestore.open_verified(issued.file) as stored:
        text = docx_text(stored.read())
    assert "延长扣押期限决定书" in text and "需要检验" in text and "20日" in text
