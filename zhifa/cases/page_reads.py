"""Reads the case page's panels share, made once per page (the page stays within a fixed number
of queries whatever panels the apps add: ``cases/tests/test_page_queries.py``).

The case page builds every panel from the same ``Case`` instance (``zhifa.cases.panels``), read
afresh for each request; what several panels ask — may this user change the case, the calendar,
the actions open now — is remembered on that instance, so the second panel asking reuses the
first one's answer. :func:`load` prefetches the rows several panels read (decisions, extensions)
once the page's action, if any, is done; readers use ``.all()`` on them (or
:func:`zhifa.cases.services.decisions.latest`, which reads a prefetch when there is one).

Only pages use these: a service reads the database itself (its case may have changed since).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Prefetch, prefetch_related_objects

from zhifa.cases.models import (
    Case,
    Decision,
    DecisionExtension,
    Execution,
    Payment,
    PaymentArrangement,
)
from zhifa.core import workflow
from zhifa.core.calendar import current_oracle
from zhifa.core.workdays import ChineseCalendarOracle

T = TypeVar("T")
_STORE = "_page_reads"


def _remember(case: Case, key: Any, compute: Callable[[], T]) -> T:
    store = case.__dict__.setdefault(_STORE, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def load(case: Case) -> Case:
    """Prefetch what several panels of ``case``'s page read (one query each)."""
    prefetch_related_objects(
        [case],
        Prefetch("decisions", queryset=Decision.objects.order_by("pk")),
        Prefetch(
            "extensions",
            queryset=DecisionExtension.objects.order_by("pk").select_related("approved_by"),
        ),
    )
    return case


def may(case: Case, user: Any, action: str) -> bool:
    """Whether ``user`` may ``action`` the case (its scope, asked once per page and action)."""
    return _remember(
        case,
        ("may", user.pk, action),
        lambda: Case.objects.restrict(user, action).filter(pk=case.pk).exists(),
    )


def oracle(case: Case) -> ChineseCalendarOracle:
    """The working-day calendar, read once for the page."""
    return _remember(case, "oracle", current_oracle)


def actions(case: Case, user: Any) -> list[workflow.Available]:
    """The case's workflow actions open to ``user`` now (``workflow.available_actions``)."""
    return _remember(case, ("actions", user.pk), lambda: workflow.available_actions(case, user))


def execution(case: Case) -> tuple[Execution | None, list[Payment], list[PaymentArrangement]]:
    """The execution record (read with the page's case when it selected it), its payments in
    date order and the applications to defer or pay in instalments: prefetched once for the
    deadlines and the execution panels (one query each)."""
    prefetch_related_objects(
        [case],
        Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")),
        Prefetch("arrangements", queryset=PaymentArrangement.objects.order_by("pk")),
    )
    try:
        record = case.execution
    except Execution.DoesNotExist:
        record = None
    return record, list(case.payments.all()), list(case.arrangements.all())
