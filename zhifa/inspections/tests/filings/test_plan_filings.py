"""A visit to an enterprise the random draw selected is filed for its plan (双随机): only for a
filed plan, by an agency taking part, within its period, for a drawn enterprise and its matters."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.catalog.models import ListKind
from zhifa.inspections.models import Inspection, InspectionStatus
from zhifa.inspections.services import draws, filings
from zhifa.inspections.tests.draw_fixtures import (
    filed_plan,
    inspection_matter,
    make_parties,
    random_list_with,
)
from zhifa.testing.filings import eligible_officers
from zhifa.testing.ledger import refused


@pytest.fixture
def drawn(personas, scjg):
    from zhifa.core import workflow

    matter = inspection_matter()
    random_list_with(matter)
    random_list_with(matter, kind=ListKind.ENTERPRISE_INSPECTION)
    parties = make_parties(40, start=7000, risk="high", credit="D")
    plan = filed_plan(personas, [matter])
    draw = draws.start_draw(personas.agency_admin, plan)
    workflow.transition(draw, "announce", personas.agency_admin)
    workflow.transition(draw, "draw", personas.agency_head)
    chosen = {t.party_id for t in draw.targets.all()}
    target = next(p for p in parties if p.pk in chosen)
    other = next(p for p in parties if p.pk not in chosen)
    officers = eligible_officers(scjg)
    return {"plan": plan, "matter": matter, "target": target, "other": other, "officers": officers}


def file(personas, scjg, drawn, **changes):
    data = {
        "party": drawn["target"],
        "kind": "routine",
        "window_start": date(2026, 6, 22),
        "window_end": date(2026, 6, 23),
        "officers": drawn["officers"],
        "matters": [drawn["matter"]],
        "basis": "双随机抽查",
        "plan": drawn["plan"],
    }
    data.update(changes)
    return filings.file_inspection(personas.officer, scjg, **data)


def test_a_drawn_enterprise_is_filed_for_its_plan(personas, scjg, drawn):
    inspection = file(personas, scjg, drawn)
    assert (inspection.plan, inspection.status) == (drawn["plan"], InspectionStatus.SUBMITTED)


def test_an_enterprise_the_draw_did_not_select_is_refused(personas, scjg, drawn):
    with refused("该企业不在抽查计划", Inspection, field="plan"):
        file(personas, scjg, drawn, party=drawn["other"])


def test_a_window_outside_the_plans_period_is_refused(personas, scjg, drawn):
    with refused("检查时段须在抽查计划的检查期间内", Inspection, field="plan"):
        file(personas, scjg, drawn, window_start=date(2026, 10, 8), window_end=date(2026, 10, 9))


def test_another_agency_cannot_file_for_the_plan(personas, sthj, sthj_side, drawn):
    data = {"officers": sthj_side["officers"], "matters": sthj_side["matters"]}
    with refused("不是抽查计划", Inspection, field="plan"):
        filings.file_inspection(
            sthj_side["filer"],
            sthj,
            party=drawn["target"],
            kind="routine",
            window_start=date(2026, 6, 22),
            window_end=date(2026, 6, 23),
            basis="双随机抽查",
            plan=drawn["plan"],
            **data,
        )
