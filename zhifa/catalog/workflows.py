"""The catalogue's workflow tables: list versions, their filings, discretion benchmarks.

- A list version (清单版本) is a draft until published; a published version never changes, and
  publishing it files it with the justice bureau (报备; seed 000 (七)(十); 118号). Stored: only
  ``published_at`` (the state is 草稿 while it is empty).
- A filing (报备) waits for the receiving bureau's supervisor, who acknowledges it (备案) or
  returns it with an opinion (退回). A returned list is corrected by publishing a new version.
- A discretion benchmark (行政裁量权基准) is a draft until published; published, it never changes
  (处罚法 art. 34; seed 000 (九)(十一)). Legal review and approval before publication are not
  part of version 1.
- Version 2 of the list and benchmark tables (new drafts follow it; drafts begun under version 1
  keep version 1): draft → 送法制审核 → 法制审核 by the agency's legal reviewer (同意, or 不同意
  with reasons: back to draft) → 集体讨论 approval by the agency head (date, participants,
  conclusion; not approved: back to draft) → 发布并报备 by the administrator, never effective
  before publication; benchmarks are filed too (国办发〔2022〕27号; seed 000 (九)(十)). Version 2
  of the filing table lets the agency refile a returned filing as a new version in one action.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    ListVersion,
    RuleStatus,
)
from zhifa.catalog.services import approvals, benchmarks, lists
from zhifa.core import workflow as wf
from zhifa.org.models import Agency, Role
from zhifa.org.permissions import agency_roles, member_roles

DRAFT, PUBLISHED = "draft", "published"
ADMINS = (Role.AGENCY_ADMIN,)
SEED_000_10 = "《东港市提升行政执法质量三年行动具体举措》（十）"

LIST_VERSION = wf.Workflow(
    name="catalog.list",
    version=1,
    model=ListVersion,
    states={DRAFT: "草稿", PUBLISHED: "已发布"},
    state_of=lambda version: PUBLISHED if version.published_at else DRAFT,
    agency_of=lambda version: version.agency,
    role_check=agency_roles,
    lock_related=("agency__region",),
    steps=(
        wf.Step(
            "draft",
            "新建版本",
            sources=(wf.INITIAL,),
            target=DRAFT,
            roles=ADMINS,
            run=lists.draft,
            ledger_action="catalog.list.draft",
        ),
        wf.Step(
            "add_entry",
            "添加条目",
            sources=(DRAFT,),
            target=None,
            roles=ADMINS,
            run=lists.entry,
            ledger_action="catalog.list.entry",
            refusal=lambda version: "已发布的清单版本不能修改，请新建版本",
            refusal_field="version",
        ),
        wf.Step(
            "publish",
            "发布并报备",
            sources=(DRAFT,),
            target=PUBLISHED,
            roles=ADMINS,
            run=lists.publish,
            guards=(
                wf.Guard(lists.has_entries, field="version"),
                wf.Guard(lists.has_bureau, field="version", rule=SEED_000_10),
            ),
            refusal=lambda version: "该版本已发布",
            refusal_field="version",
            confirm="发布后本版本不能再修改，将向社会公开并报送司法行政部门备案。确定发布？",
        ),
    ),
)

_FILING_HANDLED = {
    "refusal": lambda filing: f"该报备已处理（{filing.get_status_display()}）",
    "ledger_action": "catalog.filing.handle",
}

FILING = wf.Workflow(
    name="catalog.filing",
    version=1,
    model=Filing,
    states=dict(FilingStatus.choices),
    agency_of=lambda filing: filing.justice_bureau,
    role_check=member_roles("只有受理机关的执法监督人员可以审查报备"),
    lock_related=("agency__region",),
    steps=(
        wf.Step(
            "acknowledge",
            "备案",
            sources=(FilingStatus.PENDING.value,),
            target=FilingStatus.ACKNOWLEDGED.value,
            roles=(Role.SUPERVISOR,),
            run=lambda filing, actor, opinion="": lists.handle(
                filing, actor, acknowledge=True, opinion=opinion
            ),
            confirm="备案后不能撤回。确定予以备案？",
            **_FILING_HANDLED,
        ),
        wf.Step(
            "return",
            "退回",
            sources=(FilingStatus.PENDING.value,),
            target=FilingStatus.RETURNED.value,
            roles=(Role.SUPERVISOR,),
            run=lambda filing, actor, opinion="": lists.handle(
                filing, actor, acknowledge=False, opinion=opinion
            ),
            confirm="退回后本次报备即办结，报备机关须修改后重新报备。确定退回？",
            **_FILING_HANDLED,
        ),
    ),
)

BENCHMARK = wf.Workflow(
    name="catalog.benchmark",
    version=1,
    model=DiscretionBenchmark,
    states=dict(BenchmarkStatus.choices),
    agency_of=lambda benchmark: benchmark.matter.agency,
    role_check=agency_roles,
    snapshot=benchmarks.snapshot,
    lock_related=("matter__agency__region",),
    steps=(
        wf.Step(
            "draft",
            "起草",
            sources=(wf.INITIAL,),
            target=BenchmarkStatus.DRAFT.value,
            roles=ADMINS,
            run=benchmarks.draft,
            ledger_action="catalog.benchmark.save",
        ),
        wf.Step(
            "revise",
            "修改草稿",
            sources=(BenchmarkStatus.DRAFT.value,),
            target=None,
            roles=ADMINS,
            run=benchmarks.revise,
            ledger_action="catalog.benchmark.save",
            refusal=lambda benchmark: "已发布的裁量基准不能修改，请新建版本",
        ),
        wf.Step(
            "publish",
            "发布",
            sources=(BenchmarkStatus.DRAFT.value,),
            target=BenchmarkStatus.PUBLISHED.value,
            roles=ADMINS,
            run=benchmarks.publish,
            refusal=lambda benchmark: "该裁量基准已发布",
            confirm="发布后本版本不能再修改（调整须新建版本），并向社会公开。确定发布？",
        ),
    ),
)


# --- version 2: legal review and the head's approval before publication; benchmarks filed ----

SUBMITTED, REVIEWED, APPROVED = (
    RuleStatus.SUBMITTED.value,
    RuleStatus.REVIEWED.value,
    RuleStatus.APPROVED.value,
)
APPROVAL_STATES = {s.value: s.label for s in RuleStatus}
REVIEWERS = (Role.LEGAL_REVIEWER,)
HEADS = (Role.AGENCY_HEAD,)
_NOT_RETROACTIVE = approvals.NOT_RETROACTIVE_RULE


def _not_yet(verb: str, then: str) -> Callable[[Any], str]:
    def refuse(rule: Any) -> str:
        if rule.status == PUBLISHED:
            return f"已发布，不能{verb}；需要调整时请新建版本"
        return f"当前状态为{rule.get_status_display()}，{then}"

    return refuse


def _approval_steps(*, content_guard: wf.Guard) -> tuple[wf.Step, ...]:
    """The steps a list version and a benchmark share from version 2 (国办发〔2022〕27号: legal
    review and collective discussion before publication; seed 000 (九)(十): filed)."""
    return (
        wf.Step(
            "submit",
            "送法制审核",
            sources=(DRAFT,),
            target=SUBMITTED,
            roles=ADMINS,
            run=approvals.submit,
            guards=(
                content_guard,
                wf.Guard(
                    approvals.not_retroactive_draft, field="effective_on", rule=_NOT_RETROACTIVE
                ),
            ),
        ),
        wf.Step(
            "review_pass",
            "法制审核同意",
            sources=(SUBMITTED,),
            target=REVIEWED,
            roles=REVIEWERS,
            run=approvals.review_pass,
        ),
        wf.Step(
            "review_fail",
            "法制审核不同意（退回修改）",
            sources=(SUBMITTED,),
            target=DRAFT,
            roles=REVIEWERS,
            run=approvals.review_fail,
        ),
        wf.Step(
            "approve",
            "集体讨论通过",
            sources=(REVIEWED,),
            target=APPROVED,
            roles=HEADS,
            run=approvals.approve,
        ),
        wf.Step(
            "disapprove",
            "集体讨论未通过（退回修改）",
            sources=(REVIEWED,),
            target=DRAFT,
            roles=HEADS,
            run=approvals.disapprove,
        ),
        wf.Step(
            "publish",
            "发布并报备",
            sources=(APPROVED,),
            target=PUBLISHED,
            roles=ADMINS,
            run=approvals.publish,
            guards=(
                wf.Guard(approvals.not_retroactive, field="effective_on", rule=_NOT_RETROACTIVE),
                wf.Guard(approvals.has_bureau, field="version", rule=SEED_000_10),
            ),
            refusal=_not_yet("发布", "须经法制审核和集体讨论通过后发布"),
        ),
    )


def _while_draft(step: wf.Step) -> wf.Step:
    """Editing a draft under approval is refused with where it stands (退回修改后才能编辑);
    a published one as in version 1."""
    under_way = _not_yet("修改", "退回修改后才能编辑")

    def refuse(rule: Any) -> str:
        if rule.status == PUBLISHED and step.refusal is not None:
            return step.refusal(rule)
        return under_way(rule)

    return dataclasses.replace(step, refusal=refuse)


LIST_VERSION_2 = dataclasses.replace(
    LIST_VERSION.extend(
        version=2,
        states=APPROVAL_STATES,
        steps=(
            _while_draft(LIST_VERSION.step("add_entry")),
            *_approval_steps(content_guard=wf.Guard(lists.has_entries, field="version")),
        ),
    ),
    state_of=lambda version: PUBLISHED if version.published_at else version.status,
)

BENCHMARK_2 = BENCHMARK.extend(
    version=2,
    states=APPROVAL_STATES,
    steps=(
        _while_draft(BENCHMARK.step("revise")),
        *_approval_steps(content_guard=wf.Guard(approvals.has_content, field="grades")),
    ),
)


def _filing_roles(actor: Any, parties: tuple[Agency, Agency], roles: tuple[str, ...]) -> str | None:
    """The bureau's supervisors review a filing; the filing agency's administrator refiles it
    (``parties``: the receiving bureau and the filing agency)."""
    bureau, agency = parties
    if Role.SUPERVISOR in roles:
        return FILING.role_check(actor, bureau, roles)
    return agency_roles(actor, agency, roles)


FILING_2 = dataclasses.replace(
    FILING.extend(
        version=2,
        states=dict(FilingStatus.choices),
        steps=(
            wf.Step(
                "refile",
                "修改后重新报送",
                sources=(FilingStatus.RETURNED.value,),
                target=FilingStatus.REVISING.value,
                roles=ADMINS,
                run=approvals.refile,
                guards=(wf.Guard(approvals.filing_returned),),
                refusal=lambda filing: "已依退回意见起草修正版本，请在新版本中修改",
            ),
        ),
    ),
    agency_of=lambda filing: (filing.justice_bureau, filing.agency),
    role_check=_filing_roles,
    lock_related=("agency__region", "justice_bureau"),
)


def register() -> None:
    for table in (LIST_VERSION, FILING, BENCHMARK, LIST_VERSION_2, BENCHMARK_2, FILING_2):
        wf.register(table)
