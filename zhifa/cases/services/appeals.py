"""复议、诉讼: recording the party's reconsideration or lawsuit against a decided case, and its
outcome.

- 行政复议法 art. 20: reconsideration within 60 days of knowing the decision; 行政诉讼法 art. 46: a
  lawsuit within 6 months. Counted here from service of the decision (``zhifa.cases.deadlines``;
  民法典 arts. 201–203). An appeal filed after its window is recorded all the same — the
  reconsideration body or the court decides whether it is admissible — and flagged as late.
- 行政复议法 arts. 63–69 and 行政诉讼法 arts. 69–78: the outcomes 维持, 撤销, 变更, 确认违法,
  驳回 (the decision upheld, revoked, changed, confirmed illegal, the claim dismissed). A change
  states the new penalty. A decision revoked or confirmed illegal is signalled to supervision
  (监督条例 art. 37: the justice bureau's oversight; seed 001: it counts in the agency's annual
  statistics), as a penalty outside its benchmark's range is.

:func:`appeal_counts` gives an agency's figures for a year, for supervision and disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.utils import timezone

from zhifa.cases import deadlines
from zhifa.cases.models import Case
from zhifa.cases.models.appeals import OVERTURNED, Appeal, AppealKind, AppealResult
from zhifa.cases.models.decisions import Measure
from zhifa.core import filestore, ledger
from zhifa.core.calendar import current_oracle
from zhifa.core.errors import collect, field_error
from zhifa.core.scoping import CHANGE, require_permission
from zhifa.core.validators import plain_text_errors
from zhifa.core.workdays import YearDataMissing

HANDLERS_ONLY = "只有本案承办人员或机关负责人可以登记复议、诉讼情况"
BODY_MAX = 100
TEXT_MAX = 2000
TERMS_MAX = 300
AMOUNT_MAX = Decimal("1000000000000")
DOCUMENT_LABEL = "复议决定书或裁判文书"


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def snapshot(appeal: Appeal) -> dict[str, Any]:
    return ledger.snapshot(appeal) or {}


def _visible_case(actor: Any, case: Case) -> Case:
    found = Case.objects.visible_to(actor).filter(pk=case.pk).first()
    if found is None:
        raise Http404("案件不存在或您无权查看")
    require_permission(actor, found, CHANGE, HANDLERS_ONLY)
    return found


def _text(value: Any, label: str, errors: list[str], *, required: bool, limit: int) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if required and not text:
        errors.append(f"请填写{label}")
    elif len(text) > limit:
        errors.append(f"{label}不能超过{limit}字")
    errors.extend(plain_text_errors(text, multiline=limit > BODY_MAX))
    return text


def window(kind: str, served_on: date) -> deadlines.Deadline:
    """The window of ``kind`` from service: 60 days (reconsideration) or 6 months (lawsuit)."""
    if kind == AppealKind.LAWSUIT:
        return deadlines.lawsuit_due(served_on, oracle=current_oracle())
    return deadlines.reconsideration_due(served_on, oracle=current_oracle())


def lateness(kind: str, served_on: date, filed_on: date) -> tuple[date | None, str]:
    """The window's last day and, when ``filed_on`` is after it, the flag's message. A window
    ending in a year without holiday data is judged on its calendar day (only a rest day could
    move it later): ``None`` is returned for the last day and the message says so."""
    label = AppealKind(kind).label
    try:
        found = window(kind, served_on)
    except YearDataMissing as missing:
        if kind == AppealKind.LAWSUIT:
            raw = deadlines.month_day(served_on, deadlines.LAWSUIT_MONTHS)
        else:
            raw = served_on + timedelta(days=deadlines.RECONSIDERATION_DAYS)
        if filed_on <= raw:
            return None, ""
        return None, (
            f"{label}于{_day(filed_on)}提出，已超过按日历计算的期限"
            f"（{_day(raw)}；{missing}，是否顺延待节假日数据录入后确定），"
            "是否受理由复议机关或人民法院决定"
        )
    if filed_on <= found.due:
        return found.due, ""
    return found.due, (
        f"{label}于{_day(filed_on)}提出，已超过法定期限（{found.explanation}），"
        "是否受理由复议机关或人民法院决定"
    )


def file_appeal(
    actor: Any,
    case: Case,
    *,
    kind: Any,
    body: Any,
    filed_on: date | None,
    claim: Any,
) -> Appeal:
    """Record that the party applied for reconsideration or sued (the decision must have been
    served: the windows run from service). Late filings are recorded and flagged."""
    case = _visible_case(actor, case)
    errors: dict[str, list[str]] = {"kind": [], "body": [], "filed_on": [], "claim": []}
    errors["case"] = []
    if kind not in AppealKind.values:
        errors["kind"].append("请选择行政复议或行政诉讼")
    body = _text(body, "复议机关或人民法院名称", errors["body"], required=True, limit=BODY_MAX)
    claim = _text(claim, "当事人的请求", errors["claim"], required=True, limit=TEXT_MAX)
    today = timezone.localdate()
    if not isinstance(filed_on, date):
        errors["filed_on"].append("请填写申请或起诉日期")
    elif filed_on > today:
        errors["filed_on"].append("申请或起诉日期不能晚于今天")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.served_on is None:
            errors["case"].append("处罚决定尚未送达，不能登记行政复议或行政诉讼")
        elif isinstance(filed_on, date) and filed_on < locked.served_on:
            errors["filed_on"].append("申请或起诉日期不能早于处罚决定送达日期")
        if kind in AppealKind.values and locked.appeals.filter(kind=kind, result="").exists():
            errors["kind"].append(f"本案已有尚无结果的{AppealKind(kind).label}，请先登记其结果")
        collect(errors)
        due, late = lateness(kind, locked.served_on, filed_on)
        appeal = Appeal.objects.create(
            case=locked,
            kind=kind,
            body=body,
            filed_on=filed_on,
            claim=claim,
            window_ends=due,
            late=bool(late),
            flags=[{"code": "late", "message": late}] if late else [],
            recorded_by=actor,
        )
        ledger.append(actor=actor, action="cases.appeal.file", obj=appeal, after=snapshot(appeal))
        return appeal


def _fine(raw: Any, errors: list[str]) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        errors.append("罚款金额应为数字")
        return None
    if not value.is_finite() or value <= 0 or value >= AMOUNT_MAX:
        errors.append("罚款金额应大于零")
        return None
    if value != value.quantize(Decimal("0.01")):
        errors.append("罚款金额最多保留两位小数")
        return None
    return value


def record_result(
    actor: Any,
    appeal: Appeal,
    *,
    result: Any,
    result_on: date | None,
    note: Any = "",
    document: Any = None,
    new_measures: Any = (),
    new_fine: Any = None,
    new_terms: Any = "",
) -> Appeal:
    """Record the outcome of a reconsideration or lawsuit, once, with the document when given.
    变更 states the new penalty; 撤销 and 确认违法 raise a supervision signal."""
    case = _visible_case(actor, appeal.case)
    errors: dict[str, list[str]] = {
        "result": [],
        "result_on": [],
        "note": [],
        "new_measures": [],
        "new_fine": [],
        "new_terms": [],
        "document": [],
    }
    if result not in AppealResult.values:
        errors["result"].append("请选择结果（维持、撤销、变更、确认违法或驳回）")
    note = _text(note, "结果说明", errors["note"], required=False, limit=TEXT_MAX)
    measures = list(new_measures or [])
    fine = _fine(new_fine, errors["new_fine"])
    terms = _text(
        new_terms, "变更后的其他处罚内容", errors["new_terms"], required=False, limit=TERMS_MAX
    )
    if result == AppealResult.CHANGED:
        if not measures:
            errors["new_measures"].append("变更处罚的，请选择变更后的处罚种类")
        elif any(m not in Measure.values for m in measures) or len(set(measures)) != len(measures):
            errors["new_measures"].append("变更后的处罚种类有误")
        elif Measure.FINE in measures and fine is None and not errors["new_fine"]:
            errors["new_fine"].append("变更后处以罚款的，请填写罚款金额")
    else:
        measures, fine, terms = [], None, ""
        errors["new_measures"] = errors["new_fine"] = errors["new_terms"] = []
    today = timezone.localdate()
    if not isinstance(result_on, date):
        errors["result_on"].append("请填写结果日期")
    elif result_on > today:
        errors["result_on"].append("结果日期不能晚于今天")
    elif result_on < appeal.filed_on:
        errors["result_on"].append("结果日期不能早于申请或起诉日期")
    if not appeal.is_pending:
        errors["result"].append("该复议、诉讼已登记结果，不能重复登记")
    collect(errors)
    received = None
    if document is not None:
        received = filestore.receive(
            document,
            kinds=(filestore.Kind.DOCUMENT, filestore.Kind.IMAGE),
            field="document",
            label=DOCUMENT_LABEL,
        )
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk, case=case)
        if not locked.is_pending:
            raise field_error("result", "该复议、诉讼已登记结果，不能重复登记")
        locked.result = result
        locked.result_on = result_on
        locked.result_note = note
        locked.new_measures = measures
        locked.new_fine = fine
        locked.new_terms = terms
        if received is not None:
            locked.document = filestore.register(actor, received)
        if result in OVERTURNED:
            locked.flags = [
                *locked.flags,
                {
                    "code": "overturned",
                    "message": f"{locked.get_kind_display()}结果为{AppealResult(result).label}"
                    f"（{locked.body}，{_day(result_on)}），处罚决定被纠错，提请执法监督关注",
                },
            ]
        locked.save()
        ledger.append(actor=actor, action="cases.appeal.result", obj=locked, after=snapshot(locked))
        return locked


def pending(case: Case) -> list[Appeal]:
    """The case's appeals still without an outcome, oldest first."""
    return list(case.appeals.filter(result="").order_by("filed_on", "pk"))


