"""The catalogue's workflow tables: list versions, their filings, discretion benchmarks.

- A list version (清单版本) is a draft until published; a published version never changes, and
  publishing it files it with the justice bureau (报备; seed 000 (七)(十); 118号). Stored: only
  ``published_at`` (the state is 草稿 while it is empty).
- A filing (报备) waits for the receiving bureau's supervisor, who acknowledges it (备案) or
  returns it with an opinion (退回). A returned list is corrected by publishing a new version.
- A discretion benchmark (行政裁量权基准) is a draft until published; published, it never changes
  (处罚法 art. 34; seed 000 (九)(十一)). Legal review and approval before publication are not
  part of version 1: they come as a new version of ``BENCHMARK`` (``BENCHMARK.extend``).
"""

from __future__ import annotations

from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    ListVersion,
)
from zhifa.catalog.services import benchmarks, lists
from zhifa.core import workflow as wf
from zhifa.org.models import Role
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
    lock_related=("version__agency__region",),
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


def register() -> None:
    for table in (LIST_VERSION, FILING, BENCHMARK):
        wf.register(table)
