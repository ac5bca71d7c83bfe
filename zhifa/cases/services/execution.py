"""送达与执行: the service record of a decision, its payment, deferral or instalments, and its
enforcement. Each function here is the ``run`` of a row of the case's workflow table
(``zhifa.cases.workflows``: locked case, role checked, ledger written by the engine), except
:func:`record_service`, which the ``serve`` step calls, and the reads.

- 处罚法 art. 61: the decision is handed over on the spot when it is announced; a party absent is
  served within 7 (working, art. 85) days under the 民事诉讼法's rules (直接、留置、邮寄、委托、
  公告送达); by fax or e-mail (电子送达) only when the party agreed and signed a confirmation. A
  late service is recorded and flagged. 民事诉讼法 art. 89: a refused service (留置送达) states
  why, with the witness or the photo or video record.
- 处罚法 art. 67: payment within 15 days of service; art. 66: deferral or instalments on the
  party's application, approved by the agency (the plan then sets the days); art. 72: 3% of the
  fine a day late, never more than the fine (``zhifa.cases.execution_account``).
- 强制法 art. 54: before applying to the court, a demand notice (催告书), and 10 (working,
  art. 69) days for the party; art. 53: the application within 3 months after the appeal periods
  end (``deadlines.court_enforcement_window``), not while a reconsideration or lawsuit runs;
  art. 40: execution ended (终结执行) with its reason.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.execution_account import Account, account, schedule
from zhifa.cases.models import Case, Outcome, ServiceMethod
from zhifa.cases.models.decisions import DecisionKind, Measure
from zhifa.cases.models.execution import (
    ArrangementKind,
    ArrangementStatus,
    CourtRuling,
    Execution,
    Payment,
    PaymentArrangement,
)
from zhifa.core.calendar import current_oracle
from zhifa.core.errors import field_error
from zhifa.core.workdays import YearDataMissing

TEXT_MAX = 2000
#: Measures executed by serving the decision itself.
SERVED_IS_DONE = frozenset({Measure.WARNING, Measure.CRITICISM, Measure.FINE})
AMOUNT_MAX = Decimal("1000000000000")


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _text(value: Any, field: str, label: str, *, required: bool, limit: int = TEXT_MAX) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise field_error(field, f"请填写{label}")
    if len(text) > limit:
        raise field_error(field, f"{label}不能超过{limit}字")
    return text


def _day(value: Any, field: str, label: str, *, not_before: date | None, what: str = "") -> date:
    if not isinstance(value, date):
        raise field_error(field, f"请填写{label}")
    if value > timezone.localdate():
        raise field_error(field, f"{label}不能晚于今天")
    if not_before is not None and value < not_before:
        raise field_error(field, f"{label}不能早于{what}（{_d(not_before)}）")
    return value


def amount(raw: Any, field: str = "amount") -> Decimal:
    """A yuan amount above zero, at most two decimals."""
    try:
        value = Decimal(str(raw).strip()) if raw not in (None, "") else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise field_error(field, "请填写正确的金额（元）")
    if value <= 0 or value >= AMOUNT_MAX:
        raise field_error(field, "金额应大于零")
    if value != value.quantize(Decimal("0.01")):
        raise field_error(field, "金额最多保留两位小数")
    return value


# --- what was decided -------------------------------------------------------------------------


def decided_content(case: Case) -> tuple[Decimal | None, list[str], bool]:
    """The fine, the measures and whether the content is known: the final decision's (ordinary
    procedure) or the decision on the spot's (summary procedure)."""
    if case.is_summary:
        spot = getattr(case, "on_spot", None)
        if spot is None:
            return None, [], False
        return spot.fine, [spot.measure], True
    final = case.decisions.filter(kind=DecisionKind.FINAL).order_by("-pk").first()
    if final is None:
        return None, [], False
    return final.fine, list(final.measures), True


