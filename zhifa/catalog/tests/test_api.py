"""Catalogue API: matters, list versions (draft, entries, publish, as-of), filings, benchmarks
(draft, publish, new version) and evaluate — writes only through the services (ledger entries),
Chinese field errors, 403 for those without the role, 404 for what one may not see."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhifa.catalog.models import (
    BenchmarkStatus,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    ListKind,
    Matter,
)
from zhifa.catalog.tests.approval_fixtures import (
    publish_list,
    version_1,  # noqa: F401
)
from zhifa.catalog.tests.test_api_data import (
    GRADES,
    INCOME,
    Catalog,
    actions_since,
    agency,
    as_user,
    chinese_error,
    days_ago,
    head,
    income,
    ledger_count,
    today,
)
from zhifa.core.models import LedgerEntry


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


MATTER = {
    "code": "SCJG-CF-900",
    "name": "未按规定公示食品经营许可证",
    "category": "penalty",
    "level": "city",
    "law": "中华人民共和国食品安全法",
    "article": "第一百二十六条",
    "article_text": "违反本法规定，有下列情形之一的，由县级以上人民政府食品安全监督管理部门责令改正，给予警告……",
}


def benchmark_body(matter_pk: int, **overrides) -> dict:
    body = {
        **{k: str(v) for k, v in head().items()},
        "matter": matter_pk,
        "facts": [INCOME],
        "grades": GRADES,
    }
    body.update(overrides)
    return body


# --- matters ---


def test_an_information_administrator_creates_and_changes_a_matter(demo, api_client):
    scjg = agency("市市场监管局")
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post("/api/v1/matters", {**MATTER, "agency": scjg.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["basis"] == "《中华人民共和国食品安全法》第一百二十六条"
    assert body["category_display"] == "行政处罚"
    assert body["agency_name"] == scjg.name
    assert actions_since(seen) == ["catalog.matter.create"]

    changed = api_client.patch(
        f"/api/v1/matters/{body['id']}", {"name": "未按规定公示许可证件"}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["name"] == "未按规定公示许可证件"
    assert changed.json()["law"] == MATTER["law"]  # untouched
    assert actions_since(seen) == ["catalog.matter.create", "catalog.matter.update"]


def test_a_matter_names_its_enforcement_field_by_code(demo, api_client):
    """Certificates cover the matters of their field: the API sets and shows it by code."""
    as_user(api_client, demo["scjg_admin"])
    body = {**MATTER, "agency": agency("市市场监管局").pk, "field": "01"}
    created = api_client.post("/api/v1/matters", body, format="json").json()
    assert (created["field"], created["field_name"]) == ("01", "市场监管")
    cleared = api_client.patch(f"/api/v1/matters/{created['id']}", {"field": None}, format="json")
    assert (cleared.json()["field"], cleared.json()["field_name"]) == (None, None)
    unknown = api_client.patch(f"/api/v1/matters/{created['id']}", {"field": "99"}, format="json")
    assert unknown.status_code == 400 and chinese_error(unknown.json())
    assert unknown.json()["errors"] == {"field": ["没有代码为99的执法领域"]}
    assert Matter.objects.get(pk=created["id"]).field is None


def test_a_matter_without_a_legal_basis_is_refused_in_chinese(demo, api_client):
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    body = {**MATTER, "agency": agency("市市场监管局").pk, "law": "", "article": " "}
    del body["article_text"]
    response = api_client.post("/api/v1/matters", body, format="json")
    assert response.status_code == 400
    error = response.json()
    assert chinese_error(error)
    assert "法律依据" in error["errors"]["law"][0]
    assert error["errors"]["article"] == ["请填写依据的具体条款"]
    assert error["errors"]["article_text"] == ["请填写依据条款的内容"]
    assert ledger_count() == seen
    assert not Matter.objects.filter(code=MATTER["code"]).exists()


def test_a_duplicate_code_and_a_missing_category_are_field_errors(demo, api_client, matter):
    as_user(api_client, demo["scjg_admin"])
    body = {**MATTER, "agency": agency("市市场监管局").pk, "code": matter.code, "category": ""}
    error = api_client.post("/api/v1/matters", body, format="json").json()
    assert chinese_error(error)
    assert error["errors"]["code"] == [f"事项编码{matter.code}已存在"]
    assert error["errors"]["category"] == ["请选择职权类别"]


def test_only_the_agencys_information_administrator_writes(
    demo, api_client, catalog, matter, benchmark
):
    scjg = agency("市市场监管局")
    other_admin = catalog.admin_of(agency("东城区市场监管局"))
    seen = ledger_count()
    for username in ("scjg_zhang", "scjg_wang", "sfj_chen"):
        as_user(api_client, demo[username])
        writes = [
            api_client.post("/api/v1/matters", {**MATTER, "agency": scjg.pk}, format="json"),
            api_client.patch(f"/api/v1/matters/{matter.pk}", {"name": "改名"}, format="json"),
            api_client.post(
                "/api/v1/list-versions",
                {"agency": scjg.pk, "kind": "recording", "effective_on": str(today())},
                format="json",
            ),
            api_client.post("/api/v1/benchmarks", benchmark_body(matter.pk), format="json"),
            api_client.post(f"/api/v1/benchmarks/{benchmark.pk}/new-version", {}, format="json"),
        ]
        for response in writes:
            assert response.status_code == 403, (username, response.json())
            assert chinese_error(response.json())
            assert "信息管理员" in response.json()["detail"]
    # Someone who keeps no catalogue is refused before the body is read.
    as_user(api_client, demo["qy_demo"])
    response = api_client.post("/api/v1/matters", {**MATTER, "agency": scjg.pk}, format="json")
    assert response.status_code == 403
    assert "信息管理员" in response.json()["detail"]
    # An administrator of an agency that cannot see 市市场监管局 cannot name it.
    as_user(api_client, other_admin)
    response = api_client.post("/api/v1/matters", {**MATTER, "agency": scjg.pk}, format="json")
    assert response.status_code == 400
    assert chinese_error(response.json()) and "agency" in response.json()["errors"]
    assert ledger_count() == seen


def test_another_agencys_administrator_is_refused(demo, api_client, catalog, matter):
    """An information administrator of 东城区市场监管局 cannot write 市市场监管局's catalogue."""
    as_user(api_client, catalog.admin_of(agency("东城区市场监管局")))
    response = api_client.patch(f"/api/v1/matters/{matter.pk}", {"name": "改名"}, format="json")
    assert response.status_code == 403


