"""The law's conditions on a case's steps, as functions the workflow table's guards call
(``zhifa.cases.workflows``). Each returns ``None`` when the step may be taken, or the Chinese
reason it may not; the table prefixes the article it cites.

- :func:`officers_problem`: investigation and every investigative act by at least two officers who
  may enforce on the day of the act, for every matter of the case (处罚法 arts. 42, 55;
  ``zhifa.registry.eligibility.can_enforce``). Other steps of the case (evidence, inspection
  records) call it with the day of their act.
- :func:`time_bar_problem`: no penalty for a violation not discovered within two years, five where
  life, health or financial safety is involved with harmful consequences; a continuing violation
  counts from its end (处罚法 art. 36). Checked when the case is opened.
- :func:`summary_problem` / :func:`collection_problem`: the summary procedure only for a warning or a
  fine of at most 200 yuan (a citizen) / 3,000 yuan (an organisation) (处罚法 art. 51); the fine
  collected on the spot only up to 100 yuan, or where it would be hard to collect later, or on the
  party's request in a remote place (处罚法 arts. 68, 69).
- The legal-review and decision hooks: :func:`review_required` (处罚法 art. 58 and the agency's
  major-decision list), :func:`decision_allowed` (no decision without a passed legal review where
  one is required, no heavier penalty after the defence than in the prior notice, art. 45),
  :func:`review_passed` / :func:`review_requested` / :func:`review_sent_back` (the case moves in
  and out of review only with its ``LegalReview`` round), all from
  :mod:`zhifa.cases.decision_rules`; :func:`discussion_required` (art. 57: a serious measure
  intended or decided, until the heads have discussed it); :func:`decision_recorded` (arts. 34,
  59: the penalty and its explanation recorded before the decision).
- :func:`hearing_request_problem`: the party asks for a hearing only where the intended penalty
  carries that right (art. 63) and within 5 working days of the prior notice (arts. 64(1), 85).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from zhifa.registry.eligibility import can_enforce

ART_36 = "《中华人民共和国行政处罚法》第三十六条"
ART_42 = "《中华人民共和国行政处罚法》第四十二条、第五十五条"
ART_44 = "《中华人民共和国行政处罚法》第四十四条、第四十五条"
ART_51 = "《中华人民共和国行政处罚法》第五十一条"
ART_57 = "《中华人民共和国行政处罚法》第五十七条"
ART_58 = "《中华人民共和国行政处罚法》第五十八条"
ART_59 = "《中华人民共和国行政处罚法》第三十四条、第五十九条"
ART_63 = "《中华人民共和国行政处罚法》第六十三条、第六十四条"
ART_68 = "《中华人民共和国行政处罚法》第六十八条、第六十九条"
ART_EXECUTED = "《中华人民共和国行政处罚法》第六十六条至第七十二条、《中华人民共和国行政强制法》第四十条、第五十三条"

MIN_OFFICERS = 2
TIME_BAR_YEARS = 2
SAFETY_TIME_BAR_YEARS = 5
#: 处罚法 art. 51: a citizen (自然人; 个体工商户 is a natural person, 民法典 art. 54) / others.
SUMMARY_FINE_PERSON = Decimal("200")
SUMMARY_FINE_ORGANISATION = Decimal("3000")
#: 处罚法 art. 68 (一): a fine of at most 100 yuan may be collected on the spot.
ON_SPOT_COLLECTION = Decimal("100")
PERSON_KINDS = ("person", "individual_business")


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- two officers who may enforce (处罚法 arts. 42, 55) ------------------------------------------


def enforcing(officers: Iterable[Any], matters: Sequence[Any], on: date) -> tuple[list, list[str]]:
    """The officers who may enforce on ``on`` for every matter, and why the others may not."""
    able, reasons = [], []
    for officer in officers:
        found = [r for m in matters or [None] for r in can_enforce(officer, on, m).reasons]
        if found:
            reasons.append(f"{officer.name}：{'；'.join(dict.fromkeys(found))}")
        else:
            able.append(officer)
    return able, reasons


def officers_problem_for(officers: Iterable[Any], matters: Sequence[Any], on: date) -> str | None:
    able, reasons = enforcing(officers, matters, on)
    if len(able) >= MIN_OFFICERS:
        return None
    detail = f"（{'；'.join(reasons)}）" if reasons else ""
    return (
        f"{_cn(on)}能够执法的承办人员只有{len(able)}名，"
        f"调查取证须由至少{MIN_OFFICERS}名持有效执法证件的执法人员进行{detail}"
    )


def officers_problem(case: Any, on: date) -> str | None:
    """At least two of the case's officers may enforce on ``on`` for each of its matters."""
    officers = [o.officer for o in case.officers.select_related("officer__agency")]
    matters = [m.matter for m in case.matters.select_related("matter")]
    return officers_problem_for(officers, matters, on)


