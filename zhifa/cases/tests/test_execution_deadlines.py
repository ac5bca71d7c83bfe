"""The deadlines panel counts the fine as the execution panel does: the approved plan's day
(处罚法 art. 66), the late fee on the fine left unpaid (art. 72), nothing once paid."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from zhifa.cases.deadline_panel import case_deadlines
from zhifa.cases.execution_views import panel_context
from zhifa.cases.models import Case
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.test_execution import served

TODAY = date(2026, 6, 17)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def rows_of(case) -> dict[str, dict]:
    """The panel's rows on the case read afresh (as each page does)."""
    return {r["label"]: r for r in case_deadlines(Case.objects.get(pk=case.pk))[0]}


def test_a_partial_payment_lowers_the_late_fee_on_both_panels(personas):
    case = served(personas, on=date(2026, 5, 20))  # last day 2026-06-04
    act(personas.officer, case, "pay", paid_on=date(2026, 6, 10), amount_paid="500", reference="R")
    # 6 days on 1000 (180) then 7 days on the 500 left (105)
    rows = rows_of(case)
    assert "加处罚款285.00元" in rows["加处罚款"]["explanation"]
    assert rows["加处罚款"]["overdue_days"] == 13
    assert "已缴罚款500.00元，尚欠500.00元" in rows["缴纳罚款"]["explanation"]
    account = panel_context(Case.objects.get(pk=case.pk), personas.officer)["account"]
    assert account.late_fee == 285 and account.next_due == rows["缴纳罚款"]["due"]


def test_an_approved_deferral_moves_the_day_and_a_paid_fine_leaves_the_panel(personas):
    case = served(personas, on=date(2026, 6, 1))  # last day 2026-06-16: one day late today
    assert rows_of(case)["加处罚款"]["overdue_days"] == 1
    act(
        personas.officer,
        case,
        "apply_arrangement",
        kind="deferral",
        applied_on=date(2026, 6, 10),
        reason="经营困难",
        deferred_to=date(2026, 7, 31),
    )
    act(personas.agency_head, case, "approve_arrangement", opinion="同意")
    rows = rows_of(case)
    assert rows["缴纳罚款"]["due"] == date(2026, 7, 31) and not rows["缴纳罚款"]["overdue"]
    assert "经批准暂缓缴纳" in rows["缴纳罚款"]["explanation"]
    assert "加处罚款" not in rows and "申请法院强制执行" not in rows
    assert panel_context(Case.objects.get(pk=case.pk), personas.officer)[
        "account"
    ].next_due == date(2026, 7, 31)
    act(personas.officer, case, "pay", paid_on=TODAY, amount_paid="1000", reference="R")
    rows = rows_of(case)
    assert "缴纳罚款" not in rows and "加处罚款" not in rows
