"""The deadlines of a penalty case, on the working-day calendar (rules.md "Time", "Cases").

Each function returns a :class:`Deadline`: the last day (or the earliest and latest day of a
window) with a Chinese explanation citing the article, so the case page can show both the date and
why. The counting rules are :mod:`zhifa.core.workdays`:

* 处罚法 art. 85: its periods of 2, 3, 5 and 7 days are working days; 强制法 art. 69: its periods of
  10 days or less are working days;
* 民法典 art. 201: the day of the event is not counted; art. 202: months end on the corresponding
  day (or the month's last day); art. 203: a period in calendar days or months whose last day is a
  rest day or holiday ends on the next working day (a 调休 working weekend counts as working).

Pass ``oracle`` (a :class:`~zhifa.core.workdays.DayOracle`) to compute without the database; left
out, the platform's calendar (official data + the administrator's notices and overrides) answers.
A year with no holiday data raises :class:`~zhifa.core.workdays.YearDataMissing`, never a guess.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from zhifa.core.workdays import (
    DayOracle,
    add_calendar_days,
    add_months,
    add_working_days,
)

#: 处罚法 art. 60: a decision within 90 days of opening the case.
DECISION_DAYS = 90
#: 处罚法 art. 56: preserved evidence is dealt with (decided) within 7 (working) days.
PRESERVATION_WORKING_DAYS = 7
#: 处罚法 art. 61: a party absent when the decision is made is served within 7 (working) days.
SERVICE_WORKING_DAYS = 7
#: 处罚法 art. 67: payment within 15 days of service (calendar days: art. 85 covers 2/3/5/7 only).
PAYMENT_DAYS = 15
#: 处罚法 art. 72(1): 3% of the fine for each day of delay, never more than the fine.
LATE_FEE_RATE = Decimal("0.03")
#: 强制法 art. 46 (and art. 45): the late fee has run more than 30 days before enforcement.
LATE_FEE_RUN_DAYS = 30
#: 行政复议法 art. 20: reconsideration within 60 days of knowing the decision.
RECONSIDERATION_DAYS = 60
#: 行政诉讼法 art. 46: a lawsuit within 6 months of knowing the decision.
LAWSUIT_MONTHS = 6
#: 强制法 art. 53: court enforcement applied for within 3 months after the appeal periods end.
COURT_APPLICATION_MONTHS = 3
#: 强制法 art. 54: the demand notice served 10 (working, art. 69) days before the application.
DEMAND_NOTICE_WORKING_DAYS = 10
#: 处罚法 art. 64(1): the party asks for a hearing within 5 (working) days of the notice.
HEARING_REQUEST_WORKING_DAYS = 5
#: 处罚法 art. 64(2): the hearing is notified 7 (working) days before it is held.
HEARING_NOTICE_WORKING_DAYS = 7
#: 强制法 art. 25: sealing or seizure at most 30 days, extendable once by at most 30 days.
SEIZURE_DAYS = 30
SEIZURE_EXTENSION_MAX_DAYS = 30

_ONE_DAY = timedelta(days=1)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Deadline:
    """A computed deadline: ``due`` is the last lawful day; ``earliest`` (when set) the first day
    of a window (court enforcement, a hearing date). ``explanation`` says how it was counted."""

    key: str
    label: str
    due: date
    explanation: str
    basis: str
    earliest: date | None = None

    def days_left(self, today: date) -> int:
        """Calendar days from ``today`` to the last day: 0 on the day itself, negative when late."""
        return (self.due - today).days

    def is_overdue(self, today: date) -> bool:
        return today > self.due


@dataclass(frozen=True)
class LateFee:
    """The late fee on one day (处罚法 art. 72): ``days`` of delay, ``amount`` in yuan."""

    days: int
    amount: Decimal
    capped: bool
    explanation: str


def _oracle(oracle: DayOracle | None) -> DayOracle:
    if oracle is not None:
        return oracle
    from zhifa.core.calendar import current_oracle

    return current_oracle()


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _rolled(raw: date, due: date) -> str:
    if raw == due:
        return ""
    return f"；{_d(raw)}为休息日或法定节假日，顺延至其后第一个工作日{_d(due)}（民法典第二百零三条）"


def month_day(start: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day (民法典 art. 202), before
    any rolling to a working day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def _working_days_back(day: date, n: int, oracle: DayOracle) -> date:
    """The ``n``-th working day strictly before ``day`` (counting back)."""
    current = day
    found = 0
    for _ in range(3 * n + 400):
        current -= _ONE_DAY
        if oracle.is_working_day(current):
            found += 1
            if found == n:
                return current
    raise RuntimeError(f"{_d(day)}之前找不到{n}个工作日，请检查节假日数据")


def decision_due(
    opened_on: date, extensions: Sequence[int] = (), *, oracle: DayOracle | None = None
) -> Deadline:
    """The last day for the decision: 90 days after opening the case (处罚法 art. 60), plus the
    approved extensions (days each, approved and recorded). Calendar days, counted from the day
    after opening; a last day on a rest day moves to the next working day (民法典 art. 203)."""
    oracle = _oracle(oracle)
    for days in extensions:
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError(f"延长期限应为正整数天数，收到 {days!r}")
    total = DECISION_DAYS + sum(extensions)
    raw = opened_on + timedelta(days=total)
    due = add_calendar_days(opened_on, total, oracle)
    text = f"{_d(opened_on)}立案，自次日起算{DECISION_DAYS}日"
    if extensions:
        listed = "、".join(f"{d}日" for d in extensions)
        text += f"，经批准延长{listed}，共{total}日"
    text += f"，期限届满日为{_d(raw)}{_rolled(raw, due)}（行政处罚法第六十条）"
    return Deadline("decision", "作出处罚决定", due, text, "行政处罚法第六十条")


def preservation_due(preserved_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day to decide on evidence registered and preserved (先行登记保存): within 7 days
    (处罚法 art. 56), working days (art. 85)."""
    due = add_working_days(preserved_on, PRESERVATION_WORKING_DAYS, _oracle(oracle))
    text = (
        f"{_d(preserved_on)}先行登记保存证据，应在{PRESERVATION_WORKING_DAYS}个工作日内"
        f"作出处理决定，最后一日为{_d(due)}（行政处罚法第五十六条、第八十五条）"
    )
    return Deadline(
        "preservation", "先行登记保存处理决定", due, text, "行政处罚法第五十六条、第八十五条"
    )