def test_matters_are_read_by_everyone_signed_in_and_filtered(demo, api_client, catalog):
    food = catalog.matter("经营超过保质期的食品")
    catalog.matter("食品经营许可", category="licensing")
    other = catalog.matter("违法设置户外广告", agency=agency("东城区城管执法局"), code="DC-CG-001")
    as_user(api_client, demo["qy_demo"])
    every = api_client.get("/api/v1/matters").json()
    assert every["count"] == 3
    scjg = agency("市市场监管局").pk
    names = lambda params: {  # noqa: E731
        m["name"] for m in api_client.get("/api/v1/matters", params).json()["results"]
    }
    assert names({"agency": scjg}) == {"经营超过保质期的食品", "食品经营许可"}
    assert names({"category": "penalty"}) == {food.name, other.name}
    assert names({"q": "户外"}) == {other.name}
    assert names({"q": "dc-cg"}) == {other.name}
    assert names({"agency": scjg, "category": "licensing"}) == {"食品经营许可"}
    detail = api_client.get(f"/api/v1/matters/{food.pk}").json()
    assert detail["article_text"].startswith("违反本法规定")
    assert api_client.get("/api/v1/matters", {"category": "nonsense"}).status_code == 400
    api_client.force_authenticate(user=None)
    assert api_client.get("/api/v1/matters").status_code == 401


# --- list versions ---


