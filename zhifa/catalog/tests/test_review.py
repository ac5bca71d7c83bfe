"""五年评估 page and API: unused matters in the reader's scope, and the 信息管理员 acting on them.

Matters are made through the services as 市市场监管局's 信息管理员 (scjg_admin) and backdated.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from django.utils import timezone

from zhifa.catalog import usage
from zhifa.catalog.models import Matter, MatterStatus
from zhifa.catalog.services.matters import create_matter
from zhifa.core.models import LedgerEntry
from zhifa.org.models import Agency
from zhifa.testing.api import login_api
from zhifa.testing.ledger_guard import writes_around_services

CITY = "示范市市场监督管理局"


def make(admin, agency, code: str, year: int) -> Matter:
    matter = create_matter(
        admin,
        agency,
        code=code,
        name=f"事项{code}",
        category="penalty",
        level="city",
        law="中华人民共和国食品安全法",
        article="第一百二十四条",
        article_text="……",
    )
    with writes_around_services(
        "backdates the matter's listing; no service changes when a matter was listed"
    ):
        Matter.objects.filter(pk=matter.pk).update(
            created_at=timezone.make_aware(datetime(year, 6, 1))
        )
    matter.refresh_from_db()
    return matter


@pytest.fixture
def matters(demo):
    agency = Agency.objects.get(name=CITY)
    this_year = timezone.localdate().year
    return {
        code: make(demo["scjg_admin"], agency, code, year)
        for code, year in (
            ("REV-IDLE", this_year - 8),
            ("REV-USED", this_year - 7),
            ("REV-NEW", this_year - 1),
        )
    }


@pytest.fixture
def source():
    used: list[int] = []
    usage.register_usage("review-test", lambda since: used)
    yield used
    usage.SOURCES.pop("review-test")


def codes(response) -> list[str]:
    return [row["matter"]["code"] for row in response.json()]


def test_the_page_lists_unused_matters_by_agency_with_a_summary(demo, matters, client):
    client.force_login(demo["scjg_wang"])
    response = client.get("/catalog/review/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "REV-IDLE" in html and "REV-USED" in html and "REV-NEW" not in html
    assert f"{timezone.localdate().year - 8}-06-01" in html
    assert 'data-testid="review-summary"' in html and "2项" in html
    assert "使用情况取自：行政执法案件、行政检查" in html  # cases and visits register their matters
    # The head reads the report; only the 信息管理员 gets the forms.
    assert 'data-testid="review-form"' not in html


def test_a_used_matter_leaves_the_report(demo, matters, source, api_client):
    source.append(matters["REV-USED"].pk)
    response = login_api(api_client, demo["scjg_admin"]).get("/api/v1/matters/review")
    assert response.status_code == 200
    assert codes(response) == ["REV-IDLE"]
    row = response.json()[0]
    assert row["listed_since"] == f"{timezone.localdate().year - 8}-06-01"
    assert row["options"] == ["取消", "调整", "暂停实施"]


def test_a_district_supervisor_sees_none_of_the_city_agency(demo, matters, api_client, client):
    liu = login_api(api_client, demo["dc_sfj_liu"]).get("/api/v1/matters/review")
    assert liu.status_code == 200 and codes(liu) == []
    chen = login_api(api_client, demo["sfj_chen"]).get("/api/v1/matters/review")
    assert codes(chen) == ["REV-IDLE", "REV-USED"]
    client.force_login(demo["dc_sfj_liu"])
    assert "REV-IDLE" not in client.get("/catalog/review/").content.decode()
    client.force_login(demo["sfj_chen"])
    assert "REV-IDLE" in client.get("/catalog/review/").content.decode()


def test_the_administrator_suspends_a_matter_with_a_reason(demo, matters, client):
    client.force_login(demo["scjg_admin"])
    idle = matters["REV-IDLE"]
    assert 'data-testid="review-form"' in client.get("/catalog/review/").content.decode()
    response = client.post(
        "/catalog/review/",
        {
            "matter": idle.pk,
            f"m{idle.pk}-act": MatterStatus.SUSPENDED,
            f"m{idle.pk}-reason": "连续八年未办理案件，拟暂停实施",
        },
    )
    assert response.status_code == 302
    idle.refresh_from_db()
    assert idle.status == MatterStatus.SUSPENDED and idle.get_status_display() == "暂停实施"
    entry = LedgerEntry.objects.filter(action="catalog.matter.update", object_id=str(idle.pk)).get()
    body = json.loads(entry.payload.body)
    assert body["after"]["reason"] == "连续八年未办理案件，拟暂停实施"
    assert body["after"]["status"] == "suspended"
    rows = client.get("/catalog/review/").content.decode().split("review-summary")[1]
    assert "REV-IDLE" not in rows and "REV-USED" in rows


def test_a_missing_reason_is_refused_and_nothing_is_written(demo, matters, client):
    client.force_login(demo["scjg_admin"])
    idle = matters["REV-IDLE"]
    before = LedgerEntry.objects.count()
    response = client.post(
        "/catalog/review/",
        {"matter": idle.pk, f"m{idle.pk}-act": MatterStatus.CANCELLED, f"m{idle.pk}-reason": " "},
    )
    assert response.status_code == 200
    assert "请填写暂停实施或取消的理由" in response.content.decode()
    idle.refresh_from_db()
    assert idle.status == MatterStatus.ACTIVE
    assert LedgerEntry.objects.count() == before


def test_the_service_refuses_a_blank_reason(demo, matters):
    from django.core.exceptions import ValidationError

    from zhifa.catalog.services.matters import update_matter

    with pytest.raises(ValidationError) as caught:
        update_matter(
            demo["scjg_admin"], matters["REV-IDLE"], status=MatterStatus.CANCELLED, reason=""
        )
    assert caught.value.message_dict["reason"] == ["请填写理由"]


def test_others_may_not_act_or_read(demo, matters, client, api_client):
    idle = matters["REV-IDLE"]
    form = {"matter": idle.pk, f"m{idle.pk}-act": "cancelled", f"m{idle.pk}-reason": "理由"}
    client.force_login(demo["scjg_zhang"])  # 执法人员
    assert client.get("/catalog/review/").status_code == 403
    assert client.post("/catalog/review/", form).status_code == 403
    assert (
        login_api(api_client, demo["scjg_zhang"]).get("/api/v1/matters/review").status_code == 403
    )
    client.force_login(demo["scjg_wang"])  # the head reads but does not act
    assert client.post("/catalog/review/", form).status_code == 403
    idle.refresh_from_db()
    assert idle.status == MatterStatus.ACTIVE