# --- the time bar (处罚法 art. 36) ---------------------------------------------------------------


def _years_later(day: date, years: int) -> date:
    """The corresponding day ``years`` later; 29 February → 28 February (民法典 art. 202)."""
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def time_bar_ends(began: date | None, ended: date | None, safety_harm: bool = False) -> date | None:
    """The last day on which the violation may be discovered (None while its date is unknown)."""
    start = ended or began
    if start is None:
        return None
    return _years_later(start, SAFETY_TIME_BAR_YEARS if safety_harm else TIME_BAR_YEARS)


def time_bar_problem_for(
    began: date | None, ended: date | None, safety_harm: bool, discovered_on: date | None
) -> str | None:
    if began is None:
        return "请先填写违法行为发生日（据以计算追责期限）"
    last = time_bar_ends(began, ended, safety_harm)
    if discovered_on is None or last is None or discovered_on <= last:
        return None
    years = SAFETY_TIME_BAR_YEARS if safety_harm else TIME_BAR_YEARS
    start = "终了" if ended else "发生"
    return (
        f"违法行为自{_cn(ended or began)}{start}起{years}年内（至{_cn(last)}）未被发现，"
        f"{_cn(discovered_on)}才发现，不再给予行政处罚"
    )


def time_bar_problem(case: Any) -> str | None:
    """The violation was discovered within the time bar (counted from the end of a continuing
    violation)."""
    return time_bar_problem_for(
        case.violation_began, case.violation_ended, case.safety_harm, case.discovered_on
    )


# --- the summary procedure (处罚法 arts. 51, 68, 69) ---------------------------------------------


def summary_limit(parties: Sequence[Any]) -> Decimal:
    """The highest fine the summary procedure allows: 200 yuan for a citizen, 3,000 yuan for a
    legal person or other organisation (the lower one when both are parties)."""
    if any(p.kind in PERSON_KINDS for p in parties):
        return SUMMARY_FINE_PERSON
    return SUMMARY_FINE_ORGANISATION


def summary_problem(measure: str, fine: Decimal | None, parties: Sequence[Any]) -> str | None:
    """Only a warning, or a fine within the art. 51 threshold, may be decided on the spot."""
    if measure == "warning":
        return None if not fine else "警告不能同时处以罚款"
    if measure != "fine":
        return None  # the step itself asks for a warning or a fine
    if fine is None or fine <= 0:
        return "请填写罚款金额"
    limit = summary_limit(parties)
    if fine > limit:
        who = "公民" if limit == SUMMARY_FINE_PERSON else "法人或者其他组织"
        return f"对{who}当场处以{limit:,.0f}元以下罚款才可适用简易程序，{fine:,.2f}元须适用普通程序"
    return None


def collection_problem(fine: Decimal | None, amount: Decimal | None, reason: str) -> str | None:
    """On-the-spot collection: the whole fine, up to 100 yuan, or with the reason it would be
    hard to collect later (or the remote party's request)."""
    if fine is None:
        return "只有罚款可以当场收缴"
    if amount is None or amount != fine:
        return f"当场收缴的金额应为决定的罚款金额{fine:,.2f}元"
    if fine > ON_SPOT_COLLECTION and not (reason or "").strip():
        return (
            f"罚款超过{ON_SPOT_COLLECTION:,.0f}元的，只有不当场收缴事后难以执行，"
            "或者在边远、水上、交通不便地区当事人提出的，才可当场收缴，请写明理由"
        )
    return None


# --- hooks for legal review and decision (branch cases-review fills them) -----------------------


def review_required(case: Any) -> bool:
    """Whether the decision needs a passed legal review (处罚法 art. 58; 118号; the agency's
    major-decision list in force, or a review already requested: see
    :func:`zhifa.cases.decision_rules.review_grounds`)."""
    from zhifa.cases.decision_rules import review_grounds

    return bool(review_grounds(case))


def review_reasons(case: Any) -> list[str]:
    """The grounds of :func:`review_required`, in words."""
    from zhifa.cases.decision_rules import review_grounds

    return review_grounds(case)


