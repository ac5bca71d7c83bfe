"""法制审核 (legal review) of a case: request, opinion, objection, the head's coordination.

Sources: 处罚法 art. 58 (the reviewed cases; no decision without a passed review; a first-time
reviewer holds the national legal-profession qualification); 国办发〔2018〕118号 (重大执法决定法制
审核: the legal review unit reviews, the handling unit and the reviewer disagreeing go to the head);
seed 001 (the checklist 主体, 事实, 证据, 法律适用, 程序, 裁量, 文书; the reviewer belongs to the legal
review unit, never to the handling unit). The time limit is a parameter (``cases.legal_review_working_days``)
counted in working days on the official calendar.

Each action is a step of the ``cases.legal_review`` table (``zhifa.cases.review_workflow``): one
transaction, the row locked, the ledger written by the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from zhifa.cases import review_rules
from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.reviews import (
    CHECKLIST,
    CHECKLIST_LABELS,
    OPEN,
    LegalReview,
    Opinion,
    ReviewStatus,
    Ruling,
)
from zhifa.cases.services.procedure import OPINION_MAX
from zhifa.core import ledger, parameters, workflow
from zhifa.core.calendar import compute_deadline
from zhifa.core.errors import collect, field_error
from zhifa.core.workdays import PeriodUnit
from zhifa.org.models import UnitKind
from zhifa.registry.models import Officer, OfficerStatus

TEXT_MAX = 2000


def snapshot(review: LegalReview) -> dict[str, Any]:
    return ledger.snapshot(review) or {}


def _case_for_change(actor: Any, case: Case) -> Case:
    if not Case.objects.restrict(actor, "change").filter(pk=case.pk).exists():
        raise Http404("案件不存在或您无权办理")
    return case


def reviewer_refusal(case: Case, officer: Officer) -> str | None:
    """Why ``officer`` may not review ``case``, or None.

    处罚法 art. 58 and seed 001: the reviewer is a legal reviewer of the agency's legal review unit
    (法制审核机构), never of the handling unit (承办机构) nor one of the case's officers; a reviewer
    who has never given a review opinion holds the legal-profession qualification (art. 58(2):
    初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格).
    """
    if officer.agency_id != case.agency_id:
        return "法制审核人员应为本机关的法制审核人员"
    if case.officers.filter(officer=officer).exists():
        return f"{officer.name}是本案承办人员，不能审核本案"
    if not officer.is_legal_reviewer:
        return f"{officer.name}不是法制审核人员"
    if officer.unit_id == case.unit_id:
        return "法制审核人员不得来自承办机构"
    if officer.unit_id is None or officer.unit.kind != UnitKind.LEGAL_REVIEW:
        return f"{officer.name}不属于本机关的法制审核机构"
    if officer.status != OfficerStatus.ON_DUTY or officer.user_id is None:
        return f"{officer.name}不在岗或没有平台账号，不能担任法制审核人员"
    first_time = not LegalReview.objects.filter(
        reviewer=officer, reviewed_on__isnull=False
    ).exists()
    if first_time and not officer.has_legal_qualification:
        return f"{officer.name}初次从事法制审核，应当取得国家统一法律职业资格"
    return None


def request_review(
    actor: Any, case: Case, *, reviewer: Officer | None, grounds: str = ""
) -> LegalReview:
    """Request a legal review of ``case`` by ``reviewer`` (the handling officers or the head)."""
    _case_for_change(actor, case)
    return workflow.start(
        LegalReview,
        "request",
        actor,
        agency=case.agency,
        case=case,
        reviewer=reviewer,
        grounds=grounds,
    )


def request(
    _none: None, actor: Any, *, case: Case, reviewer: Officer | None, grounds: str = ""
) -> LegalReview:
    """The ``request`` step: a new round, due after the configured working days."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    errors: dict[str, list[str]] = {"reviewer": [], "case": [], "grounds": []}
    if reviewer is None:
        errors["reviewer"].append("请选择法制审核人员")
    elif (refusal := reviewer_refusal(locked, reviewer)) is not None:
        errors["reviewer"].append(refusal)
    if locked.decided_on is not None or locked.is_finished:
        errors["case"].append("案件已作出决定或已办结，不能再提请法制审核")
    if LegalReview.objects.filter(case=locked, status__in=OPEN).exists():
        errors["case"].append("本案有尚未办结的法制审核，不能重复提请")
    if len(grounds or "") > TEXT_MAX:
        errors["grounds"].append(f"理由不能超过{TEXT_MAX}字")
    collect(errors)
    today = timezone.localdate()
    days = parameters.get(review_rules.REVIEW_WORKING_DAYS.key)
    last = LegalReview.objects.filter(case=locked).aggregate(n=Max("round"))["n"] or 0
    review = LegalReview.objects.create(
        case=locked,
        round=last + 1,
        reviewer=reviewer,
        requested_by=actor,
        requested_on=today,
        grounds=(grounds or "").strip(),
        due_on=review_due_on(today, days),
    )
    if locked.status in (CaseStatus.PRIOR_NOTICE, CaseStatus.HEARING):
        _follow(locked, actor, "submit_review", f"提请{reviewer.name}法制审核。{review.grounds}")
    return review


