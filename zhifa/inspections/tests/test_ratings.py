"""事后评价: the enterprise rates a visit by its link, without an account; one rating per visit;
the justice bureau sees it at once; a low rating is flagged; a forged or reused link writes nothing.
And the enterprise's own history (only its own party)."""

from __future__ import annotations

import pytest

from zhifa.inspections.models import Rating
from zhifa.inspections.services import ratings
from zhifa.inspections.tests.visit_fixtures import build_visit, ready_record, submitted
from zhifa.testing import ledger as shared
from zhifa.testing.ledger import last_seq, ledger_actions

GOOD = {"civility": 5, "rights": 4, "misconduct": False, "comment": "检查规范，效率高"}


@pytest.fixture
def visit(midyear, demo):
    return build_visit(demo, today=midyear)


def test_a_rating_is_recorded_once_and_a_reused_link_writes_nothing(visit):
    record = submitted(visit)
    since = last_seq()
    rating = ratings.rate(record.rating_token, **GOOD)
    assert rating.anonymous and not rating.flagged
    assert ledger_actions(since) == ["inspections.rating.submit"]
    with shared.refused(ratings.REUSED, Rating, field="token"):
        ratings.rate(record.rating_token, **GOOD)


def test_a_forged_link_and_an_unfinished_visit_are_refused(visit):
    record = ready_record(visit)
    with shared.refused(ratings.NOT_YET, Rating, field="token"):
        ratings.rate(record.rating_token, **GOOD)
    with shared.refused(ratings.FORGED, Rating, field="token"):
        ratings.rate(record.rating_token[:-2] + "xx", **GOOD)


def test_a_low_score_or_reported_misconduct_is_flagged_for_supervision(visit):
    record = submitted(visit)
    rating = ratings.rate(
        record.rating_token,
        civility=4,
        rights=2,
        misconduct=False,
        anonymous=False,
        rater_name="王经理",
        rater_phone="13912345678",
    )
    assert rating.flagged and rating.rater_name == "王经理"


def test_questionnaire_errors_are_chinese_and_by_field(visit):
    record = submitted(visit)
    with shared.refused("请为“文明规范”打分（1至5分）", Rating, field="civility"):
        ratings.rate(record.rating_token, civility=9, rights=4, misconduct=False)
    with shared.refused("请简要写明违规行为的情况", Rating, field="comment"):
        ratings.rate(record.rating_token, civility=3, rights=4, misconduct=True)
    with shared.refused("实名评价请填写姓名", Rating, field="rater_name"):
        ratings.rate(record.rating_token, **GOOD, anonymous=False)


def test_the_public_page_takes_a_rating_without_an_account(client, visit):
    record = submitted(visit)
    url = f"/r/{record.rating_token}/"
    page = client.get(url)
    assert page.status_code == 200 and "示范市好味食品有限公司" in page.content.decode()
    form = {"civility": "2", "rights": "3", "misconduct": "false", "anonymous": "on"}
    done = client.post(url, form)
    assert "感谢您的评价" in done.content.decode()
    assert Rating.objects.get(record=record).flagged
    again = client.get(url).content.decode()
    assert ratings.REUSED in again and "提交评价" not in again
    forged = client.get("/r/" + "A" * 43 + "/")
    assert forged.status_code == 404 and ratings.FORGED in forged.content.decode()


def test_the_public_api_takes_a_rating_once(client, visit):
    record = submitted(visit)
    url = f"/api/v1/public/ratings/{record.rating_token}"
    body = {"civility": 5, "rights": 5, "misconduct": False}
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 201 and first.json()["flagged"] is False
    second = client.post(url, body, content_type="application/json")
    assert second.status_code == 400
    assert second.json()["errors"]["token"] == [ratings.REUSED]


def test_the_justice_bureau_sees_it_at_once_the_officers_do_not(client, visit, demo):
    record = submitted(visit)
    ratings.rate(record.rating_token, civility=1, rights=1, misconduct=True, comment="索要好处")
    client.force_login(demo["sfj_chen"])
    page = client.get("/inspections/visits/ratings/").content.decode()
    assert "索要好处" in page and "提请监督" in page
    home = client.get("/").content.decode()
    assert "1条事后评价为差评或反映违规行为" in home
    client.force_login(visit.officer)
    assert client.get("/inspections/visits/ratings/").status_code == 403
    api = client.get("/api/v1/ratings").json()
    assert api["count"] == 0 if isinstance(api, dict) else api == []


def test_the_enterprise_sees_its_own_history_and_nobody_elses(client, visit, demo):
    record = submitted(visit)
    ratings.rate(record.rating_token, **GOOD)
    client.force_login(visit.enterprise)
    page = client.get("/inspections/visits/history/").content.decode()
    assert "示范市好味食品有限公司" in page and "未发现问题" in page
    assert "文明规范5分" in page and "年度涉企检查计划" in page
    assert client.get(f"/inspections/visits/records/{record.pk}/").status_code == 200
    client.force_login(demo["shjd_wu"])
    assert client.get(f"/inspections/visits/records/{record.pk}/").status_code == 404
    assert client.get(f"/api/v1/onsite-records/{record.pk}").status_code == 404
