"""The 工作台's filing to-dos: a filing the justice bureau returned reaches the agency with the
opinion; filings waiting for review are counted on the supervisor's home (seed 000 (十))."""

from __future__ import annotations

from datetime import date

from zhifa.catalog.models import ListKind
from zhifa.catalog.services import lists
from zhifa.catalog.tests.approval_fixtures import publish_list
from zhifa.catalog.tests.catalog_fixtures import agency


def filed(admin, kind=ListKind.LIGHTER):
    version = lists.draft_version(
        admin, agency("市市场监管局"), kind=kind, effective_on=date(2030, 1, 1)
    )
    lists.add_entry(
        admin,
        version,
        title="初次违法并及时改正",
        conditions=[{"fact": "first_violation", "op": "eq", "value": True}],
    )
    return publish_list(admin, version)


def home(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def test_the_supervisor_sees_the_filings_waiting(client, demo):
    assert "没有待审查的报备" in home(client, demo["sfj_chen"])
    filed(demo["scjg_admin"])
    assert "1份报备（清单、裁量基准）待审查" in home(client, demo["sfj_chen"])


def test_a_returned_filing_reaches_the_agency_with_the_opinion(client, demo):
    filing = filed(demo["scjg_admin"])
    assert 'data-testid="returned-filings"' not in home(client, demo["scjg_admin"])
    lists.handle_filing(demo["sfj_chen"], filing, acknowledge=False, opinion="依据条款引用有误")
    for username in ("scjg_admin", "scjg_wang"):
        html = home(client, demo[username])
        assert "1份报备被司法局退回" in html
        assert "依据条款引用有误" in html
    assert "被司法局退回" not in home(client, demo["sthj_xu"])
    assert "没有待审查的报备" in home(client, demo["sfj_chen"])
