"""Approvals of the rules agencies make (workflow tables version 2): each step by its role and
refused for the others, the reviews and collective discussion recorded, publication never before
the effective date (no retroactivity), benchmarks filed too, a returned filing reaching the agency
as a to-do and refiled as a new version, the public mark, the supervisor's count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.catalog.models import Filing, FilingStatus, ListKind, ListVersion, RuleStatus
from zhifa.catalog.services import approvals, lists
from zhifa.catalog.tests.approval_fixtures import approve
from zhifa.catalog.tests.catalog_fixtures import agency, make_matter, save_food
from zhifa.core.models import LedgerEntry


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


def discussion(day: date) -> dict:
    return {
        "discussed_on": day,
        "participants": "局长王某、副局长赵某、法制科科长李某",
        "opinion": "同意发布",
    }


def home(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def test_each_step_is_taken_by_its_role_and_refused_for_the_others(midyear, demo, admin, matter):
    benchmark = save_food(admin, matter, effective_on=midyear + timedelta(days=10))
    assert benchmark.workflow_version == 2
    li, wang, zhang = demo["scjg_li"], demo["scjg_wang"], demo["scjg_zhang"]
    for outsider in (li, wang, zhang, demo["sfj_chen"]):
        with pytest.raises(PermissionDenied):
            approvals.act(benchmark, "submit", outsider)
    with pytest.raises(ValidationError, match="须经法制审核和集体讨论通过后发布"):
        approvals.act(benchmark, "publish", admin)
    approvals.act(benchmark, "submit", admin)
    for outsider in (admin, wang, zhang):
        with pytest.raises(PermissionDenied):
            approvals.act(benchmark, "review_pass", outsider, opinion="同意")
    with pytest.raises(ValidationError, match="请填写不同意的理由"):
        approvals.act(benchmark, "review_fail", li, opinion="  ")
    approvals.act(benchmark, "review_fail", li, opinion="第二阶次上限超出法定幅度")
    benchmark.refresh_from_db()
    assert benchmark.status == RuleStatus.DRAFT  # 不同意: back to the administrator
    approvals.act(benchmark, "submit", admin)
    approvals.act(benchmark, "review_pass", li, opinion="")
    for outsider in (admin, li):
        with pytest.raises(PermissionDenied):
            approvals.act(benchmark, "approve", outsider, **discussion(midyear))
    with pytest.raises(ValidationError) as refused:
        approvals.act(benchmark, "approve", wang, discussed_on=None, participants="", opinion="")
    assert set(refused.value.message_dict) == {"discussed_on", "participants", "opinion"}
    approvals.act(benchmark, "approve", wang, **discussion(midyear))
    with pytest.raises(PermissionDenied):
        approvals.act(benchmark, "publish", wang)
    filing = approvals.act(benchmark, "publish", admin)
    benchmark.refresh_from_db()
    assert benchmark.status == RuleStatus.PUBLISHED
    assert filing.benchmark == benchmark and filing.justice_bureau.name == "示范市司法局"
    records = [(r.kind, r.agrees, r.opinion) for r in benchmark.approvals.all()]
    assert records == [
        ("legal_review", False, "第二阶次上限超出法定幅度"),
        ("legal_review", True, "同意"),
        ("head_approval", True, "同意发布"),
    ]
    assert benchmark.approvals.last().participants.startswith("局长王某")
    actions = list(
        LedgerEntry.objects.filter(action__startswith="catalog.benchmark.")
        .order_by("-seq")
        .values_list("action", flat=True)[:6]
    )
    assert actions[::-1] == [
        "catalog.benchmark.submit",
        "catalog.benchmark.review_fail",
        "catalog.benchmark.submit",
        "catalog.benchmark.review_pass",
        "catalog.benchmark.approve",
        "catalog.benchmark.publish",
    ]


def test_a_rule_never_takes_effect_before_it_is_published(midyear, demo, admin, matter):
    benchmark = save_food(admin, matter, effective_on=midyear + timedelta(days=3))
    with time_machine.travel(midyear, tick=False):
        approve(benchmark, admin)
    later = midyear + timedelta(days=8)
    with time_machine.travel(later, tick=False):
        with pytest.raises(ValidationError) as refused:
            approvals.act(benchmark, "publish", admin)
        assert "不得溯及既往" in str(refused.value.message_dict["effective_on"])
        assert "《中华人民共和国立法法》第一百零四条" in str(refused.value.message_dict)
        blocked = {a.action: a for a in approvals.workflow.available_actions(benchmark, admin)}
        assert not blocked["publish"].allowed and "早于发布日期" in blocked["publish"].reasons[0]
        approvals.act(benchmark, "publish", admin, effective_on=later)
    benchmark.refresh_from_db()
    assert benchmark.effective_on == later and benchmark.published_at.date() == later


def test_a_draft_dated_in_the_past_is_not_submitted(midyear, admin, matter):
    benchmark = save_food(admin, matter, effective_on=midyear - timedelta(days=1))
    with pytest.raises(ValidationError, match="请先修改草稿的施行日期再送审"):
        approvals.act(benchmark, "submit", admin)


def test_pages_and_api_offer_the_same_steps(midyear, demo, admin, matter, client, api_client):
    benchmark = save_food(admin, matter, effective_on=midyear + timedelta(days=10))
    approvals.act(benchmark, "submit", admin)
    li = demo["scjg_li"]
    api_client.force_authenticate(li)
    url = f"/api/v1/benchmarks/{benchmark.pk}"
    offered = [a["action"] for a in api_client.get(url).json()["actions"]]
    assert offered == ["review_pass", "review_fail"]
    client.force_login(li)
    html = client.get(f"/catalog/benchmarks/{benchmark.pk}/").content.decode()
    assert 'data-testid="step-review_pass"' in html and 'data-testid="step-review_fail"' in html
    api_client.force_authenticate(demo["scjg_wang"])
    refused = api_client.post(f"{url}/act", {"action": "review_pass"}, format="json")
    assert refused.status_code == 403
    api_client.force_authenticate(li)
    bad = api_client.post(f"{url}/act", {"action": "review_fail", "opinion": ""}, format="json")
    assert bad.status_code == 400 and "理由" in str(bad.json())
    done = api_client.post(
        f"{url}/act", {"action": "review_pass", "opinion": "合法"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "reviewed"
    records = api_client.get(f"{url}/approvals").json()
    assert [(r["kind_display"], r["opinion"]) for r in records] == [("法制审核", "合法")]
    # The head sees the step in their to-dos and takes it on the page.
    head = home(client, demo["scjg_wang"])
    assert "待集体讨论审批" in head and benchmark.violation in head
    client.force_login(demo["scjg_wang"])
    response = client.post(
        f"/catalog/approvals/benchmark/{benchmark.pk}/",
        {
            "act": "approve",
            "approve-discussed_on": midyear.isoformat(),
            "approve-participants": "局长王某、副局长赵某",
            "approve-opinion": "同意",
        },
    )
    assert response.status_code == 302
    benchmark.refresh_from_db()
    assert benchmark.status == RuleStatus.APPROVED
    # Publication asks for confirmation.
    client.force_login(admin)
    unconfirmed = client.post(
        f"/catalog/approvals/benchmark/{benchmark.pk}/",
        {"act": "publish", "publish-effective_on": benchmark.effective_on.isoformat()},
    )
    assert unconfirmed.status_code == 400 and "请勾选确认后再发布" in unconfirmed.content.decode()
    benchmark.refresh_from_db()
    assert benchmark.status == RuleStatus.APPROVED


def _returned_list(midyear, demo, admin, matter) -> Filing:
    version = lists.draft_version(
        admin,
        agency("市市场监管局"),
        kind=ListKind.RANDOM_INSPECTION,
        effective_on=midyear + timedelta(days=5),
    )
    lists.add_entry(admin, version, matter=matter, attrs={"抽查比例": "5%"})
    approve(version, admin)
    filing = approvals.act(version, "publish", admin)
    lists.handle_filing(demo["sfj_chen"], filing, acknowledge=False, opinion="抽查比例缺少依据")
    return filing


def test_a_returned_filing_is_a_to_do_and_is_refiled_as_a_new_version(
    midyear, demo, admin, matter, client
):
    filing = _returned_list(midyear, demo, admin, matter)
    assert "抽查比例缺少依据" in home(client, admin)
    public = client.get(f"/public/catalog/lists/versions/{filing.version.pk}/").content.decode()
    assert "已被司法局退回" in public
    with pytest.raises(PermissionDenied):
        approvals.refile_filing(demo["scjg_wang"], filing, effective_on=midyear)
    client.force_login(admin)
    response = client.post(
        f"/catalog/filings/{filing.pk}/refile/",
        {"refile-effective_on": (midyear + timedelta(days=20)).isoformat(), "refile-submit": "on"},
    )
    assert response.status_code == 302
    new = ListVersion.objects.get(corrects=filing)
    assert new.status == RuleStatus.SUBMITTED and new.number == filing.version.number + 1
    assert list(new.entries.values_list("attrs", flat=True)) == [{"抽查比例": "5%"}]
    filing.refresh_from_db()
    assert filing.status == FilingStatus.REVISING
    assert "抽查比例缺少依据" not in home(client, admin)  # no longer waiting for the agency
    with pytest.raises(ValidationError):
        approvals.refile_filing(admin, filing, effective_on=midyear)  # once
    # Still marked until the corrected version is filed.
    assert (
        "已被司法局退回"
        in client.get(f"/public/catalog/lists/versions/{filing.version.pk}/").content.decode()
    )
    approvals.act(new, "review_pass", demo["scjg_li"], opinion="已补充依据")
    approvals.act(new, "approve", demo["scjg_wang"], **discussion(midyear))
    refiled = approvals.act(new, "publish", admin)
    assert refiled.status == FilingStatus.PENDING
    client.logout()
    page = client.get(f"/public/catalog/lists/versions/{filing.version.pk}/").content.decode()
    assert "已被司法局退回" not in page


def test_the_supervisor_counts_the_filings_waiting_benchmarks_included(
    midyear, demo, admin, matter, client
):
    before = Filing.objects.restrict(demo["sfj_chen"], "review").filter(status="pending").count()
    benchmark = save_food(admin, matter, effective_on=midyear + timedelta(days=10))
    approve(benchmark, admin)
    approvals.act(benchmark, "publish", admin)
    html = home(client, demo["sfj_chen"])
    assert f"{before + 1}份报备（清单、裁量基准）待审查" in html
    api = Filing.objects.get(benchmark=benchmark)
    assert api.agency.short_name == "市市场监管局"
