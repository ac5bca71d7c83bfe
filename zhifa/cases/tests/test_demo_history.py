"""The demo's historic cases (``demo_history``): taken over with their past, so the demo shows a
fine overdue with its late fee and a case applied to the court (强制法 art. 53); on 31 December
the court example, whose window reaches a year without holiday data, is skipped whole."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from zhifa.cases import demo_history
from zhifa.cases.models import Case, Execution
from zhifa.cases.services.execution import account_of


@pytest.fixture
def city(personas):
    """The demo city with its catalog (the matters and their benchmarks) and a few parties."""
    from zhifa.catalog import demo as catalog_city
    from zhifa.parties import demo as parties_city
    from zhifa.registry import demo as registry_city

    registry_city.seed()
    catalog_city.seed()
    parties_city.seed(count=5)
    return personas


def _historic() -> list[Case]:
    return list(Case.objects.filter(source_reference__startswith="DEMO-HIST").order_by("pk"))


def test_the_demo_takes_over_an_overdue_fine_and_a_court_application_once(client, city):
    with time_machine.travel(date(2026, 6, 17), tick=False):
        lines = demo_history.seed()
        assert lines == [
            "接收历史案件：送达40日未缴罚款（加处罚款计算中、应送达催告书）；"
            "送达7个月未缴罚款、已催告并申请人民法院强制执行（市市场监管局）"
        ]
        overdue, court = _historic()
        assert (overdue.served_on, court.served_on) == (date(2026, 5, 8), date(2025, 11, 16))
        found = account_of(overdue, Execution.objects.get(case=overdue))
        assert found.overdue and found.late_fee_left > 0
        record = Execution.objects.get(case=court)
        assert record.demand_served_on and record.court_applied_on == date(2026, 6, 17)
        client.force_login(city.officer)
        assert "历史案件接收" in client.get(f"/cases/{court.pk}/").content.decode()
        assert demo_history.seed() == [] and len(_historic()) == 2


def test_on_31_december_the_court_example_is_skipped_whole(city):
    end = datetime(2026, 12, 31, 23, 59, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(end, tick=False):
        assert demo_history.seed() == [
            "接收历史案件：送达40日未缴罚款（加处罚款计算中、应送达催告书）（市市场监管局）"
        ]
        (overdue,) = _historic()
        assert overdue.served_on == date(2026, 11, 21)