def review_due_on(today: date, days: int) -> date:
    """The review's time limit: ``days`` working days on the official calendar. The limit is the
    platform's own (a parameter; 处罚法 art. 58 sets none), so a review is never refused because
    next year's holiday notice has not been entered yet: then the days of that year count Monday
    to Friday, and the limit may fall a day or two early — never late for the party."""
    try:
        return compute_deadline(today, days, PeriodUnit.WORKING)
    except ValidationError:
        day, left = today, days
        while left:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day


def _follow(case: Case, actor: Any, action: str, opinion: str) -> None:
    """Move the case along its own table as the review goes (提请 → 审核中; 通过 → 待决定;
    补充后再审 or the head upholding the opinion → back to investigation)."""
    workflow.transition(case, action, actor, consequence=True, opinion=opinion[:OPINION_MAX])


def _case_follows(review: LegalReview, actor: Any, text: str) -> None:
    case = Case.objects.get(pk=review.case_id)
    if case.status != CaseStatus.LEGAL_REVIEW:
        return
    if review.has_passed:
        _follow(case, actor, "pass_review", text)
    elif review.status == ReviewStatus.RETURNED or review.ruling == Ruling.UPHOLD:
        _follow(case, actor, "return_review", text)


def _clean_checklist(raw: Any) -> tuple[dict[str, dict], list[str]]:
    """Each point must be answered (符合 / 不符合), with an optional note."""
    if not isinstance(raw, Mapping):
        return {}, ["请逐项填写审核要点"]
    cleaned: dict[str, dict] = {}
    missing = []
    for key, label in CHECKLIST:
        item = raw.get(key)
        if isinstance(item, bool):
            item = {"ok": item}
        if not isinstance(item, Mapping) or not isinstance(item.get("ok"), bool):
            missing.append(label)
            continue
        note = str(item.get("note") or "").strip()[:500]
        cleaned[key] = {"ok": item["ok"], "note": note}
    errors = [f"审核要点“{'、'.join(missing)}”未填写"] if missing else []
    return cleaned, errors


def give_opinion(
    actor: Any, review: LegalReview, *, opinion: str, reasons: str, checklist: Any
) -> LegalReview:
    """The named reviewer's opinion (同意 / 不同意 / 补充后再审) with reasons and the checklist."""
    return workflow.transition(
        review, "opine", actor, opinion=opinion, reasons=reasons, checklist=checklist
    )


