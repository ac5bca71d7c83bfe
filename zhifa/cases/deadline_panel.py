"""The case page's deadlines panel: each deadline that runs now, with its last day, the days left
and how it was counted (rules.md "Cases"; ``zhifa.cases.deadlines``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.utils import timezone

from zhifa.cases import deadlines as dl
from zhifa.cases import page_reads
from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.decisions import DecisionKind
from zhifa.cases.models.execution import CourtRuling
from zhifa.cases.services import coercive, execution
from zhifa.cases.services.decisions import latest
from zhifa.core.calendar import current_oracle
from zhifa.core.workdays import YearDataMissing


def case_deadlines(
    case: Case, today: Any = None, oracle: Any = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """The running deadlines of ``case`` (soonest first) and any that cannot be computed (a year
    without holiday data: said, never guessed)."""
    today = today or timezone.localdate()
    oracle = oracle or current_oracle()
    found: list[dl.Deadline] = []
    problems: list[str] = []

    def add(compute: Any, *args: Any) -> dl.Deadline | None:
        try:
            deadline = compute(*args, oracle=oracle)
        except YearDataMissing as missing:
            problems.append(str(missing))
            return None
        found.append(deadline)
        return deadline

    if case.opened_on and not case.decided_on and not case.is_finished:
        extensions = [e.days for e in case.extensions.all()]  # ordered by pk (their model)
        add(dl.decision_due, case.opened_on, extensions)
    if case.notified_on and case.status == CaseStatus.PRIOR_NOTICE:
        add(dl.hearing_request_due, case.notified_on)
    if case.decided_on and not case.served_on and not case.is_finished:
        add(dl.service_due, case.decided_on)
    final = latest(case, DecisionKind.FINAL)
    fee = None
    record = page_reads.execution(case)[0] if case.served_on and not case.is_finished else None
    if record is not None and record.fine:
        fee = fine_rows(case, today, oracle, add, found)
    elif case.served_on and final is not None and final.fine and not case.is_finished:
        payment = add(dl.payment_due, case.served_on)
        if payment is not None and payment.is_overdue(today):
            late = dl.late_fee(final.fine, payment.due, today)
            fee = (late.days, late.explanation)
            add(dl.court_enforcement_window, case.served_on, payment.due)
            add(dl.demand_notice_latest, case.served_on, payment.due)
    for measure in coercive.running(case):  # 强制法 arts. 25, 32
        add(coercive.measure_deadline, measure)
    rows = [
        {
            "label": d.label,
            "due": d.due,
            "earliest": d.earliest,
            "days_left": d.days_left(today),
            "overdue": d.is_overdue(today),
            "overdue_days": max(-d.days_left(today), 0),
            "explanation": d.explanation,
        }
        for d in sorted(found, key=lambda d: d.due)
    ]
    waiting = _pending_appeals(case) if case.served_on and not case.is_finished else []
    for row in rows:
        if waiting and row["label"] == "申请法院强制执行":
            row["explanation"] += "；" + APPEAL_PENDING
    rows.extend(waiting)
    if fee is not None:
        rows.append(
            {
                "label": "加处罚款",
                "due": None,
                "earliest": None,
                "days_left": None,
                "overdue": True,
                "overdue_days": fee[0],
                "explanation": fee[1],
            }
        )
    return rows, problems


def fine_rows(
    case: Case, today: Any, oracle: Any, add: Any, found: list[dl.Deadline]
) -> tuple[int, str] | None:
    """The fine's rows from the execution record, as the execution panel counts them
    (``services.execution.account_of``): the day of payment is the approved plan's next unpaid
    instalment (处罚法 art. 66) or 15 days from service (art. 67); the late fee runs on the fine
    left unpaid (art. 72); the demand notice and the court (强制法 arts. 53, 54) until they are
    done. Nothing once the fine and late fee are paid, the court ruled to enforce or execution
    ended (强制法 art. 40). Returns the late fee's (days late, explanation), if any."""
    record, payments, _ = page_reads.execution(case)
    if record.ended_on or record.ruling == CourtRuling.GRANTED:
        return None
    account = execution.account_of(case, record, today, payments, oracle)
    if account is None or account.settled:
        return None
    paid = f"；已缴罚款{account.fine_paid}元，尚欠{account.fine_left}元" if account.paid else ""
    if record.plan:
        kind = "暂缓缴纳" if len(record.plan) == 1 else "分期缴纳"
        days = "、".join(
            f"{_d(date.fromisoformat(p['due']))}前缴纳{p['amount']}元" for p in record.plan
        )
        if account.next_due is not None:
            found.append(
                dl.Deadline(
                    "payment",
                    "缴纳罚款",
                    account.next_due,
                    f"经批准{kind}：{days}{paid}（行政处罚法第六十六条）",
                    "行政处罚法第六十六条",
                )
            )
        last_day = date.fromisoformat(record.plan[-1]["due"])
    else:
        payment = add(dl.payment_due, case.served_on)
        if payment is None:
            return None
        found.pop()  # said again with what was paid, while some of the fine is unpaid
        if account.next_due is not None:
            found.append(replace(payment, explanation=payment.explanation + paid))
        last_day = payment.due
    if not account.overdue and account.late_fee_left <= 0:
        return None
    if record.court_applied_on is None:
        add(dl.court_enforcement_window, case.served_on, account.next_due or last_day)
        if record.demand_served_on is None:
            add(dl.demand_notice_latest, case.served_on, account.next_due or last_day)
    days = (today - account.next_due).days if account.overdue else 0
    return days, (
        f"截至{_d(today)}加处罚款{account.late_fee}元，已缴{account.late_fee_paid}元，"
        f"尚欠{account.late_fee_left}元（每日按未缴罚款的3%计算，不超过罚款数额，"
        "行政处罚法第七十二条）"
    )


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


#: 强制法 art. 53: the agency applies to the court when the party neither appealed within the
#: periods nor complied; while a reconsideration or lawsuit runs, the application waits for it.
APPEAL_PENDING = (
    "当事人已申请行政复议或提起行政诉讼且尚无结果，申请人民法院强制执行应待复议、诉讼结果"
    "（行政强制法第五十三条）"
)


def _pending_appeals(case: Case) -> list[dict[str, Any]]:
    """A row for each reconsideration or lawsuit still without an outcome."""
    return [
        {
            "label": f"{a.get_kind_display()}进行中",
            "due": None,
            "earliest": None,
            "days_left": None,
            "overdue": False,
            "overdue_days": 0,
            "explanation": f"{a.filed_on.year}年{a.filed_on.month}月{a.filed_on.day}日"
            f"向{a.body}提出，尚无结果；{APPEAL_PENDING}",
        }
        for a in case.appeals.filter(result="").order_by("filed_on", "pk")
    ]


def panel_context(case: Case, user: Any) -> dict[str, Any]:
    page_reads.load(case)
    rows, problems = case_deadlines(case, oracle=page_reads.oracle(case))
    may_extend = (
        case.opened_on is not None
        and case.decided_on is None
        and not case.is_finished
        and page_reads.may(case, user, "approve")
    )
    return {
        "deadlines": rows,
        "deadline_problems": problems,
        "extensions": list(case.extensions.all()),
        "may_extend": may_extend,
    }
