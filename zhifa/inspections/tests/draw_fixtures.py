"""Test data for plans and draws: a random-inspection list, parties by stratum, officers who may
enforce, and a plan carried to the justice bureau."""

from __future__ import annotations

from datetime import date
from typing import Any

from zhifa.catalog.models import ListKind, ListVersion
from zhifa.catalog.services import lists
from zhifa.core import workflow
from zhifa.inspections.models import InspectionPlan
from zhifa.inspections.services import plans
from zhifa.org.models import Agency, Region
from zhifa.parties.models import Party, PartyKind
from zhifa.registry.models import TrainingKind
from zhifa.registry.services import certificates, training
from zhifa.testing.factories import (
    CertificateFactory,
    MatterFactory,
    OfficerFactory,
    admin_of,
    party_uscc,
)
from zhifa.testing.ledger_guard import writes_around_services

#: Inside the plans' periods below; the ``midyear`` fixture freezes the clock on 2026-06-17.
VISIT_DAY = date(2026, 6, 22)
PERIOD = (date(2026, 6, 18), date(2026, 9, 30))


def agency(short_name: str = "市市场监管局") -> Agency:
    return Agency.objects.get(short_name=short_name)


def random_list_with(
    *matters: Any, on: date = date(2026, 1, 1), kind: str = ListKind.RANDOM_INSPECTION
) -> None:
    """Publish a random-inspection list (随机抽查事项清单; or the list ``kind``) of each matter's
    agency holding them."""
    by_agency: dict[int, list[Any]] = {}
    for matter in matters:
        by_agency.setdefault(matter.agency_id, []).append(matter)
    for agency_matters in by_agency.values():
        owner = agency_matters[0].agency
        admin = admin_of(owner)
        with workflow.following(ListVersion, 1):  # a list in force before approvals were required
            version = lists.draft_version(
                admin, owner, kind=kind, effective_on=on, copy_from_current=False
            )
            for matter in agency_matters:
                lists.add_entry(
                    admin, version, matter=matter, attrs={"抽查比例": "5%", "抽查频次": "每年一次"}
                )
            lists.publish_version(admin, version)


def inspection_matter(**kwargs: Any) -> Any:
    return MatterFactory(
        category="inspection", name="食品经营者遵守食品安全法规情况的检查", **kwargs
    )


def make_parties(
    count: int, *, start: int = 0, risk: str = "low", credit: str = "A", region: str = "990102"
) -> list[Party]:
    """``count`` enterprises of one stratum (written around the services: test data)."""
    place = Region.objects.get(code=region)
    with writes_around_services("test data: parties of one stratum"):
        return Party.objects.bulk_create(
            Party(
                kind=PartyKind.ENTERPRISE,
                name=f"示范市测试企业{n}有限公司",
                uscc=party_uscc(n),
                region=place,
                industry="F5221",
                risk_class=risk,
                credit_grade=credit,
            )
            for n in range(start, start + count)
        )


def enforcing_officer(agency_: Agency | None = None, **kwargs: Any) -> Any:
    """An officer whose certificate (issued 2023) passed its 2025 review: may enforce in 2026."""
    officer = OfficerFactory(agency=agency_ or agency(), **kwargs)
    certificate = CertificateFactory(officer=officer)
    admin = admin_of(officer.agency)
    training.record_training(
        admin,
        officer,
        kind=TrainingKind.SKILLS,
        course="执法技能轮训",
        held_on=date(2025, 9, 1),
        hours=60,
    )
    certificates.review_certificate(admin, certificate, year=2025, reviewed_on=date(2026, 1, 15))
    return officer


STRATA = [
    {"risk_class": "low", "credit_grade": "A", "ratio": "5"},
    {"risk_class": "high", "credit_grade": "D", "ratio": "50"},
]


def plan_data(matters: list[Any], /, **changes: Any) -> dict[str, Any]:
    data = {
        "name": "2026年食品经营者双随机抽查",
        "kind": "daily",
        "matters": matters,
        "period_start": PERIOD[0],
        "period_end": PERIOD[1],
        "strata": STRATA,
        "basis": "国办发〔2019〕5号",
    }
    data.update(changes)
    return data


def filed_plan(people: Any, matters: list[Any], /, **changes: Any) -> InspectionPlan:
    """A plan drafted by the officer, approved by the head and filed with the justice bureau."""
    plan = plans.create_plan(people.officer, agency(), **plan_data(matters, **changes))
    plans.act(people.officer, plan, "submit")
    plans.act(people.agency_head, plan, "approve")
    plans.act(people.agency_admin, plan, "file")
    plan.refresh_from_db()
    return plan