def service_due(decided_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day to serve a decision the party was absent for: within 7 days (处罚法 art. 61),
    working days (art. 85)."""
    due = add_working_days(decided_on, SERVICE_WORKING_DAYS, _oracle(oracle))
    text = (
        f"{_d(decided_on)}作出决定，当事人不在场的，应在{SERVICE_WORKING_DAYS}个工作日内送达，"
        f"最后一日为{_d(due)}（行政处罚法第六十一条、第八十五条）"
    )
    return Deadline("service", "送达处罚决定书", due, text, "行政处罚法第六十一条、第八十五条")


def payment_due(served_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day to pay the fine: 15 days from service (处罚法 art. 67), calendar days rolled
    to a working day (民法典 art. 203)."""
    raw = served_on + timedelta(days=PAYMENT_DAYS)
    due = add_calendar_days(served_on, PAYMENT_DAYS, _oracle(oracle))
    text = (
        f"{_d(served_on)}送达，自次日起算{PAYMENT_DAYS}日内缴纳罚款，"
        f"期限届满日为{_d(raw)}{_rolled(raw, due)}（行政处罚法第六十七条）"
    )
    return Deadline("payment", "缴纳罚款", due, text, "行政处罚法第六十七条")


def late_fee_accrued(unpaid: Decimal, last_day: date, on: date) -> Decimal:
    """3% of ``unpaid`` for each day after ``last_day`` up to ``on`` (处罚法 art. 72(1)), not
    rounded and not capped: the one accrual of ``late_fee`` and of the execution account."""
    return Decimal(unpaid) * LATE_FEE_RATE * max((on - last_day).days, 0)


def capped_late_fee(fine: Decimal, accrued: Decimal) -> tuple[Decimal, bool]:
    """The late fee owed for ``accrued``, rounded to the fen and never more than the fine
    (处罚法 art. 72(1)), and whether the cap applied: the one cap of ``late_fee`` and of the
    execution account."""
    uncapped = Decimal(accrued).quantize(_CENT, rounding=ROUND_HALF_UP)
    return (fine, True) if uncapped > fine else (uncapped, False)


def late_fee(fine: Decimal, payment_last_day: date, on: date) -> LateFee:
    """The late fee owed on ``on`` (处罚法 art. 72(1)): 3% of the fine for each day after the last
    day of payment, to the day, never more than the fine. ``fine`` in yuan, rounded to the fen."""
    fine = Decimal(fine)
    if fine <= 0:
        raise ValueError("罚款金额应大于零")
    days = max((on - payment_last_day).days, 0)
    accrued = late_fee_accrued(fine, payment_last_day, on)
    uncapped = accrued.quantize(_CENT, rounding=ROUND_HALF_UP)
    amount, capped = capped_late_fee(fine, accrued)
    if days == 0:
        text = f"缴款期限{_d(payment_last_day)}尚未逾期，不加处罚款"
    else:
        text = (
            f"自{_d(payment_last_day + _ONE_DAY)}起逾期{days}日，每日按罚款数额{fine}元的3%"
            f"加处罚款，计{uncapped}元"
        )
        if capped:
            text += f"，超过罚款数额，以{fine}元为限"
        text += "（行政处罚法第七十二条）"
    return LateFee(days=days, amount=amount, capped=capped, explanation=text)


def reconsideration_due(served_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day to apply for reconsideration: 60 days from service (行政复议法 art. 20),
    calendar days rolled to a working day (民法典 art. 203)."""
    raw = served_on + timedelta(days=RECONSIDERATION_DAYS)
    due = add_calendar_days(served_on, RECONSIDERATION_DAYS, _oracle(oracle))
    text = (
        f"{_d(served_on)}送达，自次日起算{RECONSIDERATION_DAYS}日内申请行政复议，"
        f"期限届满日为{_d(raw)}{_rolled(raw, due)}（行政复议法第二十条）"
    )
    return Deadline("reconsideration", "申请行政复议", due, text, "行政复议法第二十条")


def lawsuit_due(served_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day to bring a lawsuit: 6 months from service (行政诉讼法 art. 46), ending on the
    corresponding day (民法典 art. 202) rolled to a working day (art. 203)."""
    raw = month_day(served_on, LAWSUIT_MONTHS)
    due = add_months(served_on, LAWSUIT_MONTHS, _oracle(oracle))
    text = (
        f"{_d(served_on)}送达，自次日起算{LAWSUIT_MONTHS}个月内提起行政诉讼，"
        f"期限届满日为{_d(raw)}{_rolled(raw, due)}（行政诉讼法第四十六条）"
    )
    return Deadline("lawsuit", "提起行政诉讼", due, text, "行政诉讼法第四十六条")


def appeal_periods_end(served_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day of the party's appeal periods: the later of reconsideration (60 days,
    行政复议法 art. 20) and lawsuit (6 months, 行政诉讼法 art. 46), counted from service."""
    oracle = _oracle(oracle)
    reconsideration = reconsideration_due(served_on, oracle=oracle).due
    lawsuit = lawsuit_due(served_on, oracle=oracle).due
    due = max(reconsideration, lawsuit)
    text = (
        f"{_d(served_on)}送达，申请行政复议期限至{_d(reconsideration)}（{RECONSIDERATION_DAYS}日，"
        f"行政复议法第二十条），提起行政诉讼期限至{_d(lawsuit)}（{LAWSUIT_MONTHS}个月，"
        f"行政诉讼法第四十六条），救济期限届满日为{_d(due)}"
    )
    return Deadline(
        "appeal", "复议诉讼期限届满", due, text, "行政复议法第二十条；行政诉讼法第四十六条"
    )


def court_enforcement_window(
    served_on: date, payment_last_day: date, *, oracle: DayOracle | None = None
) -> Deadline:
    """When the agency may apply to the court for enforcement (强制法 arts. 46, 53): not before
    the late fee has run more than 30 days (art. 46) and the appeal periods have ended, and
    within 3 months after they end (art. 53). ``earliest`` is the first day, ``due`` the last."""
    oracle = _oracle(oracle)
    appeal = appeal_periods_end(served_on, oracle=oracle)
    late_fee_run = payment_last_day + timedelta(days=LATE_FEE_RUN_DAYS + 1)
    earliest = max(appeal.due + _ONE_DAY, late_fee_run)
    due = add_months(appeal.due, COURT_APPLICATION_MONTHS, oracle)
    text = (
        f"{appeal.explanation}；加处罚款自{_d(payment_last_day + _ONE_DAY)}起算，"
        f"{_d(late_fee_run)}起超过{LATE_FEE_RUN_DAYS}日（行政强制法第四十六条）；"
        f"可申请人民法院强制执行的期间为{_d(earliest)}至{_d(due)}"
        f"（救济期限届满之日起{COURT_APPLICATION_MONTHS}个月内，行政强制法第五十三条）"
    )
    return Deadline(
        "court",
        "申请法院强制执行",
        due,
        text,
        "行政强制法第四十六条、第五十三条",
        earliest=earliest,
    )


def demand_notice_latest(
    served_on: date, payment_last_day: date, *, oracle: DayOracle | None = None
) -> Deadline:
    """The last day to serve the demand notice (催告书) so that 10 working days pass before the
    last day of court application (强制法 arts. 54, 69)."""
    oracle = _oracle(oracle)
    window = court_enforcement_window(served_on, payment_last_day, oracle=oracle)
    # The 10 working days must all pass before the application's last day (as for the hearing).
    due = _working_days_back(window.due, DEMAND_NOTICE_WORKING_DAYS, oracle) - _ONE_DAY
    text = (
        f"申请强制执行前应催告，催告书送达{DEMAND_NOTICE_WORKING_DAYS}个工作日后方可申请；"
        f"申请期限最后一日为{_d(window.due)}，催告书最迟应于{_d(due)}送达"
        "（行政强制法第五十四条、第六十九条）"
    )
    return Deadline("demand", "送达催告书", due, text, "行政强制法第五十四条、第六十九条")


def court_application_earliest_after_demand(
    demand_served_on: date, *, oracle: DayOracle | None = None
) -> Deadline:
    """The first day a court application may be made after the demand notice was served: after
    10 working days have passed (强制法 arts. 54, 69). ``due`` = ``earliest``."""
    tenth = add_working_days(demand_served_on, DEMAND_NOTICE_WORKING_DAYS, _oracle(oracle))
    earliest = tenth + _ONE_DAY
    text = (
        f"{_d(demand_served_on)}送达催告书，满{DEMAND_NOTICE_WORKING_DAYS}个工作日"
        f"（至{_d(tenth)}）后当事人仍未履行的，自{_d(earliest)}起可申请人民法院强制执行"
        "（行政强制法第五十四条、第六十九条）"
    )
    return Deadline(
        "demand_wait",
        "催告期满",
        earliest,
        text,
        "行政强制法第五十四条、第六十九条",
        earliest=earliest,
    )


def hearing_request_due(notified_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day the party may ask for a hearing: within 5 days of the prior notice
    (处罚法 art. 64(1)), working days (art. 85)."""
    due = add_working_days(notified_on, HEARING_REQUEST_WORKING_DAYS, _oracle(oracle))
    text = (
        f"{_d(notified_on)}告知听证权利，当事人应在{HEARING_REQUEST_WORKING_DAYS}个工作日内"
        f"提出听证要求，最后一日为{_d(due)}（行政处罚法第六十四条、第八十五条）"
    )
    return Deadline(
        "hearing_request", "提出听证要求", due, text, "行政处罚法第六十四条、第八十五条"
    )


def earliest_hearing_date(notice_served_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The first day a hearing may be held after its notice was served: the notice comes 7 days
    before (处罚法 art. 64(2)), working days (art. 85), all 7 elapsed before the hearing day.
    ``due`` = ``earliest``."""
    seventh = add_working_days(notice_served_on, HEARING_NOTICE_WORKING_DAYS, _oracle(oracle))
    earliest = seventh + _ONE_DAY
    text = (
        f"{_d(notice_served_on)}送达听证通知，{HEARING_NOTICE_WORKING_DAYS}个工作日至{_d(seventh)}"
        f"届满，听证最早于{_d(earliest)}举行（行政处罚法第六十四条、第八十五条）"
    )
    return Deadline(
        "hearing_date",
        "最早听证日",
        earliest,
        text,
        "行政处罚法第六十四条、第八十五条",
        earliest=earliest,
    )


def hearing_notice_latest(hearing_on: date, *, oracle: DayOracle | None = None) -> Deadline:
    """The last day to serve the hearing notice for a hearing on ``hearing_on``: 7 working days
    must pass between the notice and the hearing (处罚法 arts. 64(2), 85)."""
    seventh_before = _working_days_back(hearing_on, HEARING_NOTICE_WORKING_DAYS, _oracle(oracle))
    due = seventh_before - _ONE_DAY
    text = (
        f"{_d(hearing_on)}举行听证，应在{HEARING_NOTICE_WORKING_DAYS}个工作日前通知当事人，"
        f"听证通知最迟于{_d(due)}送达（行政处罚法第六十四条、第八十五条）"
    )
    return Deadline("hearing_notice", "送达听证通知", due, text, "行政处罚法第六十四条、第八十五条")


def seizure_ends(
    seized_on: date,
    extension_days: int = 0,
    *,
    oracle: DayOracle | None = None,
    freezing: bool = False,
    excluded_days: int = 0,
) -> Deadline:
    """The last day of sealing or seizure: 30 days (强制法 art. 25), extended once by at most
    30 days with the head's approval; calendar days (art. 69 covers 10 days or less). The
    ``excluded_days`` of testing, inspection, quarantine or technical appraisal of the items do not
    count (art. 25: the period is prolonged by them). Freezing (``freezing=True``) has the same
    limits (强制法 art. 32)."""
    if isinstance(extension_days, bool) or not isinstance(extension_days, int):
        raise ValueError(f"延长期限应为整数天数，收到 {extension_days!r}")
    if not 0 <= extension_days <= SEIZURE_EXTENSION_MAX_DAYS:
        raise ValueError(f"查封、扣押延长期限不得超过{SEIZURE_EXTENSION_MAX_DAYS}日")
    if isinstance(excluded_days, bool) or not isinstance(excluded_days, int) or excluded_days < 0:
        raise ValueError(f"不计入的天数应为非负整数，收到 {excluded_days!r}")
    total = SEIZURE_DAYS + extension_days + excluded_days
    raw = seized_on + timedelta(days=total)
    due = add_calendar_days(seized_on, total, _oracle(oracle))
    what, article = ("冻结", "第三十二条") if freezing else ("查封、扣押", "第二十五条")
    text = f"{_d(seized_on)}{what}，期限{SEIZURE_DAYS}日"
    if extension_days:
        text += f"，经批准延长{extension_days}日"
    if excluded_days:
        text += f"，不计检测、检验、检疫或者技术鉴定期间{excluded_days}日"
    text += f"，届满日为{_d(raw)}{_rolled(raw, due)}（行政强制法{article}）"
    key, label = ("freezing", "冻结期限") if freezing else ("seizure", "查封扣押期限")
    return Deadline(key, label, due, text, f"行政强制法{article}")
