"""办事指南 with its flow chart, and 合规指导清单: saving and publishing through the services (ledger
entries, Chinese errors, nothing written when refused), the agency pages (403 for who may not),
the public pages (the flow chart in order; never a draft), the read API and the demo data."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from zhifa.catalog import demo_guides
from zhifa.catalog.models import (
    ComplianceGuide,
    ComplianceItem,
    FlowStep,
    Matter,
    MatterCategory,
    ServiceGuide,
)
from zhifa.catalog.services import guides
from zhifa.catalog.tests.catalog_fixtures import forbidden, ledger_actions, refused
from zhifa.catalog.tests.test_api_data import Catalog, agency, as_user
from zhifa.core.models import LedgerEntry

STEPS = [
    {"title": "申请", "actor": "申请人", "description": "提交申请材料"},
    {"title": "受理", "actor": "窗口", "time_limit": "当场"},
    {"title": "审查", "actor": "审批科", "time_limit": "5个工作日"},
    {"title": "发证", "actor": "窗口", "time_limit": "1个工作日"},
]
ITEMS = [
    {
        "topic": "进货查验",
        "requirement": "查验供货者许可证和合格证明，如实记录",
        "basis": "《中华人民共和国食品安全法》第五十三条",
        "violation": "未建立进货台账",
        "consequence": "警告；拒不改正的，处五千元以上五万元以下罚款",
    },
    {
        "topic": "过期食品",
        "requirement": "及时清理超过保质期的食品",
        "basis": "食品安全法第五十四条",
    },
]


def guide_fields(**changes: Any) -> dict[str, Any]:
    data = {
        "conditions": "具有与经营的食品品种、数量相适应的经营场所",
        "materials": "食品经营许可申请书\n\n营业执照复印件\n",
        "time_limit": "法定10个工作日，承诺5个工作日",
        "fees": "",
        "place": "市民中心一楼市场监管窗口",
        "phone": "0571-87654321",
        "steps": [dict(s) for s in STEPS],
    }
    data.update(changes)
    return data


def last_payload(action: str) -> dict[str, Any]:
    entry = LedgerEntry.objects.filter(action=action).order_by("-seq").first()
    assert entry is not None, action
    return json.loads(entry.payload.body)


@pytest.fixture
def catalog(demo) -> Catalog:
    return Catalog(demo)


@pytest.fixture
def matter(catalog) -> Matter:
    return catalog.matter("食品经营许可", category=MatterCategory.LICENSING, code="SCJG-XK-001")


@pytest.fixture
def outsider(catalog):
    """The information administrator of another agency (市生态环境局)."""
    return catalog.admin_of(agency("市生态环境局"))


def flow_titles(page: str) -> list[str]:
    """The step titles inside the flow chart, in the order shown."""
    found = re.search(r'<ol class="flow-chart".*?</ol>', page, re.S)
    assert found, "no flow chart on the page"
    titles = re.findall(
        r'<span class="flow-title"><span class="flow-no"[^>]*>\d+</span>([^<]+)</span>', found[0]
    )
    return [html.unescape(t) for t in titles]


# --- services: service guide ---


def test_save_service_guide_with_steps_in_order_and_a_ledger_entry(catalog, matter):
    guide = guides.save_service_guide(catalog.admin, matter, **guide_fields())
    assert guide.fees == "不收费"
    assert guide.material_list == ["食品经营许可申请书", "营业执照复印件"]
    assert [(s.order, s.title) for s in guide.steps.all()] == [
        (1, "申请"),
        (2, "受理"),
        (3, "审查"),
        (4, "发证"),
    ]
    body = last_payload("catalog.guide.save")
    assert body["before"] is None
    assert [s["title"] for s in body["after"]["steps"]] == ["申请", "受理", "审查", "发证"]
    assert body["after"]["phone"] == "0571-87654321"


def test_saving_again_replaces_the_steps(catalog, matter):
    guides.save_service_guide(catalog.admin, matter, **guide_fields())
    steps = [{"title": "网上申请"}, {"title": "即办发证", "time_limit": "当场"}]
    guide = guides.save_service_guide(
        catalog.admin, matter, **guide_fields(steps=steps, phone="13800010004")
    )
    assert ServiceGuide.objects.filter(matter=matter).count() == 1
    assert list(guide.steps.values_list("title", flat=True)) == ["网上申请", "即办发证"]
    assert FlowStep.objects.filter(guide=guide).count() == 2
    body = last_payload("catalog.guide.save")
    assert len(body["before"]["steps"]) == 4
    assert [s["title"] for s in body["after"]["steps"]] == ["网上申请", "即办发证"]


@pytest.mark.parametrize("steps", [[], None])
def test_a_guide_without_steps_is_refused(catalog, matter, steps):
    with refused("办理流程至少要有一个环节", "steps"):
        guides.save_service_guide(catalog.admin, matter, **guide_fields(steps=steps))


def test_a_step_without_a_title_is_refused(catalog, matter):
    steps = [{"title": "申请"}, {"title": " ", "actor": "窗口"}]
    with refused("第2个环节：请填写环节名称", "steps"):
        guides.save_service_guide(catalog.admin, matter, **guide_fields(steps=steps))


def test_a_bad_phone_is_refused(catalog, matter):
    with refused("咨询电话格式不正确", "phone"):
        guides.save_service_guide(catalog.admin, matter, **guide_fields(phone="12-34"))


def test_a_failed_resave_keeps_the_old_guide(catalog, matter):
    guides.save_service_guide(catalog.admin, matter, **guide_fields())
    with refused("请填写办理地点", "place"):
        guides.save_service_guide(catalog.admin, matter, **guide_fields(place="", steps=[]))
    assert FlowStep.objects.filter(guide__matter=matter).count() == 4


def test_only_the_agencys_admin_keeps_the_guide(catalog, matter, outsider, demo):
    with forbidden("信息管理员"):
        guides.save_service_guide(demo["scjg_zhang"], matter, **guide_fields())
    with forbidden("信息管理员"):
        guides.save_service_guide(outsider, matter, **guide_fields())


# --- services: compliance guides ---


def test_compliance_guide_saved_as_draft_then_published(catalog):
    guide = guides.save_compliance_guide(
        catalog.admin, catalog.scjg, industry="食品经营", title="食品经营合规指导", items=ITEMS
    )
    assert not guide.is_published
    assert list(guide.items.values_list("order", "topic")) == [(1, "进货查验"), (2, "过期食品")]
    assert ledger_actions()[-1] == "catalog.compliance.save"
    guides.publish_compliance_guide(catalog.admin, guide)
    guide.refresh_from_db()
    assert guide.is_published
    assert ledger_actions()[-1] == "catalog.compliance.publish"
    assert last_payload("catalog.compliance.publish")["after"]["published_at"]
    with refused("已发布", "guide"):
        guides.publish_compliance_guide(catalog.admin, guide)

    edited = guides.save_compliance_guide(
        catalog.admin, guide=guide, industry="食品经营", title="食品经营合规指导", items=ITEMS[:1]
    )
    assert edited.is_published and edited.items.count() == 1
    body = last_payload("catalog.compliance.save")
    assert len(body["before"]["items"]) == 2 and len(body["after"]["items"]) == 1


def test_compliance_guide_needs_items_and_their_basis(catalog):
    with refused("至少要有一个事项", "items"):
        guides.save_compliance_guide(
            catalog.admin, catalog.scjg, industry="餐饮服务", title="餐饮合规", items=[]
        )
    with refused("第1项：请填写法律依据", "items"):
        guides.save_compliance_guide(
            catalog.admin,
            catalog.scjg,
            industry="餐饮服务",
            title="餐饮合规",
            items=[{"topic": "健康证明", "requirement": "持证上岗"}],
        )
    with refused("请填写适用行业", "industry"):
        guides.save_compliance_guide(catalog.admin, catalog.scjg, title="餐饮合规", items=ITEMS)


def test_compliance_guide_refused_to_others(catalog, outsider, demo):
    with forbidden("信息管理员"):
        guides.save_compliance_guide(
            demo["scjg_zhang"], catalog.scjg, industry="食品经营", title="x", items=ITEMS
        )
    guide = guides.save_compliance_guide(
        catalog.admin, catalog.scjg, industry="食品经营", title="食品经营合规指导", items=ITEMS
    )
    with forbidden("信息管理员"):
        guides.publish_compliance_guide(outsider, guide)
    with forbidden("信息管理员"):
        guides.save_compliance_guide(outsider, guide=guide, industry="x", title="y", items=ITEMS)
    assert not ComplianceGuide.objects.get(pk=guide.pk).is_published


# --- agency pages ---


def test_admin_edits_the_guide_on_the_page(client, catalog, matter):
    client.force_login(catalog.admin)
    detail = client.get(f"/catalog/matters/{matter.pk}/").content.decode()
    assert f"/catalog/matters/{matter.pk}/guide/" in detail
    url = f"/catalog/matters/{matter.pk}/guide/"
    assert client.get(url).status_code == 200
    form = guide_fields(steps="申请｜申请人｜提交材料\n\n受理|窗口||当场\n发证")
    response = client.post(url, form)
    assert response.status_code == 302
    guide = ServiceGuide.objects.get(matter=matter)
    assert [(s.title, s.actor, s.time_limit) for s in guide.steps.all()] == [
        ("申请", "申请人", ""),
        ("受理", "窗口", "当场"),
        ("发证", "", ""),
    ]
    again = client.get(url).content.decode()
    assert "申请｜申请人｜提交材料" in again


def test_page_shows_the_services_errors_and_writes_nothing(client, catalog, matter):
    client.force_login(catalog.admin)
    seen = LedgerEntry.objects.count()
    response = client.post(
        f"/catalog/matters/{matter.pk}/guide/", guide_fields(phone="abc", steps="申请")
    )
    assert response.status_code == 200
    assert "咨询电话格式不正确" in response.content.decode()
    assert not ServiceGuide.objects.exists() and LedgerEntry.objects.count() == seen


def test_guide_page_is_forbidden_to_others(client, catalog, matter, outsider, demo):
    for user in (demo["scjg_zhang"], outsider):
        client.force_login(user)
        url = f"/catalog/matters/{matter.pk}/guide/"
        assert client.get(url).status_code == 403
        assert client.post(url, guide_fields(steps="申请")).status_code == 403
    assert not ServiceGuide.objects.exists()


def test_compliance_pages_create_and_publish(client, catalog):
    client.force_login(catalog.admin)
    assert client.get("/catalog/compliance/").status_code == 200
    items = "进货查验｜查验许可证和合格证明｜食品安全法第五十三条｜未建台账｜警告"
    response = client.post(
        "/catalog/compliance/",
        {
            "new-agency": catalog.scjg.pk,
            "new-industry": "食品经营",
            "new-title": "食品经营合规指导",
            "new-items": items,
        },
    )
    assert response.status_code == 302
    guide = ComplianceGuide.objects.get()
    assert guide.items.get().consequence == "警告"
    url = f"/catalog/compliance/{guide.pk}/"
    assert "草稿" in client.get(url).content.decode()
    assert client.post(url, {"act": "publish"}).status_code == 302
    guide.refresh_from_db()
    assert guide.is_published


def test_compliance_pages_refuse_others(client, catalog, outsider, demo):
    guide = guides.save_compliance_guide(
        catalog.admin, catalog.scjg, industry="食品经营", title="食品经营合规指导", items=ITEMS
    )
    client.force_login(demo["scjg_zhang"])
    url = f"/catalog/compliance/{guide.pk}/"
    assert client.get(url).status_code == 200  # the agency's own staff read its drafts
    assert client.post(url, {"act": "publish"}).status_code == 403
    new = {"new-industry": "x", "new-title": "y", "new-items": "a｜b｜c"}
    assert client.post("/catalog/compliance/", new).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404  # another agency's draft does not exist for them
    guides.publish_compliance_guide(catalog.admin, guide)
    assert client.get(url).status_code == 200
    assert client.post(url, {"act": "publish"}).status_code == 403
    assert client.post(url, {"act": "save", "edit-industry": "x"}).status_code == 403
    assert ComplianceGuide.objects.get().items.count() == 2


# --- public pages ---


def test_public_matter_page_shows_the_guide_and_the_flow_chart_in_order(client, catalog, matter):
    page = client.get(f"/public/catalog/matters/{matter.pk}/").content.decode()
    assert "本事项暂未公布办事指南" in page
    guides.save_service_guide(catalog.admin, matter, **guide_fields())
    page = client.get(f"/public/catalog/matters/{matter.pk}/").content.decode()
    assert "办事指南" in page and "营业执照复印件" in page and "0571-87654321" in page
    assert "不收费" in page and "市民中心一楼市场监管窗口" in page
    assert flow_titles(page) == ["申请", "受理", "审查", "发证"]


def test_public_compliance_pages_show_only_published_guides(client, catalog):
    draft = guides.save_compliance_guide(
        catalog.admin, catalog.scjg, industry="餐饮服务", title="草稿中的餐饮指导", items=ITEMS
    )
    published = guides.save_compliance_guide(
        catalog.admin, catalog.scjg, industry="食品经营", title="食品经营合规指导", items=ITEMS
    )
    guides.publish_compliance_guide(catalog.admin, published)
    page = client.get("/public/catalog/compliance/").content.decode()
    assert "食品经营合规指导" in page and "<h2>食品经营</h2>" in page
    assert "草稿中的餐饮指导" not in page and "餐饮服务" not in page
    detail = client.get(f"/public/catalog/compliance/{published.pk}/").content.decode()
    assert "进货查验" in detail and "未建立进货台账" in detail
    assert client.get(f"/public/catalog/compliance/{draft.pk}/").status_code == 404


# --- API ---


def test_api_reads_the_service_guide(api_client, catalog, matter, outsider):
    guides.save_service_guide(catalog.admin, matter, **guide_fields())
    body = as_user(api_client, outsider).get(f"/api/v1/service-guides?matter={matter.pk}").json()
    assert body["count"] == 1
    guide = body["results"][0]
    assert guide["matter_code"] == "SCJG-XK-001"
    assert guide["materials"] == ["食品经营许可申请书", "营业执照复印件"]
    assert [s["title"] for s in guide["steps"]] == ["申请", "受理", "审查", "发证"]


def test_api_compliance_drafts_only_for_the_agency(api_client, catalog, outsider):
    draft = guides.save_compliance_guide(
        catalog.admin, catalog.scjg, industry="餐饮服务", title="餐饮指导", items=ITEMS
    )
    published = guides.save_compliance_guide(
        catalog.admin, catalog.scjg, industry="食品经营", title="食品经营指导", items=ITEMS
    )
    guides.publish_compliance_guide(catalog.admin, published)
    mine = as_user(api_client, catalog.admin).get("/api/v1/compliance-guides").json()
    assert {g["title"] for g in mine["results"]} == {"餐饮指导", "食品经营指导"}
    only = api_client.get("/api/v1/compliance-guides?published=true").json()
    assert [g["title"] for g in only["results"]] == ["食品经营指导"]
    theirs = as_user(api_client, outsider).get("/api/v1/compliance-guides").json()
    assert [g["title"] for g in theirs["results"]] == ["食品经营指导"]
    assert theirs["results"][0]["items"][0]["topic"] == "进货查验"
    assert api_client.get(f"/api/v1/compliance-guides/{draft.pk}").status_code == 404


# --- demo ---


def test_demo_guides_are_built_once(catalog):
    made = catalog.matter("食品经营许可", category=MatterCategory.LICENSING, code="SCJG-XK-002")
    penalty = catalog.matter("对违反明码标价规定的行政处罚", code="SCJG-CF-900")
    assert demo_guides.seed() == (2, 2)
    assert len(made.service_guide.steps.all()) == 5
    assert 3 <= penalty.service_guide.steps.count() <= 6
    assert ComplianceGuide.objects.filter(published_at__isnull=False).count() == 2
    counts = (
        ServiceGuide.objects.count(),
        ComplianceItem.objects.count(),
        LedgerEntry.objects.count(),
    )
    assert demo_guides.seed() == (0, 0)
    assert counts == (
        ServiceGuide.objects.count(),
        ComplianceItem.objects.count(),
        LedgerEntry.objects.count(),
    )


def test_demo_guides_name_ten_matters_of_the_city_bureau():
    from zhifa.catalog.demo_data.market import MATTERS

    city = {m.name for m in MATTERS if m.scope in ("all", "city")}
    names = [g.matter for g in demo_guides.LICENSING] + [n for n, _ in demo_guides.PENALTY]
    assert len(set(names)) == 10 and set(names) <= city
    for spec in demo_guides.LICENSING:
        assert 3 <= len(spec.steps) <= 6, spec.matter
    assert 3 <= len(demo_guides.PENALTY_STEPS) <= 6
    assert {c["industry"] for c in demo_guides.COMPLIANCE} == {"食品经营", "餐饮服务"}
