"""按抽取结果生成备案: one pre-filing per drawn enterprise, with the drawn pair, the plan's matters
and period; a target the pre-filing refuses is listed with its reason; a second run files nothing
new."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from zhifa.catalog.models import ListKind
from zhifa.core import workflow
from zhifa.inspections.models import Draw, Inspection, InspectionStatus
from zhifa.inspections.services import draw_filings, draws, filings
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

HIGH_D = [{"risk_class": "high", "credit_grade": "D", "ratio": "20"}]


@pytest.fixture
def city(midyear, personas):
    matter = inspection_matter()
    random_list_with(matter)
    random_list_with(matter, kind=ListKind.ENTERPRISE_INSPECTION)
    make_parties(10, start=500, risk="high", credit="D")
    officers = [enforcing_officer() for _ in range(4)]
    return {"matter": matter, "officers": officers}


def step(draw: Draw, action: str, actor, **data) -> Draw:
    workflow.transition(draw, action, actor, **data)
    draw.refresh_from_db()
    return draw


def drawn_with_inspectors(personas, plan) -> Draw:
    draw = draws.start_draw(personas.agency_admin, plan)
    step(draw, "announce", personas.agency_admin)
    step(draw, "draw", personas.agency_head)
    step(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY)
    return step(draw, "assign", personas.agency_admin)


def test_each_target_is_filed_with_its_drawn_pair_and_a_refused_one_is_listed(city, personas):
    plan = filed_plan(personas, [city["matter"]], strata=HIGH_D)
    draw = drawn_with_inspectors(personas, plan)
    first, second = draw.targets.select_related("party").order_by("rank")
    pair = set(first.inspector_draws.get().officers.all())
    team = [o for o in city["officers"] if o not in pair][:2]
    blocking = InspectionFactory(
        party=second.party,
        officers=team,
        matters=[city["matter"]],
        window_start=date(2026, 7, 1),
        window_end=date(2026, 7, 3),
    )

    with recorded(
        "inspections.inspection.file",
        "inspections.inspection.submit",
        "inspections.draw.file_targets",
    ):
        result = draw_filings.file_drawn_targets(personas.officer, draw)

    assert [t.code for t, _ in result.refused] == [second.code]
    assert "同一时段对同一企业不得重复备案" in result.refused[0][1][0]
    (filing,) = result.created
    filing.refresh_from_db()
    assert (filing.party, filing.plan, filing.kind) == (first.party, plan, "routine")
    assert filing.status == InspectionStatus.SUBMITTED
    assert set(filing.officers.all()) == pair
    assert list(filing.matters.all()) == [city["matter"]]
    assert (filing.window_start, filing.window_end) == (plan.period_start, plan.period_end)

    # Once the other filing is withdrawn, a second run files the refused target only …
    filings.withdraw_inspection(personas.officer, blocking, reason="改为双随机抽查")
    again = draw_filings.file_drawn_targets(personas.officer, draw)
    assert [i.party for i in again.created] == [second.party]
    assert [t.code for t in again.already] == [first.code]
    # … and a third creates nothing new.
    before = Inspection.objects.count()
    third = draw_filings.file_drawn_targets(personas.officer, draw)
    assert (third.created, third.refused, len(third.already)) == ([], [], 2)
    assert Inspection.objects.count() == before


def test_a_special_plan_files_special_inspections_from_today(city, personas, midyear):
    plan = filed_plan(
        personas,
        [city["matter"]],
        strata=HIGH_D,
        kind="special",
        period_start=date(2026, 6, 17),
    )
    draw = drawn_with_inspectors(personas, plan)
    result = draw_filings.file_drawn_targets(personas.agency_head, draw)
    assert {i.kind for i in result.created} == {"special"}
    assert {i.window_start for i in result.created} == {midyear}


def test_it_refuses_before_the_inspectors_are_drawn_and_for_other_roles(city, personas):
    plan = filed_plan(personas, [city["matter"]], strata=HIGH_D)
    draw = draws.start_draw(personas.agency_admin, plan)
    step(draw, "announce", personas.agency_admin)
    step(draw, "draw", personas.agency_head)
    with refused("抽取检查人员后才能按抽取结果生成备案", Inspection):
        draw_filings.file_drawn_targets(personas.officer, draw)
    step(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY)
    step(draw, "assign", personas.agency_admin)
    for someone in (personas.legal_reviewer, personas.agency_admin, personas.city_supervisor):
        with pytest.raises(PermissionDenied):
            draw_filings.file_drawn_targets(someone, draw)
    assert not Inspection.objects.exists()


def test_the_draw_page_files_the_targets_and_links_them(city, personas, client):
    plan = filed_plan(personas, [city["matter"]], strata=HIGH_D)
    draw = drawn_with_inspectors(personas, plan)
    url = f"/inspections/draws/{draw.pk}/"
    client.force_login(personas.officer)
    page = client.get(url).content.decode()
    assert "按抽取结果生成备案" in page and "未生成" in page
    response = client.post(f"{url}file-targets/", follow=True)
    text = response.content.decode()
    assert "已生成2份检查备案并提交审批" in text
    for filing in Inspection.objects.filter(plan=plan):
        assert f"/inspections/filings/{filing.pk}/" in text
    assert "按抽取结果生成备案</button>" not in text  # nothing left to file

    client.force_login(personas.outsider)
    assert client.post(f"{url}file-targets/").status_code == 404
    assert Inspection.objects.filter(plan=plan).count() == 2


def test_the_public_draw_shows_each_finished_visit_and_nothing_of_the_others(
    midyear, personas, client
):
    """一公开: after the visits, each target's day and outcome; no officer's name."""
    import time_machine

    from zhifa.inspections.models import OnSiteRecord
    from zhifa.inspections.services import visits

    matter = inspection_matter()
    random_list_with(matter)
    random_list_with(matter, kind=ListKind.ENTERPRISE_INSPECTION)
    make_parties(10, start=500, risk="high", credit="D")
    for user in (personas.officer, personas.legal_reviewer):
        enforcing_officer(user=user, name=user.full_name)
    plan = filed_plan(personas, [matter], strata=HIGH_D)
    draw = drawn_with_inspectors(personas, plan)
    created = draw_filings.file_drawn_targets(personas.officer, draw).created
    for filing in created:
        filings.approve_inspection(personas.agency_head, filing)
    done, pending = sorted(created, key=lambda i: i.party.uscc)
    url = f"/public/inspections/draws/{draw.pk}/"
    assert "检查尚未完成" in client.get(url).content.decode()

    with time_machine.travel(date(2026, 6, 22), tick=False):
        record = workflow.start(
            OnSiteRecord, "open", personas.officer, agency=done, inspection=done
        )
        visits.save_details(personas.officer, record, badges_shown=True, present="王经理")
        workflow.transition(record, "submit", personas.officer, outcome="no_problem")
        # Opened but not submitted: nothing of it is public.
        workflow.start(OnSiteRecord, "open", personas.officer, agency=pending, inspection=pending)

    data = client.get(f"/api/v1/public/draws/{draw.pk}").json()
    by_code = {r["code"]: r for r in data["results"]}
    assert by_code[done.party.uscc] == {
        "code": done.party.uscc,
        "name": done.party.name,
        "done": True,
        "visited_on": "2026-06-22",
        "outcome": "no_problem",
        "outcome_label": "未发现问题",
    }
    assert by_code[pending.party.uscc] == {
        "code": pending.party.uscc,
        "name": pending.party.name,
        "done": False,
        "outcome_label": "检查尚未完成",
    }
    page = client.get(url).content.decode()
    assert "抽查结果（已完成1家，共2家）" in page
    assert "已完成1家，共2家" in client.get("/public/inspections/").content.decode()
    assert "2026-06-22" in page and "未发现问题" in page
    assert personas.officer.full_name not in page and personas.officer.full_name not in str(data)


@pytest.fixture
def joint_city(midyear, personas):
    from zhifa.inspections.tests.draw_fixtures import agency

    scjg, sthj = agency(), agency("市生态环境局")
    ours = inspection_matter(agency=scjg)
    theirs = inspection_matter(agency=sthj)
    for kind in (ListKind.RANDOM_INSPECTION, ListKind.ENTERPRISE_INSPECTION):
        random_list_with(ours, theirs, kind=kind)
    make_parties(10, start=500, risk="high", credit="D")
    return {
        "scjg": scjg,
        "sthj": sthj,
        "matters": [ours, theirs],
        "scjg_officers": [enforcing_officer(scjg) for _ in range(2)],
        "sthj_officers": [enforcing_officer(sthj) for _ in range(3)],
    }


def test_a_joint_plan_draws_a_pair_from_each_agency_and_files_one_joint_visit(
    joint_city, personas, client, tmp_path
):
    from zhifa.inspections.tests.test_draws import recheck

    plan = filed_plan(personas, joint_city["matters"], strata=HIGH_D, agencies=[joint_city["sthj"]])
    draw = drawn_with_inspectors(personas, plan)
    for target in draw.targets.all():
        rows = {row.agency: row for row in target.inspector_draws.all()}
        assert set(rows) == {joint_city["scjg"], joint_city["sthj"]}
        assert set(rows[joint_city["scjg"]].officers.all()) == set(joint_city["scjg_officers"])
        assert set(rows[joint_city["sthj"]].officers.all()) <= set(joint_city["sthj_officers"])
        assert rows[joint_city["sthj"]].officers.count() == 2
    data = client.get(f"/api/v1/public/draws/{draw.pk}").json()
    assert {t["agency"] for t in data["inspector_draw"]["targets"]} == {
        joint_city["scjg"].name,
        joint_city["sthj"].name,
    }
    result = recheck(data, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

    created = draw_filings.file_drawn_targets(personas.officer, draw).created
    assert len(created) == 2
    for filing in created:
        assert set(filing.agencies.all()) == {joint_city["scjg"], joint_city["sthj"]}
        assert set(filing.matters.all()) == set(joint_city["matters"])
        by_agency = dict.fromkeys((joint_city["scjg"], joint_city["sthj"]), 0)
        for officer in filing.officers.all():
            by_agency[officer.agency] += 1
        assert list(by_agency.values()) == [2, 2]


def test_a_joint_plan_needs_two_officers_of_each_agency(joint_city, personas):
    plan = filed_plan(personas, joint_city["matters"], strata=HIGH_D, agencies=[joint_city["sthj"]])
    draw = draws.start_draw(personas.agency_admin, plan)
    step(draw, "announce", personas.agency_admin)
    step(draw, "draw", personas.agency_head)
    from zhifa.inspections.services import conflicts
    from zhifa.testing.factories import admin_of

    keeper = admin_of(joint_city["sthj"])
    target = draw.targets.select_related("party").first()
    for officer in joint_city["sthj_officers"][:2]:
        conflicts.record_conflict(keeper, officer, target.party, "亲属在该企业任职")
    with refused(f"{target.code}（示范市生态环境局）", Draw):
        step(draw, "freeze_inspectors", personas.agency_admin, visit_on=VISIT_DAY)


def test_the_api_files_the_targets_with_the_same_service(city, personas):
    from rest_framework.test import APIClient

    from zhifa.testing.api import login_api

    plan = filed_plan(personas, [city["matter"]], strata=HIGH_D)
    draw = drawn_with_inspectors(personas, plan)
    url = f"/api/v1/draws/{draw.pk}/file-targets"
    assert login_api(APIClient(), personas.legal_reviewer).post(url).status_code == 403
    assert login_api(APIClient(), personas.outsider).post(url).status_code == 404
    api = login_api(APIClient(), personas.officer)
    first = api.post(url)
    assert first.status_code == 200, first.content
    assert len(first.json()["created"]) == 2 and first.json()["refused"] == []
    again = api.post(url).json()
    assert again["created"] == [] and len(again["already"]) == 2
