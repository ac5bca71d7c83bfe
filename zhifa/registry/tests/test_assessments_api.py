"""The 日常考核 endpoints: ``indicator-sets`` and ``assessments``. Reads are scoped (the agency's
head and information administrator, its region's supervisors, and an officer only their own
results); writes go through the services, refused in Chinese with nothing written."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zhifa.registry.models import Assessment, IndicatorSet, Officer
from zhifa.registry.services import certificates, training
from zhifa.registry.tests.api_fixtures import (
    Registry,
    agency,
    as_user,
    chinese_error,
    ledger_count,
    ledger_since,
    today,
)
from zhifa.testing.ledger_guard import writes_around_services

SETS = "/api/v1/indicator-sets"
RESULTS = "/api/v1/assessments"
INDICATORS = [{"name": "办案质量", "max": 60}, {"name": "执法纪律", "max": 40}]


@pytest.fixture
def registry(demo) -> Registry:
    """Officers of 市市场监管局, registered through the services as scjg_admin."""
    return Registry(demo)


@pytest.fixture
def indicator_set(registry) -> IndicatorSet:
    return training.define_indicator_set(
        registry.admin,
        registry.scjg,
        name="执法人员日常考核指标",
        indicators=INDICATORS,
        pass_score=60,
    )


def body(officer, indicator_set, scores, period="第3季度", **extra):
    data = {
        "officer": officer.pk,
        "indicator_set": indicator_set.pk,
        "year": today().year,
        "period": period,
        "scores": scores,
        "assessed_on": str(today()),
    }
    data.update(extra)
    return data


def assess(registry, officer, indicator_set, scores, period="第1季度"):
    return training.record_assessment(
        registry.admin,
        officer,
        indicator_set=indicator_set,
        year=today().year,
        period=period,
        scores=scores,
        assessed_on=today(),
    )


def counts() -> tuple[int, int, int]:
    return ledger_count(), IndicatorSet.objects.count(), Assessment.objects.count()


# --- indicator sets ---


def test_the_admin_defines_an_indicator_set(demo, api_client, registry):
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post(
        SETS,
        {
            "agency": registry.scjg.pk,
            "name": "执法人员日常考核指标",
            "indicators": INDICATORS,
            "pass_score": "60",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["agency_name"] == "示范市市场监督管理局"
    assert created["indicators"] == [
        {"name": "办案质量", "max": "60.0"},
        {"name": "执法纪律", "max": "40.0"},
    ]
    assert created["pass_score"] == "60.0"
    assert [e.action for e in ledger_since(seen)] == ["registry.indicators.create"]

    listed = api_client.get(SETS, {"agency": registry.scjg.pk}).json()
    assert [s["id"] for s in listed["results"]] == [created["id"]]
    assert api_client.get(f"{SETS}/{created['id']}").json()["name"] == "执法人员日常考核指标"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"indicators": []}, "indicators", "请至少设置一项指标"),
        ({"indicators": [{"name": "办案质量", "max": 0}]}, "indicators", "大于0的满分"),
        ({"indicators": "办案质量=60"}, "indicators", "指标应为"),
        ({"pass_score": "101"}, "pass_score", "合格分应大于0且不超过满分合计100"),
        ({"name": " "}, "name", "请填写指标体系名称"),
    ],
)
def test_a_bad_indicator_set_is_refused_in_chinese(
    demo, api_client, registry, change, field, message
):
    as_user(api_client, demo["scjg_admin"])
    before = counts()
    data = {"agency": registry.scjg.pk, "name": "考核指标", "indicators": INDICATORS}
    data["pass_score"] = "60"
    data.update(change)
    response = api_client.post(SETS, data, format="json")
    assert response.status_code == 400
    error = response.json()
    assert chinese_error(error), error
    assert any(message in m for m in error["errors"][field]), error
    assert counts() == before


@pytest.mark.parametrize("username", ["scjg_zhang", "sfj_chen", "qy_demo"])
def test_only_the_head_and_admin_define_indicator_sets(demo, api_client, registry, username):
    as_user(api_client, demo[username])
    before = counts()
    data = {"agency": registry.scjg.pk, "name": "考核", "indicators": INDICATORS, "pass_score": 60}
    response = api_client.post(SETS, data, format="json")
    # An agency out of sight is not found (400 on the field); one in sight is refused (403).
    assert response.status_code in (400, 403)
    assert chinese_error(response.json())
    assert counts() == before
    as_user(api_client, demo["scjg_wang"])
    assert api_client.post(SETS, data, format="json").status_code == 201


def test_indicator_sets_are_seen_within_scope(demo, api_client, indicator_set):
    for username, seen in [
        ("scjg_wang", True),
        ("sfj_chen", True),
        ("dc_sfj_liu", False),
        ("qy_demo", False),
    ]:
        as_user(api_client, demo[username])
        ids = [s["id"] for s in api_client.get(SETS).json()["results"]]
        assert (indicator_set.pk in ids) is seen, username
        detail = api_client.get(f"{SETS}/{indicator_set.pk}")
        assert detail.status_code == (200 if seen else 404), username


# --- assessments ---


def test_the_admin_records_an_assessment(demo, api_client, registry, indicator_set):
    zhang = registry.officer("张伟")
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post(
        RESULTS, body(zhang, indicator_set, {"办案质量": 50, "执法纪律": "30.5"}), format="json"
    )
    assert response.status_code == 201, response.json()
    result = response.json()
    assert result["officer_name"] == "张伟"
    assert result["agency"] == registry.scjg.pk
    assert result["indicator_set_name"] == "执法人员日常考核指标"
    assert result["scores"] == {"办案质量": "50.0", "执法纪律": "30.5"}
    assert (result["total"], result["pass_score"]) == ("80.5", "60.0")
    assert (result["passed"], result["result_display"]) == (True, "合格")
    assert [e.action for e in ledger_since(seen)] == ["registry.assessment.create"]

    response = api_client.post(
        RESULTS,
        body(zhang, indicator_set, {"办案质量": 20, "执法纪律": 10}, period="第4季度"),
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["passed"], response.json()["result_display"]) == (False, "不合格")


def test_the_head_records_too(demo, api_client, registry, indicator_set):
    li = registry.officer("李娜")
    as_user(api_client, demo["scjg_wang"])
    data = body(li, indicator_set, {"办案质量": 40, "执法纪律": 20})
    response = api_client.post(RESULTS, data, format="json")
    assert response.status_code == 201, response.json()


def test_a_score_above_its_maximum_is_refused_and_nothing_written(
    demo, api_client, registry, indicator_set
):
    zhang = registry.officer("张伟")
    as_user(api_client, demo["scjg_admin"])
    before = counts()
    response = api_client.post(
        RESULTS, body(zhang, indicator_set, {"办案质量": 61, "执法纪律": 30}), format="json"
    )
    assert response.status_code == 400
    error = response.json()
    assert chinese_error(error)
    assert error["errors"] == {"scores": ["“办案质量”得分应在0至60之间"]}
    assert error["detail"] == "“办案质量”得分应在0至60之间"
    assert counts() == before


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"scores": {"办案质量": 50}}, "scores", "“执法纪律”得分应在0至40之间"),
        ({"scores": {"办案质量": "很好", "执法纪律": 30}}, "scores", "“办案质量”得分应在0至60之间"),
        ({"period": ""}, "period", "请填写考核期"),
        ({"assessed_on": "tomorrow"}, "assessed_on", "考核日期不能晚于今天"),
        ({"year": 2000}, "year", "考核年度应为考核日期所在年度或上一年度"),
    ],
)
def test_a_bad_assessment_is_refused_in_chinese(
    demo, api_client, registry, indicator_set, change, field, message
):
    zhang = registry.officer("张伟")
    as_user(api_client, demo["scjg_admin"])
    if change.get("assessed_on") == "tomorrow":
        change = {"assessed_on": str(today() + timedelta(days=1))}
    data = {**body(zhang, indicator_set, {"办案质量": 50, "执法纪律": 30}), **change}
    before = counts()
    response = api_client.post(RESULTS, data, format="json")
    assert response.status_code == 400
    error = response.json()
    assert chinese_error(error), error
    assert message in error["errors"][field], error
    assert counts() == before


@pytest.mark.parametrize("username", ["sfj_chen", "scjg_zhang"])
def test_supervisors_and_officers_may_not_record(
    demo, api_client, registry, indicator_set, username
):
    zhang = registry.officer("张伟")
    as_user(api_client, demo[username])
    before = counts()
    data = body(zhang, indicator_set, {"办案质量": 50, "执法纪律": 30})
    response = api_client.post(RESULTS, data, format="json")
    assert response.status_code == 403
    assert chinese_error(response.json())
    assert counts() == before


def test_an_enterprise_may_not_record(demo, api_client, registry, indicator_set):
    zhang = registry.officer("张伟")
    as_user(api_client, demo["qy_demo"])
    before = counts()
    data = body(zhang, indicator_set, {"办案质量": 50, "执法纪律": 30})
    response = api_client.post(RESULTS, data, format="json")
    # An enterprise never assesses an officer: refused before the body is read.
    assert response.status_code == 403
    assert "负责人或信息管理员" in response.json()["detail"]
    assert counts() == before


@pytest.fixture
def results(demo, registry, indicator_set) -> dict[str, Officer]:
    """张伟 (scjg_zhang's own record) passed the 1st quarter; 李娜 failed it and passed the 2nd."""
    zhang, li = registry.officer("张伟"), registry.officer("李娜")
    with writes_around_services(
        "links 张伟's record to scjg_zhang's account; accounts are linked when officers are registered and no service relinks them"
    ):
        Officer.objects.filter(pk=zhang.pk).update(user=demo["scjg_zhang"])
    assess(registry, zhang, indicator_set, {"办案质量": 50, "执法纪律": 30})
    assess(registry, li, indicator_set, {"办案质量": 30, "执法纪律": 10})
    assess(registry, li, indicator_set, {"办案质量": 55, "执法纪律": 35}, period="第2季度")
    return {"zhang": zhang, "li": li}


def names(api_client, **query) -> list[tuple[str, str]]:
    response = api_client.get(RESULTS, query)
    assert response.status_code == 200, response.json()
    return sorted((r["officer_name"], r["period"]) for r in response.json()["results"])


ALL = [("张伟", "第1季度"), ("李娜", "第1季度"), ("李娜", "第2季度")]


@pytest.mark.parametrize("username", ["scjg_admin", "scjg_wang", "sfj_chen"])
def test_the_head_admin_and_city_supervisor_see_the_results(demo, api_client, results, username):
    as_user(api_client, demo[username])
    assert names(api_client) == ALL
    li = results["li"]
    detail = api_client.get(f"{RESULTS}/{li.assessments.get(period='第1季度').pk}").json()
    assert (detail["total"], detail["result_display"]) == ("40.0", "不合格")


def test_the_results_filter_by_year_officer_agency_and_period(demo, api_client, results):
    as_user(api_client, demo["sfj_chen"])
    year = today().year
    assert names(api_client, year=year) == ALL
    assert names(api_client, year=year - 1) == []
    assert names(api_client, officer=results["li"].pk) == ALL[1:]
    assert names(api_client, agency=agency("市市场监管局").pk) == ALL
    assert names(api_client, agency=agency("市生态环境局").pk) == []
    assert names(api_client, period="第2季度") == [("李娜", "第2季度")]
    assert names(api_client, passed="false") == [("李娜", "第1季度")]


@pytest.mark.parametrize("username", ["dc_sfj_liu", "qy_demo", "sysadmin"])
def test_others_see_no_results(demo, api_client, results, username):
    as_user(api_client, demo[username])
    assert names(api_client) == []
    one = Assessment.objects.first()
    assert api_client.get(f"{RESULTS}/{one.pk}").status_code == 404


def test_an_officer_sees_only_their_own_results(demo, api_client, results):
    as_user(api_client, demo["scjg_zhang"])
    assert names(api_client) == [("张伟", "第1季度")]
    theirs = results["li"].assessments.first()
    assert api_client.get(f"{RESULTS}/{theirs.pk}").status_code == 404


def test_an_anonymous_client_is_refused(api_client, results):
    assert api_client.get(RESULTS).status_code == 401
    assert api_client.get(SETS).status_code == 401


def test_a_failed_assessment_fails_the_annual_review(demo, api_client, registry, indicator_set):
    li = registry.officer("李娜")
    certificate = registry.certificate(li)
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post(
        RESULTS, body(li, indicator_set, {"办案质量": 30, "执法纪律": 10}), format="json"
    )
    assert response.status_code == 201
    year = today().year
    assert f"{year}年日常考核不合格（第3季度）" in certificates.review_findings(certificate, year)
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/review", {"year": year}, format="json"
    )
    assert response.status_code == 200, response.json()
    review = response.json()["reviews"][0]
    assert review["result"] == "failed" and "日常考核不合格" in review["reasons"]
