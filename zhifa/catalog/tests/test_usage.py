"""Five-year review: matters listed for five years and used by nothing are reported."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from zhifa.catalog import usage
from zhifa.catalog.models import Matter, MatterStatus
from zhifa.catalog.services.matters import create_matter
from zhifa.org.models import Agency
from zhifa.testing.ledger_guard import writes_around_services


@pytest.fixture
def matters(demo):
    agency = Agency.objects.get(name="示范市市场监督管理局")
    made = {}
    for code, listed in (("OLD-USED", 2019), ("OLD-IDLE", 2020), ("NEW-IDLE", 2023)):
        matter = create_matter(
            demo["scjg_admin"],
            agency,
            code=code,
            name=f"事项{code}",
            category="penalty",
            level="city",
            law="中华人民共和国食品安全法",
            article="第一百二十四条",
            article_text="……",
        )
        with writes_around_services(
            "backdates the matter's listing; no service changes when a matter was listed"
        ):
            Matter.objects.filter(pk=matter.pk).update(
                created_at=timezone.make_aware(datetime(listed, 6, 1))
            )
        made[code] = matter
    return made


@pytest.fixture
def source():
    used: list[int] = []
    usage.register_usage("test", lambda since: used)
    yield used
    usage.SOURCES.pop("test")


def test_matters_idle_for_five_years_are_reported(matters, source):
    source.append(matters["OLD-USED"].pk)
    rows = usage.unused_matters(Matter.objects.all(), today=date(2026, 11, 22))
    assert [r.matter.code for r in rows] == ["OLD-IDLE"]
    assert rows[0].options == ("取消", "调整", "暂停实施")


def test_young_and_suspended_matters_are_not_reported(matters, source):
    """NEW-IDLE has been listed under five years; OLD-IDLE is suspended already."""
    with writes_around_services(
        "a matter suspended earlier, without an administrator in this test"
    ):
        Matter.objects.filter(pk=matters["OLD-IDLE"].pk).update(status=MatterStatus.SUSPENDED)
    rows = usage.unused_matters(Matter.objects.all(), today=date(2026, 11, 22))
    assert [r.matter.code for r in rows] == ["OLD-USED"]


def test_five_years_before_a_leap_day_is_the_28th():
    assert usage.years_before(date(2028, 2, 29), 5) == date(2023, 2, 28)
