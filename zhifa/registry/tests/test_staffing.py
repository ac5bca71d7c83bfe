"""Staffing per agency and year: legal reviewers (≥ 7% of officers, ≥ 1), officers short of the
year's training hours, skills drills held (≥ 1) — and the numbers configurable."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.core import parameters
from zhifa.org.models import Agency, UnitKind
from zhifa.registry import queries
from zhifa.registry.models import OfficerStatus, TrainingKind
from zhifa.registry.services import officers, training
from zhifa.registry.tests.conftest import unit_of
from zhifa.registry.tests.helpers import recorded


def figures(*agencies: Agency, year: int = 2024) -> dict[str, queries.AgencyStaffing]:
    rows = Agency.objects.filter(pk__in=[a.pk for a in agencies])
    return {row.agency.short_name: row for row in queries.staffing(rows, year)}


def train(admin, officer, hours, held_on=date(2024, 6, 1)):
    training.record_training(
        admin, officer, kind=TrainingKind.SKILLS, course="执法技能", held_on=held_on, hours=hours
    )


def reviewer(make_officer, scjg):
    return make_officer(
        unit=unit_of(scjg, UnitKind.LEGAL_REVIEW),
        is_legal_reviewer=True,
        has_legal_qualification=True,
    )


@pytest.mark.parametrize(("n", "required"), [(0, 1), (1, 1), (14, 1), (15, 2), (100, 7), (101, 8)])
def test_it_requires_7_percent_legal_reviewers_and_at_least_one(db, n, required):
    assert queries.reviewers_required(n) == required


def test_it_counts_an_agencys_reviewer_shortfall(admin, scjg, make_officer):
    reviewer(make_officer, scjg)
    for _ in range(14):
        make_officer()
    row = figures(scjg)["市市场监管局"]
    assert (row.officers, row.reviewers, row.reviewers_required) == (15, 1, 2)
    assert row.reviewer_shortfall == 1
    reviewer(make_officer, scjg)
    row = figures(scjg)["市市场监管局"]
    assert (row.officers, row.reviewers, row.reviewer_shortfall) == (16, 2, 0)


def test_it_counts_only_officers_on_duty_in_enforcement_posts(admin, scjg, make_officer):
    make_officer()
    officers.update_officer(admin, make_officer(), status=OfficerStatus.RETIRED)
    officers.update_officer(admin, make_officer(), in_enforcement_post=False)
    row = figures(scjg)["市市场监管局"]
    assert (row.officers, row.short_of_training) == (1, 1)


def test_it_asks_an_agency_without_officers_for_one_reviewer(sthj):
    row = figures(sthj)["市生态环境局"]
    assert (row.officers, row.reviewers_required, row.reviewer_shortfall) == (0, 1, 1)
    assert row.short_of_training == 0


def test_it_counts_officers_short_of_training_per_agency(
    admin, scjg, sthj, sthj_admin, make_officer
):
    full, almost, none = make_officer(), make_officer(), make_officer()
    train(admin, full, 30)
    train(admin, full, 30, held_on=date(2024, 11, 1))
    train(admin, almost, "59.5")
    train(admin, almost, 20, held_on=date(2023, 12, 31))  # another year
    from zhifa.registry.tests.helpers import id_number

    theirs = officers.create_officer(sthj_admin, sthj, name="徐涛", id_number=id_number(500))
    train(sthj_admin, theirs, 60)
    rows = figures(scjg, sthj)
    assert rows["市市场监管局"].short_of_training == 2
    assert rows["市生态环境局"].short_of_training == 0
    assert figures(scjg, year=2023)["市市场监管局"].short_of_training == 3
    assert none.pk  # the third officer, never trained, is one of the two


def test_it_counts_drills_held_in_the_year(admin, scjg, sthj, officer):
    assert figures(scjg)["市市场监管局"].drill_shortfall == 1
    training.record_drill(
        admin, scjg, title="执法文书比武", held_on=date(2024, 9, 9), participants=[officer]
    )
    training.record_drill(
        admin, scjg, title="往年练兵", held_on=date(2023, 9, 9), participants=[officer]
    )
    rows = figures(scjg, sthj)
    assert (rows["市市场监管局"].drills, rows["市市场监管局"].drill_shortfall) == (1, 0)
    assert (rows["市生态环境局"].drills, rows["市生态环境局"].drill_shortfall) == (0, 1)
    training.record_drill(
        admin, scjg, title="案卷评查练兵", held_on=date(2024, 11, 11), participants=[officer]
    )
    assert figures(scjg)["市市场监管局"].drills == 2


def test_it_uses_the_configured_numbers(demo, admin, scjg, make_officer):
    sysadmin = demo["sysadmin"]
    for _ in range(15):
        make_officer()
    train(admin, make_officer(), 40)
    with recorded("core.parameter.set", "core.parameter.set", "core.parameter.set"):
        parameters.set_value(sysadmin, "registry.legal_reviewer_ratio", "0.05")
        parameters.set_value(sysadmin, "registry.drills_per_year", 2)
        parameters.set_value(sysadmin, "registry.training_hours_per_year", 40)
    row = figures(scjg)["市市场监管局"]
    assert (row.officers, row.reviewers_required) == (16, 1)
    assert (row.drills_required, row.drill_shortfall) == (2, 2)
    assert row.short_of_training == 15
    assert queries.reviewers_required(100) == 5
    parameters.set_value(sysadmin, "registry.legal_reviewer_minimum", 3)
    assert queries.reviewers_required(16) == 3