@pytest.mark.usefixtures("version_1")
def test_a_list_is_drafted_filled_and_published_with_a_filing(demo, api_client, matter):
    scjg = agency("市市场监管局")
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    created = api_client.post(
        "/api/v1/list-versions",
        {"agency": scjg.pk, "kind": "random_inspection", "effective_on": str(today())},
        format="json",
    )
    assert created.status_code == 201, created.json()
    version = created.json()
    assert (version["number"], version["is_published"], version["entries"]) == (1, False, [])
    assert version["kind_display"] == "随机抽查事项清单"

    entry = api_client.post(
        f"/api/v1/list-versions/{version['id']}/entries",
        {"matter": matter.pk, "attrs": {"抽查对象": "食品经营者", "抽查比例": "5%"}},
        format="json",
    )
    assert entry.status_code == 201, entry.json()
    assert entry.json()["matter_name"] == matter.name

    twice = api_client.post(
        f"/api/v1/list-versions/{version['id']}/entries", {"matter": matter.pk}, format="json"
    )
    assert twice.status_code == 400
    assert twice.json()["errors"]["matter"] == ["该事项已在清单中"]

    published = api_client.post(f"/api/v1/list-versions/{version['id']}/publish")
    assert published.status_code == 200, published.json()
    body = published.json()
    assert body["is_published"] and body["published_at"]
    assert body["filing"]["status"] == "pending"
    assert body["filing"]["justice_bureau_name"] == "示范市司法局"
    assert [e["matter"] for e in body["entries"]] == [matter.pk]
    assert actions_since(seen) == [
        "catalog.list.draft",
        "catalog.list.entry",
        "catalog.list.publish",
    ]

    again = api_client.post(f"/api/v1/list-versions/{version['id']}/publish")
    assert again.status_code == 400 and again.json()["errors"]["version"] == ["该版本已发布"]
    late = api_client.post(
        f"/api/v1/list-versions/{version['id']}/entries", {"matter": matter.pk}, format="json"
    )
    assert late.status_code == 400
    assert "新建版本" in late.json()["errors"]["version"][0]


def test_four_list_entries_need_a_circumstance_and_valid_conditions(demo, api_client):
    as_user(api_client, demo["scjg_admin"])
    version = api_client.post(
        "/api/v1/list-versions",
        {
            "agency": agency("市市场监管局").pk,
            "kind": "no_penalty",
            "effective_on": str(today()),
        },
        format="json",
    ).json()
    url = f"/api/v1/list-versions/{version['id']}/entries"
    bad = api_client.post(
        url, {"conditions": [{"fact": "weather", "op": "eq", "value": True}]}, format="json"
    )
    assert bad.status_code == 400
    error = bad.json()
    assert chinese_error(error)
    assert error["errors"]["title"] == ["请填写适用情形"]
    assert "未定义的事实“weather”" in error["errors"]["conditions"][0]
    good = api_client.post(
        url,
        {
            "title": "初次违法并及时改正的",
            "conditions": [{"fact": "first_violation", "op": "eq", "value": True}],
        },
        format="json",
    )
    assert good.status_code == 201
    assert good.json()["conditions_text"] == ["初次违法：是"]


@pytest.mark.usefixtures("version_1")
def test_an_empty_draft_cannot_be_published(demo, api_client):
    as_user(api_client, demo["scjg_admin"])
    version = api_client.post(
        "/api/v1/list-versions",
        {"agency": agency("市市场监管局").pk, "kind": "recording", "effective_on": str(today())},
        format="json",
    ).json()
    response = api_client.post(f"/api/v1/list-versions/{version['id']}/publish")
    assert response.status_code == 400
    assert response.json()["errors"]["version"] == ["清单没有任何条目，不能发布"]


def test_drafts_are_seen_by_the_agency_and_its_supervisors_only(demo, api_client, catalog, matter):
    published = catalog.random_inspection(matter, effective_on=days_ago(10))
    draft = catalog.random_inspection(matter, effective_on=today(), publish=False)
    for username, sees_draft in (
        ("scjg_admin", True),
        ("scjg_zhang", True),
        ("sfj_chen", True),
        ("dc_sfj_liu", False),
        ("qy_demo", False),
        ("cg_sun", False),
    ):
        as_user(api_client, demo[username])
        ids = {v["id"] for v in api_client.get("/api/v1/list-versions").json()["results"]}
        assert published.pk in ids, username
        assert (draft.pk in ids) is sees_draft, username
        status = api_client.get(f"/api/v1/list-versions/{draft.pk}").status_code
        assert status == (200 if sees_draft else 404), username
    as_user(api_client, demo["qy_demo"])
    assert api_client.post(f"/api/v1/list-versions/{draft.pk}/publish").status_code == 404


