"""history: what the draws and the cap count as an enterprise's inspections."""

from __future__ import annotations

from datetime import date, timedelta

from zhifa.core import parameters
from zhifa.inspections import history
from zhifa.testing.filings import InspectionFactory, listed_matter

JUNE = date(2026, 6, 17)


def test_only_filings_that_stand_for_a_visit_count(demo, party, scjg):
    parameters.set_value(demo["sysadmin"], "inspections.yearly_cap", 10)
    standing = [
        InspectionFactory(party=party, state=state, window_start=JUNE + timedelta(days=10 * i))
        for i, state in enumerate(("submitted", "approved", "recorded", "closed"), start=1)
    ]
    for state in ("draft", "refused", "withdrawn"):
        InspectionFactory(party=party, state=state, window_start=JUNE + timedelta(days=60))
    assert list(history.inspections_of(party, since=JUNE)) == standing[::-1]
    assert history.yearly_count(party, scjg, 2026) == 4
    assert history.yearly_count(party, scjg, 2027) == 0


def test_by_matter_by_agency_and_since(party, scjg, sthj, sthj_side, matter):
    other_matter = listed_matter(scjg, name="对特种设备使用单位的检查")
    early = InspectionFactory(party=party, matters=[matter], window_start=JUNE + timedelta(1))
    late = InspectionFactory(
        party=party, matters=[other_matter], window_start=JUNE + timedelta(days=40)
    )
    theirs = InspectionFactory(
        party=party,
        agency=sthj,
        officers=sthj_side["officers"],
        matters=sthj_side["matters"],
        filer=sthj_side["filer"],
        window_start=JUNE + timedelta(days=80),
    )
    assert list(history.inspections_of(party, matter=matter, since=JUNE)) == [early]
    assert list(history.inspections_of(party, agency=sthj, since=JUNE)) == [theirs]
    assert list(history.inspections_of(party, since=JUNE + timedelta(days=30))) == [theirs, late]
    assert list(history.inspections_of(party, since=JUNE, until=JUNE + timedelta(days=50))) == [
        late,
        early,
    ]


def test_case_specific_visits_count_only_when_configured(demo, party, scjg):
    InspectionFactory(party=party, kind="individual")
    assert history.yearly_count(party, scjg, 2026) == 0
    parameters.set_value(demo["sysadmin"], "inspections.individual_counts", True)
    assert history.yearly_count(party, scjg, 2026) == 1