def record_service(
    case: Case,
    actor: Any,
    *,
    served_on: date,
    method: str,
    receiver: Any = "",
    place: Any = "",
    note: Any = "",
    consent: Any = False,
) -> Execution:
    """The service record (送达回证 data) of the ``serve`` step, on the locked case (处罚法
    art. 61): 当场交付 only on the day of the decision; 电子送达 only with the party's consent;
    留置送达 states why, with the witness or the record; a party absent served after 7 working
    days is flagged. The receiver defaults to the parties' names."""
    from zhifa.cases.documents.common import party_names

    receiver = _text(receiver, "receiver", "受送达人", required=False, limit=200)
    receiver = receiver or party_names(case)
    place = _text(place, "place", "送达地点", required=False, limit=200)
    note = _text(note, "note", "送达情况", required=method == ServiceMethod.LEFT)
    consent = bool(consent)
    if method == ServiceMethod.ELECTRONIC and not consent:
        raise field_error(
            "consent",
            "电子送达须经当事人同意并签订确认书（行政处罚法第六十一条第二款）",
        )
    decided = case.decided_on or served_on
    due, flag = None, ""
    if method == ServiceMethod.ON_THE_SPOT:
        if served_on != decided:
            raise field_error(
                "served_on",
                f"当场交付的，送达日期应为宣告决定当日（{_d(decided)}）；当事人不在场的，"
                "请选择其他送达方式（行政处罚法第六十一条）",
            )
    else:
        try:
            found = deadlines.service_due(decided, oracle=current_oracle())
        except YearDataMissing as missing:
            if (served_on - decided).days > deadlines.SERVICE_WORKING_DAYS:
                flag = f"{missing}，是否超过七个工作日的送达期限待节假日数据录入后确定"
        else:
            due = found.due
            if served_on > due:
                flag = (
                    f"当事人不在场的，应在七日内送达；{_d(served_on)}送达，"
                    f"已超过送达期限（{found.explanation}）"
                )
    fine, measures, _ = decided_content(case)
    record, _ = Execution.objects.update_or_create(
        case=case,
        defaults={
            "receiver": receiver,
            "place": place,
            "service_note": note,
            "consent": consent,
            "service_due": due,
            "service_flag": flag,
            "fine": fine,
            "measures": measures,
            "recorded_by": actor,
        },
    )
    _refresh(case, record)
    return record


def ensure(case: Case, actor: Any) -> Execution:
    """The case's execution record (a summary decision, served on the spot, gets one here)."""
    found = Execution.objects.filter(case=case).first()
    if found is not None:
        return found
    if case.served_on is None:
        raise field_error("status", "处罚决定尚未送达，不能办理执行事项")
    fine, measures, _ = decided_content(case)
    record = Execution.objects.create(
        case=case, receiver="", fine=fine, measures=measures, recorded_by=actor
    )
    _refresh(case, record)  # the to-dos read settled / next_due
    return record


# --- the account ------------------------------------------------------------------------------


def payment_last_day(case: Case, oracle: Any = None) -> tuple[date, str]:
    """The last day of payment (处罚法 art. 67) and, in a year without holiday data, the note
    that it is counted on the calendar (a rest day could move it later). ``oracle``: the
    working-day calendar when the caller has read it already (a page)."""
    try:
        return deadlines.payment_due(case.served_on, oracle=oracle or current_oracle()).due, ""
    except YearDataMissing as missing:
        raw = case.served_on + timedelta(days=deadlines.PAYMENT_DAYS)
        return raw, f"{missing}，缴款期限暂按日历计算为{_d(raw)}"


def _payments(case: Case, record: Execution, rows: list[Payment] | None = None) -> list:
    rows = rows if rows is not None else list(case.payments.order_by("paid_on", "pk"))
    found = [(p.paid_on, p.amount) for p in rows]
    spot = getattr(case, "on_spot", None) if case.is_summary else None
    if spot is not None and spot.collected:
        found.insert(0, (spot.collected_on or case.served_on, spot.collected))
    return found


def account_of(
    case: Case,
    record: Execution,
    on: date | None = None,
    payments: list | None = None,
    oracle: Any = None,
) -> Account | None:
    """The fine's account on ``on`` (today), or ``None`` when no fine was decided."""
    if not record.fine:
        return None
    last_day, _ = payment_last_day(case, oracle)
    plan = schedule(record.fine, last_day, record.plan)
    return account(record.fine, plan, _payments(case, record, payments), on or timezone.localdate())


