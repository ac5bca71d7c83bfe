"""The certificates API: issue, and the lifecycle actions (暂扣, 发还, 收缴, 注销, 年审), each through
its service with a ledger entry, each answering with the certificate as it now is."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zhifa.registry.models import Certificate, CertificateReview, Suspension
from zhifa.registry.tests.api_fixtures import (
    Registry,
    as_user,
    chinese_error,
    ledger_count,
    ledger_since,
    this_year_start,
    today,
)


@pytest.fixture
def registry(demo) -> Registry:
    """Officers and certificates of 市市场监管局, made through the services."""
    return Registry(demo)


@pytest.fixture
def holder(registry):
    """An officer on duty who passed both exams, without a certificate yet."""
    officer = registry.officer("张伟")
    registry.pass_exams(officer)
    return officer


def issue_body(officer, **extra):
    body = {
        "officer": officer.pk,
        "number": "990100090001",
        "issuing_authority": "示范市人民政府",
        "field": "01",
        "issued_on": str(this_year_start()),
        "expires_on": str(this_year_start().replace(year=today().year + 5)),
    }
    body.update(extra)
    return body


def eligibility(api_client, officer, on=None):
    query = f"?on={on}" if on else ""
    response = api_client.get(f"/api/v1/officers/{officer.pk}/eligibility{query}")
    assert response.status_code == 200, response.json()
    return response.json()


def test_the_lifecycle_issue_suspend_lift(midyear, demo, api_client, holder):
    as_user(api_client, demo["scjg_admin"])
    before = eligibility(api_client, holder)
    assert before["ok"] is False
    assert before["certificate"] is None
    assert any("未取得行政执法证件" in r for r in before["reasons"])

    seen = ledger_count()
    response = api_client.post("/api/v1/certificates", issue_body(holder), format="json")
    assert response.status_code == 201, response.json()
    certificate = response.json()
    assert certificate["number"] == "990100090001"
    assert certificate["officer_name"] == "张伟"
    assert certificate["field"] == "01"
    assert certificate["field_name"] == "市场监管"
    assert (certificate["state"], certificate["state_display"]) == ("valid", "有效")
    assert [e.action for e in ledger_since(seen)] == ["registry.certificate.issue"]
    pk = certificate["id"]
    assert eligibility(api_client, holder) == {
        "ok": True,
        "reasons": [],
        "certificate": pk,
        "certificate_number": "990100090001",
        "notices": [],
    }

    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/certificates/{pk}/suspend",
        {
            "reason": "执法过程中未出示证件",
            "starts_on": str(today()),
            "ends_on": str(today() + timedelta(days=30)),
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    suspended = response.json()
    assert (suspended["state"], suspended["state_display"]) == ("suspended", "暂扣")
    assert suspended["status"] == "valid"  # stored status: suspension follows from the dates
    [suspension] = suspended["suspensions"]
    assert suspension["reason"] == "执法过程中未出示证件"
    assert suspension["lifted_on"] is None
    assert [e.action for e in ledger_since(seen)] == ["registry.certificate.suspend"]

    blocked = eligibility(api_client, holder)
    assert blocked["ok"] is False
    assert blocked["certificate"] is None
    assert "证件990100090001暂扣" in blocked["reasons"]
    # After the period the certificate is valid again, without anyone recording it.
    assert eligibility(api_client, holder, today() + timedelta(days=31))["ok"] is True

    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/certificates/{pk}/lift",
        {"suspension": suspension["id"], "lifted_on": str(today())},
        format="json",
    )
    assert response.status_code == 200, response.json()
    lifted = response.json()
    assert lifted["state"] == "valid"
    assert lifted["suspensions"][0]["lifted_on"] == str(today())
    assert [e.action for e in ledger_since(seen)] == ["registry.certificate.lift"]
    assert eligibility(api_client, holder)["ok"] is True
    assert eligibility(api_client, holder)["certificate"] == pk

    # Lifting twice is refused in Chinese.
    response = api_client.post(
        f"/api/v1/certificates/{pk}/lift", {"suspension": suspension["id"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"lifted_on": ["该暂扣已发还"]}


def test_a_supervisor_may_suspend_and_collect_but_not_issue(demo, api_client, registry, holder):
    certificate = registry.certificate(holder)
    as_user(api_client, demo["sfj_chen"])
    response = api_client.post("/api/v1/certificates", issue_body(holder), format="json")
    assert response.status_code == 403
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/suspend",
        {"reason": "投诉核查", "starts_on": str(today()), "ends_on": str(today())},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/collect", {"reason": "严重违法"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state_display"] == "收缴"
    # The district's supervisor does not even see the city agency's certificate.
    as_user(api_client, demo["dc_sfj_liu"])
    for action in ("suspend", "collect", "cancel", "lift", "review"):
        response = api_client.post(f"/api/v1/certificates/{certificate.pk}/{action}", {})
        assert response.status_code == 404, action
    assert api_client.get(f"/api/v1/certificates/{certificate.pk}").status_code == 404


def test_an_officer_sees_certificates_but_may_not_act_on_them(demo, api_client, registry, holder):
    certificate = registry.certificate(holder)
    as_user(api_client, demo["scjg_zhang"])
    assert api_client.get(f"/api/v1/certificates/{certificate.pk}").status_code == 200
    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/cancel", {"reason": "离职"}, format="json"
    )
    assert response.status_code == 403
    assert chinese_error(response.json())
    assert ledger_count() == seen


def test_a_duplicate_number_is_refused(demo, api_client, registry, holder):
    existing = registry.certificate(registry.officer("李娜"))
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post(
        "/api/v1/certificates", issue_body(holder, number=existing.number), format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert body["errors"] == {"number": [f"证件编号{existing.number}已存在"]}
    assert Certificate.objects.count() == 1
    assert ledger_count() == seen


def test_no_certificate_without_the_exams(demo, api_client, registry):
    officer = registry.officer("王五")
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post(
        "/api/v1/certificates",
        issue_body(officer, expires_on=str(this_year_start() - timedelta(days=1))),
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert "尚未通过公共法律知识考试" in body["errors"]["officer"][0]
    assert body["errors"]["expires_on"] == ["有效期至须晚于发证日期"]
    assert not Certificate.objects.exists()


def test_an_officer_out_of_sight_cannot_be_named(demo, api_client, registry, holder):
    as_user(api_client, demo["dc_sfj_liu"])  # keeps no registry: refused before the body
    response = api_client.post("/api/v1/certificates", issue_body(holder), format="json")
    assert response.status_code == 403
    assert "信息管理员" in response.json()["detail"]
    as_user(api_client, registry.other_admin())  # keeps another agency's registry
    response = api_client.post("/api/v1/certificates", issue_body(holder), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["officer"]
    assert chinese_error(response.json())


def test_collect_and_cancel_end_a_certificate_once(demo, api_client, registry, holder):
    first = registry.certificate(holder)
    second = registry.certificate(holder)
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post(f"/api/v1/certificates/{first.pk}/collect", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["请填写原因"]}
    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/certificates/{first.pk}/collect", {"reason": "违法执法"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "collected"
    assert response.json()["ended_on"] == str(today())
    assert response.json()["end_reason"] == "违法执法"
    response = api_client.post(
        f"/api/v1/certificates/{second.pk}/cancel",
        {"reason": "调离执法岗位", "on": str(today())},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["state_display"]) == ("cancelled", "注销")
    assert [e.action for e in ledger_since(seen)] == [
        "registry.certificate.collect",
        "registry.certificate.cancel",
    ]
    response = api_client.post(
        f"/api/v1/certificates/{first.pk}/cancel", {"reason": "再次"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["证件已收缴"]}
    result = eligibility(api_client, holder)
    assert result["ok"] is False
    assert {f"证件{first.number}收缴", f"证件{second.number}注销"} <= set(result["reasons"])


def test_suspend_validates_its_dates(demo, api_client, registry, holder):
    certificate = registry.certificate(holder)
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/suspend",
        {"reason": "", "starts_on": str(today()), "ends_on": str(today() - timedelta(days=1))},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"reason", "ends_on"}
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/suspend",
        {"reason": "x", "starts_on": "2026/01/01"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert set(body["errors"]) == {"starts_on", "ends_on"}
    assert not Suspension.objects.exists()


def test_lift_names_a_suspension_of_this_certificate(demo, api_client, registry, holder):
    first, second = registry.certificate(holder), registry.certificate(holder)
    as_user(api_client, demo["scjg_admin"])
    suspended = api_client.post(
        f"/api/v1/certificates/{first.pk}/suspend",
        {"reason": "核查", "starts_on": str(today()), "ends_on": str(today())},
        format="json",
    ).json()
    response = api_client.post(
        f"/api/v1/certificates/{second.pk}/lift",
        {"suspension": suspended["suspensions"][0]["id"]},
        format="json",
    )
    assert response.status_code == 400
    assert chinese_error(response.json())
    assert list(response.json()["errors"]) == ["suspension"]


def test_the_annual_review_and_its_records(demo, api_client, registry, holder):
    certificate = registry.certificate(holder)
    year = today().year
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/review", {"year": year - 1}, format="json"
    )
    assert response.status_code == 400
    assert "year" in response.json()["errors"]
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/review",
        {"year": year, "defer": True},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"reasons": ["暂缓年审须说明理由"]}

    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/review", {"year": year}, format="json"
    )
    assert response.status_code == 200, response.json()
    [review] = response.json()["reviews"]
    assert (review["year"], review["result"], review["result_display"]) == (
        year,
        "failed",
        "不合格",
    )
    assert "学时" in review["reasons"]  # no training recorded: the record fails it
    assert [e.action for e in ledger_since(seen)] == ["registry.certificate.review"]
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/review", {"year": year}, format="json"
    )
    assert response.json()["errors"] == {"year": [f"该证件{year}年度已年审"]}

    listing = api_client.get(f"/api/v1/reviews?certificate={certificate.pk}").json()
    assert listing["count"] == 1
    [row] = listing["results"]
    assert row["certificate_number"] == certificate.number
    assert row["officer_name"] == "张伟"
    assert api_client.get(f"/api/v1/reviews/{row['id']}").status_code == 200
    assert api_client.get("/api/v1/reviews?result=passed").json()["count"] == 0
    # Seen through the certificate: an outsider sees none of it.
    as_user(api_client, demo["sthj_xu"])
    assert api_client.get("/api/v1/reviews").json()["count"] == 0
    assert api_client.get(f"/api/v1/reviews/{row['id']}").status_code == 404
    # Only the agency's administrator reviews; the supervisor may not.
    as_user(api_client, demo["sfj_chen"])
    assert api_client.get("/api/v1/reviews").json()["count"] == 1
    response = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/review",
        {"year": year, "defer": True, "reasons": "x"},
        format="json",
    )
    assert response.status_code == 403
    assert CertificateReview.objects.count() == 1


def test_the_list_shows_state_today_and_filters(demo, api_client, registry, holder):
    valid = registry.certificate(holder)
    other = registry.certificate(registry.officer("李娜"))
    as_user(api_client, demo["scjg_admin"])
    api_client.post(f"/api/v1/certificates/{other.pk}/cancel", {"reason": "离岗"}, format="json")
    listing = api_client.get("/api/v1/certificates").json()
    assert {c["number"]: c["state"] for c in listing["results"]} == {
        valid.number: "valid",
        other.number: "cancelled",
    }
    filtered = api_client.get(f"/api/v1/certificates?officer={holder.pk}&status=valid").json()
    assert [c["number"] for c in filtered["results"]] == [valid.number]
