"""检查要点: each matter's standard checklist, kept by the agency's 信息管理员 on the matter page."""

from __future__ import annotations

import json

import pytest

from zhifa.catalog import demo_checklists
from zhifa.catalog.models import ChecklistItem, Matter, MatterCategory
from zhifa.catalog.services import checklists
from zhifa.catalog.tests.test_api_data import Catalog
from zhifa.core.ledger_labels import action_label
from zhifa.core.models import LedgerEntry
from zhifa.org.models import User
from zhifa.testing import ledger as shared
from zhifa.testing.ledger import last_seq, ledger_actions

FOOD_CHECK = "对食品生产经营者遵守食品安全法律法规情况的监督检查"
ITEMS = [
    {"text": "从业人员持健康证明上岗", "basis": "《中华人民共和国食品安全法》第四十五条"},
    {"text": "进货查验记录完整", "basis": "《中华人民共和国食品安全法》第五十三条"},
]


@pytest.fixture
def matter(demo) -> Matter:
    """市市场监管局's food-safety inspection matter with its demo checklist."""
    made = Catalog(demo).matter(FOOD_CHECK, category=MatterCategory.INSPECTION, code="SCJG-JC-001")
    assert demo_checklists.seed() == 1
    return made


@pytest.fixture
def admin(demo) -> User:
    return demo["scjg_admin"]


def test_demo_inspection_matters_have_their_checklists(matter):
    texts = list(matter.checklist_items.values_list("text", flat=True))
    assert texts == [t for t, _ in demo_checklists.CHECKLISTS[FOOD_CHECK]]
    assert demo_checklists.seed() == 0, "the demo seed adds nothing twice"


def test_admin_replaces_the_checklist_in_order_and_the_ledger_keeps_the_old_one(matter, admin):
    before = list(matter.checklist_items.values_list("text", flat=True))
    since = last_seq()
    checklists.save_checklist(admin, matter, items=ITEMS)
    assert [(i.order, i.text) for i in matter.checklist_items.all()] == [
        (1, "从业人员持健康证明上岗"),
        (2, "进货查验记录完整"),
    ]
    assert ledger_actions(since) == ["catalog.checklistitem.save"]
    assert action_label("catalog.checklistitem.save") == "检查要点：保存"
    entry = LedgerEntry.objects.filter(action="catalog.checklistitem.save").latest("seq")
    payload = json.loads(entry.payload.body)
    assert [i["text"] for i in payload["before"]["checklist"]] == before


def test_an_item_without_basis_is_refused_by_number_and_nothing_written(matter, admin):
    bad = [ITEMS[0], {"text": "现场卫生", "basis": " "}]
    with shared.refused("第2项：请填写检查依据", ChecklistItem, field="items"):
        checklists.save_checklist(admin, matter, items=bad)


def test_an_officer_cannot_change_the_checklist(matter, demo):
    with shared.forbidden(ChecklistItem, message="信息管理员"):
        checklists.save_checklist(demo["scjg_zhang"], matter, items=ITEMS)


def test_admin_edits_the_checklist_on_the_matter_page(client, matter, admin):
    client.force_login(admin)
    detail = client.get(f"/catalog/matters/{matter.pk}/").content.decode()
    assert "检查要点" in detail and "修改检查要点" in detail
    url = f"/catalog/matters/{matter.pk}/checklist/"
    lines = "\n".join(f"{i['text']}｜{i['basis']}" for i in ITEMS)
    response = client.post(url, {"items": lines})
    assert response.status_code == 302
    page = client.get(f"/catalog/matters/{matter.pk}/").content.decode()
    assert "进货查验记录完整" in page
    assert "已保存检查要点（2项）" in page


def test_page_shows_errors_and_writes_nothing(client, matter, admin):
    client.force_login(admin)
    count = ChecklistItem.objects.count()
    response = client.post(f"/catalog/matters/{matter.pk}/checklist/", {"items": "只有要点"})
    assert response.status_code == 200
    assert "第1项：请填写检查依据" in response.content.decode()
    assert ChecklistItem.objects.count() == count


def test_others_see_the_checklist_but_may_not_edit_it(client, matter, demo):
    client.force_login(demo["scjg_zhang"])
    page = client.get(f"/catalog/matters/{matter.pk}/").content.decode()
    assert "从业人员取得健康证明后上岗" in page and "修改检查要点" not in page
    url = f"/catalog/matters/{matter.pk}/checklist/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"items": "a｜b"}).status_code == 403