def test_list_versions_filter_by_agency_kind_and_published(demo, api_client, catalog, matter):
    inspection = catalog.random_inspection(matter)
    lenient = catalog.no_penalty()
    draft = catalog.version(ListKind.LIGHTER, [], publish=False)
    as_user(api_client, demo["scjg_admin"])

    def ids(params) -> set[int]:
        return {v["id"] for v in api_client.get("/api/v1/list-versions", params).json()["results"]}

    assert ids({"kind": "no_penalty"}) == {lenient.pk}
    assert ids({"agency": agency("市市场监管局").pk}) == {inspection.pk, lenient.pk, draft.pk}
    assert ids({"agency": agency("东城区城管执法局").pk}) == set()
    assert ids({"published": "false"}) == {draft.pk}
    assert ids({"published": "true"}) == {inspection.pk, lenient.pk}


def test_as_of_gives_the_version_in_force_on_a_day(demo, api_client, catalog, matter):
    first = catalog.random_inspection(matter, effective_on=days_ago(100))
    second = catalog.random_inspection(matter, effective_on=days_ago(10))
    catalog.random_inspection(matter, effective_on=days_ago(5), publish=False)
    scjg = agency("市市场监管局")
    as_user(api_client, demo["qy_demo"])

    def as_of(**params):
        return api_client.get(
            "/api/v1/list-versions/as-of",
            {"agency": scjg.pk, "kind": "random_inspection", **params},
        )

    assert as_of(date=str(days_ago(50))).json()["id"] == first.pk
    assert as_of(date=str(days_ago(10))).json()["id"] == second.pk
    body = as_of().json()  # today: the draft is not in force
    assert body["id"] == second.pk
    assert [e["matter"] for e in body["entries"]] == [matter.pk]

    missing = as_of(date=str(days_ago(200)))
    assert missing.status_code == 404
    assert chinese_error(missing.json())
    assert missing.json()["detail"].endswith("没有施行中的随机抽查事项清单")
    assert scjg.name in missing.json()["detail"]

    bad = api_client.get("/api/v1/list-versions/as-of", {"kind": "x", "date": "昨天"})
    assert bad.status_code == 400
    assert {"agency", "kind", "date"} <= set(bad.json()["errors"])


# --- filings ---


def test_the_city_supervisor_acknowledges_a_filing(demo, api_client, catalog, matter):
    version = catalog.random_inspection(matter)
    filing = catalog.filing(version)
    as_user(api_client, demo["sfj_chen"])
    listed = api_client.get("/api/v1/filings", {"status": "pending"}).json()["results"]
    assert [f["id"] for f in listed] == [filing.pk]
    assert listed[0]["version"]["kind_display"] == "随机抽查事项清单"
    assert listed[0]["justice_bureau_name"] == "示范市司法局"

    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/filings/{filing.pk}/acknowledge", {"opinion": "同意备案"}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["status_display"]) == ("acknowledged", "已备案")
    assert body["handled_by_name"] == "陈静" and body["handled_at"]
    assert actions_since(seen) == ["catalog.filing.handle"]
    entry = LedgerEntry.objects.get(action="catalog.filing.handle")
    assert entry.actor == demo["sfj_chen"]

    again = api_client.post(f"/api/v1/filings/{filing.pk}/return", {"opinion": "不符合"})
    assert again.status_code == 400
    assert again.json()["errors"]["status"][0].startswith("该报备已")


def test_a_filing_is_returned_only_with_an_opinion(demo, api_client, catalog, matter):
    filing = catalog.filing(catalog.random_inspection(matter))
    as_user(api_client, demo["sfj_chen"])
    bare = api_client.post(f"/api/v1/filings/{filing.pk}/return", {}, format="json")
    assert bare.status_code == 400
    assert bare.json()["errors"]["opinion"] == ["退回报备须写明审查意见"]
    returned = api_client.post(
        f"/api/v1/filings/{filing.pk}/return", {"opinion": "抽查比例缺少依据"}, format="json"
    )
    assert returned.status_code == 200
    assert returned.json()["status"] == FilingStatus.RETURNED
    assert returned.json()["opinion"] == "抽查比例缺少依据"


