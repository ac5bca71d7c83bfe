"""The draw, step by step: frozen pools with exclusions, the commitment, the revealed seed and the
selection, the inspector pairs — and the public JSON, re-checked by the stand-alone script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from zhifa.catalog.models import ListKind
from zhifa.core import parameters
from zhifa.inspections import draw as d
from zhifa.inspections.filing_rules import YEARLY_CAP
from zhifa.inspections.models import Draw, DrawPool, DrawStatus, ExclusionReason
from zhifa.inspections.services import conflicts, draws
from zhifa.inspections.tests.draw_fixtures import (
    VISIT_DAY,
    enforcing_officer,
    filed_plan,
    inspection_matter,
    make_parties,
    random_list_with,
)
from zhifa.testing.filings import InspectionFactory
from zhifa.testing.ledger import recorded, refused

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "recheck_draw.py"


@pytest.fixture
def city(midyear, personas):
    matter, other = inspection_matter(), inspection_matter()
    random_list_with(matter, other)
    random_list_with(matter, other, kind=ListKind.ENTERPRISE_INSPECTION)
    low = make_parties(100, risk="low", credit="A")
    high = make_parties(10, start=500, risk="high", credit="D")
    make_parties(7, start=900, risk="medium", credit="B")  # no stratum in the plan: not pooled
    return {"matter": matter, "other": other, "low": low, "high": high}


def run(draw: Draw, step: str, actor, **data) -> Draw:
    from zhifa.core import workflow

    workflow.transition(draw, step, actor, **data)
    draw.refresh_from_db()
    return draw


def drawn(personas, plan) -> Draw:
    draw = draws.start_draw(personas.agency_admin, plan)
    run(draw, "announce", personas.agency_admin)
    return run(draw, "draw", personas.agency_head)


def public_json(client, draw: Draw) -> dict:
    response = client.get(f"/api/v1/public/draws/{draw.pk}")
    assert response.status_code == 200, response.content
    return response.json()


def recheck(data: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-I", "-S", str(SCRIPT), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_draw_freezes_pools_commits_reveals_and_selects(city, personas, client, tmp_path):
    plan = filed_plan(personas, [city["matter"]])
    with recorded("inspections.draw.freeze"):
        draw = draws.start_draw(personas.agency_admin, plan)
    pools = {p.key: p for p in draw.pools.all()}
    assert {k: (p.size, p.k) for k, p in pools.items()} == {"low-A": (100, 5), "high-D": (10, 5)}
    assert pools["low-A"].pool_hash == d.pool_hash(p.uscc for p in city["low"])
    assert draw.revealed_seed == "" and len(draw.commitment) == 64
    assert client.get(f"/api/v1/public/draws/{draw.pk}").status_code == 404  # not yet announced

    run(draw, "announce", personas.agency_admin)
    before = public_json(client, draw)
    assert before["seed"] is None and before["commitment"] == draw.commitment
    assert all(s["selection"] == [] for s in before["strata"])
    assert recheck(before, tmp_path).returncode == 2  # nothing to check before the reveal

    with recorded("inspections.draw.draw"):
        run(draw, "draw", personas.agency_head)
    after = public_json(client, draw)
    seed = bytes.fromhex(after["seed"])
    assert d.commitment(seed) == before["commitment"]
    announced = {s["key"]: s["pool_hash"] for s in before["strata"]}
    for stratum in after["strata"]:
        assert stratum["pool_hash"] == announced[stratum["key"]]
        assert stratum["selection"] == d.select(seed, stratum["pool"], stratum["k"])
    assert draw.targets.count() == 10
    result = recheck(after, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("OK")

    stratum = after["strata"][0]
    stratum["selection"][0] = next(c for c in stratum["pool"] if c not in stratum["selection"])
    assert recheck(after, tmp_path).returncode == 1  # a published selection someone altered


def test_it_excludes_recent_inspections_for_the_matter_and_parties_at_their_cap(
    city, personas, sysadmin
):
    team = [enforcing_officer(), enforcing_officer()]
    recent, capped = city["low"][0], city["low"][1]
    InspectionFactory(party=recent, matters=[city["matter"]], officers=team, state="approved")
    InspectionFactory(party=capped, matters=[city["other"]], officers=team, state="approved")
    parameters.set_value(sysadmin, YEARLY_CAP.key, 1)
    draw = draws.start_draw(personas.agency_admin, filed_plan(personas, [city["matter"]]))
    left_out = {e.code: e for e in draw.exclusions.all()}
    assert set(left_out) == {recent.uscc, capped.uscc}
    assert left_out[recent.uscc].reason == ExclusionReason.RECENT
    assert (
        left_out[recent.uscc].detail
        == "180天内已就同一事项检查：示范市市场监督管理局2026-06-18检查"
    )
    assert left_out[capped.uscc].get_reason_display() == "已达年度检查次数上限"
    assert left_out[capped.uscc].detail == "2026年已检查1次，达到上限1次"
    pooled = "\n".join(draw.pools.values_list("codes", flat=True))
    assert recent.uscc not in pooled and capped.uscc not in pooled
    assert draw.pools.get(key="low-A").size == 98


def test_it_refuses_to_draw_a_plan_twice_or_before_it_is_filed(city, personas):
    plan = filed_plan(personas, [city["matter"]])
    draws.start_draw(personas.agency_admin, plan)
    with refused("该计划已抽取，不能再次抽取", Draw, DrawPool):
        draws.start_draw(personas.agency_admin, plan)
    from zhifa.inspections.services import plans
    from zhifa.inspections.tests.draw_fixtures import agency, plan_data

    draft = plans.create_plan(personas.officer, agency(), **plan_data([city["matter"]]))
    with refused("报司法行政部门备案后才能抽取", Draw):
        draws.start_draw(personas.agency_admin, draft)
    with pytest.raises(PermissionDenied):
        draws.start_draw(personas.officer, plan)


def test_inspectors_are_drawn_in_pairs_without_conflicts_or_the_last_team(
    city, personas, client, tmp_path
):
    officers = [enforcing_officer() for _ in range(5)]
    plan = filed_plan(
        personas,
        [city["matter"]],
        strata=[{"risk_class": "high", "credit_grade": "D", "ratio": "20"}],
    )
    draw = drawn(personas, plan)
    targets = list(draw.targets.select_related("party"))
    assert len(targets) == 2
    conflicts.record_conflict(
        personas.agency_admin, officers[0], targets[0].party, "其配偶任该企业股东"
    )
    with refused("检查日期不能早于今天", Draw):
        run(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY.replace(month=5))
    with recorded("inspections.draw.freeze_inspectors"):
        run(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY)
    first_pool = targets[0].inspector_draws.get()
    number = officers[0].certificates.get().number
    assert number not in first_pool.code_list
    assert {"code": number, "reason": "回避：其配偶任该企业股东"} in first_pool.excluded
    run(draw, "assign", personas.agency_admin)
    for target in targets:
        assert target.inspector_draws.get().officers.count() == 2
    assert officers[0] not in targets[0].inspector_draws.get().officers.all()
    data = public_json(client, draw)
    result = recheck(data, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "inspector draw: commitment OK" in result.stdout
    run(draw, "publish", personas.agency_head)
    assert draw.status == DrawStatus.PUBLISHED


def test_the_team_that_last_inspected_the_enterprise_is_left_out(city, personas):
    # The first pair recorded a visit of the enterprise (one of them signed its on-site record).
    officers = [enforcing_officer(user=personas.officer), *(enforcing_officer() for _ in range(3))]
    plan = filed_plan(
        personas,
        [city["matter"]],
        strata=[{"risk_class": "high", "credit_grade": "D", "ratio": "10"}],
    )
    draw = drawn(personas, plan)
    target = draw.targets.select_related("party").get()
    InspectionFactory(
        party=target.party, matters=[city["matter"]], officers=officers[:2], state="recorded"
    )
    run(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY)
    pool = draw.inspector_draws.get(target=target)
    numbers = sorted(o.certificates.get().number for o in officers[:2])
    assert sorted(e["code"] for e in pool.excluded) == numbers
    assert {e["reason"] for e in pool.excluded} == {"上次检查该企业的检查组成员"}
    run(draw, "assign", personas.agency_admin)
    assert set(pool.officers.all()) == set(officers[2:])


def test_it_refuses_inspectors_when_fewer_than_two_may_go(city, personas):
    enforcing_officer()
    plan = filed_plan(
        personas,
        [city["matter"]],
        strata=[{"risk_class": "high", "credit_grade": "D", "ratio": "10"}],
    )
    draw = drawn(personas, plan)
    with refused("可抽取的执法人员不足两名", Draw):
        run(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY)


@pytest.fixture
def sysadmin(personas):
    return personas.system_admin