def _refresh(case: Case, record: Execution) -> None:
    found = account_of(case, record)
    record.settled = found is None or found.settled
    record.next_due = None if found is None else found.next_due
    record.save(update_fields=["settled", "next_due", "updated_at"])


# --- the steps --------------------------------------------------------------------------------


def pay(
    case: Case, actor: Any, *, paid_on: Any = None, amount_paid: Any = None, reference: Any = ""
) -> Payment:
    """登记缴款: on a day from service to today, in date order, above zero and not above what is
    owed that day (fine and late fee, 处罚法 arts. 67, 72); split into its fine and late-fee parts."""
    record = ensure(case, actor)
    if not record.fine:
        raise field_error("amount", "本案处罚决定没有罚款，无需登记缴款")
    paid_on = _day(paid_on, "paid_on", "缴款日期", not_before=case.served_on, what="送达日期")
    value = amount(amount_paid)
    reference = _text(reference, "reference", "票据号或银行流水号", required=True, limit=60)
    rows = list(case.payments.order_by("paid_on", "pk"))
    if rows and paid_on < rows[-1].paid_on:
        raise field_error("paid_on", f"请按缴款日期先后登记：已登记{_d(rows[-1].paid_on)}的缴款")
    before = account_of(case, record, paid_on, rows)
    if value > before.owed:
        raise field_error(
            "amount",
            f"缴款金额超过应缴金额：截至{_d(paid_on)}尚欠罚款{before.fine_left}元、"
            f"加处罚款{before.late_fee_left}元，共{before.owed}元",
        )
    made = Payment(case=case, paid_on=paid_on, amount=value, reference=reference, recorded_by=actor)
    after = account_of(case, record, paid_on, [*rows, made])
    made.fine_part, made.late_fee_part = after.parts[-1]
    made.save()
    _refresh(case, record)
    return made


def _plan(kind: str, deferred_to: Any, instalments: Any, fine: Decimal, applied_on: date) -> list:
    if kind == ArrangementKind.DEFERRAL:
        if not isinstance(deferred_to, date):
            raise field_error("deferred_to", "请填写暂缓缴纳至哪一日")
        if deferred_to <= applied_on:
            raise field_error("deferred_to", "暂缓缴纳的期限应晚于申请日期")
        return [{"due": deferred_to.isoformat(), "amount": str(fine)}]
    rows = []
    for n, item in enumerate(instalments or [], start=1):
        due = item.get("due") if isinstance(item, dict) else None
        if isinstance(due, str):
            try:
                due = date.fromisoformat(due)
            except ValueError:
                due = None
        if not isinstance(due, date):
            raise field_error("instalments", f"第{n}期请填写缴款期限")
        rows.append((due, amount(item.get("amount"), "instalments")))
    if len(rows) < 2:
        raise field_error("instalments", "分期缴纳至少分两期")
    days = [d for d, _ in rows]
    if days != sorted(set(days)) or days[0] <= applied_on:
        raise field_error("instalments", "各期缴款期限应晚于申请日期，并按先后排列、不重复")
    if sum(a for _, a in rows) != fine:
        raise field_error("instalments", f"各期金额合计应等于罚款数额{fine}元")
    return [{"due": d.isoformat(), "amount": str(a)} for d, a in rows]


def apply_arrangement(
    case: Case,
    actor: Any,
    *,
    kind: Any = "",
    applied_on: Any = None,
    reason: Any = "",
    deferred_to: Any = None,
    instalments: Any = (),
) -> PaymentArrangement:
    """登记暂缓或分期缴纳申请 (处罚法 art. 66: 当事人确有经济困难): the party's application with
    its reason and the plan asked for; one waits for the head at a time."""
    record = ensure(case, actor)
    if not record.fine or record.settled:
        raise field_error("kind", "本案没有待缴的罚款，无需申请暂缓或分期缴纳")
    if kind not in ArrangementKind.values:
        raise field_error("kind", "请选择暂缓缴纳或分期缴纳")
    applied_on = _day(
        applied_on, "applied_on", "申请日期", not_before=case.served_on, what="送达日期"
    )
    reason = _text(reason, "reason", "确有经济困难的情况", required=True)
    if case.arrangements.filter(status=ArrangementStatus.APPLIED).exists():
        raise field_error("kind", "已有待批准的申请，请先由负责人批准或不予批准")
    plan = _plan(kind, deferred_to, instalments, record.fine, applied_on)
    return PaymentArrangement.objects.create(
        case=case, kind=kind, applied_on=applied_on, reason=reason, plan=plan, recorded_by=actor
    )


