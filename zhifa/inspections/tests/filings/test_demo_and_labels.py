"""The demo filings (every state, a joint offer open and one merged) and the ledger's Chinese."""

from __future__ import annotations

from collections import Counter

from zhifa.core.ledger_labels import action_label
from zhifa.core.models import LedgerEntry
from zhifa.inspections import demo_filings, demo_visits
from zhifa.inspections.labels import LEDGER_ACTIONS
from zhifa.inspections.models import Inspection, InspectionStatus, JointOffer


def test_the_demo_has_filings_in_every_state_and_joint_offers(demo):
    from zhifa.catalog import demo as catalog_city
    from zhifa.parties import demo as parties_city
    from zhifa.registry import demo as registry_city

    registry_city.seed()
    catalog_city.seed()
    parties_city.seed(count=20)
    lines = demo_filings.seed()
    assert "联合检查撮合" in lines[-1]
    states = Counter(Inspection.objects.values_list("status", flat=True))
    before_visit = set(InspectionStatus.values) - {"recorded", "closed"}
    assert set(states) == before_visit, "已登记/已办结 only with an on-site record"
    assert Inspection.objects.filter(emergency=True).exists()
    assert sorted(JointOffer.objects.values_list("status", flat=True)) == ["accepted", "open"]
    assert demo_filings.seed() == [], "idempotent"

    assert "现场检查记录：4份" in demo_visits.seed()[0]
    states = Counter(Inspection.objects.values_list("status", flat=True))
    assert set(states) == set(InspectionStatus.values)
    done = Inspection.objects.filter(status__in=("recorded", "closed"))
    assert not done.filter(onsite_record__isnull=True).exists()
    assert not done.exclude(onsite_record__state="submitted").exists()


def test_every_action_recorded_reads_in_chinese(demo):
    from zhifa.testing.filings import InspectionFactory

    InspectionFactory(state="closed")
    recorded = set(
        LedgerEntry.objects.filter(action__startswith="inspections.").values_list(
            "action", flat=True
        )
    )
    assert recorded <= set(LEDGER_ACTIONS)
    for action in LEDGER_ACTIONS:
        assert not any(c.isascii() and c.isalpha() for c in action_label(action)), action
