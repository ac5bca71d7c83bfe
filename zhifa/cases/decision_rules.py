"""Whether a case may be decided: the legal review of 处罚法 art. 58 and the prior notice of art. 45.

``decision_refusals(case)`` lists every reason in Chinese (empty: the decision may be made);
``zhifa.cases.rules.decision_allowed`` guards the table's ``decide`` step with it.
"""

from __future__ import annotations

from django.utils import timezone

from zhifa.cases.models import Case
from zhifa.cases.models.decisions import DecisionKind, Measure
from zhifa.cases.models.reviews import ReviewStatus
from zhifa.cases.services.decisions import heavier_than, latest
from zhifa.cases.services.review_grounds import recorded as review_grounds_recorded
from zhifa.cases.services.reviews import latest_review
from zhifa.catalog.models import ListKind
from zhifa.catalog.services.lists import as_of


def review_grounds(case: Case) -> list[str]:
    """Why ``case`` needs a passed legal review before its decision (处罚法 art. 58; 118号; seed
    001): a matter on the agency's major-decision list in force; a ground of art. 58(1) the
    officers recorded on the case (:mod:`zhifa.cases.services.review_grounds`); a hearing held;
    or a review already requested (a case sent to review may not be decided past it)."""
    grounds = []
    version = as_of(case.agency, ListKind.MAJOR_DECISION, timezone.localdate())
    if version is not None:
        matters = set(case.matters.values_list("matter_id", flat=True))
        for entry in version.entries.filter(matter_id__in=matters).select_related("matter"):
            criteria = (entry.attrs or {}).get("认定标准", "")
            text = f"执法事项“{entry.matter.name}”列入{version}"
            grounds.append(text + (f"（认定标准：{criteria}）" if criteria else ""))
    grounds.extend(review_grounds_recorded(case))
    if case.events.filter(action="request_hearing").exists():
        grounds.append(
            "本案经过听证程序，直接关系当事人重大权益（行政处罚法第五十八条第一款第二项）"
        )
    if case.legal_reviews.exists():
        grounds.append("本案已提请法制审核")
    return grounds


#: Measures that make the case serious (处罚法 art. 57: 对情节复杂或者重大违法行为给予行政处罚，
#: 行政机关负责人应当集体讨论决定) — those art. 63 gives a hearing for, beyond fines.
SERIOUS_MEASURES = frozenset(
    {
        Measure.REVOKE_LICENCE,
        Measure.LOWER_QUALIFICATION,
        Measure.RESTRICT_BUSINESS,
        Measure.SUSPEND_BUSINESS,
        Measure.CLOSE,
        Measure.BAR_PRACTICE,
        Measure.DETENTION,
    }
)


def discussion_grounds(case: Case) -> list[str]:
    """Why the heads must discuss ``case`` together before deciding (处罚法 art. 57), unless they
    already have since the latest penalty was recorded: a serious measure intended or decided, or
    the case marked 案件情况疑难复杂 (the art. 58(1)(3) ground the officers recorded:
    对情节复杂……的行政处罚，行政机关负责人应当集体讨论决定)."""
    penalty = latest(case, DecisionKind.FINAL) or latest(case, DecisionKind.INTENDED)
    grounds = []
    if penalty is not None:
        serious = [Measure(m).label for m in penalty.measures if m in SERIOUS_MEASURES]
        if serious:
            grounds.append(f"拟给予{'、'.join(serious)}，属重大违法行为的处罚")
    if "complex" in (case.review_grounds or {}):
        grounds.append(f"案件情况疑难复杂：{case.review_grounds['complex']}")
    if not grounds:
        return []
    discussed = case.events.filter(action="conclude_discussion")
    if penalty is not None:
        discussed = discussed.filter(at__gte=penalty.created_at)
    return [] if discussed.exists() else grounds


def review_refusal(case: Case) -> str | None:
    """No decision without a passed legal review where one is required (处罚法 art. 58)."""
    grounds = review_grounds(case)
    if not grounds:
        return None
    review = latest_review(case)
    if review is not None and review.has_passed:
        return None
    if review is None:
        state = "尚未提请法制审核"
    elif review.status == ReviewStatus.PENDING:
        state = "法制审核尚未完成"
    elif review.status == ReviewStatus.DISPUTED:
        state = "审核意见有异议，待负责人协调"
    else:
        state = f"法制审核意见为“{review.get_opinion_display()}”"
    return f"{'；'.join(grounds)}，应当经法制审核通过后方可作出决定，当前{state}（行政处罚法第五十八条）"


def heavier_refusal(case: Case) -> str | None:
    """The decision may not be heavier than the penalty in the prior notice (处罚法 art. 45)."""
    final, intended = latest(case, DecisionKind.FINAL), latest(case, DecisionKind.INTENDED)
    if final is None or intended is None:
        return None
    more = heavier_than(final, intended)
    if not more:
        return None
    return (
        "处罚决定重于事先告知的拟处罚：" + "；".join(more) + "，不得因当事人陈述、申辩而加重处罚"
        "（行政处罚法第四十五条）"
    )


def decision_refusals(case: Case) -> list[str]:
    return [r for r in (review_refusal(case), heavier_refusal(case)) if r]
