"""The demo catalogue of 示范市: the enforcement matters of every agency, published discretion
benchmarks for common violations, and published lists (the four lists of four bureaus; 市市场监管局's
random-inspection, enterprise-inspection and major-decision lists), all built through the catalogue
services as each agency's 信息管理员, so the ledger records them like any other change.

The content lives in :mod:`zhifa.catalog.demo_data`; this module only walks it. Deterministic and
idempotent: nothing happens once any matter exists. Run after :func:`zhifa.org.demo.seed` and
:func:`zhifa.registry.demo.seed` (which gives most agencies their 信息管理员; the few it leaves
without one, the justice bureaus of the districts and 市交通运输局, get one here the same way).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from zhifa.catalog import demo_approvals, demo_checklists, demo_guides
from zhifa.catalog.demo_data import CATEGORY_CODES, M
from zhifa.catalog.demo_data.benchmarks import BENCHMARKS, SOURCES
from zhifa.catalog.demo_data.lists import FOUR_LISTS, MAJOR_DECISION_BASIS, SCJG_LISTS
from zhifa.catalog.demo_data.matters import FIELD_CODES, FIELDS, code_prefix
from zhifa.catalog.models import DiscretionBenchmark, Filing, ListKind, ListVersion, Matter
from zhifa.catalog.services import benchmarks, lists, matters
from zhifa.core import workflow
from zhifa.org.demo import agency_admin, agency_keys
from zhifa.org.models import Agency, EnforcementField, Membership, Role, User

BENCHMARK_HEAD = (
    "violation",
    "violation_basis",
    "penalty_basis",
    "statutory_range",
    "fine_min",
    "fine_max",
    "multiple_min",
    "multiple_max",
    "multiple_base",
)
ACKNOWLEDGED = "经审查，该清单符合法律、法规规定，予以备案。"


@dataclass
class Summary:
    matters: int = 0
    benchmarks: int = 0
    list_versions: int = 0
    list_entries: int = 0
    service_guides: int = 0
    compliance_guides: int = 0
    checklists: int = 0
    under_approval: int = 0
    admins_created: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (
            f"执法事项目录：{self.matters}个执法事项，{self.benchmarks}个已发布裁量基准，"
            f"{self.list_versions}个清单版本（{self.list_entries}条），"
            f"{self.service_guides}个办事指南，{self.compliance_guides}个合规指导清单，"
            f"{self.checklists}个事项的检查要点，{self.under_approval}个审核审批中的新版本"
        )
        if self.admins_created:
            text += f"；新建信息管理员：{'、'.join(self.admins_created)}"
        return text


def seed() -> Summary | None:
    """Build the catalogue; return what was made, or None when a catalogue already exists."""
    if Matter.objects.exists():
        return None
    summary = Summary()
    agencies = agency_keys()
    admins = _admins(agencies, summary)
    made = _matters(agencies, admins)
    summary.matters = len(made)
    # The city's catalogue before legal review and approval were required (tables version 1).
    with workflow.following(DiscretionBenchmark, 1), workflow.following(ListVersion, 1):
        summary.benchmarks = _benchmarks(made, admins)
        _lists(agencies, admins, made, summary)
    # Today's work: new versions under approval, in each state (tables version 2).
    summary.under_approval = demo_approvals.seed(agencies["scjg"], admins["scjg"])
    summary.service_guides, summary.compliance_guides = demo_guides.seed()
    summary.checklists = demo_checklists.seed()
    return summary


def _admins(agencies: dict[str, Agency], summary: Summary) -> dict[str, User]:
    """Each agency's information administrator (the first one, if there are several)."""
    sysadmin = User.objects.get(username="sysadmin")
    secadmin = User.objects.get(username="secadmin")
    admins = {}
    for key in sorted({k for keys, _ in FIELDS.values() for k in keys}):
        agency = agencies[key]
        membership = (
            Membership.objects.filter(role=Role.AGENCY_ADMIN, agency=agency)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            admins[key] = agency_admin(key, agency, secadmin, sysadmin)
            summary.admins_created.append(admins[key].username)
        else:
            admins[key] = membership.user
    return admins


def _numbers(specs: list[M]) -> dict[str, int]:
    """Each matter's number within its category, by its position in the field's list."""
    counters: dict[str, int] = {}
    numbers: dict[str, int] = {}
    for spec in specs:
        if spec.ref in numbers:
            raise ValueError(f"事项标识{spec.ref}重复")
        counters[spec.category] = counters.get(spec.category, 0) + 1
        numbers[spec.ref] = counters[spec.category]
    return numbers


def _in_scope(scope: str, level: str) -> bool:
    return scope == "all" or scope == level


def _matters(agencies: dict[str, Agency], admins: dict[str, User]) -> dict[tuple[str, str], Matter]:
    made = {}
    fields = {f.code: f for f in EnforcementField.objects.all()}
    for name, (keys, specs) in FIELDS.items():
        numbers = _numbers(specs)
        for key in keys:
            agency, level = agencies[key], agencies[key].region.level
            for spec in specs:
                if not _in_scope(spec.scope, level):
                    continue
                code = f"{code_prefix(key)}-{CATEGORY_CODES[spec.category]}-{numbers[spec.ref]:03d}"
                made[(key, spec.ref)] = matters.create_matter(
                    admins[key],
                    agency,
                    code=code,
                    name=spec.name,
                    category=spec.category,
                    level=level,
                    field=fields[FIELD_CODES[name]],
                    law=spec.law,
                    article=spec.article,
                    article_text=spec.text,
                )
    return made


def _benchmarks(made: dict[tuple[str, str], Matter], admins: dict[str, User]) -> int:
    """Publish each benchmark for every agency of its field that holds the matter."""
    count = 0
    for spec in BENCHMARKS:
        source, effective_on = SOURCES[spec["field"]]
        keys, _ = FIELDS[spec["field"]]
        for key in keys:
            matter = made.get((key, spec["ref"]))
            if matter is None:
                continue
            draft = benchmarks.save_draft(
                admins[key],
                matter,
                facts=copy.deepcopy(spec["facts"]),
                grades=copy.deepcopy(spec["grades"]),
                effective_on=effective_on,
                source_document=source,
                **{k: spec.get(k) for k in BENCHMARK_HEAD},
            )
            benchmarks.publish_benchmark(admins[key], draft)
            count += 1
    return count


def _lists(
    agencies: dict[str, Agency],
    admins: dict[str, User],
    made: dict[tuple[str, str], Matter],
    summary: Summary,
) -> None:
    for key, kinds in FOUR_LISTS.items():
        for kind, versions in kinds.items():
            for effective_on, note, entries, pending in versions:
                version = lists.draft_version(
                    admins[key], agencies[key], kind=kind, effective_on=effective_on, note=note
                )
                for ref, title, circumstances, basis, may in entries:
                    lists.add_entry(
                        admins[key],
                        version,
                        matter=made[(key, ref)] if ref else None,
                        title=title,
                        attrs={"may": may},
                        conditions=[{"fact": f, "op": "eq", "value": True} for f in circumstances],
                        basis=basis,
                    )
                _publish(admins[key], version, pending, summary)
    for kind, versions in SCJG_LISTS.items():
        for effective_on, note, entries, pending in versions:
            version = lists.draft_version(
                admins["scjg"], agencies["scjg"], kind=kind, effective_on=effective_on, note=note
            )
            for ref, attrs in entries:
                matter = made[("scjg", ref)]
                lists.add_entry(
                    admins["scjg"],
                    version,
                    matter=matter,
                    attrs=attrs,
                    basis=MAJOR_DECISION_BASIS if kind == ListKind.MAJOR_DECISION else matter.basis,
                )
            _publish(admins["scjg"], version, pending, summary)


def _publish(admin: User, version: ListVersion, pending: bool, summary: Summary) -> None:
    """Publish and file the version; the justice bureau's supervisor acknowledges it unless the
    demo leaves it pending."""
    filing: Filing = lists.publish_version(admin, version)
    summary.list_versions += 1
    summary.list_entries += version.entries.count()
    if pending:
        return
    supervisor = (
        Membership.objects.filter(role=Role.SUPERVISOR, agency=filing.justice_bureau)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if supervisor is not None:
        lists.handle_filing(supervisor.user, filing, acknowledge=True, opinion=ACKNOWLEDGED)


def seed_demo() -> list[str]:
    """Seed the demo catalogue; return the line summing up what was made (none on a rerun)."""
    summary = seed()
    return [summary.line()] if summary else []
