"""The plans list's Excel export, and the 工作台's random-inspection to-dos of each role."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

from zhifa.catalog.models import ListKind
from zhifa.core import workflow
from zhifa.inspections.services import draw_filings, draws, plans
from zhifa.inspections.tests.draw_fixtures import (
    VISIT_DAY,
    agency,
    enforcing_officer,
    filed_plan,
    inspection_matter,
    make_parties,
    plan_data,
    random_list_with,
)


@pytest.fixture
def listed(midyear, personas):
    matter = inspection_matter()
    random_list_with(matter)
    random_list_with(matter, kind=ListKind.ENTERPRISE_INSPECTION)
    make_parties(10, start=500, risk="high", credit="D")
    return matter


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_export_holds_the_plans_the_list_shows(listed, personas):
    filed_plan(personas, [listed], name="已报备的抽查计划")
    plans.create_plan(personas.officer, agency(), **plan_data([listed], name="草稿计划"))
    officer = signed_in(personas.officer)
    response = officer.get("/inspections/plans/export.xlsx?status=filed")
    assert response.status_code == 200
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert rows[0][:3] == ("计划名称", "检查类型", "牵头部门")
    assert [(r[0], r[7], r[8]) for r in rows[1:]] == [("已报备的抽查计划", "已报备", "未抽取")]
    assert "导出Excel" in officer.get("/inspections/plans/").content.decode()
    outsider = signed_in(personas.outsider)
    rows = openpyxl.load_workbook(
        io.BytesIO(outsider.get("/inspections/plans/export.xlsx").content)
    )
    assert len(list(rows.active.iter_rows())) == 1  # another agency's plans are not its rows


def todos(user) -> str:
    html = signed_in(user).get("/").content.decode()
    start = html.index('data-testid="plan-todos"')
    return html[start : html.index("</div>", start)]


def test_each_role_sees_its_plan_and_draw_to_dos(listed, personas):
    plan = plans.create_plan(personas.officer, agency(), **plan_data([listed], name="三季度抽查"))
    plans.act(personas.officer, plan, "submit")
    assert "1项抽查计划待您审批" in todos(personas.agency_head)
    assert "没有待办" in todos(personas.agency_admin)

    plans.act(personas.agency_head, plan, "approve")
    assert "待报司法行政部门备案" in todos(personas.agency_admin)
    assert "没有待办" in todos(personas.agency_head)

    plans.act(personas.agency_admin, plan, "file")
    assert "1项抽查计划已报备，待审查备案" in todos(personas.city_supervisor)
    assert "三季度抽查" not in todos(personas.district_supervisor)

    plan.refresh_from_db()
    draw = draws.start_draw(personas.agency_admin, plan)
    workflow.transition(draw, "announce", personas.agency_admin)
    assert "待揭示种子" in todos(personas.agency_head)
    workflow.transition(draw, "draw", personas.agency_head)
    assert "待揭示种子" not in todos(personas.agency_head)

    for _ in range(2):
        enforcing_officer()
    workflow.transition(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY)
    workflow.transition(draw, "assign", personas.agency_admin)
    assert "抽中对象待生成检查备案" in todos(personas.officer)
    draw_filings.file_drawn_targets(personas.officer, draw)
    assert "没有待办" in todos(personas.officer)
