"""The decision's deadline as a page shows it (处罚法 art. 60: within 90 days of opening): the
last day and the days left, or why it cannot be computed (a year without holiday data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from zhifa.cases import deadlines
from zhifa.cases.filters import DECISION_DUE


@dataclass(frozen=True)
class Shown:
    label: str
    due: date | None
    days_left: int | None
    explanation: str

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def decision_deadline(case: Any, today: date, oracle: Any = None) -> Shown | None:
    """``None`` unless the decision is still due (opened, not yet decided); ``oracle``: the
    calendar when the page has read it already."""
    if case.status not in DECISION_DUE or case.opened_on is None:
        return None
    try:
        # Approved extensions (处罚法 art. 60; ``DecisionExtension``): ``.all()`` so a list can
        # prefetch them.
        extended = [e.days for e in case.extensions.all()]
        found = deadlines.decision_due(case.opened_on, extended, oracle=oracle)
    except Exception as exc:  # a year the holiday data does not cover: say so, never guess
        return Shown("作出处罚决定", None, None, str(exc) or "节假日数据缺失，无法计算期限")
    return Shown(found.label, found.due, found.days_left(today), found.explanation)
