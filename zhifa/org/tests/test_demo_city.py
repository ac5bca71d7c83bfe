"""The demo city stays usable whatever year it is built in."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhifa.org.models import Agency, AgencyKind

pytestmark = pytest.mark.django_db


def test_the_delegated_body_is_within_its_delegation_on_the_day_the_city_is_built():
    """Its officers can enforce in the demo (处罚法 art. 20: only within the delegation's term);
    a fixed end date left them unable to from the next New Year on."""
    delegated = Agency.objects.get(kind=AgencyKind.DELEGATED)
    today = timezone.localdate()
    assert delegated.delegation_start <= today <= delegated.delegation_end
    assert delegated.delegation_end.year == today.year + 1
