"""The demo parties: every one valid and in a real region of the city, some with verified codes,
qy_demo bound to its enterprise; a second run changes nothing."""

from __future__ import annotations

from zhifa.core.models import LedgerEntry
from zhifa.parties import demo
from zhifa.parties.models import Party, PartyAccount, PartyKind


def test_the_demo_seeds_valid_parties_and_binds_the_demo_enterprise_user(personas):
    created = demo.seed(count=2000)
    assert created == 2000 and Party.objects.count() == 2000
    assert set(Party.objects.values_list("region__code", flat=True)) <= set(demo.REGIONS)
    assert Party.objects.filter(uscc_verified=True).count() == 3  # n = 1, 998, 1995
    assert Party.objects.filter(kind=PartyKind.PERSON, uscc=None).count() == 200
    assert PartyAccount.objects.get(user=personas.enterprise).party.name == demo.DEMO_ENTERPRISE
    assert LedgerEntry.objects.filter(action="parties.party.create").count() == 2000
    entries = LedgerEntry.objects.count()
    assert demo.seed(count=2000) == 0
    assert LedgerEntry.objects.count() == entries
