"""The training, exams and staffing endpoints, and what every registry endpoint shows to those
with no business scope (enterprises, administrators) or no credentials."""

from __future__ import annotations

import math
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhifa.org.models import Agency, UnitKind
from zhifa.registry.models import ExamResult, TrainingRecord
from zhifa.registry.services import certificates, training
from zhifa.registry.tests.api_fixtures import (
    Registry,
    as_user,
    chinese_error,
    ledger_count,
    ledger_since,
    today,
    unit,
)


@pytest.fixture
def registry(demo) -> Registry:
    """Officers and certificates of 市市场监管局, made through the services."""
    return Registry(demo)


LIST_ENDPOINTS = ("officers", "certificates", "reviews", "training", "exams")


def course(**extra):
    body = {
        "kind": "public_law",
        "course": "新修订行政复议法",
        "held_on": str(today()),
        "hours": "6",
    }
    body.update(extra)
    return body


# --- training ---


def test_an_administrator_records_training(demo, api_client, registry):
    officer = registry.officer("张伟")
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post(
        "/api/v1/training", course(officer=officer.pk, hours="7.5"), format="json"
    )
    assert response.status_code == 201, response.json()
    record = response.json()
    assert record["officer_name"] == "张伟"
    assert record["kind_display"] == "公共法律知识"
    assert record["hours"] == "7.5"
    assert [e.action for e in ledger_since(seen)] == ["registry.training.create"]

    response = api_client.post(
        "/api/v1/training",
        course(officer=officer.pk, hours="0", held_on=str(today() + timedelta(days=1))),
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert body["errors"] == {"held_on": ["培训日期不能晚于今天"], "hours": ["学时应大于0"]}
    assert TrainingRecord.objects.count() == 1


def test_the_training_list_filters_by_officer_year_and_kind(demo, api_client, registry):
    zhang, li = registry.officer("张伟"), registry.officer("李娜")
    admin = registry.admin
    training.record_training(admin, zhang, **course(held_on=today()))
    training.record_training(
        admin, zhang, **course(kind="skills", held_on=today().replace(year=today().year - 1))
    )
    training.record_training(admin, li, **course(held_on=today()))
    as_user(api_client, demo["scjg_admin"])

    def count(query: str) -> int:
        response = api_client.get(f"/api/v1/training?{query}")
        assert response.status_code == 200, response.json()
        return response.json()["count"]

    assert count("") == 3
    assert count(f"officer={zhang.pk}") == 2
    assert count(f"year={today().year}") == 2
    assert count(f"officer={zhang.pk}&kind=skills") == 1
    as_user(api_client, demo["sthj_xu"])
    assert count("") == 0


def test_a_campaign_records_the_course_for_every_officer_or_none(demo, api_client, registry):
    officers = [registry.officer(name) for name in ("张伟", "李娜", "王强")]
    ids = [o.pk for o in officers]
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post(
        "/api/v1/training/campaign",
        course(officers=ids, campaign="2026年行政复议法轮训"),
        format="json",
    )
    assert response.status_code == 201, response.json()
    records = response.json()
    assert sorted(r["officer"] for r in records) == sorted(ids)
    assert {r["campaign"] for r in records} == {"2026年行政复议法轮训"}
    assert [e.action for e in ledger_since(seen)] == ["registry.training.create"] * 3

    seen = ledger_count()
    response = api_client.post(
        "/api/v1/training/campaign", course(officers=ids, course=""), format="json"
    )
    assert response.status_code == 400
    assert chinese_error(response.json())
    response = api_client.post("/api/v1/training/campaign", course(officers=[]), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"officers": ["请选择参加培训的执法人员"]}
    assert TrainingRecord.objects.count() == 3
    assert ledger_count() == seen


def test_a_campaign_cannot_name_an_officer_out_of_sight(demo, api_client, registry):
    officer = registry.officer("张伟")
    as_user(api_client, registry.other_admin())  # keeps another agency's registry
    response = api_client.post(
        "/api/v1/training/campaign", course(officers=[officer.pk]), format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["officers"]
    as_user(api_client, demo["sfj_chen"])  # sees the officer, but keeps no registry
    response = api_client.post(
        "/api/v1/training/campaign", course(officers=[officer.pk]), format="json"
    )
    assert response.status_code == 403
    assert not TrainingRecord.objects.exists()


# --- exams ---


def test_exams_are_recorded_and_listed(demo, api_client, registry):
    officer = registry.officer("张伟")
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post(
        "/api/v1/exams",
        {
            "officer": officer.pk,
            "kind": "specialised_law",
            "field": "01",
            "taken_on": str(today()),
            "score": "72.5",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    exam = response.json()
    assert (exam["field"], exam["field_name"], exam["passed"]) == ("01", "市场监管", True)
    assert exam["kind_display"] == "专业法律知识考试"
    response = api_client.post(
        "/api/v1/exams",
        {"officer": officer.pk, "kind": "public_law", "taken_on": str(today()), "score": "59"},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["field"], response.json()["passed"]) == (None, False)
    assert [e.action for e in ledger_since(seen)] == ["registry.exam.create"] * 2

    response = api_client.post(
        "/api/v1/exams",
        {"officer": officer.pk, "kind": "public_law", "taken_on": str(today()), "score": "120"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"score": ["成绩应为0至100之间的数字"]}

    assert api_client.get("/api/v1/exams").json()["count"] == 2
    assert api_client.get("/api/v1/exams?passed=false").json()["count"] == 1
    as_user(api_client, demo["sthj_xu"])
    assert api_client.get("/api/v1/exams").json()["count"] == 0
    as_user(api_client, registry.other_admin())  # keeps another agency's registry
    response = api_client.post(
        "/api/v1/exams",
        {"officer": officer.pk, "kind": "public_law", "taken_on": str(today()), "score": "90"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["officer"]
    assert ExamResult.objects.count() == 2


# --- staffing ---


def staffing(api_client, year=None) -> dict[str, dict]:
    response = api_client.get("/api/v1/staffing" + (f"?year={year}" if year else ""))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["year"] == (year or today().year)
    return {row["agency_name"]: row for row in body["results"]}


def required(officers: int) -> int:
    """The national defaults: 7% of the officers, at least one (seed 001)."""
    return max(1, math.ceil(officers * 0.07))


def test_staffing_per_visible_agency(demo, api_client, registry):
    as_user(api_client, demo["sfj_chen"])
    year = today().year
    before, before_last = staffing(api_client), staffing(api_client, year - 1)

    trained = registry.officer("张伟")
    registry.officer("李娜")  # no training this year
    registry.officer(
        "王法审",
        unit=unit(registry.scjg, UnitKind.LEGAL_REVIEW),
        in_enforcement_post=False,
        is_legal_reviewer=True,
        has_legal_qualification=True,
    )
    registry.officer("赵休", status="off_duty")  # not counted
    training.record_training(registry.admin, trained, **course(hours="60", held_on=today()))
    training.record_drill(
        registry.admin,
        registry.scjg,
        title="行政处罚案卷评查练兵",
        held_on=today(),
        participants=[trained],
    )

    after = staffing(api_client)
    name = "示范市市场监督管理局"
    old, new = before[name], after[name]
    assert new["agency"] == registry.scjg.pk
    assert new["officers"] == old["officers"] + 2
    assert new["reviewers"] == old["reviewers"] + 1
    assert new["required"] == required(new["officers"])
    assert new["shortfall"] == max(0, new["required"] - new["reviewers"])
    assert new["short_of_training"] == old["short_of_training"] + 1
    assert new["drills"] == old["drills"] + 1
    assert new["drills_required"] == 1
    assert new["drill_shortfall"] == max(0, 1 - new["drills"])
    if old["officers"] == 0:  # the demo city as seeded today: no officers of its own
        assert {k: new[k] for k in ("officers", "reviewers", "required", "shortfall")} == {
            "officers": 2,
            "reviewers": 1,
            "required": 1,
            "shortfall": 0,
        }
        assert (new["short_of_training"], new["drills"], new["drill_shortfall"]) == (1, 1, 0)

    # Other agencies are untouched; last year, both enforcers were short and no drill was held.
    assert {k: v for k, v in after.items() if k != name} == {
        k: v for k, v in before.items() if k != name
    }
    last = staffing(api_client, year - 1)[name]
    assert last["short_of_training"] == before_last[name]["short_of_training"] + 2
    assert last["drills"] == before_last[name]["drills"]


def test_staffing_covers_the_agencies_in_the_users_business_scope(demo, api_client):
    active = set(Agency.objects.filter(is_active=True).values_list("name", flat=True))
    expected = {
        "sfj_chen": active,
        "dc_sfj_liu": {
            "示范市东城区司法局",
            "示范市东城区市场监督管理局",
            "示范市东城区城市管理综合行政执法局",
        },
        "scjg_admin": {"示范市市场监督管理局"},
        "sysadmin": set(),  # 三员分立: administrators see no business data
        "secadmin": set(),
        "qy_demo": set(),
    }
    for username, names in expected.items():
        as_user(api_client, demo[username])
        rows = staffing(api_client)
        assert set(rows) == names, username
        for row in rows.values():
            assert row["required"] >= 1
            assert row["shortfall"] == max(0, row["required"] - row["reviewers"])


def test_staffing_refuses_a_bad_year_in_chinese(demo, api_client):
    as_user(api_client, demo["sfj_chen"])
    response = api_client.get("/api/v1/staffing?year=abc")
    assert response.status_code == 400
    assert response.json()["errors"] == {"year": ["年度year应为整数"]}


# --- no business scope, no credentials ---


@pytest.mark.parametrize("username", ["qy_demo", "shjd_wu", "sysadmin", "auditadmin"])
def test_users_without_business_scope_see_empty_lists(demo, api_client, registry, username):
    officer = registry.officer("张伟")
    certificate = registry.certificate(officer)
    training.record_training(registry.admin, officer, **course(held_on=today()))
    as_user(api_client, demo[username])
    for name in LIST_ENDPOINTS:
        response = api_client.get(f"/api/v1/{name}")
        assert response.status_code == 200, name
        assert response.json()["count"] == 0, name
        assert response.json()["results"] == []
    assert api_client.get("/api/v1/staffing").json()["results"] == []
    assert api_client.get(f"/api/v1/certificates/{certificate.pk}").status_code == 404
    # Nor can they write: they keep no registry, refused before the body is read.
    response = api_client.post("/api/v1/training", course(officer=officer.pk), format="json")
    assert response.status_code == 403
    assert chinese_error(response.json())
    assert TrainingRecord.objects.count() == 1


def test_an_agency_outsider_sees_empty_lists_too(demo, api_client, registry):
    officer = registry.officer("张伟")
    registry.certificate(officer)
    as_user(api_client, demo["cg_sun"])  # 东城区城管执法局
    for name in LIST_ENDPOINTS:
        assert api_client.get(f"/api/v1/{name}").json()["count"] == 0, name


def test_every_endpoint_wants_credentials(demo, api_client, registry):
    officer = registry.officer("张伟")
    certificate = registry.certificate(officer)
    paths = [f"/api/v1/{name}" for name in LIST_ENDPOINTS] + [
        "/api/v1/staffing",
        f"/api/v1/officers/{officer.pk}",
        f"/api/v1/officers/{officer.pk}/eligibility",
        f"/api/v1/certificates/{certificate.pk}",
    ]
    for path in paths:
        response = api_client.get(path)
        assert response.status_code == 401, path
        assert response.json()["code"] == "not_authenticated"
        assert chinese_error(response.json())
    seen = ledger_count()
    for path in (
        "/api/v1/officers",
        "/api/v1/certificates",
        "/api/v1/training",
        "/api/v1/training/campaign",
        "/api/v1/exams",
        f"/api/v1/certificates/{certificate.pk}/suspend",
        f"/api/v1/officers/{officer.pk}/transfer",
    ):
        assert api_client.post(path, {}, format="json").status_code == 401, path
    assert ledger_count() == seen


def test_the_schema_generates_without_warnings(db):
    """drf-spectacular: every registry endpoint is described (request, response, parameters)."""
    out = StringIO()
    call_command("spectacular", "--fail-on-warn", "--validate", stdout=out)
    schema = out.getvalue()
    for path in (
        "/api/v1/officers/{id}/eligibility",
        "/api/v1/certificates/{id}/lift",
        "/api/v1/training/campaign",
        "/api/v1/staffing",
    ):
        assert f"  {path}:" in schema


def test_lists_take_a_fixed_number_of_queries(demo, api_client, registry):
    """No query per row: more officers, certificates and records, the same number of queries."""
    as_user(api_client, demo["scjg_admin"])

    def queries() -> dict[str, int]:
        counts = {}
        for name in (*LIST_ENDPOINTS, "staffing"):
            with CaptureQueriesContext(connection) as captured:
                assert api_client.get(f"/api/v1/{name}").status_code == 200
            counts[name] = len(captured)
        return counts

    def add(n: int) -> None:
        for _ in range(n):
            officer = registry.officer()
            certificate = registry.certificate(officer)
            training.record_training(registry.admin, officer, **course(held_on=today()))
            registry.certificate(officer)
            certificates.suspend_certificate(
                registry.admin, certificate, reason="核查", starts_on=today(), ends_on=today()
            )
            certificates.review_certificate(registry.admin, certificate, year=today().year)

    add(2)
    queries()  # the first request also reads the user's roles (cached on the test's user)
    few = queries()
    add(3)
    assert queries() == few
