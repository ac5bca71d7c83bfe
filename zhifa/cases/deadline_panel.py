"""The case page's deadlines panel: each deadline that runs now, with its last day, the days left
and how it was counted (rules.md "Cases"; ``zhifa.cases.deadlines``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases import deadlines as dl
from zhifa.cases import page_reads
from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.decisions import DecisionKind
from zhifa.cases.services import coercive
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
    if case.served_on and final is not None and final.fine and not case.is_finished:
        payment = add(dl.payment_due, case.served_on)
        if payment is not None and payment.is_overdue(today):
            fee = dl.late_fee(final.fine, payment.due, today)
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
                "overdue_days": fee.days,
                "explanation": fee.explanation,
            }
        )
    return rows, problems


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
