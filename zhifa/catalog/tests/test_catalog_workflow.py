"""The catalogue's workflow tables: a list version (draft → published, filed), its filing
(pending → acknowledged or returned), a benchmark (draft → published); what each persona is
offered on the pages and in the API, what the ledger records, and the version each remembers."""

from __future__ import annotations

import json
from datetime import date

import pytest

from zhifa.catalog.models import BenchmarkStatus, DiscretionBenchmark, ListKind
from zhifa.catalog.services import benchmarks, lists
from zhifa.catalog.tests.approval_fixtures import (
    publish_benchmark,
    publish_list,
    version_1,  # noqa: F401
)
from zhifa.catalog.tests.catalog_fixtures import agency, last_seq, make_matter, save_food
from zhifa.catalog.workflows import BENCHMARK
from zhifa.core import workflow
from zhifa.core.models import LedgerEntry


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


@pytest.fixture
def empty_draft(admin):
    return lists.draft_version(
        admin,
        agency("市市场监管局"),
        kind=ListKind.RANDOM_INSPECTION,
        effective_on=date(2024, 1, 1),
    )


def actions(api_client, user, url: str) -> list[dict]:
    api_client.force_authenticate(user)
    response = api_client.get(url)
    assert response.status_code == 200, response.json()
    return response.json()["actions"]


@pytest.mark.usefixtures("version_1")
def test_an_empty_draft_offers_entries_and_says_why_it_cannot_be_published(
    demo, api_client, admin, matter, empty_draft
):
    url = f"/api/v1/list-versions/{empty_draft.pk}"
    assert actions(api_client, admin, url) == [
        {
            "action": "add_entry",
            "label": "添加条目",
            "allowed": True,
            "reasons": [],
            "confirm": "",
        },
        {
            "action": "publish",
            "label": "发布并报备",
            "allowed": False,
            "reasons": ["清单没有任何条目，不能发布"],
            "confirm": "发布后本版本不能再修改，将向社会公开并报送司法行政部门备案。确定发布？",
        },
    ]
    for username in ("scjg_wang", "scjg_zhang", "sfj_chen"):
        assert actions(api_client, demo[username], url) == [], username
    lists.add_entry(admin, empty_draft, matter=matter)
    assert [a["allowed"] for a in actions(api_client, admin, url)] == [True, True]
    publish_list(admin, empty_draft)
    assert actions(api_client, admin, url) == []  # published: it never changes


@pytest.mark.usefixtures("version_1")
def test_the_draft_page_shows_the_reasons_instead_of_the_publish_button(
    client, admin, matter, empty_draft
):
    client.force_login(admin)
    html = client.get(f"/catalog/lists/{empty_draft.pk}/").content.decode()
    assert 'data-testid="publish-blocked"' in html and "清单没有任何条目，不能发布" in html
    assert 'value="publish"' not in html
    lists.add_entry(admin, empty_draft, matter=matter)
    html = client.get(f"/catalog/lists/{empty_draft.pk}/").content.decode()
    assert 'value="publish"' in html and "publish-blocked" not in html


@pytest.mark.usefixtures("version_1")
def test_the_receiving_supervisor_is_offered_the_filing_and_the_ledger_shows_the_step(
    demo, api_client, admin, matter, empty_draft
):
    lists.add_entry(admin, empty_draft, matter=matter)
    filing = publish_list(admin, empty_draft)
    assert filing.workflow_version == 2  # filings follow the newest table (refiling)
    url = f"/api/v1/filings/{filing.pk}"
    chen = demo["sfj_chen"]
    assert [a["action"] for a in actions(api_client, chen, url)] == ["acknowledge", "return"]
    assert actions(api_client, admin, url) == []
    seq = last_seq()
    lists.handle_filing(chen, filing, acknowledge=False, opinion="抽查比例缺少依据")
    entry = LedgerEntry.objects.get(seq__gt=seq)
    body = json.loads(entry.payload.body)
    assert entry.action == "catalog.filing.handle"
    assert (body["before"]["state"], body["after"]["state"]) == ("pending", "returned")
    assert (body["after"]["workflow"], body["after"]["action"]) == ("catalog.filing", "return")
    assert actions(api_client, chen, url) == []


@pytest.mark.usefixtures("version_1")
def test_a_benchmark_offers_publication_once(demo, api_client, admin, matter):
    benchmark = save_food(admin, matter)
    assert benchmark.workflow_version == BENCHMARK.version
    url = f"/api/v1/benchmarks/{benchmark.pk}"
    assert [a["action"] for a in actions(api_client, admin, url)] == ["revise", "publish"]
    assert actions(api_client, demo["sfj_chen"], url) == []
    api_client.force_authenticate(admin)
    published = api_client.post(f"{url}/publish")
    assert published.status_code == 200 and published.json()["actions"] == []


def test_a_new_table_version_applies_to_new_benchmarks_only(admin, matter):
    """How the benchmark pipeline will grow: version 2 adds a state; drafts begun under version 1
    keep following version 1."""

    def submit(benchmark: DiscretionBenchmark, actor) -> DiscretionBenchmark:
        benchmark.status = "submitted"  # a state version 1 does not know
        return benchmark

    with workflow.following(DiscretionBenchmark, 1):
        older = save_food(admin, matter)
    newer_table = BENCHMARK.extend(
        version=9,
        states={"submitted": "已提交"},
        steps=(
            workflow.Step(
                "submit",
                "提交",
                sources=(BenchmarkStatus.DRAFT.value,),
                target="submitted",
                roles=BENCHMARK.step("publish").roles,
                run=submit,
            ),
        ),
    )
    workflow.register(newer_table)
    try:
        publish_benchmark(admin, older)
        newer = benchmarks.save_draft(admin, matter, **benchmarks.content_of(older))
        assert (older.workflow_version, newer.workflow_version) == (1, 9)
        assert workflow.allowed_actions(newer, admin) == {"revise", "publish", "submit"}
        older_draft = DiscretionBenchmark.objects.get(pk=older.pk)
        older_draft.status = BenchmarkStatus.DRAFT  # as it was before publication
        assert workflow.allowed_actions(older_draft, admin) == {"revise", "publish"}
    finally:
        workflow.unregister(newer_table)