def test_others_cannot_handle_a_filing(demo, api_client, catalog, matter):
    filing = catalog.filing(catalog.random_inspection(matter))
    seen = ledger_count()
    # 东城区's supervisor does not supervise a city bureau: the filing does not exist for him.
    as_user(api_client, demo["dc_sfj_liu"])
    assert api_client.get("/api/v1/filings").json()["count"] == 0
    assert api_client.post(f"/api/v1/filings/{filing.pk}/acknowledge").status_code == 404
    # The filing agency's own staff see their filing but cannot acknowledge it.
    for username in ("scjg_admin", "scjg_wang"):
        as_user(api_client, demo[username])
        assert api_client.get(f"/api/v1/filings/{filing.pk}").status_code == 200
        response = api_client.post(f"/api/v1/filings/{filing.pk}/acknowledge")
        assert response.status_code == 403
        assert response.json()["detail"] == "只有受理机关的执法监督人员可以审查报备"
    for username in ("qy_demo", "sysadmin", "cg_sun"):
        as_user(api_client, demo[username])
        assert api_client.get(f"/api/v1/filings/{filing.pk}").status_code == 404, username
    assert ledger_count() == seen
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.PENDING


def test_a_district_supervisor_acknowledges_a_district_filing(demo, api_client, catalog):
    """A list of 东城区市场监管局 is filed with 东城区司法局, whose supervisor handles it."""
    from zhifa.catalog.services import lists

    dc = agency("东城区市场监管局")
    admin = catalog.admin_of(dc)
    matter = catalog.matter("东城区食品抽检", agency=dc, code="DC-SC-001")
    version = lists.draft_version(admin, dc, kind=ListKind.RANDOM_INSPECTION, effective_on=today())
    lists.add_entry(admin, version, matter=matter)
    filing = publish_list(admin, version)
    assert filing.justice_bureau == agency("东城区司法局")
    as_user(api_client, demo["dc_sfj_liu"])
    assert [f["id"] for f in api_client.get("/api/v1/filings").json()["results"]] == [filing.pk]
    response = api_client.post(f"/api/v1/filings/{filing.pk}/acknowledge")
    assert response.status_code == 200
    assert response.json()["status"] == "acknowledged"


# --- benchmarks ---