def opine(
    review: LegalReview, actor: Any, *, opinion: str, reasons: str, checklist: Any
) -> LegalReview:
    errors: dict[str, list[str]] = {"opinion": [], "reasons": [], "checklist": []}
    if review.reviewer.user_id != getattr(actor, "pk", None):
        errors["opinion"].append("只有本次指定的法制审核人员可以出具审核意见")
    if opinion not in Opinion.values:
        errors["opinion"].append("请选择审核意见：同意、不同意或补充后再审")
    reasons = (reasons or "").strip()
    if not reasons:
        errors["reasons"].append("请填写审核意见的理由")
    elif len(reasons) > TEXT_MAX:
        errors["reasons"].append(f"理由不能超过{TEXT_MAX}字")
    cleaned, problems = _clean_checklist(checklist)
    errors["checklist"].extend(problems)
    failing = [CHECKLIST_LABELS[k] for k, v in cleaned.items() if not v["ok"]]
    if opinion == Opinion.AGREE and failing:
        errors["opinion"].append(f"审核要点“{'、'.join(failing)}”不符合，不能出具同意意见")
    collect(errors)
    review.opinion = opinion
    review.reasons = reasons
    review.checklist = cleaned
    review.reviewed_on = timezone.localdate()
    review.status = {
        Opinion.AGREE: ReviewStatus.PASSED,
        Opinion.DISAGREE: ReviewStatus.REJECTED,
        Opinion.SUPPLEMENT: ReviewStatus.RETURNED,
    }[Opinion(opinion)]
    review.save()
    _case_follows(review, actor, f"法制审核意见：{review.get_opinion_display()}。{reasons}")
    return review


def raise_objection(actor: Any, review: LegalReview, *, objection: str) -> LegalReview:
    """The handling unit disagrees with the opinion: the disagreement goes to the agency head."""
    return workflow.transition(review, "object", actor, objection=objection)


def object_to(review: LegalReview, actor: Any, *, objection: str) -> LegalReview:
    if not Case.objects.restrict(actor, "change").filter(pk=review.case_id).exists():
        raise field_error("objection", "只有本案承办人员可以对审核意见提出异议")
    if review.ruling:
        raise field_error("objection", "负责人已对本轮审核作出协调决定，不能再次提出异议")
    objection = (objection or "").strip()
    if not objection:
        raise field_error("objection", "请写明不同意审核意见的理由")
    if len(objection) > TEXT_MAX:
        raise field_error("objection", f"异议不能超过{TEXT_MAX}字")
    review.objection = objection
    review.objected_by = actor
    review.status = ReviewStatus.DISPUTED
    review.save()
    return review


def coordinate(actor: Any, review: LegalReview, *, ruling: str, reasons: str) -> LegalReview:
    """The agency head's ruling on the disagreement (协调), recorded with reasons."""
    return workflow.transition(review, "rule", actor, ruling=ruling, reasons=reasons)


def rule(review: LegalReview, actor: Any, *, ruling: str, reasons: str) -> LegalReview:
    errors: dict[str, list[str]] = {"ruling": [], "reasons": []}
    if ruling not in Ruling.values:
        errors["ruling"].append("请选择协调结果：维持法制审核意见或采纳承办机构意见")
    reasons = (reasons or "").strip()
    if not reasons:
        errors["reasons"].append("请填写协调意见")
    elif len(reasons) > TEXT_MAX:
        errors["reasons"].append(f"协调意见不能超过{TEXT_MAX}字")
    collect(errors)
    review.ruling = ruling
    review.ruling_reasons = reasons
    review.ruled_by = actor
    review.ruled_on = timezone.localdate()
    if ruling == Ruling.OVERRULE:
        review.status = ReviewStatus.COORDINATED
    else:
        review.status = {
            Opinion.DISAGREE: ReviewStatus.REJECTED,
            Opinion.SUPPLEMENT: ReviewStatus.RETURNED,
        }.get(Opinion(review.opinion), ReviewStatus.REJECTED)
    review.save()
    _case_follows(review, actor, f"负责人协调：{review.get_ruling_display()}。{reasons}")
    return review


def latest_review(case: Case) -> LegalReview | None:
    return case.legal_reviews.order_by("-round").select_related("reviewer").first()
