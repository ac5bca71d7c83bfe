"""The head's approvals (单位负责人待办): what waits for the agency head across the cases, oldest
first with the days waited, built from the workflow tables; filters, pages, Excel, the 工作台."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from zhifa.cases import approvals, approvals_views
from zhifa.cases.tests.test_coercive import requested
from zhifa.core import workflow
from zhifa.org.models import Agency, Role
from zhifa.testing.factories import CaseFactory
from zhifa.testing.filings import head_of, member

URL = "/cases/approvals/"


def test_every_head_only_step_is_a_kind_or_taken_at_the_heads_initiative():
    """A step added to a cases table for the head alone must be placed: on this list, or named as
    one nobody waits for; and every kind is the head's alone in its table."""
    kinds = {(workflow.latest(k.table_model).name, k.action) for k in approvals.KINDS}
    tables = {t.name: t for (label, _), t in workflow._TABLES.items() if label.startswith("cases.")}
    for name, table in tables.items():
        for step in table.steps:
            if step.roles != approvals.HEAD_ONLY or workflow.INITIAL in step.sources:
                continue
            placed = (name, step.action) in kinds or step.action in approvals.INITIATIVE[name]
            assert placed, f"{name}.{step.action}"
    for kind in approvals.KINDS:
        assert workflow.latest(kind.table_model).step(kind.action).roles == approvals.HEAD_ONLY


@pytest.fixture
def waiting(db):
    """On 1 June a case asks to be opened; on 10 June another waits for the decision and a
    seizure is requested on it; on 17 June a case is still investigated (nothing for the head)."""
    with time_machine.travel(date(2026, 6, 1), tick=False):
        opening = CaseFactory(state="opening")
    with time_machine.travel(date(2026, 6, 10), tick=False):
        deciding = CaseFactory(state="deciding")
        measure = requested(deciding)
    with time_machine.travel(date(2026, 6, 17), tick=False):
        CaseFactory(state="investigation")
    return opening, deciding, measure


def test_the_head_sees_what_waits_oldest_first_with_the_days(midyear, waiting, client):
    opening, deciding, measure = waiting
    head = head_of(opening.agency)
    rows = approvals.waiting(head)
    assert [(w.kind.key, w.obj.pk, w.days) for w in rows] == [
        ("open", opening.pk, 16),
        ("decide", deciding.pk, 7),
        ("coercive", measure.pk, 7),
    ]
    client.force_login(head)
    page = client.get(URL)
    assert page.status_code == 200
    text = page.text
    assert text.index("立案审批") < text.index("作出处理决定") < text.index("行政强制措施审批")
    assert "16日" in text and "共3件待审批事项" in text
    assert f'href="/cases/{opening.pk}/"' in text
    assert f'href="/cases/coercive/{measure.pk}/"' in text


def test_acting_takes_the_row_off(midyear, waiting):
    opening, _, _ = waiting
    head = head_of(opening.agency)
    workflow.transition(opening, "open", head)
    assert [w.kind.key for w in approvals.waiting(head)] == ["decide", "coercive"]


def test_filters_pages_and_the_excel_export(midyear, waiting, client, monkeypatch):
    opening, deciding, _ = waiting
    client.force_login(head_of(opening.agency))
    only = client.get(URL, {"kind": "decide"})
    assert "共1件待审批事项" in only.text and "立案审批" not in only.text.split("approval-rows")[1]
    found = client.get(URL, {"q": deciding.title})
    assert "共2件待审批事项" in found.text  # the decision and the seizure on that case
    monkeypatch.setattr(approvals_views, "PER_PAGE", 2)
    second = client.get(URL, {"page": 2})
    assert "第2/2页" in second.text and "行政强制措施审批" in second.text
    sheet = load_workbook(io.BytesIO(client.get(URL + "export.xlsx").content)).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert [v[0] for v in values[-3:]] == ["立案审批", "作出处理决定", "行政强制措施审批"]
    bad = client.get(URL, {"kind": "nonsense"})
    assert bad.status_code == 200 and "没有等待您审批或决定的事项" in bad.text


def test_only_heads_see_it_and_only_their_agencys(midyear, waiting, client):
    opening, _, _ = waiting
    client.force_login(member(opening.agency, Role.OFFICER))
    assert client.get(URL).status_code == 403
    other = Agency.objects.exclude(pk=opening.agency_id).order_by("pk").first()
    assert approvals.waiting(head_of(other)) == []


def test_the_heads_home_counts_them(midyear, waiting, client):
    opening, _, _ = waiting
    client.force_login(head_of(opening.agency))
    home = client.get("/")
    assert "3件事项待您审批或决定" in home.text and "立案审批：" in home.text


def test_a_case_returned_by_the_police_waits_for_the_head(midyear, db, settings, tmp_path):
    from zhifa.cases.services import transfers
    from zhifa.cases.tests.test_transfers import declined

    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory(state="investigation")
    head = head_of(case.agency)
    made = declined(case, head)
    assert [w.kind.key for w in approvals.waiting(head)] == []  # sent, answer not yet known
    transfers.record_outcome(head, made, outcome="declined", outcome_on=midyear, note="无犯罪事实")
    rows = approvals.waiting(head)
    assert [(w.kind.label, w.case.pk, w.days) for w in rows] == [("移送退回后继续办理", case.pk, 0)]
    assert rows[0].url == f"/cases/{case.pk}/"
