"""The demo catalogue: a few hundred matters with their legal bases, published benchmarks whose
grades partition the facts, the four lists with history, and a ledger that still verifies.

Seeding the demo city, its registry and the catalogue through the services takes seconds, so it is
done once for the module inside a transaction rolled back at the end (as the registry page tests do).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings

from zhifa.catalog import demo as catalog_demo
from zhifa.catalog.demo_data import CATEGORY_CODES
from zhifa.catalog.demo_data.benchmarks import BENCHMARKS
from zhifa.catalog.demo_data.matters import FIELDS
from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    ListKind,
    ListVersion,
    Matter,
    MatterCategory,
)
from zhifa.catalog.models.lists import LENIENCY_KINDS
from zhifa.catalog.rules import CIRCUMSTANCES, Fact, coverage, holds
from zhifa.catalog.services.benchmarks import _clean, content_of, fact_map
from zhifa.catalog.services.discretion import apply_benchmark
from zhifa.catalog.services.lists import as_of
from zhifa.core import ledger
from zhifa.org import demo as demo_city
from zhifa.org.models import Agency
from zhifa.registry import demo as registry_city

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CODE = re.compile(r"^[A-Z]+-(XK|CF|QZ|ZS|JC|QR|CJ|JF|JL|QT)-\d{3}$")


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker) -> Iterator[catalog_demo.Summary]:
    """The demo city, its registry and its catalogue, seeded once and rolled back afterwards."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_city.seed()
            registry_city.seed()
            summary = catalog_demo.seed()
            assert summary is not None
            yield summary
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def summary(catalogue, db) -> catalog_demo.Summary:
    return catalogue


def scjg() -> Agency:
    return Agency.objects.get(short_name="市市场监管局")


def test_a_few_hundred_matters_across_agencies_and_categories(summary):
    assert Matter.objects.count() == summary.matters >= 250
    assert set(Matter.objects.values_list("category", flat=True)) == set(MatterCategory.values)
    holders = set(Matter.objects.values_list("agency__short_name", flat=True).distinct())
    assert len(holders) == len({key for keys, _ in FIELDS.values() for key in keys})
    assert Matter.objects.filter(category=MatterCategory.PENALTY).count() > 150
    assert Matter.objects.filter(category=MatterCategory.INSPECTION).count() > 30


def test_every_matter_has_the_field_of_its_agencys_certificates(summary):
    """Certificates cover their field's matters only: the demo classifies every matter."""
    assert not Matter.objects.filter(field__isnull=True).exists()
    fields = dict(Matter.objects.values_list("agency__short_name", "field__name").distinct())
    assert fields["市市场监管局"] == "市场监管"
    assert fields["青石镇"] == "乡镇综合执法"


def test_codes_and_levels_follow_the_agency(summary):
    for matter in Matter.objects.select_related("agency__region"):
        assert CODE.match(matter.code), matter.code
        assert matter.code.split("-")[1] == CATEGORY_CODES[matter.category]
        assert matter.level == matter.agency.region.level
    district = Matter.objects.get(code="DCSCJG-CF-005")
    assert district.name == Matter.objects.get(code="SCJG-CF-005").name
    assert district.level == "county"
    assert Matter.objects.filter(agency__short_name="青石镇", level="town").count() == 12


def test_every_matter_cites_a_law_an_article_and_its_text(summary):
    for matter in Matter.objects.all():
        assert matter.law and not matter.law.startswith("《"), matter.code
        assert matter.article.startswith("第") and "条" in matter.article, matter.code
        assert len(matter.article_text) > 20, matter.code
        assert matter.basis == f"《{matter.law}》{matter.article}"


def test_entrusted_body_holds_no_coercive_power(summary):
    """南山生态执法大队 acts on entrustment: penalties and inspections only (强制法 art. 17)."""
    categories = set(
        Matter.objects.filter(agency__short_name="南山生态执法大队").values_list(
            "category", flat=True
        )
    )
    assert categories == {MatterCategory.PENALTY, MatterCategory.INSPECTION}


