"""The 日常考核 page: 市市场监管局's head and information administrator define indicator sets and
record assessments through the services (their Chinese errors on the forms, nothing written when
refused); the results are theirs and the city supervisor's, not the 东城区 supervisor's, an
officer's or an enterprise's; a failed assessment then fails the annual review."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from zhifa.core.models import LedgerEntry
from zhifa.registry.models import Assessment, IndicatorSet, Officer, ReviewResult
from zhifa.registry.services import certificates, officers, training
from zhifa.registry.tests.helpers import id_number
from zhifa.testing.ledger_guard import writes_around_services

URL = "/registry/assessments/"
INDICATORS = [{"name": "办案质量", "max": 60}, {"name": "执法纪律", "max": 40}]

# ``scjg``, ``admin`` (scjg_admin), ``sthj``, ``sthj_admin``, ``make_officer`` and
# ``make_certificate`` come from this package's conftest: officers of 市市场监管局 registered
# through the services with valid 身份证号码.


@pytest.fixture
def indicator_set(admin, scjg) -> IndicatorSet:
    return training.define_indicator_set(
        admin, scjg, name="执法人员日常考核指标", indicators=INDICATORS, pass_score=60
    )


def assess(actor, officer, indicator_set, scores, period="第1季度", year=None):
    today = timezone.localdate()
    return training.record_assessment(
        actor,
        officer,
        indicator_set=indicator_set,
        year=year or today.year,
        period=period,
        scores=scores,
        assessed_on=today,
    )


def as_user(client, user):
    client.force_login(user)
    return client


def record_post(indicator_set, officer, scores, period="第3季度", **extra):
    today = timezone.localdate()
    data = {
        "act": "record",
        "record-indicator_set": indicator_set.pk,
        "record-officer": officer.pk,
        "record-year": today.year,
        "record-period": period,
        "record-assessed_on": today.isoformat(),
        "scores-set": indicator_set.pk,
    }
    data.update({f"scores-score_{n}": v for n, v in enumerate(scores)})
    data.update(extra)
    return data


def counts() -> tuple[int, int, int]:
    return LedgerEntry.objects.count(), IndicatorSet.objects.count(), Assessment.objects.count()


# --- defining and recording ---


def test_the_admin_defines_a_set_and_records_an_assessment(client, admin, scjg, make_officer):
    zhang = make_officer("张伟")
    as_user(client, admin)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/registry/assessments/" aria-current="page"' in html
    assert "尚未设置考核指标体系" in html

    response = client.post(
        URL,
        {
            "act": "define",
            "define-agency": scjg.pk,
            "define-name": "执法人员日常考核指标",
            "define-indicators": "办案质量=60\n\n执法纪律＝40\n",
            "define-pass_score": "60",
        },
    )
    assert response.status_code == 302
    created = IndicatorSet.objects.get()
    assert created.agency == scjg
    assert created.indicators == [
        {"name": "办案质量", "max": "60"},
        {"name": "执法纪律", "max": "40"},
    ]
    assert response["Location"] == f"{URL}?record-indicator_set={created.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "已设置考核指标体系“执法人员日常考核指标”" in page
    assert 'name="scores-score_0"' in page and "满分60" in page

    # Choosing a set loads its inputs (htmx).
    partial = client.get(URL, {"record-indicator_set": created.pk}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    text = partial.content.decode()
    assert "<html" not in text
    assert 'name="scores-score_1"' in text and "执法纪律" in text and "满分40" in text

    before = counts()
    response = client.post(URL, record_post(created, zhang, ["50", "30.5"]))
    assert response.status_code == 302, response.content.decode()
    result = Assessment.objects.get()
    assert (result.officer, result.period, result.total, result.passed) == (
        zhang,
        "第3季度",
        80.5,
        True,
    )
    assert counts() == (before[0] + 1, before[1], before[2] + 1)
    page = client.get(response["Location"]).content.decode()
    assert "已登记张伟" in page and "80.5分，合格" in page
    assert "第3季度" in page and "办案质量 50" in page


def test_the_head_may_record_too(client, demo, indicator_set, make_officer):
    li = make_officer("李娜")
    as_user(client, demo["scjg_wang"])
    assert "登记考核结果" in client.get(URL).content.decode()
    response = client.post(URL, record_post(indicator_set, li, ["20", "10"]))
    assert response.status_code == 302
    assert Assessment.objects.get(officer=li).passed is False


def test_a_score_above_its_maximum_is_refused_and_nothing_written(
    client, admin, indicator_set, make_officer
):
    zhang = make_officer("张伟")
    as_user(client, admin)
    before = counts()
    response = client.post(URL, record_post(indicator_set, zhang, ["61", "30"]))
    assert response.status_code == 200
    assert "“办案质量”得分应在0至60之间" in response.content.decode()
    assert counts() == before


def test_the_services_rules_land_on_the_indicator_form(client, admin, scjg):
    as_user(client, admin)
    before = counts()
    cases = [
        ("办案质量 60", "60", "第1行应为“指标名称=满分”"),
        ("办案质量=60\n执法纪律=40", "101", "合格分应大于0且不超过满分合计100"),
        ("办案质量=60\n办案质量=40", "60", "指标“办案质量”重复"),
        ("办案质量=零", "60", "每项指标须有名称和大于0的满分"),
    ]
    for lines, mark, message in cases:
        response = client.post(
            URL,
            {
                "act": "define",
                "define-agency": scjg.pk,
                "define-name": "考核指标",
                "define-indicators": lines,
                "define-pass_score": mark,
            },
        )
        assert response.status_code == 200
        assert message in response.content.decode(), message
    assert counts() == before


def test_a_period_is_assessed_once(client, admin, indicator_set, make_officer):
    zhang = make_officer("张伟")
    assess(admin, zhang, indicator_set, {"办案质量": 50, "执法纪律": 30}, period="第3季度")
    as_user(client, admin)
    before = counts()
    response = client.post(URL, record_post(indicator_set, zhang, ["50", "30"]))
    assert response.status_code == 200
    assert f"张伟{timezone.localdate().year}年第3季度已考核" in response.content.decode()
    assert counts() == before


def test_a_changed_set_shows_its_inputs_before_anything_is_written(
    client, admin, scjg, indicator_set, make_officer
):
    """Without JavaScript: the scores posted were for another set (or none), so none are used."""
    other = training.define_indicator_set(
        admin, scjg, name="简易考核", indicators=[{"name": "综合表现", "max": 100}], pass_score=60
    )
    zhang = make_officer("张伟")
    as_user(client, admin)
    before = counts()
    data = record_post(other, zhang, ["50", "30"], **{"scores-set": indicator_set.pk})
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "请填写所选指标体系的各项得分" in html
    assert "综合表现" in html and "满分100" in html
    assert counts() == before


def test_officers_of_another_agency_are_not_choices(client, admin, indicator_set, sthj, sthj_admin):
    stranger = officers.create_officer(sthj_admin, sthj, name="徐涛", id_number=id_number(500))
    as_user(client, admin)
    before = counts()
    response = client.post(URL, record_post(indicator_set, stranger, ["50", "30"]))
    assert response.status_code == 200
    assert "徐涛" not in response.content.decode()
    assert counts() == before


# --- who sees the results ---


@pytest.fixture
def results(admin, indicator_set, make_officer, demo) -> dict[str, Officer]:
    """张伟 (scjg_zhang's own record) passed; 李娜 failed."""
    zhang, li = make_officer("张伟"), make_officer("李娜")
    with writes_around_services(
        "links 张伟's record to scjg_zhang's account; accounts are linked when officers are registered and no service relinks them"
    ):
        Officer.objects.filter(pk=zhang.pk).update(user=demo["scjg_zhang"])
    assess(admin, zhang, indicator_set, {"办案质量": 50, "执法纪律": 30})
    assess(admin, li, indicator_set, {"办案质量": 30, "执法纪律": 10})
    assess(admin, li, indicator_set, {"办案质量": 55, "执法纪律": 35}, period="第2季度")
    return {"zhang": zhang, "li": li}


@pytest.mark.parametrize("username", ["scjg_admin", "scjg_wang", "sfj_chen"])
def test_the_head_admin_and_city_supervisor_see_the_results(client, demo, results, username):
    as_user(client, demo[username])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "张伟" in html and "李娜" in html
    assert "不合格" in html and "共3条，其中不合格1条" in html


def test_the_supervisor_may_read_but_not_record(client, demo, results, indicator_set):
    as_user(client, demo["sfj_chen"])
    html = client.get(URL).content.decode()
    assert "登记考核结果" not in html and "设置考核指标体系" not in html
    before = counts()
    data = record_post(indicator_set, results["zhang"], ["50", "30"], period="第4季度")
    assert client.post(URL, data).status_code == 403
    assert counts() == before


def test_the_results_filter_by_agency_and_period(client, demo, results, scjg):
    as_user(client, demo["sfj_chen"])
    html = client.get(URL, {"period": "第2季度"}).content.decode()
    assert "共1条" in html and "李娜" in html and "张伟" not in html
    html = client.get(URL, {"agency": scjg.pk, "period": "第1季度"}).content.decode()
    assert "共2条" in html
    html = client.get(URL, {"year": timezone.localdate().year - 1}).content.decode()
    assert "没有符合条件的考核结果" in html


def test_the_dongcheng_supervisor_sees_none_of_the_citys_results(client, demo, results):
    as_user(client, demo["dc_sfj_liu"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有符合条件的考核结果" in html and "李娜" not in html


@pytest.mark.parametrize("username", ["scjg_zhang", "qy_demo", "sysadmin"])
def test_officers_enterprises_and_administrators_are_refused(client, demo, results, username):
    as_user(client, demo[username])
    assert client.get(URL).status_code == 403
    html = client.get(reverse("registry:officer_list")).content.decode()
    assert 'href="/registry/assessments/"' not in html


def test_an_anonymous_visitor_is_sent_to_log_in(client, results):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


# --- the annual review ---


def test_a_failed_assessment_fails_the_annual_review(
    client, admin, indicator_set, make_officer, make_certificate
):
    today = timezone.localdate()
    new_year = today.replace(month=1, day=1)
    certs = {
        name: make_certificate(
            make_officer(name),
            issued_on=new_year,
            expires_on=new_year.replace(year=today.year + 5),
        )
        for name in ("张伟", "李娜")
    }
    as_user(client, admin)
    client.post(URL, record_post(indicator_set, certs["李娜"].officer, ["30", "10"]))
    client.post(URL, record_post(indicator_set, certs["张伟"].officer, ["50", "30"]))
    assert Assessment.objects.filter(passed=False).count() == 1

    findings = certificates.review_findings(certs["李娜"], today.year)
    assert f"{today.year}年日常考核不合格（第3季度）" in findings
    assert not any("日常考核" in f for f in certificates.review_findings(certs["张伟"], today.year))
    review = certificates.review_certificate(admin, certs["李娜"], year=today.year)
    assert review.result == ReviewResult.FAILED
    assert "日常考核不合格" in review.reasons


@pytest.mark.parametrize(("username", "shown"), [("scjg_zhang", False), ("scjg_wang", True)])
def test_an_officers_record_shows_their_assessments_only_to_head_admin_and_supervisors(
    client, demo, results, username, shown
):
    """A colleague may open 李娜's record, but not read her assessment there."""
    as_user(client, demo[username])
    response = client.get(f"/registry/officers/{results['li'].pk}/")
    assert response.status_code == 200
    assert (
        "日常考核" in response.content.decode() and "第2季度" in response.content.decode()
    ) is shown
