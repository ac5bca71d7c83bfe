"""The officers API: registered through the service with a ledger entry, the ID number only ever
masked, other agencies' officers hidden behind 404, writes refused to those without the role."""

from __future__ import annotations

import pytest

from zhifa.org.models import UnitKind
from zhifa.registry.models import CertificateStatus, Officer
from zhifa.registry.tests.api_fixtures import (
    Registry,
    agency,
    as_user,
    chinese_error,
    ledger_count,
    ledger_since,
    ledger_text,
    masked,
    new_id_number,
    payload,
    unit,
)


@pytest.fixture
def registry(demo) -> Registry:
    """Officers and certificates of 市市场监管局, made through the services."""
    return Registry(demo)


def officer_body(**extra):
    scjg = agency("市市场监管局")
    body = {
        "name": "王小明",
        "id_number": new_id_number(),
        "agency": scjg.pk,
        "unit": unit(scjg, UnitKind.HANDLING).pk,
        "post": "执法队员",
        "fields": ["01"],
    }
    body.update(extra)
    return body


def test_an_administrator_registers_an_officer_with_a_ledger_entry(demo, api_client):
    as_user(api_client, demo["scjg_admin"])
    body = officer_body()
    seen = ledger_count()
    response = api_client.post("/api/v1/officers", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["name"] == "王小明"
    assert data["agency_name"] == "示范市市场监督管理局"
    assert data["unit_name"] == "执法大队"
    assert data["fields"] == ["01"]
    assert data["status"] == "on_duty"
    assert data["status_display"] == "在岗"
    assert data["id_number_masked"] == masked(body["id_number"])
    assert "id_number" not in data
    assert body["id_number"] not in response.content.decode()
    [entry] = ledger_since(seen)
    assert entry.action == "registry.officer.create"
    assert entry.actor == demo["scjg_admin"]
    assert entry.object_id == str(data["id"])
    assert payload(entry)["after"]["fields"] == ["01"]
    assert body["id_number"] not in ledger_text()


def test_it_refuses_a_bad_id_number_in_chinese_and_writes_nothing(demo, api_client):
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    good = new_id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    for number, fragment in ((bad, "校验"), ("12345", "18位")):
        response = api_client.post(
            "/api/v1/officers", officer_body(id_number=number), format="json"
        )
        assert response.status_code == 400
        body = response.json()
        assert chinese_error(body)
        assert list(body["errors"]) == ["id_number"]
        assert any(fragment in m for m in body["errors"]["id_number"]), body
    assert not Officer.objects.exists()
    assert ledger_count() == seen


def test_it_refuses_an_id_number_registered_twice(demo, api_client, registry):
    number = new_id_number()
    registry.officer(id_number=number)
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post("/api/v1/officers", officer_body(id_number=number), format="json")
    assert response.status_code == 400
    assert "已登记" in response.json()["errors"]["id_number"][0]
    assert number not in response.content.decode()


def test_the_service_reports_every_rule_broken_at_once(demo, api_client):
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post(
        "/api/v1/officers",
        officer_body(id_number="12345", is_legal_reviewer=True),  # in the handling unit
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert set(body["errors"]) == {"id_number", "is_legal_reviewer"}


def test_an_unknown_field_code_is_refused_in_chinese(demo, api_client):
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post("/api/v1/officers", officer_body(fields=["99"]), format="json")
    assert response.status_code == 400
    assert chinese_error(response.json())
    assert list(response.json()["errors"]) == ["fields"]
    assert not Officer.objects.exists()


def test_the_id_number_is_masked_in_every_response(demo, api_client, registry):
    as_user(api_client, demo["scjg_admin"])
    body = officer_body()
    created = api_client.post("/api/v1/officers", body, format="json")
    pk = created.json()["id"]
    officer = Officer.objects.get(pk=pk)
    registry.certificate(officer)
    responses = [
        created,
        api_client.get("/api/v1/officers"),
        api_client.get(f"/api/v1/officers/{pk}"),
        api_client.patch(f"/api/v1/officers/{pk}", {"post": "科员"}, format="json"),
        api_client.get(f"/api/v1/officers/{pk}/eligibility"),
        api_client.get("/api/v1/certificates"),
        api_client.post(
            f"/api/v1/officers/{pk}/transfer",
            {"agency": agency("市生态环境局").pk},
            format="json",
        ),
    ]
    as_user(api_client, demo["sfj_chen"])
    responses.append(api_client.get(f"/api/v1/officers/{pk}"))
    for response in responses:
        assert response.status_code in (200, 201), response.json()
        assert body["id_number"] not in response.content.decode()
    for response in (created, responses[2], responses[3], responses[-1]):
        assert response.json()["id_number_masked"] == masked(body["id_number"])
    assert [o["id_number_masked"] for o in responses[1].json()["results"]] == [
        masked(body["id_number"])
    ]


def test_an_outsider_gets_404_for_another_agencys_officer(demo, api_client, registry):
    officer = registry.officer("张伟")
    for username in ("sthj_xu", "dc_sfj_liu", "qy_demo", "sysadmin"):
        as_user(api_client, demo[username])
        for path in (
            f"/api/v1/officers/{officer.pk}",
            f"/api/v1/officers/{officer.pk}/eligibility",
        ):
            response = api_client.get(path)
            assert response.status_code == 404, (username, path)
            assert response.json() == {"detail": "未找到该对象", "code": "not_found", "errors": {}}
        response = api_client.patch(f"/api/v1/officers/{officer.pk}", {"post": "x"}, format="json")
        assert response.status_code == 404
        assert api_client.get("/api/v1/officers").json()["count"] == 0, username
    officer.refresh_from_db()
    assert officer.post == "执法队员"
    # The agency's staff and the city's supervisor see it.
    for username in ("scjg_zhang", "sfj_chen"):
        as_user(api_client, demo[username])
        assert api_client.get(f"/api/v1/officers/{officer.pk}").status_code == 200


def test_a_supervisor_may_not_register_an_officer(demo, api_client):
    as_user(api_client, demo["sfj_chen"])
    seen = ledger_count()
    response = api_client.post("/api/v1/officers", officer_body(), format="json")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "permission_denied"
    assert "信息管理员" in body["detail"]
    assert not Officer.objects.exists()
    assert ledger_count() == seen


def test_nobody_registers_an_officer_in_an_agency_they_cannot_see(demo, api_client, registry):
    as_user(api_client, demo["dc_sfj_liu"])  # keeps no registry: refused before the body
    response = api_client.post("/api/v1/officers", officer_body(), format="json")
    assert response.status_code == 403
    as_user(api_client, registry.other_admin())  # keeps 东城区市场监管局's registry
    response = api_client.post("/api/v1/officers", officer_body(), format="json")
    assert response.status_code == 400
    assert chinese_error(response.json())
    assert set(response.json()["errors"]) == {"agency", "unit"}  # neither is in their sight
    as_user(api_client, demo["scjg_zhang"])  # sees the agency, lacks the role
    assert api_client.post("/api/v1/officers", officer_body(), format="json").status_code == 403
    assert not Officer.objects.exists()


def test_a_change_goes_through_the_service_and_leaving_duty_recalls_certificates(
    demo, api_client, registry
):
    officer = registry.officer("李强")
    certificate = registry.certificate(officer)
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.patch(
        f"/api/v1/officers/{officer.pk}",
        {"status": "off_duty", "reason": "长期病假", "fields": ["01", "02"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status_display"] == "离岗"
    assert response.json()["fields"] == ["01", "02"]
    assert [e.action for e in ledger_since(seen)] == [
        "registry.officer.update",
        "registry.certificate.cancel",
    ]
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.CANCELLED
    assert certificate.end_reason == "长期病假"
    # Only the fields sent change; PUT is not offered.
    assert response.json()["post"] == "执法队员"
    assert api_client.put(f"/api/v1/officers/{officer.pk}", {}, format="json").status_code == 405


def test_a_change_is_validated_by_the_service(demo, api_client, registry):
    officer = registry.officer("李强")
    as_user(api_client, demo["scjg_admin"])
    response = api_client.patch(
        f"/api/v1/officers/{officer.pk}", {"is_legal_reviewer": True}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert chinese_error(body)
    assert "is_legal_reviewer" in body["errors"]
    as_user(api_client, demo["sfj_chen"])
    response = api_client.patch(f"/api/v1/officers/{officer.pk}", {"post": "x"}, format="json")
    assert response.status_code == 403


def test_transfer_moves_the_officer_and_recalls_certificates(demo, api_client, registry):
    officer = registry.officer("赵刚")
    certificate = registry.certificate(officer)
    sthj = agency("市生态环境局")
    as_user(api_client, demo["scjg_admin"])
    seen = ledger_count()
    response = api_client.post(
        f"/api/v1/officers/{officer.pk}/transfer",
        {"agency": sthj.pk, "unit": unit(sthj, UnitKind.HANDLING).pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["agency_name"] == "示范市生态环境局"
    assert [e.action for e in ledger_since(seen)] == [
        "registry.officer.transfer",
        "registry.certificate.cancel",
    ]
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.CANCELLED
    # Gone from the old agency's view, and visible to the new one's staff.
    assert api_client.get(f"/api/v1/officers/{officer.pk}").status_code == 404
    as_user(api_client, demo["sthj_xu"])
    assert api_client.get(f"/api/v1/officers/{officer.pk}").status_code == 200


def test_transfer_refuses_a_unit_of_another_agency(demo, api_client, registry):
    officer = registry.officer("赵刚")
    as_user(api_client, demo["scjg_admin"])
    response = api_client.post(
        f"/api/v1/officers/{officer.pk}/transfer",
        {"agency": agency("市生态环境局").pk, "unit": unit(officer.agency, UnitKind.OTHER).pk},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["unit"]
    officer.refresh_from_db()
    assert officer.agency.short_name == "市市场监管局"


def test_the_list_filters_and_searches(demo, api_client, registry):
    zhang = registry.officer("张三丰")
    li = registry.officer("李四", status="off_duty")
    registry.officer(
        "王法审",
        unit=unit(registry.scjg, UnitKind.LEGAL_REVIEW),
        is_legal_reviewer=True,
        has_legal_qualification=True,
    )
    certificate = registry.certificate(zhang)
    as_user(api_client, demo["scjg_admin"])

    def names(query: str) -> list[str]:
        response = api_client.get(f"/api/v1/officers?{query}")
        assert response.status_code == 200, response.json()
        return sorted(o["name"] for o in response.json()["results"])

    assert names("") == ["张三丰", "李四", "王法审"]
    assert names("q=张三") == ["张三丰"]
    assert names(f"q={certificate.number[-6:]}") == ["张三丰"]
    assert names("status=off_duty") == [li.name]
    assert names("is_legal_reviewer=true") == ["王法审"]
    assert names(f"agency={registry.scjg.pk}&status=on_duty") == ["张三丰", "王法审"]
    response = api_client.get("/api/v1/officers?status=bogus")
    assert response.status_code == 400
    assert chinese_error(response.json())


def test_a_refused_write_is_refused_before_its_body_is_read(demo, api_client, registry):
    """Whoever may not make the change hears so (403, in Chinese) whatever the body says: not a
    field error (400) nor an unsupported upload (415); an outsider still finds nothing (404)."""
    officer = registry.officer("张伟")
    seen = ledger_count()
    as_user(api_client, demo["scjg_zhang"])  # sees the officer, keeps no registry
    for response in (
        api_client.post(f"/api/v1/officers/{officer.pk}/transfer", {}, format="json"),
        api_client.post(f"/api/v1/officers/{officer.pk}/photo", {}, format="json"),
        api_client.post("/api/v1/imports/officers", {}, format="json"),
    ):
        assert response.status_code == 403
        assert "信息管理员" in response.json()["detail"]
    as_user(api_client, demo["sthj_xu"])  # another agency's officer: the officer does not exist
    response = api_client.post(f"/api/v1/officers/{officer.pk}/transfer", {}, format="json")
    assert response.status_code == 404
    as_user(api_client, registry.admin)  # may transfer: now the body is read
    response = api_client.post(f"/api/v1/officers/{officer.pk}/transfer", {}, format="json")
    assert response.status_code == 400
    assert chinese_error(response.json())
    assert ledger_count() == seen
