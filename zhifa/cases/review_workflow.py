"""The legal review's workflow table (``cases.legal_review``, on ``zhifa.core.workflow``).

request (the handling officers or the head) → pending → opine (the named legal reviewer):
passed (同意) / rejected (不同意) / returned (补充后再审, the case goes back to investigation);
rejected → object (the handling unit disagrees) → disputed → rule (the agency head): coordinated (采纳承办机构意见) or back to the
opinion (维持法制审核意见). 处罚法 art. 58; 国办发〔2018〕118号.
"""

from __future__ import annotations

from zhifa.cases.models.reviews import LegalReview, ReviewStatus
from zhifa.cases.services import reviews
from zhifa.core import workflow as wf
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles

PENDING = ReviewStatus.PENDING.value
REJECTED = ReviewStatus.REJECTED.value
RETURNED = ReviewStatus.RETURNED.value
DISPUTED = ReviewStatus.DISPUTED.value

LEGAL_REVIEW = wf.Workflow(
    name="cases.legal_review",
    version=1,
    model=LegalReview,
    states=dict(ReviewStatus.choices),
    agency_of=lambda review: review.case.agency,
    role_check=agency_roles,
    snapshot=reviews.snapshot,
    lock_related=("case__agency",),
    steps=(
        wf.Step(
            "request",
            "提请法制审核",
            sources=(wf.INITIAL,),
            target=PENDING,
            roles=(Role.OFFICER, Role.AGENCY_HEAD),
            run=reviews.request,
        ),
        wf.Step(
            "opine",
            "出具审核意见",
            sources=(PENDING,),
            target=None,
            roles=(Role.LEGAL_REVIEWER,),
            run=reviews.opine,
            confirm="审核意见出具后不能修改，确定提交吗？",
        ),
        wf.Step(
            "object",
            "对审核意见提出异议",
            sources=(REJECTED,),
            target=DISPUTED,
            roles=(Role.OFFICER, Role.AGENCY_HEAD),
            run=reviews.object_to,
        ),
        wf.Step(
            "rule",
            "负责人协调",
            sources=(DISPUTED,),
            target=None,
            roles=(Role.AGENCY_HEAD,),
            run=reviews.rule,
            confirm="协调决定作出后不能修改，确定提交吗？",
        ),
    ),
)


def register() -> None:
    wf.register(LEGAL_REVIEW)