def _pending_arrangement(case: Case) -> PaymentArrangement:
    found = case.arrangements.filter(status=ArrangementStatus.APPLIED).order_by("pk").first()
    if found is None:
        raise field_error("status", "没有待批准的暂缓或分期缴纳申请")
    return found


def approve_arrangement(case: Case, actor: Any, *, opinion: Any = "") -> PaymentArrangement:
    """批准暂缓或分期缴纳 (处罚法 art. 66): the plan becomes the days of payment; the late fee
    runs from them (art. 72)."""
    found = _pending_arrangement(case)
    found.opinion = _text(opinion, "opinion", "负责人意见", required=False)
    found.status, found.decided_by, found.decided_on = (
        ArrangementStatus.APPROVED,
        actor,
        timezone.localdate(),
    )
    found.save()
    record = ensure(case, actor)
    record.plan = found.plan
    record.save(update_fields=["plan", "updated_at"])
    _refresh(case, record)
    return found


def refuse_arrangement(case: Case, actor: Any, *, opinion: Any = "") -> PaymentArrangement:
    """不予批准暂缓或分期缴纳, with the reason; the days of payment stay."""
    found = _pending_arrangement(case)
    found.opinion = _text(opinion, "opinion", "不予批准的理由", required=True)
    found.status, found.decided_by, found.decided_on = (
        ArrangementStatus.REFUSED,
        actor,
        timezone.localdate(),
    )
    found.save()
    return found


def demand(case: Case, actor: Any, *, served_on: Any = None, note: Any = "") -> Execution:
    """送达催告书 (强制法 arts. 35, 54): the party is late with the fine on the day of the notice."""
    record = ensure(case, actor)
    served_on = _day(
        served_on, "served_on", "催告书送达日期", not_before=case.served_on, what="处罚决定送达日期"
    )
    found = account_of(case, record, served_on)
    if found is None or found.settled or not found.overdue:
        raise field_error("served_on", f"{_d(served_on)}当事人没有逾期未缴的罚款，无需催告")
    if record.demand_served_on is not None:
        raise field_error("served_on", f"已于{_d(record.demand_served_on)}送达催告书")
    record.demand_served_on = served_on
    record.demand_note = _text(note, "note", "催告情况", required=False)
    record.save(update_fields=["demand_served_on", "demand_note", "updated_at"])
    return record


def apply_court(case: Case, actor: Any, *, applied_on: Any = None, court: Any = "") -> Execution:
    """申请人民法院强制执行 (强制法 arts. 53, 54): after the demand notice and its 10 working
    days, within the window after the appeal periods (``deadlines.court_enforcement_window``),
    not while a reconsideration or lawsuit runs. Each refusal says why and from which day."""
    record = ensure(case, actor)
    applied_on = _day(
        applied_on, "applied_on", "申请日期", not_before=case.served_on, what="送达日期"
    )
    court = _text(court, "court", "人民法院名称", required=True, limit=100)
    if record.court_applied_on is not None:
        raise field_error("applied_on", f"已于{_d(record.court_applied_on)}申请强制执行")
    if record.demand_served_on is None:
        raise field_error("applied_on", "申请强制执行前应当书面催告当事人（行政强制法第五十四条）")
    if case.appeals.filter(result="").exists():
        raise field_error(
            "applied_on", "当事人申请的行政复议或提起的行政诉讼尚无结果（行政强制法第五十三条）"
        )
    found = account_of(case, record, applied_on)
    if found is not None and found.settled:
        raise field_error("applied_on", "罚款及加处罚款已缴清，无需申请强制执行")
    oracle = current_oracle()
    try:
        wait = deadlines.court_application_earliest_after_demand(
            record.demand_served_on, oracle=oracle
        )
        last_day = found.next_due if found is not None else payment_last_day(case)[0]
        window = deadlines.court_enforcement_window(case.served_on, last_day, oracle=oracle)
    except YearDataMissing as missing:
        raise field_error(
            "applied_on", f"{missing}，无法计算申请期限，请待节假日数据录入后申请"
        ) from None
    if applied_on < wait.earliest:
        raise field_error("applied_on", f"催告期未满，{wait.explanation}")
    if applied_on < window.earliest or applied_on > window.due:
        raise field_error("applied_on", f"{_d(applied_on)}不在申请期间内：{window.explanation}")
    record.court, record.court_applied_on = court, applied_on
    record.save(update_fields=["court", "court_applied_on", "updated_at"])
    return record