def discussion_required(case: Any) -> bool:
    """Whether the agency's heads must discuss the case together before the decision (处罚法
    art. 57), and have not yet: see :func:`zhifa.cases.decision_rules.discussion_grounds`."""
    from zhifa.cases.decision_rules import discussion_grounds

    return bool(discussion_grounds(case))


def decision_allowed(case: Any) -> str | None:
    """``None`` when the decision may be made, else why not: no decision without a passed legal
    review where art. 58 (or the major-decision list) requires one; no heavier penalty after the
    party's defence than in the prior notice (art. 45). See :mod:`zhifa.cases.decision_rules`."""
    from zhifa.cases.decision_rules import decision_refusals

    return "；".join(decision_refusals(case)) or None


def review_passed(case: Any) -> str | None:
    """The case's own ``pass_review`` step only follows a legal review round that passed (同意, or
    the head's coordination adopting the handling unit's view): never a bare transition (处罚法
    art. 58: 未经法制审核或者审核未通过的，不得作出决定)."""
    from zhifa.cases.services.reviews import latest_review

    review = latest_review(case)
    if review is None:
        return "本案没有法制审核记录，须由法制审核人员出具同意的审核意见后方可通过"
    if review.has_passed:
        return None
    return f"法制审核（第{review.round}轮）{review.get_status_display()}，不能作为审核通过"


def review_requested(case: Any) -> str | None:
    """The case goes into legal review only with a round requested from a named reviewer of the
    legal review unit (处罚法 art. 58; seed 001): ``submit_review`` follows the request."""
    from zhifa.cases.models.reviews import ReviewStatus
    from zhifa.cases.services.reviews import latest_review

    review = latest_review(case)
    if review is not None and review.status == ReviewStatus.PENDING:
        return None
    return "请通过“提请法制审核”指定本机关法制审核机构的审核人员"


def review_sent_back(case: Any) -> str | None:
    """The case leaves legal review for more investigation only after the round's opinion sent it
    back (补充后再审) or refused it (不同意, or the head upholding that opinion) (处罚法 art. 58)."""
    from zhifa.cases.models.reviews import ReviewStatus
    from zhifa.cases.services.reviews import latest_review

    review = latest_review(case)
    if review is not None and review.status in (ReviewStatus.RETURNED, ReviewStatus.REJECTED):
        return None
    if review is None:
        return "本案没有法制审核记录"
    return f"法制审核（第{review.round}轮）{review.get_status_display()}，不能退回补充调查"


def decision_recorded(case: Any) -> str | None:
    """No penalty decision without its recorded content: the measures and amounts with the
    discretion benchmark applied and explained, which the decision document prints (处罚法
    arts. 34, 59; architecture invariant 7)."""
    from zhifa.cases.models.decisions import DecisionKind
    from zhifa.cases.services.decisions import latest

    if latest(case, DecisionKind.FINAL) is not None:
        return None
    return "请先录入处罚决定的内容（处罚种类、数额及裁量说明），再作出处罚决定"


# --- prior notice and hearing (处罚法 arts. 44, 45, 63, 64) --------------------------------------


def hearing_request_problem(case: Any, on: date) -> str | None:
    """The party's request for a hearing, made on ``on``: only where the intended penalty carries
    the right (处罚法 art. 63; :func:`zhifa.cases.documents.penalty.hearing_right`) and by the last
    day :func:`zhifa.cases.deadlines.hearing_request_due` computes from the prior notice (art.
    64(1): within 5 days, working days by art. 85). Without the holiday data of that year the
    missing data is said (no guess)."""
    from zhifa.cases import deadlines
    from zhifa.cases.documents.penalty import hearing_right
    from zhifa.cases.models.decisions import DecisionKind
    from zhifa.cases.services.decisions import latest
    from zhifa.core.workdays import YearDataMissing

    intended = latest(case, DecisionKind.INTENDED)
    if intended is None:
        return "本案没有事先告知的拟处罚内容，当事人不能要求听证"
    if not hearing_right(case, intended):
        return (
            f"拟作出的处罚（{intended.summary}）不属于行政处罚法第六十三条规定的应当告知听证权利的"
            "情形，当事人无权要求听证"
        )
    if case.notified_on is None:
        return "本案尚未登记事先告知日期，无法计算听证申请期限"
    try:
        due = deadlines.hearing_request_due(case.notified_on)
    except YearDataMissing as missing:
        return str(missing)
    if on > due.due:
        return f"当事人{_cn(on)}要求听证，已超过期限：{due.explanation}"
    return None
