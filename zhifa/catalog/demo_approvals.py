"""The demo city's rules under approval (workflow tables version 2), so every state can be seen:
new versions of 市市场监管局's benchmarks waiting for the legal reviewer (scjg_li), for the head's
collective discussion (scjg_wang), for publication (scjg_admin), one sent back by the legal
reviewer, one published and returned by the justice bureau (sfj_chen) with its opinion (a to-do
for the agency, marked on the public pages), and a list version drafted. All through the services,
effective a month from the day the demo is built (never before publication)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zhifa.catalog.models import DiscretionBenchmark, ListKind, ListVersion
from zhifa.catalog.services import approvals, benchmarks, lists
from zhifa.core import workflow
from zhifa.org.models import Agency, Membership, Role, User

PARTICIPANTS = "局长王建国、副局长赵敏、法制科科长李娜、执法稽查科科长周强"
RETURNED_OPINION = "第三阶次的罚款下限低于法定幅度，请核对处罚依据后重新报送。"


def _holder(agency: Agency, role: str) -> User | None:
    found = (
        Membership.objects.filter(agency=agency, role=role, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return found.user if found else None


def seed(agency: Agency, admin: User) -> int:
    """Start the approvals of ``agency``'s next benchmark versions; the number of rules made."""
    reviewer = _holder(agency, Role.LEGAL_REVIEWER)
    head = _holder(agency, Role.AGENCY_HEAD)
    bureau = lists.justice_bureau_for(agency)
    supervisor = _holder(bureau, Role.SUPERVISOR) if bureau else None
    if not (reviewer and head and supervisor):
        return 0
    effective_on = timezone.localdate() + timedelta(days=30)
    published = list(
        DiscretionBenchmark.objects.filter(matter__agency=agency, status="published").order_by(
            "matter__code"
        )[:5]
    )
    if len(published) < 5:
        return 0
    drafts = [
        benchmarks.save_draft(
            admin, b.matter, **{**benchmarks.content_of(b), "effective_on": effective_on}
        )
        for b in published
    ]
    _waiting_review, waiting_head, approved, sent_back, returned = drafts
    discussion = {
        "discussed_on": timezone.localdate(),
        "participants": PARTICIPANTS,
        "opinion": "经局务会集体讨论，同意发布。",
    }
    for rule in drafts:
        approvals.act(rule, "submit", admin)
    approvals.act(
        sent_back, "review_fail", reviewer, opinion="违法所得的计算口径未写明，请补充后再送审。"
    )
    for rule in (waiting_head, approved, returned):
        approvals.act(rule, "review_pass", reviewer, opinion="经审核，符合法律、法规规定。")
    for rule in (approved, returned):
        approvals.act(rule, "approve", head, **discussion)
    filing = approvals.act(returned, "publish", admin)
    lists.handle_filing(supervisor, filing, acknowledge=False, opinion=RETURNED_OPINION)
    version = lists.draft_version(
        admin, agency, kind=ListKind.RECORDING, effective_on=effective_on, note="拟增加事项"
    )
    assert workflow.table_of(version).version == 2 and isinstance(version, ListVersion)
    return len(drafts) + 1