def record_ruling(
    case: Case, actor: Any, *, ruling: Any = "", ruled_on: Any = None, note: Any = ""
) -> Execution:
    """登记人民法院的裁定 (强制法 arts. 57, 58): once, after the application."""
    record = ensure(case, actor)
    if record.court_applied_on is None:
        raise field_error("ruling", "尚未申请人民法院强制执行")
    if record.ruling:
        raise field_error("ruling", "已登记法院裁定")
    if ruling not in CourtRuling.values:
        raise field_error("ruling", "请选择裁定准予执行或不予执行")
    record.ruled_on = _day(
        ruled_on, "ruled_on", "裁定日期", not_before=record.court_applied_on, what="申请日期"
    )
    record.ruling = ruling
    record.ruling_note = _text(note, "note", "裁定情况", required=False)
    record.save(update_fields=["ruling", "ruled_on", "ruling_note", "updated_at"])
    return record


def record_measures(case: Case, actor: Any, *, done_on: Any = None, note: Any = "") -> Execution:
    """登记执行情况: the measures other than a fine carried out (e.g. 没收的物品已处理, 许可证件已
    收缴, 停产停业已执行)."""
    record = ensure(case, actor)
    record.measures_done_on = _day(
        done_on, "done_on", "执行完毕日期", not_before=case.served_on, what="送达日期"
    )
    record.measures_note = _text(note, "note", "执行情况", required=True)
    record.save(update_fields=["measures_done_on", "measures_note", "updated_at"])
    return record


def end_execution(case: Case, actor: Any, *, reason: Any = "") -> Execution:
    """终结执行 (强制法 art. 40: 当事人死亡无遗产、终止无财产、执行标的灭失、决定被撤销 …), with
    the reason, by the head."""
    record = ensure(case, actor)
    record.end_reason = _text(reason, "reason", "终结执行的理由", required=True)
    record.ended_on = timezone.localdate()
    record.save(update_fields=["end_reason", "ended_on", "updated_at"])
    return record


# --- closing --------------------------------------------------------------------------------


def execution_problem(case: Case) -> str | None:
    """Why ``case`` may not be closed yet: the decision is executed when the fine and late fee are
    paid in full and the other measures carried out, or the court ruled to enforce it, or
    execution was ended with its reason (处罚法 arts. 66–72; 强制法 arts. 40, 53)."""
    if case.outcome == Outcome.NO_PENALTY:
        return None
    record = Execution.objects.filter(case=case).first()
    if record is not None and (record.ended_on or record.ruling == CourtRuling.GRANTED):
        return None
    fine, measures, known = decided_content(case)
    if record is not None:
        fine, measures = record.fine, record.measures
    missing = []
    if fine:
        found = account_of(case, record) if record is not None else None
        owed = found.owed if found is not None else fine
        if owed > 0:
            missing.append(f"罚款及加处罚款尚欠{owed}元")
    others = [Measure(m).label for m in measures if m not in SERVED_IS_DONE]
    done = record is not None and record.measures_done_on is not None
    if (others or not known) and not done:
        what = "、".join(others) if others else "处罚决定"
        missing.append(f"{what}的执行情况尚未登记")
    if not missing:
        return None
    return (
        f"处罚决定尚未执行完毕：{'；'.join(missing)}。执行完毕、人民法院裁定准予强制执行"
        "或者依法终结执行后方可结案"
    )