def test_benchmarks_are_published_and_their_grades_partition_the_facts(summary):
    published = DiscretionBenchmark.objects.filter(status=BenchmarkStatus.PUBLISHED)
    # the five new versions under approval: one of them published (and returned by the bureau)
    assert published.count() == summary.benchmarks + 1
    assert DiscretionBenchmark.objects.count() == summary.benchmarks + 5
    assert len({b.violation for b in published}) >= 20
    for benchmark in published.select_related("matter"):
        content = content_of(benchmark)
        facts, grades = content.pop("facts"), content.pop("grades")
        assert not any(_clean(content, facts, grades).values()), benchmark.violation
        specs = fact_map(benchmark)
        domain = {
            k: [{"fact": k, "op": "ge", "value": 0}] for k, f in specs.items() if f.kind == "number"
        }
        found = coverage(
            [(g.name, g.conditions) for g in benchmark.grades.all()], specs, domain=domain
        )
        assert found.ok, benchmark.violation
        assert 2 <= benchmark.grades.count() <= 4
        assert benchmark.source_document.startswith("示范市")


def test_grade_ranges_stay_inside_the_statutory_range(summary):
    for benchmark in DiscretionBenchmark.objects.all():
        for grade in benchmark.grades.all():
            if grade.fine_max is not None:
                assert grade.fine_max <= benchmark.fine_max
                assert grade.fine_min is None or grade.fine_min <= grade.fine_max
            if benchmark.fine_min is not None and grade.fine_min is not None:
                assert grade.fine_min >= benchmark.fine_min
            if grade.multiple_max is not None:
                assert grade.multiple_max <= benchmark.multiple_max


def _satisfying(fact: Fact, clauses: list[dict], facts: dict[str, Fact], prefer: Any) -> Any:
    """A value of ``fact`` for which every clause on it holds, ``prefer`` first."""
    if fact.kind == "boolean":
        candidates = [prefer, True, False]
    elif fact.kind == "choice":
        candidates = [prefer, *fact.choices]
    else:
        bounds = {Decimal(str(c["value"])) for c in clauses}
        candidates = [prefer, Decimal(0), *sorted(bounds), *sorted(b + 1 for b in bounds)]
    for value in candidates:
        if value is None:
            continue
        if all(holds(c, {fact.key: value}, facts) for c in clauses):
            return value
    raise AssertionError(f"no value of {fact.key} satisfies {clauses}")


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def test_each_benchmark_gives_a_grade_on_a_boundary(summary):
    """Facts exactly at a grade's lower bound (≥) fall in that grade, and only in it; a grade
    without a numeric bound is tried at its own point (its yes/no and choice values)."""
    on = date(2026, 1, 1)
    for benchmark in DiscretionBenchmark.objects.all():
        facts = fact_map(benchmark)
        grades = list(benchmark.grades.all())
        used = {c["fact"] for g in grades for c in g.conditions}
        numeric_bounds = 0
        for grade in grades:
            bounds = [c for c in grade.conditions if c["op"] == "ge"] or [None]
            for boundary in bounds:
                values = {}
                for key in used:
                    own = [c for c in grade.conditions if c["fact"] == key]
                    at_bound = boundary is not None and key == boundary["fact"]
                    prefer = Decimal(str(boundary["value"])) if at_bound else None
                    values[key] = _satisfying(facts[key], own, facts, prefer)
                if boundary is not None:
                    assert values[boundary["fact"]] == Decimal(str(boundary["value"]))
                    numeric_bounds += 1
                result = apply_benchmark(benchmark, {k: _json(v) for k, v in values.items()}, on=on)
                assert result.grade == grade.name, (benchmark.violation, values)
                assert result.conclusion
        if any(facts[k].kind == "number" for k in used):
            assert numeric_bounds, benchmark.violation


def test_benchmark_specs_cover_every_field_agency(summary):
    for spec in BENCHMARKS:
        keys, _ = FIELDS[spec["field"]]
        holders = DiscretionBenchmark.objects.filter(violation=spec["violation"], version=1)
        assert holders.count() == len(keys), spec["violation"]


