"""The demo city's plans and draws: one plan in each state of its table, one draw in each state
of its own, made through the services (so the ledger guard watches them), and re-checkable."""

from __future__ import annotations

from zhifa.inspections import demo
from zhifa.inspections.models import Draw, DrawStatus, InspectionPlan, PlanStatus
from zhifa.inspections.services.draws import public_data


def test_the_demo_has_plans_and_draws_in_every_state(midyear, personas):
    from zhifa.catalog import demo as catalog_city
    from zhifa.registry import demo as registry_city

    registry_city.seed()
    catalog_city.seed()
    lines = demo.seed()
    assert lines[0].startswith("双随机抽查：11个抽查计划，6次抽取"), lines
    assert set(InspectionPlan.objects.values_list("status", flat=True)) == set(PlanStatus.values)
    assert set(Draw.objects.values_list("status", flat=True)) == set(DrawStatus.values)
    published = Draw.objects.get(status=DrawStatus.PUBLISHED)
    data = public_data(published)
    assert data["seed"] and sum(len(s["selection"]) for s in data["strata"]) > 0
    assert all(len(t["selection"]) == 2 for t in data["inspector_draw"]["targets"])
    assert demo.seed() == []  # idempotent
