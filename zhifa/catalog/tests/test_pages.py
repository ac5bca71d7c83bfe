"""The catalogue pages: 执法事项, 清单 and their 报备, 裁量基准 with its evaluation.

Who may open what (404 for what the user may not see, 403 for a write by someone who may not),
and each page doing its job through the services: Chinese errors on the forms, nothing written
when refused. Data is built through the services as 市市场监管局's 信息管理员 (scjg_admin).

The demo city is seeded once for the module inside a transaction rolled back at the end; each test
runs in a savepoint within it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings

from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    ListEntry,
    ListKind,
    ListVersion,
    Matter,
    MatterCategory,
    MatterLevel,
)
from zhifa.catalog.services import benchmarks, lists, matters
from zhifa.catalog.tests.approval_fixtures import (
    publish_benchmark,
    publish_list,
    version_1,  # noqa: F401
)
from zhifa.core.models import LedgerEntry
from zhifa.org import demo as demo_city
from zhifa.org.models import Agency, User

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LAW = "中华人民共和国反不正当竞争法"


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Seed the demo city in an open transaction; roll it all back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_city.seed()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def people(city, db) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def agency(short_name: str) -> Agency:
    return Agency.objects.get(short_name=short_name)


def main_html(response) -> str:
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def counts() -> tuple[int, ...]:
    return (
        LedgerEntry.objects.count(),
        Matter.objects.count(),
        ListVersion.objects.count(),
        ListEntry.objects.count(),
        Filing.objects.count(),
        DiscretionBenchmark.objects.count(),
    )


def matter_data(code: str = "990100-CF-001", **changes: Any) -> dict[str, Any]:
    data = {
        "code": code,
        "name": "对虚假宣传行为的行政处罚",
        "category": MatterCategory.PENALTY,
        "level": MatterLevel.CITY,
        "law": LAW,
        "article": "第二十条第一款",
        "article_text": "经营者违反本法第八条规定……处二十万元以上一百万元以下的罚款。",
    }
    data.update(changes)
    return data


@pytest.fixture
def matter(people) -> Matter:
    return matters.create_matter(people["scjg_admin"], agency("市市场监管局"), **matter_data())


def income(op: str, amount: int) -> dict[str, Any]:
    return {"fact": "illegal_income", "op": op, "value": amount}


FACTS = [{"key": "illegal_income", "label": "违法所得", "kind": "number", "unit": "元"}]


def grades() -> list[dict[str, Any]]:
    """[0, 10000) 较轻 · [10000, 50000] 一般 · (50000, ∞) 较重, within the statutory 0–100000 元."""
    return [
        {
            "name": "较轻",
            "conditions": [income("lt", 10000)],
            "penalty_kinds": ["警告"],
            "fine_min": 0,
            "fine_max": 20000,
        },
        {
            "name": "一般",
            "conditions": [income("ge", 10000), income("le", 50000)],
            "fine_min": 20000,
            "fine_max": 60000,
        },
        {
            "name": "较重",
            "conditions": [income("gt", 50000)],
            "fine_min": 60000,
            "fine_max": 100000,
        },
    ]


HEAD = {
    "effective_on": date(2024, 1, 1),
    "source_document": "示市监规〔2024〕2号",
    "violation": "虚假宣传",
    "violation_basis": f"《{LAW}》第八条",
    "penalty_basis": f"《{LAW}》第二十条第一款",
    "statutory_range": "处一百万元以下的罚款",
    "fine_min": 0,
    "fine_max": 100000,
}


@pytest.fixture
def draft(people, matter) -> DiscretionBenchmark:
    return benchmarks.save_draft(people["scjg_admin"], matter, facts=FACTS, grades=grades(), **HEAD)


@pytest.fixture
def published(people, draft) -> DiscretionBenchmark:
    return publish_benchmark(people["scjg_admin"], draft)


@pytest.fixture
def list_draft(people, matter) -> ListVersion:
    """A draft 随机抽查事项清单 of 市市场监管局 listing the matter."""
    admin = people["scjg_admin"]
    version = lists.draft_version(
        admin,
        agency("市市场监管局"),
        kind=ListKind.RANDOM_INSPECTION,
        effective_on=date(2024, 3, 1),
    )
    lists.add_entry(admin, version, matter=matter, attrs={"抽查比例": "5%"})
    return version


@pytest.fixture
def filing(people, list_draft) -> Filing:
    return publish_list(people["scjg_admin"], list_draft)


def as_(client, people, username: str):
    client.force_login(people[username])
    return client


# ---------------------------------------------------------------------------------------------
# Who may open what
# ---------------------------------------------------------------------------------------------

SIGNED_IN = ["scjg_admin", "scjg_zhang", "sfj_chen", "dc_sfj_liu", "sthj_xu", "qy_demo", "sysadmin"]


@pytest.mark.parametrize("username", SIGNED_IN)
def test_the_catalogue_is_read_by_everyone_signed_in(people, client, matter, username):
    as_(client, people, username)
    assert client.get("/catalog/matters/").status_code == 200
    assert client.get(f"/catalog/matters/{matter.pk}/").status_code == 200
    assert client.get("/catalog/lists/").status_code == 200


def test_the_catalogue_pages_need_a_sign_in(people, client, matter):
    for url in ("/catalog/matters/", f"/catalog/matters/{matter.pk}/", "/catalog/lists/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 200),
        ("scjg_wang", 403),
        ("scjg_zhang", 403),
        ("sfj_chen", 403),
        ("qy_demo", 403),
        ("sysadmin", 403),
    ],
)
def test_only_an_agency_administrator_registers_matters(people, client, username, status):
    as_(client, people, username)
    assert client.get("/catalog/matters/new/").status_code == status


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 200),
        ("scjg_zhang", 200),
        ("sfj_chen", 200),
        ("dc_sfj_liu", 404),
        ("sthj_xu", 404),
        ("qy_demo", 404),
        ("sysadmin", 404),
    ],
)
def test_a_draft_is_seen_by_its_agency_and_supervisors_only(
    people, client, draft, list_draft, username, status
):
    as_(client, people, username)
    assert client.get(f"/catalog/benchmarks/{draft.pk}/").status_code == status
    assert client.get(f"/catalog/lists/{list_draft.pk}/").status_code == status


@pytest.mark.parametrize("username", ["scjg_admin", "dc_sfj_liu", "sthj_xu", "qy_demo"])
def test_published_versions_are_seen_by_everyone_signed_in(
    people, client, published, filing, username
):
    as_(client, people, username)
    assert client.get(f"/catalog/benchmarks/{published.pk}/").status_code == 200
    assert client.get(f"/catalog/lists/{filing.version.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("scjg_admin", 200),
        ("scjg_wang", 200),
        ("sfj_chen", 200),
        ("dc_sfj_liu", 200),
        ("scjg_zhang", 403),
        ("qy_demo", 403),
        ("sysadmin", 403),
    ],
)
def test_filings_are_for_agency_heads_administrators_and_supervisors(
    people, client, username, status
):
    as_(client, people, username)
    assert client.get("/catalog/filings/").status_code == status


@pytest.mark.parametrize(
    ("username", "status"),
    [("scjg_admin", 200), ("scjg_wang", 200), ("sfj_chen", 200), ("dc_sfj_liu", 404)],
)
def test_a_filing_is_seen_by_its_agency_and_its_supervisors(
    people, client, filing, username, status
):
    as_(client, people, username)
    assert client.get(f"/catalog/filings/{filing.pk}/").status_code == status


@pytest.mark.parametrize(
    ("username", "status"), [("scjg_admin", 200), ("scjg_zhang", 403), ("sfj_chen", 403)]
)
def test_only_the_agency_administrator_drafts_a_benchmark(people, client, matter, username, status):
    as_(client, people, username)
    assert client.get(f"/catalog/matters/{matter.pk}/benchmarks/new/").status_code == status


@pytest.mark.parametrize("username", ["scjg_zhang", "scjg_wang", "sfj_chen"])
def test_writes_by_others_than_the_agency_administrator_are_forbidden(
    people, client, matter, draft, list_draft, username
):
    as_(client, people, username)
    before = counts()
    posts = [
        (f"/catalog/matters/{matter.pk}/", {"edit-name": "改名"}),
        ("/catalog/lists/", {"agency": matter.agency_id, "draft-kind": ListKind.RECORDING}),
        (f"/catalog/lists/{list_draft.pk}/", {"act": "publish"}),
        (f"/catalog/benchmarks/{draft.pk}/", {"act": "publish"}),
        (f"/catalog/matters/{matter.pk}/benchmarks/new/", {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert counts() == before
    draft.refresh_from_db()
    assert draft.status == BenchmarkStatus.DRAFT


def test_only_the_receiving_bureau_handles_a_filing(people, client, filing):
    as_(client, people, "scjg_admin")
    assert client.post(f"/catalog/filings/{filing.pk}/", {"act": "acknowledge"}).status_code == 403
    as_(client, people, "dc_sfj_liu")
    assert client.post(f"/catalog/filings/{filing.pk}/", {"act": "acknowledge"}).status_code == 404
    filing.refresh_from_db()
    assert filing.status == FilingStatus.PENDING


# ---------------------------------------------------------------------------------------------
# 执法事项
# ---------------------------------------------------------------------------------------------


def test_an_administrator_registers_a_matter(people, client):
    as_(client, people, "scjg_admin")
    data = {"agency": agency("市市场监管局").pk, **matter_data("990100-CF-009")}
    response = client.post("/catalog/matters/new/", data)
    matter = Matter.objects.get(code="990100-CF-009")
    assert response.status_code == 302
    assert response["Location"] == f"/catalog/matters/{matter.pk}/"
    assert matter.agency.short_name == "市市场监管局"
    assert LedgerEntry.objects.filter(action="catalog.matter.create").count() == 1
    html = main_html(client.get(response["Location"]))
    assert f"《{LAW}》第二十条第一款" in html


def test_a_matter_without_legal_basis_is_refused_in_chinese(people, client):
    as_(client, people, "scjg_admin")
    before = counts()
    data = {
        "agency": agency("市市场监管局").pk,
        **matter_data("990100-CF-010", law="", article="", article_text=""),
    }
    response = client.post("/catalog/matters/new/", data)
    assert response.status_code == 200
    html = main_html(response)
    assert "执法事项必须有法律依据" in html
    assert "请填写依据的具体条款" in html
    assert counts() == before


def test_a_matter_cannot_be_registered_for_another_agency(people, client):
    as_(client, people, "scjg_admin")
    before = counts()
    data = {"agency": agency("市生态环境局").pk, **matter_data("990100-CF-011")}
    response = client.post("/catalog/matters/new/", data)
    assert response.status_code == 200
    assert counts() == before


def test_an_administrator_edits_a_matter(people, client, matter):
    as_(client, people, "scjg_admin")
    data = {f"edit-{k}": v for k, v in matter_data(name="对虚假宣传的行政处罚").items()}
    data["edit-status"] = "suspended"
    response = client.post(f"/catalog/matters/{matter.pk}/", data)
    assert response.status_code == 302
    matter.refresh_from_db()
    assert (matter.name, matter.status) == ("对虚假宣传的行政处罚", "suspended")


def test_editing_a_matter_with_a_taken_code_shows_the_error(people, client, matter):
    other = matters.create_matter(
        people["scjg_admin"], matter.agency, **matter_data("990100-CF-002")
    )
    as_(client, people, "scjg_admin")
    data = {f"edit-{k}": v for k, v in matter_data(matter.code).items()}
    data["edit-status"] = "active"
    response = client.post(f"/catalog/matters/{other.pk}/", data)
    assert response.status_code == 200
    assert f"事项编码{matter.code}已存在" in main_html(response)
    other.refresh_from_db()
    assert other.code == "990100-CF-002"


def test_the_matter_list_shows_own_agency_or_region_and_searches(people, client, matter):
    admin = people["scjg_admin"]
    matters.create_matter(
        admin,
        matter.agency,
        **matter_data("990100-XK-001", name="食品经营许可", category="licensing"),
    )
    as_(client, people, "scjg_admin")
    html = main_html(client.get("/catalog/matters/"))
    assert "对虚假宣传行为的行政处罚" in html and "食品经营许可" in html
    html = main_html(client.get("/catalog/matters/?q=许可"))
    assert "食品经营许可" in html and "虚假宣传" not in html
    html = main_html(client.get("/catalog/matters/?category=penalty"))
    assert "虚假宣传" in html and "食品经营许可" not in html
    # 东城区's supervisor sees 东城区 by default; the whole catalogue on asking.
    as_(client, people, "dc_sfj_liu")
    assert "虚假宣传" not in main_html(client.get("/catalog/matters/"))
    assert "虚假宣传" in main_html(client.get("/catalog/matters/?scope=all"))
    assert "虚假宣传" in main_html(client.get("/catalog/matters/", {"agency": matter.agency_id}))
    # htmx asks for the rows only.
    rows = client.get("/catalog/matters/?q=虚假&scope=all", headers={"HX-Request": "true"})
    assert "<html" not in rows.content.decode() and "虚假宣传" in rows.content.decode()


# ---------------------------------------------------------------------------------------------
# 清单 and 报备
# ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("version_1")
def test_a_list_is_drafted_filled_published_and_acknowledged(people, client, matter):
    scjg = agency("市市场监管局")
    as_(client, people, "scjg_admin")
    response = client.post(
        "/catalog/lists/",
        {
            "agency": scjg.pk,
            "draft-kind": ListKind.RANDOM_INSPECTION,
            "draft-effective_on": "2024-03-01",
            "draft-note": "首次发布",
        },
    )
    version = ListVersion.objects.get(agency=scjg, kind=ListKind.RANDOM_INSPECTION)
    assert response["Location"] == f"/catalog/lists/{version.pk}/"
    response = client.post(
        f"/catalog/lists/{version.pk}/",
        {
            "act": "entry",
            "entry-matter": matter.pk,
            "entry-attrs": "抽查对象：广告经营者\n抽查比例：5%",
        },
    )
    assert response.status_code == 302
    entry = version.entries.get()
    assert entry.attrs == {"抽查对象": "广告经营者", "抽查比例": "5%"}
    response = client.post(f"/catalog/lists/{version.pk}/", {"act": "publish"}, follow=True)
    html = main_html(response)
    assert "已报送示范市司法局备案（待审查）" in html
    assert 'data-testid="filing-status">待审查<' in html
    filing = Filing.objects.get(version=version)

    # The city's supervisor sees it pending and acknowledges it; 东城区's does not see it.
    as_(client, people, "dc_sfj_liu")
    assert "随机抽查事项清单第1版" not in main_html(client.get("/catalog/filings/"))
    as_(client, people, "sfj_chen")
    pending = main_html(client.get("/catalog/filings/"))
    assert "随机抽查事项清单第1版" in pending and "审查" in pending
    page = main_html(client.get(f"/catalog/filings/{filing.pk}/"))
    assert "广告经营者" in page and 'data-testid="handle-form"' in page
    response = client.post(f"/catalog/filings/{filing.pk}/", {"act": "acknowledge"})
    assert response.status_code == 302
    filing.refresh_from_db()
    assert (filing.status, filing.handled_by) == (FilingStatus.ACKNOWLEDGED, people["sfj_chen"])

    as_(client, people, "scjg_admin")
    mine = main_html(client.get("/catalog/filings/"))
    assert 'data-testid="filing-status">已备案<' in mine
    assert 'data-testid="filing-status">已备案<' in main_html(
        client.get(f"/catalog/lists/{version.pk}/")
    )
    assert 'data-testid="filing-status">已备案<' in main_html(
        client.get(f"/catalog/lists/?agency={scjg.pk}")
    )


def test_returning_a_filing_needs_an_opinion(people, client, filing):
    as_(client, people, "sfj_chen")
    before = counts()
    response = client.post(f"/catalog/filings/{filing.pk}/", {"act": "return"})
    assert response.status_code == 200
    assert "退回报备须写明审查意见" in main_html(response)
    assert counts() == before
    filing.refresh_from_db()
    assert filing.status == FilingStatus.PENDING

    opinion = "抽查比例未载明依据，请补充后重新报备"
    response = client.post(
        f"/catalog/filings/{filing.pk}/", {"act": "return", "handle-opinion": opinion}
    )
    assert response.status_code == 302
    as_(client, people, "scjg_admin")
    html = main_html(client.get("/catalog/filings/"))
    assert 'data-testid="filing-status">退回<' in html and opinion in html


def test_a_handled_filing_cannot_be_handled_again(people, client, filing):
    lists.handle_filing(people["sfj_chen"], filing, acknowledge=True)
    as_(client, people, "sfj_chen")
    page = main_html(client.get(f"/catalog/filings/{filing.pk}/"))
    assert 'data-testid="handle-form"' not in page
    response = client.post(
        f"/catalog/filings/{filing.pk}/", {"act": "return", "handle-opinion": "x"}
    )
    assert response.status_code == 200
    assert "该报备已" in main_html(response)
    filing.refresh_from_db()
    assert filing.status == FilingStatus.ACKNOWLEDGED


@pytest.mark.usefixtures("version_1")
def test_publishing_an_empty_draft_shows_the_error(people, client):
    version = lists.draft_version(
        people["scjg_admin"],
        agency("市市场监管局"),
        kind=ListKind.RECORDING,
        effective_on=date(2024, 3, 1),
    )
    as_(client, people, "scjg_admin")
    response = client.post(f"/catalog/lists/{version.pk}/", {"act": "publish"})
    assert response.status_code == 200
    assert "清单没有任何条目，不能发布" in main_html(response)
    assert not Filing.objects.exists()


def test_a_second_draft_of_the_same_list_is_refused(people, client, list_draft):
    as_(client, people, "scjg_admin")
    before = counts()
    response = client.post(
        "/catalog/lists/",
        {
            "agency": list_draft.agency_id,
            "draft-kind": ListKind.RANDOM_INSPECTION,
            "draft-effective_on": "2024-04-01",
        },
    )
    assert response.status_code == 200
    assert "该清单已有未发布的草稿" in main_html(response)
    assert counts() == before


def leniency_draft(people) -> ListVersion:
    return lists.draft_version(
        people["scjg_admin"],
        agency("市市场监管局"),
        kind=ListKind.NO_PENALTY,
        effective_on=date(2024, 3, 1),
    )


def rows(*clauses: tuple[str, str, str]) -> dict[str, str]:
    data = {"cond-TOTAL_FORMS": "4", "cond-INITIAL_FORMS": "0"}
    for n, (fact, op, value) in enumerate(clauses):
        data |= {f"cond-{n}-fact": fact, f"cond-{n}-op": op, f"cond-{n}-value": value}
    return data


def test_a_four_lists_entry_takes_conditions_as_rows(people, client, matter):
    version = leniency_draft(people)
    as_(client, people, "scjg_admin")
    page = main_html(client.get(f"/catalog/lists/{version.pk}/"))
    assert "初次违法" in page and 'name="cond-0-fact"' in page
    response = client.post(
        f"/catalog/lists/{version.pk}/",
        {
            "act": "entry",
            "entry-title": "首次发布虚假广告，及时改正且危害后果轻微",
            "entry-basis": "《中华人民共和国行政处罚法》第三十三条第一款",
            "entry-matter": matter.pk,
            "entry-may": "on",
            **rows(("first_violation", "eq", "是"), ("corrected_in_time", "eq", "是")),
        },
    )
    assert response.status_code == 302
    entry = version.entries.get()
    assert entry.conditions == [
        {"fact": "first_violation", "op": "eq", "value": True},
        {"fact": "corrected_in_time", "op": "eq", "value": True},
    ]
    assert entry.attrs == {"may": True}
    html = main_html(client.get(f"/catalog/lists/{version.pk}/"))
    assert "初次违法：是" in html and "及时改正：是" in html


def test_a_four_lists_entry_takes_conditions_as_json(people, client):
    version = leniency_draft(people)
    as_(client, people, "scjg_admin")
    response = client.post(
        f"/catalog/lists/{version.pk}/",
        {
            "act": "entry",
            "entry-title": "没有主观过错",
            "entry-conditions": '[{"fact": "no_fault", "op": "eq", "value": true}]',
            **rows(),
        },
    )
    assert response.status_code == 302
    assert version.entries.get().conditions == [{"fact": "no_fault", "op": "eq", "value": True}]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"entry-conditions": "[{"}, "适用条件不是有效的JSON（第1行第3列）"),
        ({"entry-conditions": '{"fact": "no_fault"}'}, "适用条件应为列表"),
        (
            {"entry-conditions": '[{"fact": "turnover", "op": "gt", "value": 1}]'},
            "未定义的事实“turnover”",
        ),
        (rows(("first_violation", "eq", "也许")), "“初次违法”的取值类型不对"),
        (
            {
                "entry-conditions": '[{"fact": "no_fault", "op": "eq", "value": true}]',
                **rows(("first_violation", "eq", "是")),
            },
            "请在条件表格和JSON中择一填写适用条件",
        ),
        ({"entry-title": ""}, "请填写适用情形"),
    ],
)
def test_a_four_lists_entry_with_bad_conditions_shows_the_error(people, client, data, message):
    version = leniency_draft(people)
    as_(client, people, "scjg_admin")
    before = counts()
    payload = {"act": "entry", "entry-title": "没有主观过错", **rows(), **data}
    response = client.post(f"/catalog/lists/{version.pk}/", payload)
    assert response.status_code == 200
    assert message in main_html(response)
    assert counts() == before


@pytest.mark.usefixtures("version_1")
def test_a_published_list_offers_no_editing(people, client, filing):
    as_(client, people, "scjg_admin")
    html = main_html(client.get(f"/catalog/lists/{filing.version.pk}/"))
    assert "添加条目" not in html and "发布并报备" not in html
    before = counts()
    response = client.post(
        f"/catalog/lists/{filing.version.pk}/", {"act": "entry", "entry-matter": ""}
    )
    assert response.status_code == 200
    assert "已发布的清单版本不能修改" in main_html(response)
    assert counts() == before


# ---------------------------------------------------------------------------------------------
# 裁量基准
# ---------------------------------------------------------------------------------------------


def test_a_benchmark_shows_its_grades_in_chinese(people, client, published):
    as_(client, people, "scjg_zhang")
    html = main_html(client.get(f"/catalog/benchmarks/{published.pk}/"))
    assert "违法所得 &lt; 10000元" in html
    assert "违法所得 ≥ 10000元" in html and "违法所得 ≤ 50000元" in html
    assert "违法所得 &gt; 50000元" in html
    assert "警告；罚款0元至20000元" in html
    assert "示市监规〔2024〕2号" in html and "第1版" in html
    assert 'data-testid="benchmark-status">已发布' in html
    assert "新建版本" not in html  # an officer does not keep the catalogue


def test_the_evaluate_form_gives_the_grade_and_its_explanation(people, client, published):
    as_(client, people, "scjg_zhang")
    url = f"/catalog/benchmarks/{published.pk}/"
    html = main_html(client.get(url, {"apply": "1", "e-illegal_income": "50000"}))
    assert 'data-testid="outcome-grade">一般<' in html
    assert "按“一般”情形裁量：罚款20000元至60000元。" in html
    assert "违法所得：50000元" in html
    partial = client.get(
        url, {"apply": "1", "e-illegal_income": "50000.01"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in partial and 'data-testid="outcome-grade">较重<' in partial
    # The law's circumstances count: a first, minor, corrected violation may go unpunished.
    html = main_html(
        client.get(
            url,
            {
                "apply": "1",
                "e-illegal_income": "800",
                "e-first_violation": "true",
                "e-harm_minor": "true",
                "e-corrected_in_time": "true",
            },
        )
    )
    assert "可以不予行政处罚" in html and 'data-testid="outcome-grade">较轻<' in html


def test_the_evaluate_form_says_what_is_missing_or_wrong(people, client, published):
    as_(client, people, "scjg_zhang")
    url = f"/catalog/benchmarks/{published.pk}/"
    html = main_html(client.get(url, {"apply": "1"}))
    assert "缺少事实“违法所得”" in html and 'data-testid="outcome"' not in html
    html = main_html(client.get(url, {"apply": "1", "e-illegal_income": "很多"}))
    assert "“违法所得”应为数值" in html


@pytest.mark.usefixtures("version_1")
def test_an_administrator_publishes_a_draft(people, client, draft):
    as_(client, people, "scjg_admin")
    html = main_html(client.get(f"/catalog/benchmarks/{draft.pk}/"))
    assert "草稿，未发布" in html and "修改草稿" in html
    response = client.post(f"/catalog/benchmarks/{draft.pk}/", {"act": "publish"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == BenchmarkStatus.PUBLISHED


def test_a_new_version_copies_the_published_one(people, client, published):
    as_(client, people, "scjg_admin")
    response = client.post(f"/catalog/benchmarks/{published.pk}/", {"act": "new_version"})
    copy = DiscretionBenchmark.objects.get(matter=published.matter, version=2)
    assert response["Location"] == f"/catalog/benchmarks/{copy.pk}/"
    assert copy.status == BenchmarkStatus.DRAFT
    assert benchmarks.content_of(copy) == benchmarks.content_of(published)
    published.refresh_from_db()
    assert published.status == BenchmarkStatus.PUBLISHED


def test_a_published_benchmark_is_not_saved_over(people, client, published):
    as_(client, people, "scjg_admin")
    before = counts()
    url = f"/catalog/benchmarks/{published.pk}/"
    response = client.post(f"{url}edit/", {"head-source_document": "改过"}, follow=True)
    assert "已发布的裁量基准不能修改，请新建版本" in main_html(response)
    response = client.post(url, {"act": "publish"})
    assert response.status_code == 200
    assert 'value="publish"' not in main_html(response)  # no 发布 offered on a published version
    assert counts() == before