def test_four_lists_published_with_known_circumstances(summary):
    keys = {f.key for f in CIRCUMSTANCES}
    for short_name in ("市市场监管局", "市生态环境局", "市城管执法局", "市应急管理局"):
        agency = Agency.objects.get(short_name=short_name)
        for kind in LENIENCY_KINDS:
            version = as_of(agency, kind, date(2026, 1, 1))
            assert version is not None, (short_name, kind)
            entries = list(version.entries.all())
            assert entries
            for entry in entries:
                assert entry.title and entry.basis
                assert entry.conditions and {c["fact"] for c in entry.conditions} <= keys
                assert entry.matter is None or entry.matter.agency_id == agency.pk


def test_a_list_has_history(summary):
    versions = ListVersion.objects.filter(agency=scjg(), kind=ListKind.NO_PENALTY).order_by(
        "number"
    )
    assert [v.effective_on for v in versions] == [date(2024, 1, 1), date(2025, 7, 1)]
    assert all(v.is_published for v in versions)
    assert as_of(scjg(), ListKind.NO_PENALTY, date(2023, 12, 31)) is None
    assert as_of(scjg(), ListKind.NO_PENALTY, date(2025, 6, 30)).number == 1
    assert as_of(scjg(), ListKind.NO_PENALTY, date(2025, 7, 1)).number == 2
    assert versions[1].entries.count() == versions[0].entries.count() + 2


def test_the_lists_in_force_on_the_day_of_the_decision_apply(summary):
    """进货查验 joined the 不予处罚 list on 2025-07-01: evaluations before then do not cite it."""
    benchmark = DiscretionBenchmark.objects.get(
        matter__agency=scjg(), matter__name__startswith="对食品经营者进货时未查验"
    )
    facts = {"refused": False, "repeat": False, "first_violation": True, "harm_minor": True}
    facts["corrected_in_time"] = True
    local = "食品经营者进货查验记录不完整，初次违法且危害后果轻微，在责令改正期限内改正的"
    before = apply_benchmark(benchmark, facts, on=date(2025, 1, 1))
    after = apply_benchmark(benchmark, facts, on=date(2025, 8, 1))
    assert local not in [e["title"] for e in before.lists[ListKind.NO_PENALTY]]
    assert local in [e["title"] for e in after.lists[ListKind.NO_PENALTY]]


def test_market_inspection_and_major_decision_lists(summary):
    agency = scjg()
    for kind, column in (
        (ListKind.RANDOM_INSPECTION, "抽查比例"),
        (ListKind.ENTERPRISE_INSPECTION, "检查频次"),
        (ListKind.MAJOR_DECISION, "认定标准"),
    ):
        version = as_of(agency, kind, date(2026, 1, 1))
        assert version is not None, kind
        entries = list(version.entries.select_related("matter"))
        assert len(entries) >= 5
        for entry in entries:
            assert entry.matter.agency_id == agency.pk
            assert entry.attrs.get(column)
            assert entry.basis
    random = as_of(agency, ListKind.RANDOM_INSPECTION, date(2026, 1, 1))
    assert {e.matter.category for e in random.entries.all()} == {MatterCategory.INSPECTION}


def test_filings_reviewed_except_two_left_for_the_justice_bureau(summary):
    published = ListVersion.objects.filter(published_at__isnull=False)
    assert Filing.objects.filter(version__isnull=False).count() == published.count()
    assert published.count() == summary.list_versions
    assert Filing.objects.filter(status=FilingStatus.PENDING).count() == 2
    # one benchmark returned by the justice bureau, for the agency to refile
    returned = Filing.objects.get(status=FilingStatus.RETURNED)
    assert returned.benchmark is not None and returned.opinion


def test_rules_under_approval_in_each_state(summary):
    states = set(
        DiscretionBenchmark.objects.filter(workflow_version=2).values_list("status", flat=True)
    )
    assert states == {"draft", "submitted", "reviewed", "approved", "published"}
    assert ListVersion.objects.filter(workflow_version=2, status="draft").count() == 1


def test_ledger_verifies(summary):
    assert ledger.verify().ok


def test_seeding_again_changes_nothing(summary):
    counts = (
        Matter.objects.count(),
        DiscretionBenchmark.objects.count(),
        ListVersion.objects.count(),
    )
    assert catalog_demo.seed() is None
    assert counts == (
        Matter.objects.count(),
        DiscretionBenchmark.objects.count(),
        ListVersion.objects.count(),
    )