@pytest.mark.usefixtures("version_1")
def test_a_benchmark_is_drafted_changed_published_and_evaluated(demo, api_client, matter):
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    created = api_client.post("/api/v1/benchmarks", benchmark_body(matter.pk), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["version"], body["status"]) == (1, "draft")
    assert [f["key"] for f in body["facts"]] == ["illegal_income"]
    assert [g["name"] for g in body["grades"]] == ["较轻", "一般", "较重"]
    assert body["grades"][1]["conditions_text"] == ["违法所得 ≥ 10000元", "违法所得 < 50000元"]
    pk = body["id"]

    changed = api_client.patch(
        f"/api/v1/benchmarks/{pk}", {"source_document": "示市监规〔2025〕9号"}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["source_document"] == "示市监规〔2025〕9号"
    assert len(changed.json()["grades"]) == 3  # the grades sent before are kept

    # Not yet published: the public (any signed-in user outside the agency) does not see it.
    as_user(api_client, demo["qy_demo"])
    assert api_client.get(f"/api/v1/benchmarks/{pk}").status_code == 404
    assert (
        api_client.post(
            f"/api/v1/benchmarks/{pk}/apply", {"facts": {"illegal_income": 1}}, format="json"
        ).status_code
        == 404
    )

    as_user(api_client, demo["scjg_admin"])
    published = api_client.post(f"/api/v1/benchmarks/{pk}/publish")
    assert published.status_code == 200
    assert published.json()["status"] == "published" and published.json()["published_at"]
    assert actions_since(seen) == [
        "catalog.benchmark.save",
        "catalog.benchmark.save",
        "catalog.benchmark.publish",
    ]

    as_user(api_client, demo["qy_demo"])
    seen = ledger_count()
    result = api_client.post(
        f"/api/v1/benchmarks/{pk}/apply",
        {"facts": {"illegal_income": 20000}},
        format="json",
    )
    assert result.status_code == 200, result.json()
    evaluation = result.json()
    assert evaluation["grade"] == "一般"
    assert evaluation["range"]["fine_min"] == "20000.00"
    assert evaluation["range"]["fine_max"] == "60000.00"
    assert evaluation["conclusion"] == "按“一般”情形裁量：罚款20000元至60000元。"
    assert evaluation["benchmark"]["source_document"] == "示市监规〔2025〕9号"
    assert "认定事实：违法所得：20000元。" in evaluation["explanation"]
    assert evaluation["explanation"][-1] == "结论：" + evaluation["conclusion"]
    assert [c["matched"] for c in evaluation["checks"]] == [False, True, False]
    assert ledger_count() == seen  # evaluating changes nothing


def test_grades_split_at_the_boundaries(demo, api_client, benchmark):
    as_user(api_client, demo["qy_demo"])
    url = f"/api/v1/benchmarks/{benchmark.pk}/apply"
    for amount, grade in (
        (0, "较轻"),
        (9999.99, "较轻"),
        (10000, "一般"),
        ("49999", "一般"),
        (50000, "较重"),
        (1e6, "较重"),
    ):
        body = api_client.post(url, {"facts": {"illegal_income": amount}}, format="json").json()
        assert body["grade"] == grade, (amount, body)


def test_overlapping_grades_are_refused_in_chinese(demo, api_client, matter):
    as_user(api_client, demo["scjg_admin"])
    grades = [
        {"name": "较轻", "conditions": [income("le", 10000)], "fine_min": 0, "fine_max": 20000},
        {
            "name": "较重",
            "conditions": [income("ge", 10000)],
            "fine_min": 20000,
            "fine_max": 100000,
        },
    ]
    seen = ledger_count()
    response = api_client.post(
        "/api/v1/benchmarks", benchmark_body(matter.pk, grades=grades), format="json"
    )
    assert response.status_code == 400
    error = response.json()
    assert chinese_error(error)
    assert error["errors"]["grades"] == ["裁量阶次重叠：违法所得10000元同时符合较轻、较重"]
    assert ledger_count() == seen
    assert not DiscretionBenchmark.objects.exists()


def test_gaps_and_out_of_range_grades_are_refused(demo, api_client, matter):
    as_user(api_client, demo["scjg_admin"])
    grades = [
        {"name": "较轻", "conditions": [income("lt", 10000)], "fine_min": 0, "fine_max": 20000},
        {"name": "较重", "conditions": [income("gt", 10000)], "fine_min": 0, "fine_max": 90000},
    ]
    gap = api_client.post(
        "/api/v1/benchmarks", benchmark_body(matter.pk, grades=grades), format="json"
    ).json()
    assert chinese_error(gap)
    assert gap["errors"]["grades"] == ["存在未覆盖的情形：违法所得10000元"]
    grades[1]["conditions"], grades[1]["fine_max"] = [income("ge", 10000)], 200000
    over = api_client.post(
        "/api/v1/benchmarks", benchmark_body(matter.pk, grades=grades), format="json"
    ).json()
    assert over["errors"]["grades"] == ["“较重”：罚款幅度超出法定幅度（0至100000元）"]
    blank = api_client.post(
        "/api/v1/benchmarks",
        {"matter": matter.pk, "fine_max": "很多", "facts": [], "grades": []},
        format="json",
    ).json()
    assert chinese_error(blank)
    assert blank["errors"]["fine_max"] == ["应为不小于0的数字"]
    assert blank["errors"]["grades"] == ["请至少设置一个裁量阶次"]
    assert blank["errors"]["violation"] == ["此项必填"]


def test_facts_and_grades_of_the_wrong_json_type_are_field_errors(demo, api_client, matter):
    as_user(api_client, demo["scjg_admin"])
    facts = [{"key": 7, "label": "违法所得", "kind": "number", "choices": "甲"}]
    grades = [{"name": 1, "conditions": {"fact": "illegal_income"}}]
    response = api_client.post(
        "/api/v1/benchmarks", benchmark_body(matter.pk, facts=facts, grades=grades), format="json"
    )
    assert response.status_code == 400
    error = response.json()
    assert chinese_error(error)
    assert error["errors"]["facts"] == ["第1个事实的“key”应为文字", "第1个事实的“choices”应为列表"]
    assert error["errors"]["grades"] == [
        "第1个裁量阶次的“name”应为文字",
        "第1个裁量阶次的“conditions”应为列表",
    ]
    assert not DiscretionBenchmark.objects.exists()


def test_only_penalty_matters_take_a_benchmark(demo, api_client, catalog):
    licence = catalog.matter("食品经营许可", category="licensing")
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post("/api/v1/benchmarks", benchmark_body(licence.pk), format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["matter"] == ["裁量基准只适用于行政处罚事项"]


def test_facts_of_the_wrong_type_are_field_errors_by_fact(demo, api_client, benchmark):
    as_user(api_client, demo["qy_demo"])
    url = f"/api/v1/benchmarks/{benchmark.pk}/apply"
    wrong = api_client.post(
        url,
        {"facts": {"illegal_income": "很多", "first_violation": "是", "luck": 1}},
        format="json",
    )
    assert wrong.status_code == 400
    error = wrong.json()
    assert chinese_error(error)
    assert error["errors"]["illegal_income"] == ["“违法所得”应为数值"]
    assert error["errors"]["first_violation"] == ["“初次违法”应为是或否（true/false）"]
    assert error["errors"]["luck"] == ["没有名为“luck”的事实"]
    assert api_client.post(url, {"facts": {"illegal_income": True}}, format="json").json()[
        "errors"
    ] == {"illegal_income": ["“违法所得”应为数值"]}

    missing = api_client.post(url, {"facts": {}}, format="json").json()
    assert missing["errors"] == {"illegal_income": ["缺少事实“违法所得”"]}
    not_an_object = api_client.post(url, {"facts": [20000]}, format="json").json()
    assert chinese_error(not_an_object) and "facts" in not_an_object["errors"]
    bad_day = api_client.post(
        url, {"facts": {"illegal_income": 1}, "on": "2025-13-01"}, format="json"
    ).json()
    assert chinese_error(bad_day) and "on" in bad_day["errors"]


def test_the_four_lists_in_force_on_the_day_apply(demo, api_client, catalog, benchmark):
    catalog.no_penalty(effective_on=days_ago(20))
    as_user(api_client, demo["qy_demo"])
    url = f"/api/v1/benchmarks/{benchmark.pk}/apply"
    facts = {"illegal_income": 5000, "first_violation": True, "corrected_in_time": True}
    now = api_client.post(url, {"facts": facts}, format="json").json()
    assert [e["title"] for e in now["lists"]["no_penalty"]] == ["初次违法并及时改正的"]
    assert now["lists"]["no_penalty"][0]["may"] is True
    assert now["conclusion"].startswith("可以不予行政处罚，不予处罚的应当对当事人进行教育")
    assert "如予处罚，按“较轻”情形" in now["conclusion"]
    before = api_client.post(url, {"facts": facts, "on": str(days_ago(30))}, format="json").json()
    assert before["lists"]["no_penalty"] == []
    assert before["conclusion"] == "按“较轻”情形裁量：罚款0元至20000元。"
    statutory = api_client.post(
        url, {"facts": {"illegal_income": 5000, "no_fault": True}}, format="json"
    ).json()
    assert statutory["conclusion"].startswith("依法不予行政处罚。应当对当事人进行教育")
    assert statutory["range"] == {}


@pytest.mark.usefixtures("version_1")
def test_a_published_benchmark_never_changes_a_new_version_does(demo, api_client, benchmark):
    as_user(api_client, demo["scjg_admin"])
    refused = api_client.patch(
        f"/api/v1/benchmarks/{benchmark.pk}", {"violation": "改"}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"]["status"] == ["已发布的裁量基准不能修改，请新建版本"]
    assert api_client.post(f"/api/v1/benchmarks/{benchmark.pk}/publish").status_code == 400

    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/benchmarks/{benchmark.pk}/new-version",
        {"effective_on": str(today())},
        format="json",
    )
    assert response.status_code == 201, response.json()
    draft = response.json()
    assert (draft["version"], draft["status"], draft["effective_on"]) == (
        2,
        "draft",
        str(today()),
    )
    assert [g["name"] for g in draft["grades"]] == ["较轻", "一般", "较重"]
    assert draft["violation"] == benchmark.violation
    assert actions_since(seen) == ["catalog.benchmark.save"]

    grades = [dict(g) for g in GRADES]
    grades[2] = {**grades[2], "fine_min": 70000}
    changed = api_client.patch(
        f"/api/v1/benchmarks/{draft['id']}", {"grades": grades}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["grades"][2]["fine_min"] == "70000.00"
    benchmark.refresh_from_db()
    assert benchmark.grades.get(name="较重").fine_min == 60000  # the published one is untouched
    assert benchmark.status == BenchmarkStatus.PUBLISHED


def test_benchmarks_filter_and_scope(demo, api_client, catalog, matter, benchmark):
    draft = catalog.benchmark(matter, publish=False, effective_on=today())
    as_user(api_client, demo["qy_demo"])
    assert [b["id"] for b in api_client.get("/api/v1/benchmarks").json()["results"]] == [
        benchmark.pk
    ]
    as_user(api_client, demo["sfj_chen"])
    ids = {b["id"] for b in api_client.get("/api/v1/benchmarks").json()["results"]}
    assert ids == {benchmark.pk, draft.pk}
    drafts = api_client.get("/api/v1/benchmarks", {"status": "draft"}).json()["results"]
    assert [b["id"] for b in drafts] == [draft.pk]
    assert api_client.get("/api/v1/benchmarks", {"matter": matter.pk}).json()["count"] == 2
    assert (
        api_client.get("/api/v1/benchmarks", {"agency": agency("东城区城管执法局").pk}).json()[
            "count"
        ]
        == 0
    )
    # A supervisor sees the draft and may evaluate it (to check it), but not change it.
    assert (
        api_client.post(
            f"/api/v1/benchmarks/{draft.pk}/apply",
            {"facts": {"illegal_income": 1}},
            format="json",
        ).status_code
        == 200
    )
    assert api_client.post(f"/api/v1/benchmarks/{draft.pk}/publish").status_code == 403


# --- whole API ---


def test_writes_need_a_login(db, api_client):
    for path in (
        "/api/v1/matters",
        "/api/v1/list-versions",
        "/api/v1/list-versions/1/entries",
        "/api/v1/list-versions/1/publish",
        "/api/v1/filings/1/acknowledge",
        "/api/v1/benchmarks",
        "/api/v1/benchmarks/1/apply",
    ):
        response = api_client.post(path, {}, format="json")
        assert response.status_code == 401, path
        assert chinese_error(response.json())


def test_lists_take_a_fixed_number_of_queries(demo, api_client, catalog):
    as_user(api_client, demo["sfj_chen"])
    endpoints = ("matters", "list-versions", "filings", "benchmarks")

    def add() -> None:
        m = catalog.matter()
        catalog.benchmark(m)
        catalog.version(
            ListKind.RANDOM_INSPECTION, [{"matter": m}], effective_on=today(), copy=True
        )

    def queries() -> dict[str, int]:
        counts = {}
        for name in endpoints:
            with CaptureQueriesContext(connection) as captured:
                assert api_client.get(f"/api/v1/{name}").status_code == 200
            counts[name] = len(captured)
        return counts

    add()
    queries()
    few = queries()
    add()
    add()
    assert queries() == few


def test_the_schema_describes_the_catalogue_without_warnings(db):
    out = StringIO()
    call_command("spectacular", "--fail-on-warn", "--validate", stdout=out)
    schema = out.getvalue()
    for path in (
        "/api/v1/matters",
        "/api/v1/list-versions/as-of",
        "/api/v1/list-versions/{id}/entries",
        "/api/v1/list-versions/{id}/publish",
        "/api/v1/filings/{id}/acknowledge",
        "/api/v1/filings/{id}/return",
        "/api/v1/benchmarks/{id}/new-version",
        "/api/v1/benchmarks/{id}/apply",
    ):
        assert f"  {path}:" in schema, path
