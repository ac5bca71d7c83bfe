"""The cases app as the taker of referrals (``ReferralTaker`` on its AppConfig,
:mod:`zhifa.core.referrals`): which of the cases referrals became a user may see, so the referring
page links only those (an outsider's click would be a 404)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zhifa.cases.models import Case


def visible_cases(user: Any, case_pks: Iterable[int]) -> set[int]:
    """The pks among ``case_pks`` of the cases ``user`` sees (the case's own scope; one query)."""
    rows = Case.objects.restrict(user).filter(pk__in=list(case_pks))
    return set(rows.values_list("pk", flat=True))
