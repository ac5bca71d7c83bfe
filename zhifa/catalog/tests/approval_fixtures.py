"""Taking a list version or a benchmark through its approval (version 2 of the catalogue's tables):
送法制审核 by the administrator, 法制审核同意 by the agency's legal reviewer, 集体讨论通过 by the
agency head, then 发布并报备. A rule cannot take effect before its publication, so a rule dated in
the past is approved and published on its effective date (the clock travels there)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from zhifa.catalog.models import DiscretionBenchmark, Filing, ListVersion
from zhifa.catalog.services import approvals, benchmarks, lists
from zhifa.core import workflow
from zhifa.org.models import Agency, Role, User
from zhifa.org.services import accounts
from zhifa.testing.clock import SHANGHAI

Rule = ListVersion | DiscretionBenchmark
_NAMES = {Role.LEGAL_REVIEWER: "审核", Role.AGENCY_HEAD: "负责"}


def holder(agency: Agency, role: str) -> User:
    """A user holding ``role`` in ``agency``: the demo city's, or a new one (through the account
    services) where the demo gives the agency none."""
    found = User.objects.filter(
        is_active=True, memberships__agency=agency, memberships__role=role
    ).first()
    if found is not None:
        return found
    user = accounts.create_user(
        User.objects.get(username="sysadmin"),
        username=f"{role}_{agency.pk}",
        full_name=f"{_NAMES.get(role, '')}{agency.pk}号",
        password="Shifan@2026",
    )
    accounts.grant_role(User.objects.get(username="secadmin"), user, role=role, agency=agency)
    return user


@contextmanager
def on_day(day: date) -> Iterator[None]:
    """The clock on ``day`` (at the present time of day, so moments keep their order) when it is
    in the past; otherwise as it is."""
    if day >= timezone.localdate():
        yield
        return
    with time_machine.travel(
        datetime.combine(day, timezone.localtime().time(), SHANGHAI), tick=True
    ):
        yield


def approve(rule: Rule, admin: Any) -> Rule:
    """Submit, review (同意) and approve (集体讨论通过) ``rule``; the clock is on the rule's
    effective date if that is past (call inside :func:`on_day` to publish on the same day)."""
    agency = approvals.agency_of(rule)
    approvals.act(rule, "submit", admin)
    approvals.act(rule, "review_pass", holder(agency, Role.LEGAL_REVIEWER), opinion="同意")
    approvals.act(
        rule,
        "approve",
        holder(agency, Role.AGENCY_HEAD),
        discussed_on=timezone.localdate(),
        participants="局长、副局长、法制科科长",
        opinion="同意发布",
    )
    rule.refresh_from_db()
    return rule


@pytest.fixture
def version_1() -> Iterator[None]:
    """New list versions and benchmarks follow the tables of version 1 (published by the
    administrator alone): the objects made before approvals were required keep working."""
    with (
        workflow.following(ListVersion, 1),
        workflow.following(DiscretionBenchmark, 1),
    ):
        yield


def publish_rule(admin: Any, rule: Rule) -> Filing | None:
    """Approve and publish ``rule`` (on its effective date if that is past); the filing. A rule
    following version 1 is published by the administrator alone."""
    if workflow.table_of(rule).version == 1:
        if isinstance(rule, ListVersion):
            return lists.publish_version(admin, rule)
        benchmarks.publish_benchmark(admin, rule)
        rule.refresh_from_db()
        return None
    with on_day(rule.effective_on):
        approve(rule, admin)
        filing = approvals.act(rule, "publish", admin)
    rule.refresh_from_db()
    return filing


def publish_list(admin: Any, version: ListVersion) -> Filing:
    filing = publish_rule(admin, version)
    assert filing is not None
    return filing


def publish_benchmark(admin: Any, benchmark: DiscretionBenchmark) -> DiscretionBenchmark:
    publish_rule(admin, benchmark)
    return benchmark
