"""业务参数: national defaults, changed by the system administrator only, every change recorded."""

from __future__ import annotations

from zhifa.core import parameters
from zhifa.core.models import LedgerEntry


def test_the_system_administrator_changes_a_parameter_on_the_page(client, demo):
    client.force_login(demo["sysadmin"])
    page = client.get("/parameters/").content.decode()
    assert "每人每年培训学时" in page and "国办发〔2023〕27号" in page
    response = client.post(
        "/parameters/", {"key": "registry.training_hours_per_year", "value": "72"}
    )
    assert response.status_code == 302
    assert parameters.get("registry.training_hours_per_year") == 72
    entry = LedgerEntry.objects.filter(action="core.parameter.set").get()
    assert entry.object_id == "registry.training_hours_per_year"


def test_a_bad_value_is_refused_with_a_chinese_message_and_changes_nothing(client, demo):
    client.force_login(demo["sysadmin"])
    page = client.post(
        "/parameters/", {"key": "registry.legal_reviewer_ratio", "value": "七成"}
    ).content.decode()
    assert "法制审核人员占执法人员比例应为数字" in page
    page = client.post(
        "/parameters/", {"key": "registry.legal_reviewer_ratio", "value": "1.5"}
    ).content.decode()
    assert "不能大于1" in page
    assert str(parameters.get("registry.legal_reviewer_ratio")) == "0.07"
    assert not LedgerEntry.objects.filter(action="core.parameter.set").exists()


def test_no_one_else_opens_the_parameters_page(client, demo):
    for username in ("secadmin", "auditadmin", "scjg_admin", "sfj_chen"):
        client.force_login(demo[username])
        assert client.get("/parameters/").status_code == 403


def test_within_remembered_a_parameter_is_read_once_and_a_change_is_seen(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    key = "registry.training_hours_per_year"
    with parameters.remembered(), CaptureQueriesContext(connection) as queries:
        assert parameters.get(key) == parameters.get(key) == 60
        assert len(queries) == 1
        parameters.set_value(demo["sysadmin"], key, 40)
        assert parameters.get(key) == 40
    assert parameters.get(key) == 40
