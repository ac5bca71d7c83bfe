"""Every case registers its matters with the five-year review (seed 000 (十四)): a case opened or
decided on the spot uses its matters, once per case and matter; a lead never opened does not."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from zhifa.cases.services import summary
from zhifa.cases.usage import matters_used
from zhifa.catalog import usage
from zhifa.catalog.models import Matter
from zhifa.testing.factories import CaseFactory, MatterFactory, PartyFactory, case_handler
from zhifa.testing.filings import eligible_officer
from zhifa.testing.ledger_guard import writes_around_services


def test_an_opened_case_uses_its_matters_once(midyear, scjg):
    matter = MatterFactory(agency=scjg)
    CaseFactory(agency=scjg, matters=[matter], state="investigation")
    CaseFactory(agency=scjg, matters=[matter], state="investigation")
    assert matter.pk in matters_used(midyear)
    assert matter.pk not in matters_used(midyear + timedelta(days=1))
    assert matter.cases.count() == 2  # one row per case and matter


def test_a_lead_never_opened_uses_nothing(midyear, scjg):
    lead = CaseFactory(agency=scjg)
    refused = CaseFactory(agency=scjg, state="not_opened")
    assert lead.opened_on is None and refused.opened_on is None
    mine = {m.matter_id for c in (lead, refused) for m in c.matters.all()}
    assert not mine & set(matters_used(date(2000, 1, 1)))


def test_a_summary_decision_uses_its_matter(midyear, personas, scjg):
    _, lead = case_handler(scjg)
    matter = MatterFactory(agency=scjg)
    summary.decide_on_spot(
        personas.officer,
        scjg,
        unit=scjg.units.filter(kind="handling").first(),
        title="未按规定公示营业执照案",
        officers=[lead, eligible_officer(scjg)],
        parties=[PartyFactory()],
        matters=[matter],
        measure="warning",
        place="示范市测试路1号店内",
        facts="当事人未在经营场所醒目位置公示营业执照",
    )
    assert matter.pk in matters_used(midyear)


def test_the_five_year_review_leaves_out_a_matter_a_case_used(midyear, scjg):
    """Through the source the portal registered: two matters listed in 2020, one used by a case
    opened today; only the other is reported."""
    used, idle = MatterFactory(agency=scjg), MatterFactory(agency=scjg)
    with writes_around_services("backdates the matters' listing to 2020"):
        Matter.objects.filter(pk__in=[used.pk, idle.pk]).update(
            created_at=timezone.make_aware(datetime(2020, 6, 1))
        )
    CaseFactory(agency=scjg, matters=[used], state="investigation")
    assert usage.SOURCES["cases"] is matters_used
    rows = usage.unused_matters(Matter.objects.filter(pk__in=[used.pk, idle.pk]), date(2026, 6, 17))
    assert [r.matter for r in rows] == [idle]


@pytest.mark.parametrize("state", ["lead", "opening"])
def test_a_lead_or_a_request_to_open_is_not_yet_a_use(midyear, scjg, state):
    case = CaseFactory(agency=scjg, state=state)
    assert case.matters.get().matter_id not in matters_used(date(2000, 1, 1))
