"""The ratings list (filters, Excel), the justice bureau's follow-up of a flagged rating (a note,
已跟进, the ledger), and the record API's referral and impact assessment."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from zhifa.inspections.models import Rating
from zhifa.inspections.services import ratings
from zhifa.inspections.tests.visit_fixtures import build_visit, submitted
from zhifa.testing.api import login_api
from zhifa.testing.ledger import recorded, refused

LOW = {"civility": 1, "rights": 2, "misconduct": True, "comment": "态度生硬，索要好处"}
GOOD = {"civility": 5, "rights": 5, "misconduct": False, "comment": "检查规范"}


@pytest.fixture
def visit(midyear, demo):
    return build_visit(demo, today=midyear)


@pytest.fixture
def flagged(visit) -> Rating:
    return ratings.rate(submitted(visit).rating_token, **LOW)


def test_the_justice_bureau_follows_up_a_flagged_rating_once(flagged, demo):
    with refused("请写明跟进情况", Rating, field="note"):
        ratings.follow_up(demo["sfj_chen"], flagged, note="  ")
    with recorded("inspections.rating.follow_up"):
        ratings.follow_up(demo["sfj_chen"], flagged, note="已约谈执法人员，责令书面检查")
    flagged.refresh_from_db()
    assert flagged.follow_up_label == "已跟进"
    assert flagged.followed_up_by == demo["sfj_chen"]
    with refused("已经跟进过了", Rating, field="note"):
        ratings.follow_up(demo["sfj_chen"], flagged, note="再次跟进")


def test_only_the_supervising_bureau_follows_up_and_only_flagged_ratings(visit, flagged, demo):
    with pytest.raises(PermissionDenied):
        ratings.follow_up(demo["scjg_wang"], flagged, note="本局已核实")
    from django.http import Http404

    with pytest.raises(Http404):
        ratings.follow_up(demo["dc_sfj_liu"], flagged, note="区司法局跟进")
    flagged.refresh_from_db()
    assert flagged.followed_up_at is None


def test_a_rating_not_flagged_needs_no_follow_up(visit, demo):
    rating = ratings.rate(submitted(visit).rating_token, **GOOD)
    with refused("没有提请监督", Rating, field="note"):
        ratings.follow_up(demo["sfj_chen"], rating, note="看看")


def test_the_list_filters_exports_and_follows_up_on_the_page(client, flagged, demo):
    client.force_login(demo["sfj_chen"])
    page = client.get("/inspections/visits/ratings/?follow_up=pending").content.decode()
    assert "态度生硬" in page and "待跟进" in page
    assert f"/inspections/visits/ratings/{flagged.pk}/follow-up/" in page
    url = f"/inspections/visits/ratings/{flagged.pk}/follow-up/"
    bad = client.post(url, {"note": ""})
    assert bad.status_code == 400 and "请写明跟进情况" in bad.content.decode()
    done = client.post(url, {"note": "已约谈执法人员"}, follow=True).content.decode()
    assert "已记录对示范市好味食品有限公司评价的跟进" in done and "已约谈执法人员" in done
    assert (
        "态度生硬"
        not in client.get("/inspections/visits/ratings/?follow_up=pending").content.decode()
    )
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/inspections/visits/ratings/export.xlsx?follow_up=done").content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "被检查单位"
    assert [(r[0], r[10], r[11]) for r in rows[1:]] == [
        ("示范市好味食品有限公司", "提请监督·已跟进", "已约谈执法人员")
    ]
    client.force_login(demo["scjg_wang"])  # the head reads the ratings but does not follow up
    assert client.post(url, {"note": "本局核实"}).status_code == 403


def test_the_api_follows_up_and_shows_the_status(flagged, demo):
    api = login_api(APIClient(), demo["sfj_chen"])
    url = f"/api/v1/ratings/{flagged.pk}/follow-up"
    bad = api.post(url, {"note": ""}, format="json")
    assert bad.status_code == 400 and "note" in bad.json()["errors"]
    ok = api.post(url, {"note": "已约谈执法人员"}, format="json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["follow_up_status"] == "已跟进"
    assert api.get("/api/v1/ratings?follow_up=pending").json()["count"] == 0
    head = login_api(APIClient(), demo["scjg_wang"])
    assert head.post(url, {"note": "x"}, format="json").status_code == 403


def test_the_record_api_shows_the_referral_and_the_impact_assessment(visit):
    record = submitted(
        visit,
        outcome="case",
        findings="无健康证明从业",
        facts="涉嫌安排未取得健康证明的人员从事接触直接入口食品的工作",
        measures="责令停止相关人员上岗",
        level="minor",
        effect="短期人手不足",
        mitigation="允许补办健康证明后上岗",
    )
    api = login_api(APIClient(), visit.officer)
    data = api.get(f"/api/v1/onsite-records/{record.pk}").json()
    assert data["referral"]["facts"].startswith("涉嫌安排未取得健康证明")
    assert data["impact"]["level"] == "minor" and data["impact"]["effect"] == "短期人手不足"


def test_a_record_without_measures_has_no_referral_or_impact(visit):
    record = submitted(visit)
    data = login_api(APIClient(), visit.officer).get(f"/api/v1/onsite-records/{record.pk}").json()
    assert (data["outcome"], data["referral"], data["impact"]) == ("no_problem", None, None)
