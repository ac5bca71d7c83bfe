"""The officer's phone pages and the API of the record: today's visits, opening, the offline
checklist (its script self-served), answers through the API (a resend is one answer), photos,
the outcome and the QR code printed on the record."""

from __future__ import annotations

import pytest

from zhifa.inspections.models import ChecklistEntry, OnSiteRecord, VisitPhoto
from zhifa.inspections.tests.visit_fixtures import build_visit, jpeg, ready_record


@pytest.fixture
def visit(midyear, demo):
    return build_visit(demo, today=midyear)


def test_the_officer_opens_todays_visit_and_gets_the_phone_checklist(client, visit):
    client.force_login(visit.officer)
    today = client.get("/inspections/visits/").content.decode()
    assert "示范市好味食品有限公司" in today and "开始现场检查" in today
    opened = client.post(f"/inspections/visits/{visit.inspection.pk}/open/")
    record = OnSiteRecord.objects.get(inspection=visit.inspection)
    assert opened["Location"] == f"/inspections/visits/records/{record.pk}/checklist/"
    page = client.get(opened["Location"]).content.decode()
    assert "/static/zhifa/offline-checklist.js" in page
    assert f'data-endpoint="/api/v1/onsite-records/{record.pk}/entries"' in page
    assert "从业人员持健康证明上岗" in page and "不涉及" in page


def test_another_officer_cannot_open_or_see_the_checklist(client, visit, demo):
    client.force_login(demo["sthj_xu"])
    assert client.post(f"/inspections/visits/{visit.inspection.pk}/open/").status_code == 404
    record = visit.open()
    assert client.get(f"/inspections/visits/records/{record.pk}/checklist/").status_code == 404
    client.force_login(demo["scjg_wang"])  # sees the inspection, is not one of its officers
    assert client.get(f"/inspections/visits/records/{record.pk}/checklist/").status_code == 403


def test_the_api_takes_the_same_key_once(client, visit):
    record = visit.open()
    item = record.results.first()
    client.force_login(visit.officer)
    url = f"/api/v1/onsite-records/{record.pk}/entries"
    body = {
        "key": "3f2a9c0d11",
        "item": item.pk,
        "result": "pass",
        "note": "",
        "entered_at": "2026-06-17T10:00:00+08:00",
    }
    first = client.post(url, body, content_type="application/json")
    again = client.post(url, body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert ChecklistEntry.objects.filter(record=record).count() == 1
    bad = client.post(url, {**body, "key": "k2", "result": "fail"}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["errors"]["note"] == ["不合格的检查要点请写明具体情况"]
    detail = client.get(f"/api/v1/onsite-records/{record.pk}").json()
    assert detail["results"][0]["result"] == "pass"
    assert {a["action"] for a in detail["actions"]} == {"submit"}


def test_photo_upload_on_the_page_refuses_a_non_image(client, visit):
    record = visit.open()
    client.force_login(visit.officer)
    url = f"/inspections/visits/records/{record.pk}/"
    fake = jpeg()
    fake.file.seek(0)
    fake.file.write(b"not an image at all")
    fake.file.seek(0)
    refused = client.post(url, {"act": "photo", "photo": fake})
    assert "现场照片须为JPEG或PNG格式的图片" in refused.content.decode()
    assert not VisitPhoto.objects.exists()
    done = client.post(url, {"act": "photo", "photo": jpeg(), "caption": "后厨"})
    assert done.status_code == 302
    photo = VisitPhoto.objects.get()
    shown = client.get(f"{url}photos/{photo.pk}/")
    assert shown["Content-Type"] == "image/jpeg"


def test_submitting_on_the_page_needs_confirmation_and_prints_the_qr_code(client, visit):
    record = ready_record(visit)
    client.force_login(visit.officer)
    url = f"/inspections/visits/records/{record.pk}/"
    unconfirmed = client.post(url, {"act": "submit", "outcome": "no_problem"})
    assert "请确认后再提交" in unconfirmed.content.decode()
    done = client.post(url, {"act": "submit", "outcome": "no_problem", "confirm": "on"})
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert '<svg viewBox="0 0' in page and f"/r/{record.rating_token}/" in page
    client.force_login(visit.partner.__class__.objects.get(username="sfj_chen"))
    supervisor = client.get(url).content.decode()
    assert record.rating_token not in supervisor, "only those who print it see the link"


def test_the_officers_home_lists_todays_visit_until_the_record_is_submitted(client, visit):
    client.force_login(visit.officer)
    assert "1项检查今天可以开始现场检查" in client.get("/").content.decode()
    record = visit.open()
    assert "1份现场检查记录尚未提交" in client.get("/").content.decode()
    client.force_login(visit.partner)
    assert (
        f"/inspections/visits/records/{record.pk}/checklist/"
        in client.get("/inspections/visits/").content.decode()
    )
