"""The fine's account on a day: what was owed, paid, the late fee to the day, what is left and
when it is due (no database: the services and pages give it the rows).

- 处罚法 art. 67: the fine is paid within 15 days of service (``deadlines.payment_due``); art. 66:
  an approved deferral or instalments replace that last day by the plan's days (the plan covers the
  whole fine; payments already made count toward its first instalments).
- 处罚法 art. 72(1): a fine not paid by its day adds 3% of the unpaid fine for each day of delay,
  never more than the fine in all: the accrual and the cap are ``deadlines.late_fee_accrued`` and
  ``deadlines.capped_late_fee``, the same as ``deadlines.late_fee``. The day of payment counts as
  a day of delay.
- A payment goes first to the fine (earliest instalment first: that stops the late fee), then to
  the late fee accrued on its day; a payment above what is owed that day is an over-payment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zhifa.cases.deadlines import capped_late_fee, late_fee_accrued

ZERO = Decimal("0.00")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Instalment:
    due: date
    amount: Decimal


@dataclass
class Account:
    """The account on ``on``: ``fine_left`` + ``late_fee_left`` = ``owed``."""

    on: date
    fine: Decimal
    fine_paid: Decimal = ZERO
    late_fee: Decimal = ZERO
    late_fee_paid: Decimal = ZERO
    overpaid: Decimal = ZERO
    next_due: date | None = None
    #: (fine part, late fee part) of each payment, in the order given
    parts: list[tuple[Decimal, Decimal]] = field(default_factory=list)

    @property
    def paid(self) -> Decimal:
        return self.fine_paid + self.late_fee_paid

    @property
    def fine_left(self) -> Decimal:
        return self.fine - self.fine_paid

    @property
    def late_fee_left(self) -> Decimal:
        return self.late_fee - self.late_fee_paid

    @property
    def owed(self) -> Decimal:
        return self.fine_left + self.late_fee_left

    @property
    def settled(self) -> bool:
        return self.owed <= 0

    @property
    def overdue(self) -> bool:
        return self.next_due is not None and self.on > self.next_due

    @property
    def days_left(self) -> int | None:
        """Calendar days to the next unpaid instalment's last day (negative: days late)."""
        return None if self.next_due is None else (self.next_due - self.on).days


def schedule(fine: Decimal, payment_last_day: date, plan: Sequence[dict]) -> list[Instalment]:
    """The instalments of the fine: the approved plan's (art. 66), else the whole fine on the last
    day of payment (art. 67)."""
    if plan:
        return [Instalment(date.fromisoformat(p["due"]), Decimal(str(p["amount"]))) for p in plan]
    return [Instalment(payment_last_day, Decimal(fine))]


def account(
    fine: Decimal,
    instalments: Sequence[Instalment],
    payments: Sequence[tuple[date, Decimal]],
    on: date,
) -> Account:
    """The account on ``on`` after ``payments`` ((day, amount), in date order; those after ``on``
    are ignored)."""
    fine = Decimal(fine).quantize(_CENT)
    result = Account(on=on, fine=fine)
    left = [i.amount for i in instalments]
    marks = [i.due for i in instalments]  # accrued up to (and including) this day
    fee = Decimal(0)

    def accrue(day: date) -> None:
        nonlocal fee
        for n in range(len(instalments)):
            if left[n] > 0:
                fee += late_fee_accrued(left[n], marks[n], day)
            marks[n] = max(marks[n], day)

    for paid_on, amount in payments:
        if paid_on > on:
            continue
        accrue(paid_on)
        money = Decimal(amount)
        to_fine = Decimal(0)
        for n in range(len(left)):
            take = min(left[n], money - to_fine)
            left[n] -= take
            to_fine += take
        capped, _ = capped_late_fee(fine, fee)
        to_fee = min(money - to_fine, capped - result.late_fee_paid)
        result.fine_paid += to_fine
        result.late_fee_paid += to_fee
        result.overpaid += money - to_fine - to_fee
        result.parts.append((to_fine.quantize(_CENT), to_fee.quantize(_CENT)))
    accrue(on)
    result.late_fee, _ = capped_late_fee(fine, fee)
    result.fine_paid = result.fine_paid.quantize(_CENT)
    result.late_fee_paid = result.late_fee_paid.quantize(_CENT)
    unpaid = [i.due for n, i in enumerate(instalments) if left[n] > 0]
    result.next_due = min(unpaid) if unpaid else None
    return result
