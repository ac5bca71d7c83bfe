"""The certificate's workflow table: who is offered which action (on the record page and in the
API), what the ledger records of a step, and the version each certificate remembers."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from zhifa.core import workflow
from zhifa.core.models import LedgerEntry
from zhifa.registry.services import certificates
from zhifa.registry.workflows import CERTIFICATE

ON = date(2024, 7, 1)


def offered(certificate, user, **data) -> dict[str, tuple[bool, list[str]]]:
    return {
        a.action: (a.allowed, list(a.reasons))
        for a in workflow.available_actions(certificate, user, data or None)
    }


def test_each_persona_is_offered_what_the_table_gives_their_role(demo, certificate):
    every = {"suspend", "lift", "collect", "cancel", "review"}
    assert set(offered(certificate, demo["scjg_admin"])) == every
    # The city supervisor may suspend, lift, collect and cancel, but holds no annual review.
    assert set(offered(certificate, demo["sfj_chen"])) == every - {"review"}
    for username in ("scjg_wang", "scjg_zhang", "dc_sfj_liu", "sysadmin", "qy_demo"):
        assert offered(certificate, demo[username]) == {}, username


def test_an_ended_certificate_offers_only_its_annual_review(demo, admin, certificate):
    certificates.collect_certificate(admin, certificate, reason="严重违法", on=ON)
    certificate.refresh_from_db()
    assert offered(certificate, admin) == {"review": (True, [])}
    assert offered(certificate, demo["sfj_chen"]) == {}


def test_suspension_asked_about_a_day_it_is_suspended_gives_the_reason(admin, certificate):
    certificates.suspend_certificate(
        admin, certificate, reason="违规", starts_on=ON, ends_on=date(2024, 8, 1)
    )
    allowed, reasons = offered(certificate, admin, starts_on=date(2024, 7, 15))["suspend"]
    assert not allowed
    assert reasons == [
        "依据《东港市提升行政执法质量三年行动具体举措》（五）：证件在2024-07-15的状态为暂扣，不能暂扣"
    ]
    assert offered(certificate, admin, starts_on=date(2024, 9, 1))["suspend"] == (True, [])


def test_a_step_records_the_table_and_the_states_in_the_ledger(admin, certificate):
    assert certificate.workflow_version == CERTIFICATE.version == 1
    seen = LedgerEntry.objects.count()
    certificates.cancel_certificate(admin, certificate, reason="调离执法岗位", on=ON)
    [entry] = LedgerEntry.objects.filter(seq__gt=seen)
    body = json.loads(entry.payload.body)
    assert entry.action == "registry.certificate.cancel"
    assert body["before"]["state"] == "valid"
    assert body["after"]["state"] == "cancelled"
    assert (body["after"]["workflow"], body["after"]["version"]) == ("registry.certificate", 1)


def test_a_request_that_arrives_twice_is_refused_the_second_time(admin, certificate):
    """Two tabs, one certificate: the second 收缴 finds it already collected."""
    certificates.collect_certificate(admin, certificate, reason="严重违法", on=ON)
    seen = LedgerEntry.objects.count()
    with pytest.raises(ValidationError, match="证件已收缴"):
        certificates.collect_certificate(admin, certificate, reason="严重违法", on=ON)
    assert LedgerEntry.objects.count() == seen


def test_the_api_lists_the_actions_of_the_user(demo, api_client, certificate):
    api_client.force_authenticate(demo["sfj_chen"])
    body = api_client.get(f"/api/v1/certificates/{certificate.pk}").json()
    assert [a["action"] for a in body["actions"]] == ["suspend", "lift", "collect", "cancel"]
    assert body["actions"][0] == {
        "action": "suspend",
        "label": "暂扣",
        "allowed": True,
        "reasons": [],
        "confirm": "",  # lifted later: nothing to confirm
    }
    assert body["actions"][2]["confirm"] == (
        "收缴后证件不能恢复，持证人不得再以该证件执法。确定收缴？"
    )
    api_client.force_authenticate(demo["scjg_wang"])
    assert api_client.get(f"/api/v1/certificates/{certificate.pk}").json()["actions"] == []
    api_client.force_authenticate(demo["scjg_admin"])
    collected = api_client.post(
        f"/api/v1/certificates/{certificate.pk}/collect",
        {"reason": "严重违法", "on": "2024-07-01"},
        format="json",
    )
    assert collected.status_code == 200
    assert [a["action"] for a in collected.json()["actions"]] == ["review"]
