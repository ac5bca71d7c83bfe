"""Versioned lists: drafted, published with an effective date, filed with the justice bureau and
acknowledged or returned there; answered "as of a date"; the public sees published versions only."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.catalog.models import Filing, FilingStatus, ListKind, ListVersion
from zhifa.catalog.services import lists
from zhifa.catalog.tests.approval_fixtures import (
    publish_list,
    version_1,  # noqa: F401
)
from zhifa.catalog.tests.catalog_fixtures import (
    agency,
    agency_admin,
    forbidden,
    last_seq,
    ledger_actions,
    make_matter,
    refused,
)

CORRECTED = [
    {"fact": "minor_violation", "op": "eq", "value": True},
    {"fact": "corrected_in_time", "op": "eq", "value": True},
]


@pytest.fixture
def admin(demo):
    return demo["scjg_admin"]


@pytest.fixture
def matter(admin):
    return make_matter(admin)


def draft(admin, kind=ListKind.RANDOM_INSPECTION, effective_on=date(2024, 1, 1), **kw):
    return lists.draft_version(
        admin, agency("市市场监管局"), kind=kind, effective_on=effective_on, **kw
    )


def published(admin, matter, effective_on, kind=ListKind.RANDOM_INSPECTION) -> Filing:
    version = draft(admin, kind, effective_on)
    if not version.entries.exists():
        lists.add_entry(admin, version, matter=matter, attrs={"抽查比例": "5%"})
    return publish_list(admin, version)


@pytest.mark.usefixtures("version_1")
def test_draft_entries_publish_and_filing_are_recorded(admin, matter):
    seq = last_seq()
    version = draft(admin, note="首次发布")
    assert (version.number, version.is_published) == (1, False)
    lists.add_entry(admin, version, matter=matter, attrs={"抽查比例": "5%", "抽查频次": "每年1次"})
    filing = publish_list(admin, version)
    assert filing.status == FilingStatus.PENDING
    assert filing.justice_bureau.name == "示范市司法局"
    assert ListVersion.objects.get(pk=version.pk).is_published
    assert ledger_actions(seq) == [
        "catalog.list.draft",
        "catalog.list.entry",
        "catalog.list.publish",
    ]


def test_entries_are_checked(demo, admin, matter):
    version = draft(admin)
    with refused("请选择执法事项", field="matter"):
        lists.add_entry(admin, version, title="无事项")
    lists.add_entry(admin, version, matter=matter)
    with refused("该事项已在清单中", field="matter"):
        lists.add_entry(admin, version, matter=matter)
    other = make_matter(agency_admin("市生态环境局", "sthj_admin"), "ENV-1", at="市生态环境局")
    with refused("只能列入本单位的执法事项", field="matter"):
        lists.add_entry(admin, version, matter=other)
    with forbidden("只有市市场监管局的信息管理员可以办理此事项"):
        lists.add_entry(demo["scjg_zhang"], version, matter=matter)


def test_a_four_list_entry_needs_a_title_and_valid_conditions(admin, matter):
    version = draft(admin, ListKind.NO_PENALTY)
    with refused("请填写适用情形", field="title") as caught:
        lists.add_entry(admin, version, matter=matter, title=" ", conditions=CORRECTED)
    assert set(caught.value.message_dict) == {"title"}
    with refused("第1个条件使用了未定义的事实“goods_value”", field="conditions"):
        lists.add_entry(
            admin,
            version,
            title="货值较小",
            conditions=[{"fact": "goods_value", "op": "lt", "value": 1000}],
        )
    with refused("第2个条件：“及时改正”的取值类型不对", field="conditions"):
        lists.add_entry(
            admin, version, title="轻微", conditions=[CORRECTED[0], dict(CORRECTED[1], value="是")]
        )
    with refused("请设置适用条件", field="conditions"):
        lists.add_entry(admin, version, title="无条件", conditions=[])
    entry = lists.add_entry(admin, version, title="轻微并及时改正", conditions=CORRECTED)
    assert entry.matter is None and entry.conditions == CORRECTED


@pytest.mark.usefixtures("version_1")
def test_publishing_needs_entries_and_happens_once(demo, admin, matter):
    version = draft(admin)
    with refused("清单没有任何条目，不能发布", field="version"):
        publish_list(admin, version)
    lists.add_entry(admin, version, matter=matter)
    with forbidden("只有市市场监管局的信息管理员可以办理此事项"):
        publish_list(demo["scjg_wang"], version)
    publish_list(admin, version)
    with refused("该版本已发布", field="version"):
        publish_list(admin, version)
    another = make_matter(admin, code="X-2")
    with refused("已发布的清单版本不能修改，请新建版本", field="version"):
        lists.add_entry(admin, version, matter=another)


def test_two_drafts_of_one_list_at_once_are_refused(admin):
    draft(admin)
    with refused("该清单已有未发布的草稿，请先发布或继续编辑该草稿", field="kind"):
        draft(admin, effective_on=date(2025, 1, 1))
    draft(admin, ListKind.ENTERPRISE_INSPECTION)  # another list is another draft
    with refused("请选择清单", field="kind"):
        draft(admin, "wishlist")


def test_the_supervisor_acknowledges_a_filing_once(demo, admin, matter):
    filing = published(admin, matter, date(2024, 1, 1))
    with forbidden("只有受理机关的执法监督人员可以审查报备"):
        lists.handle_filing(demo["dc_sfj_liu"], filing, acknowledge=True)
    with forbidden("只有受理机关的执法监督人员可以审查报备"):
        lists.handle_filing(admin, filing, acknowledge=True)
    seq = last_seq()
    handled = lists.handle_filing(demo["sfj_chen"], filing, acknowledge=True, opinion=" 同意 ")
    assert (handled.status, handled.opinion) == (FilingStatus.ACKNOWLEDGED, "同意")
    assert handled.handled_by == demo["sfj_chen"] and handled.handled_at
    assert ledger_actions(seq) == ["catalog.filing.handle"]
    with refused("该报备已处理（已备案）", field="status"):
        lists.handle_filing(demo["sfj_chen"], filing, acknowledge=False, opinion="再看看")


def test_returning_a_filing_needs_an_opinion(demo, admin, matter):
    filing = published(admin, matter, date(2024, 1, 1))
    with refused("退回报备须写明审查意见", field="opinion"):
        lists.handle_filing(demo["sfj_chen"], filing, acknowledge=False, opinion="  ")
    handled = lists.handle_filing(
        demo["sfj_chen"], filing, acknowledge=False, opinion="抽查比例未写明依据"
    )
    assert handled.status == FilingStatus.RETURNED
    with refused("该报备已处理（退回）", field="status"):
        lists.handle_filing(demo["sfj_chen"], filing, acknowledge=True)


def test_a_district_agency_files_with_its_district_bureau(demo):
    dc_admin = agency_admin("东城区市场监管局", "dc_scjg_admin")
    version = lists.draft_version(
        dc_admin,
        agency("东城区市场监管局"),
        kind=ListKind.RANDOM_INSPECTION,
        effective_on=date(2024, 1, 1),
    )
    lists.add_entry(dc_admin, version, matter=make_matter(dc_admin, "DC-1", at="东城区市场监管局"))
    filing = publish_list(dc_admin, version)
    assert filing.justice_bureau.name == "示范市东城区司法局"
    with forbidden("只有受理机关的执法监督人员可以审查报备"):
        lists.handle_filing(demo["sfj_chen"], filing, acknowledge=True)
    assert (
        lists.handle_filing(demo["dc_sfj_liu"], filing, acknowledge=True).status == "acknowledged"
    )


def test_as_of_answers_by_date_across_versions(admin, matter):
    scjg = agency("市市场监管局")
    kind = ListKind.RANDOM_INSPECTION
    v1 = published(admin, matter, date(2024, 1, 1)).version
    v2 = published(admin, matter, date(2025, 1, 1)).version
    assert (v1.number, v2.number) == (1, 2)
    assert list(v2.entries.values_list("matter", flat=True)) == [matter.pk]  # copied from v1
    assert lists.as_of(scjg, kind, date(2023, 12, 31)) is None
    assert lists.as_of(scjg, kind, date(2024, 1, 1)) == v1
    assert lists.as_of(scjg, kind, date(2024, 6, 1)) == v1
    assert lists.as_of(scjg, kind, date(2024, 12, 31)) == v1
    assert lists.as_of(scjg, kind, date(2025, 1, 1)) == v2
    assert lists.as_of(scjg, kind, date(2025, 6, 1)) == v2
    draft(admin, effective_on=date(2025, 3, 1))  # a draft is never in force
    assert lists.as_of(scjg, kind, date(2025, 6, 1)) == v2
    assert lists.as_of(scjg, ListKind.RECORDING, date(2025, 6, 1)) is None


def test_a_new_draft_can_start_empty(admin, matter):
    published(admin, matter, date(2024, 1, 1))
    version = draft(admin, effective_on=date(2025, 1, 1), copy_from_current=False)
    assert version.number == 2 and not version.entries.exists()


def test_outsiders_see_published_versions_only(demo, admin, matter):
    shown = published(admin, matter, date(2024, 1, 1)).version
    hidden = draft(admin, effective_on=date(2025, 1, 1))
    for username in ("qy_demo", "shjd_wu", "dc_sfj_liu", "sthj_xu"):
        assert list(ListVersion.objects.visible_to(demo[username])) == [shown], username
    for username in ("scjg_admin", "scjg_zhang", "sfj_chen"):
        assert set(ListVersion.objects.visible_to(demo[username])) == {shown, hidden}, username