@dataclass
class AppealCounts:
    """An agency's appeals in a year: ``filed`` by kind (by the day filed), ``results`` by kind
    and outcome (by the day of the outcome), and ``overturned`` (撤销 + 确认违法)."""

    year: int
    filed: dict[str, int] = field(default_factory=dict)
    results: dict[str, dict[str, int]] = field(default_factory=dict)
    overturned: int = 0

    @property
    def total_filed(self) -> int:
        return sum(self.filed.values())


def appeal_counts(agency: Any, year: int) -> AppealCounts:
    """The figures of ``agency``'s cases for ``year`` (seed 001: the annual statistics; 监督条例
    art. 37: supervision): appeals filed that year by kind, outcomes given that year by kind
    and outcome, and the decisions revoked or confirmed illegal."""
    rows = Appeal.objects.filter(case__agency=agency)
    counts = AppealCounts(year=year)
    counts.filed = dict.fromkeys(AppealKind.values, 0)
    for row in rows.filter(filed_on__year=year).values("kind").annotate(n=Count("pk")):
        counts.filed[row["kind"]] = row["n"]
    counts.results = {k: dict.fromkeys(AppealResult.values, 0) for k in AppealKind.values}
    decided = rows.filter(result_on__year=year).exclude(result="")
    for row in decided.values("kind", "result").annotate(n=Count("pk")):
        counts.results[row["kind"]][row["result"]] = row["n"]
    counts.overturned = sum(counts.results[k][r] for k in AppealKind.values for r in OVERTURNED)
    return counts
