"""The audit ledger in Chinese: every action and object type named, filters by date range, user,
action and object, an entry's before/after as a readable diff, the filtered entries in Excel."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

import zhifa
from zhifa.core.ledger_labels import action_label, object_type_label
from zhifa.core.models import LedgerEntry
from zhifa.org.models import Agency
from zhifa.org.services import organisation

ACTION = re.compile(
    r"""action=["']((?:org|core|registry|catalog|portal|parties|inspections)\.[a-z_]+\.[a-z_]+)["']"""
)
ZONE = ZoneInfo("Asia/Shanghai")


def actions_in_the_code() -> set[str]:
    root = Path(zhifa.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        if "tests" in path.relative_to(root).parts:
            continue
        found.update(ACTION.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_action_the_services_record_has_a_chinese_name():
    actions = actions_in_the_code()
    assert len(actions) > 30
    english = {a: action_label(a) for a in actions if re.search(r"[A-Za-z]", action_label(a))}
    assert english == {}


def test_object_types_are_named_by_their_models():
    assert object_type_label("registry.certificate") == "执法证件"
    assert object_type_label("org.agency") == "执法主体"
    assert action_label("registry.certificate.suspend") == "执法证件：暂扣"
    assert action_label("org.auth.login_failed") == "登录：登录失败"


@pytest.fixture
def auditor(client, demo):
    client.force_login(demo["auditadmin"])
    return client


def rename(demo, when: datetime, name: str) -> Agency:
    agency = Agency.objects.get(short_name="市生态环境局")
    with time_machine.travel(when, tick=False):
        return organisation.update_agency(demo["sysadmin"], agency, address=name)


def test_the_ledger_page_speaks_chinese_and_filters(auditor, demo):
    rename(demo, datetime(2026, 3, 2, 10, tzinfo=ZONE), "示范市人民路1号")
    rename(demo, datetime(2026, 5, 6, 10, tzinfo=ZONE), "示范市人民路2号")
    html = auditor.get("/ledger/").content.decode()
    assert "执法主体：修改" in html
    assert "org.agency.update" not in html.split('data-testid="ledger-entries"')[1]

    march = auditor.get(
        "/ledger/",
        {"since": "2026-03-01", "until": "2026-03-31", "action": "org.agency.update"},
    )
    rows = march.context["rows"]
    assert [r["entry"].created_at.astimezone(ZONE).date().isoformat() for r in rows] == [
        "2026-03-02"
    ]
    by_user = auditor.get("/ledger/", {"actor": demo["sysadmin"].full_name})
    assert {r["entry"].actor_name for r in by_user.context["rows"]} == {demo["sysadmin"].full_name}
    agency = Agency.objects.get(short_name="市生态环境局")
    by_object = auditor.get("/ledger/", {"object_type": "org.agency", "object_id": agency.pk})
    assert {r["entry"].object_id for r in by_object.context["rows"]} == {str(agency.pk)}
    assert len(by_object.context["rows"]) >= 2


def test_a_bad_date_range_is_said_in_chinese(auditor):
    response = auditor.get("/ledger/", {"since": "2026-05-01", "until": "2026-04-01"})
    assert "截止日期不能早于起始日期" in response.content.decode()


def test_an_entry_shows_its_before_and_after_by_field_name(auditor, demo):
    rename(demo, datetime(2026, 3, 2, 10, tzinfo=ZONE), "示范市人民路1号")
    entry = LedgerEntry.objects.filter(action="org.agency.update").order_by("-seq").first()
    response = auditor.get(f"/ledger/{entry.seq}/")
    diff = {d["field"]: d for d in response.context["diff"]}
    assert diff["地址"]["after"] == "示范市人民路1号"
    assert diff["地址"]["changed"] is True
    assert diff["名称"]["changed"] is False
    html = response.content.decode()
    assert "执法主体：修改" in html and "变更前后对照" in html


def test_the_filtered_entries_export_to_excel(auditor, demo):
    rename(demo, datetime(2026, 3, 2, 10, tzinfo=ZONE), '=HYPERLINK("http://x")')
    response = auditor.get("/ledger/export.xlsx", {"action": "org.agency.update"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "时间", "操作人", "操作")
    assert {r[3] for r in rows[1:]} == {"执法主体：修改"}
    assert len(rows) - 1 == LedgerEntry.objects.filter(action="org.agency.update").count()


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "scjg_admin", "sfj_chen"])
def test_only_the_audit_administrator_reads_the_ledger(client, demo, username):
    client.force_login(demo[username])
    seq = LedgerEntry.objects.order_by("seq").values_list("seq", flat=True).first()
    for url in ("/ledger/", "/ledger/export.xlsx", f"/ledger/{seq}/"):
        assert client.get(url).status_code == 403, url


def test_the_ledger_sorts_pages_and_swaps_only_its_table(auditor, demo):
    for day in range(1, 28):
        rename(demo, datetime(2026, 3, day, 10, tzinfo=ZONE), f"示范市人民路{day}号")
    total = LedgerEntry.objects.count()
    assert total > 50
    first = auditor.get("/ledger/", {"sort": "seq"})
    assert [r["entry"].seq for r in first.context["rows"]] == list(
        LedgerEntry.objects.order_by("seq").values_list("seq", flat=True)[:50]
    )
    html = first.content.decode()
    assert '序号 <span class="arrow">▲</span>' in html
    assert "page=2" in html and "sort=seq" in html

    second = auditor.get("/ledger/", {"sort": "-created_at", "page": 2}, HTTP_HX_REQUEST="true")
    expected = LedgerEntry.objects.order_by("-created_at", "-seq").values_list("seq", flat=True)
    assert [r["entry"].seq for r in second.context["rows"]] == list(expected[50:100])
    partial = second.content.decode()
    assert 'data-testid="ledger-entries"' in partial
    assert "全过程记录台账" not in partial and "<html" not in partial
    assert f"共{total}条" in partial
    assert '<span class="current" aria-current="page">2</span>' in partial


def test_the_verify_button_checks_the_chain(auditor):
    html = auditor.get("/ledger/", {"verify": "1"}).content.decode()
    assert 'data-testid="ledger-verification"' in html and "哈希链完整" in html
    assert "校验哈希链" in html
