"""Public catalogue pages (no login): matters with their legal basis, the lists a matter is on, its
published benchmark with the grade table and an evaluate form that computes as the API does, and
each agency's published lists with their history and an as-of view. Drafts are never shown."""

from __future__ import annotations

import html
import json
import re

import pytest

from zhifa.catalog.models import DiscretionBenchmark, ListKind, Matter
from zhifa.catalog.tests.test_api_data import (
    Catalog,
    agency,
    as_user,
    days_ago,
)


@pytest.fixture
def catalog(demo) -> Catalog:
    return Catalog(demo)


@pytest.fixture
def matter(catalog) -> Matter:
    return catalog.matter()


@pytest.fixture
def benchmark(catalog, matter) -> DiscretionBenchmark:
    """The published benchmark of ``matter`` (version 1)."""
    return catalog.benchmark(matter)


DRAFT = "草稿中的内容"


def main_html(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def text(markup: str) -> str:
    """What a reader sees: tags dropped, entities decoded, white space collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


@pytest.fixture
def published_city(catalog, matter, benchmark):
    """A published benchmark and lists of 市市场监管局, and a draft of each beside them."""
    inspection_v1 = catalog.random_inspection(matter, effective_on=days_ago(100), note="首次公布")
    inspection_v2 = catalog.random_inspection(matter, effective_on=days_ago(10), note="调整比例")
    lenient = catalog.no_penalty(effective_on=days_ago(20))
    drafts = {
        "inspection": catalog.version(
            ListKind.RANDOM_INSPECTION,
            [{"matter": matter, "attrs": {"抽查对象": DRAFT}}],
            effective_on=days_ago(1),
            publish=False,
        ),
        "lenient": catalog.no_penalty(title=DRAFT, effective_on=days_ago(1), publish=False),
        "major": catalog.version(
            ListKind.MAJOR_DECISION, [{"matter": matter}], effective_on=days_ago(1), publish=False
        ),
        "benchmark": catalog.benchmark(
            matter, publish=False, violation=DRAFT, effective_on=days_ago(1)
        ),
    }
    draft_matter = catalog.matter("只有草稿基准的事项")
    drafts["other_benchmark"] = catalog.benchmark(
        draft_matter, publish=False, violation=DRAFT + "二"
    )
    return {
        "matter": matter,
        "benchmark": benchmark,
        "draft_matter": draft_matter,
        "v1": inspection_v1,
        "v2": inspection_v2,
        "lenient": lenient,
        "drafts": drafts,
    }


def public_urls(city) -> list[str]:
    scjg = agency("市市场监管局")
    return [
        "/public/catalog/",
        f"/public/catalog/matters/{city['matter'].pk}/",
        f"/public/catalog/matters/{city['draft_matter'].pk}/",
        f"/public/catalog/benchmarks/{city['benchmark'].pk}/apply/",
        "/public/catalog/lists/",
        f"/public/catalog/lists/?date={days_ago(50)}",
        f"/public/catalog/lists/{scjg.pk}/random_inspection/",
        f"/public/catalog/lists/{scjg.pk}/no_penalty/",
        f"/public/catalog/lists/versions/{city['v1'].pk}/",
        f"/public/catalog/lists/versions/{city['v2'].pk}/",
        f"/public/catalog/lists/versions/{city['lenient'].pk}/",
    ]


def test_the_pages_need_no_login(published_city, client):
    for url in public_urls(published_city):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'href="/public/catalog/"' in html, url
        assert 'aria-label="主导航"' not in html  # the staff menu is not there


def test_the_anonymous_menu_links_to_the_catalogue(db, client):
    html = client.get("/deadline/").content.decode()
    assert '<a href="/public/catalog/">执法事项</a>' in html


def test_drafts_are_never_shown(published_city, client, demo):
    drafts = published_city["drafts"]
    for url in public_urls(published_city):
        html = client.get(url).content.decode()
        assert DRAFT not in html, url
        for draft in (drafts["inspection"], drafts["lenient"], drafts["major"]):
            assert f"/public/catalog/lists/versions/{draft.pk}/" not in html, url
        assert f"/public/catalog/benchmarks/{drafts['benchmark'].pk}/" not in html, url
    for draft in (drafts["inspection"], drafts["lenient"], drafts["major"]):
        assert client.get(f"/public/catalog/lists/versions/{draft.pk}/").status_code == 404
    for key in ("benchmark", "other_benchmark"):
        url = f"/public/catalog/benchmarks/{drafts[key].pk}/apply/"
        assert client.get(url).status_code == 404
        assert client.get(url, {"fact-illegal_income": "1"}).status_code == 404
    # A list with only a draft has no history page, and is not on the index.
    scjg = agency("市市场监管局")
    assert client.get(f"/public/catalog/lists/{scjg.pk}/major_decision/").status_code == 404
    assert "重大执法决定法制审核事项清单" not in main_html(client.get("/public/catalog/lists/"))
    # Asking for the draft by number on the matter page shows the published one instead.
    matter = published_city["matter"]
    html = main_html(
        client.get(f"/public/catalog/matters/{matter.pk}/?benchmark={drafts['benchmark'].pk}")
    )
    assert DRAFT not in html and published_city["benchmark"].violation in html
    # Signed in staff who see drafts inside the platform still get the public view here.
    client.force_login(demo["scjg_admin"])
    assert DRAFT not in client.get(f"/public/catalog/matters/{matter.pk}/").content.decode()
    assert client.get(f"/public/catalog/lists/versions/{drafts['major'].pk}/").status_code == 404


def test_matters_of_every_agency_with_their_legal_basis(published_city, catalog, client):
    other = catalog.matter(
        "违法设置户外广告",
        agency=agency("东城区城管执法局"),
        code="DC-CG-001",
        law="示范市户外广告设置管理条例",
        article="第二十条",
    )
    licence = catalog.matter("食品经营许可", category="licensing", code="SCJG-XK-001")
    page = text(main_html(client.get("/public/catalog/")))
    for m in (published_city["matter"], other, licence):
        assert m.name in page and m.code in page and m.basis in page
    assert "《示范市户外广告设置管理条例》第二十条" in page
    assert "示范市东城区城市管理综合行政执法局" in page

    def names(**params) -> set[str]:
        return {m.name for m in client.get("/public/catalog/", params).context["page"]}

    assert names(q="户外") == {other.name}
    assert names(q="scjg-xk") == {licence.name}
    assert names(agency=agency("东城区城管执法局").pk) == {other.name}
    assert names(category="licensing") == {licence.name}
    assert names(agency=agency("市市场监管局").pk, category="penalty") == {
        published_city["matter"].name,
        published_city["draft_matter"].name,
    }
    partial = client.get("/public/catalog/", {"q": "户外"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and other.name in partial.content.decode()


def test_the_matter_page_shows_lists_benchmark_and_four_lists(published_city, client):
    matter, city = published_city["matter"], published_city
    html = main_html(client.get(f"/public/catalog/matters/{matter.pk}/"))
    page = text(html)
    assert matter.basis in page and matter.article_text[:10] in page
    # On the lists in force today: the random inspection list, version 2 (not the first).
    assert f"/public/catalog/lists/versions/{city['v2'].pk}/" in html
    assert f"/public/catalog/lists/versions/{city['v1'].pk}/" not in html
    assert "抽查对象：食品经营者" in page
    # The published benchmark's grade table, conditions in Chinese, with penalty ranges.
    assert city["benchmark"].violation in page
    assert "违法所得 < 10000元" in page
    assert "违法所得 ≥ 10000元；违法所得 < 50000元" in page
    assert "违法所得 ≥ 50000元" in page
    for fine in ("罚款0至20000元", "罚款20000至60000元", "罚款60000至100000元"):
        assert fine in page
    # The four lists in force for the agency, with the local entry and the law's own.
    assert "不予行政处罚事项清单" in page and "从轻行政处罚事项清单" in page
    assert "初次违法并及时改正的" in page and "初次违法：是；及时改正：是" in page
    assert "首违不罚" in page
    # And the evaluate form: one input per fact.
    assert 'name="fact-illegal_income"' in html and 'name="fact-first_violation"' in html
    assert f'action="/public/catalog/benchmarks/{city["benchmark"].pk}/apply/"' in html


def test_a_matter_without_a_published_benchmark_says_so(published_city, client):
    page = text(
        main_html(client.get(f"/public/catalog/matters/{published_city['draft_matter'].pk}/"))
    )
    assert "暂无已发布的行政裁量权基准" in page
    assert "本事项目前未列入施行中的清单" in page


def test_the_public_form_computes_as_the_api_does(published_city, client, api_client, demo):
    bench = published_city["benchmark"]
    as_user(api_client, demo["qy_demo"])
    url = f"/public/catalog/benchmarks/{bench.pk}/apply/"
    cases = [
        ({"fact-illegal_income": "20000"}, {"illegal_income": 20000}),
        ({"fact-illegal_income": "50000.00"}, {"illegal_income": "50000.00"}),
        (
            {
                "fact-illegal_income": "5000",
                "fact-first_violation": "on",
                "fact-corrected_in_time": "on",
            },
            {"illegal_income": 5000, "first_violation": True, "corrected_in_time": True},
        ),
        (
            {
                "fact-illegal_income": "5000",
                "fact-first_violation": "on",
                "fact-corrected_in_time": "on",
                "on": str(days_ago(30)),
            },
            {
                "illegal_income": 5000,
                "first_violation": True,
                "corrected_in_time": True,
                "_on": str(days_ago(30)),
            },
        ),
    ]
    for params, facts in cases:
        body = {"facts": {k: v for k, v in facts.items() if k != "_on"}}
        if "_on" in facts:
            body["on"] = facts["_on"]
        api = api_client.post(f"/api/v1/benchmarks/{bench.pk}/apply", body, format="json")
        assert api.status_code == 200
        response = client.get(url, params)
        result = response.context["result"]
        assert json.loads(json.dumps(result.as_dict())) == api.json(), params
        page = text(main_html(response))
        expected = api.json()
        assert expected["grade"] in page
        assert expected["conclusion"] in page
        assert expected["range"]["text"] in page
        for line in expected["explanation"]:
            assert text(line) in page


def test_the_matter_page_form_submits_to_the_evaluation(published_city, client):
    bench = published_city["benchmark"]
    response = client.get(
        f"/public/catalog/benchmarks/{bench.pk}/apply/",
        {"fact-illegal_income": "60000"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="benchmark-outcome"' in html
    assert 'data-testid="outcome-grade">较重<' in html
    assert "按“较重”情形裁量：罚款60000元至100000元。" in html


def test_the_public_form_shows_the_services_errors(published_city, client):
    url = f"/public/catalog/benchmarks/{published_city['benchmark'].pk}/apply/"
    wrong = client.get(url, {"fact-illegal_income": "很多"})
    assert wrong.context["result"] is None
    assert "“违法所得”应为数值" in wrong.content.decode()
    missing = client.get(url, {"on": ""})
    assert "缺少事实“违法所得”" in missing.content.decode()
    unbound = client.get(url)
    assert unbound.context["result"] is None
    assert "缺少事实" not in unbound.content.decode()


def test_each_agencys_published_lists_with_history_and_as_of(published_city, client):
    city = published_city
    scjg = agency("市市场监管局")
    html = main_html(client.get("/public/catalog/lists/"))
    page = text(html)
    assert scjg.name in page
    assert "随机抽查事项清单" in page and "不予行政处罚事项清单" in page
    assert f"/public/catalog/lists/versions/{city['v2'].pk}/" in html  # in force today
    assert f"/public/catalog/lists/versions/{city['v1'].pk}/" not in html
    assert f"/public/catalog/lists/{scjg.pk}/random_inspection/" in html
    assert "历史版本（2）" in page

    earlier = main_html(client.get("/public/catalog/lists/", {"date": str(days_ago(50))}))
    assert f"/public/catalog/lists/versions/{city['v1'].pk}/" in earlier
    assert f"/public/catalog/lists/versions/{city['v2'].pk}/" not in earlier
    assert "该日尚无施行的版本" in text(earlier)  # the four lists' version came later
    before_all = text(main_html(client.get("/public/catalog/lists/", {"date": str(days_ago(500))})))
    assert "该日尚无施行的版本" in before_all
    bad = client.get("/public/catalog/lists/", {"date": "昨天"})
    assert bad.status_code == 200 and "输入一个有效的日期" in bad.content.decode()
    other = main_html(
        client.get("/public/catalog/lists/", {"agency": agency("东城区城管执法局").pk})
    )
    assert "暂无已发布的清单" in other

    history = text(main_html(client.get(f"/public/catalog/lists/{scjg.pk}/random_inspection/")))
    assert "第2版" in history and "第1版" in history
    assert "施行中" in history and "已被替代" in history
    assert "调整比例" in history and "首次公布" in history

    old = text(main_html(client.get(f"/public/catalog/lists/versions/{city['v1'].pk}/")))
    assert "已被替代" in old and "现行为 第2版" in old
    assert published_city["matter"].name in old and "抽查比例：5%" in old
    lenient = text(main_html(client.get(f"/public/catalog/lists/versions/{city['lenient'].pk}/")))
    assert "初次违法并及时改正的" in lenient and "初次违法：是；及时改正：是" in lenient
    assert "施行中" in lenient
    assert client.get(f"/public/catalog/lists/{scjg.pk}/nonsense/").status_code == 404
