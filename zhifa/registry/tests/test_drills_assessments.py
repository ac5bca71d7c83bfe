"""Skills drills (岗位练兵) with the agency's own officers; daily assessment (日常考核) against
the agency's indicators: each score within its maximum, the total against the pass mark, once a
period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from zhifa.registry.models import Assessment, Drill, IndicatorSet
from zhifa.registry.services import officers, training
from zhifa.registry.tests.helpers import forbidden, id_number, recorded, refused

INDICATORS = [{"name": "办案质量", "max": 60}, {"name": "执法纪律", "max": 40}]


@pytest.fixture
def stranger(sthj, sthj_admin):
    """An officer of 市生态环境局."""
    return officers.create_officer(sthj_admin, sthj, name="徐涛", id_number=id_number(500))


@pytest.fixture
def indicators(admin, scjg) -> IndicatorSet:
    return training.define_indicator_set(
        admin, scjg, name="执法人员日常考核指标", indicators=INDICATORS, pass_score=60
    )


def assess(admin, officer, indicator_set, scores, period="第一季度"):
    return training.record_assessment(
        admin,
        officer,
        indicator_set=indicator_set,
        year=2024,
        period=period,
        scores=scores,
        assessed_on=date(2024, 4, 10),
    )


def test_it_records_a_drill_with_the_agencys_officers(admin, scjg, make_officer):
    people = [make_officer(), make_officer()]
    with recorded("registry.drill.create"):
        drill = training.record_drill(
            admin,
            scjg,
            title="现场检查文书制作比武",
            held_on=date(2024, 5, 20),
            participants=people,
        )
    assert set(drill.participants.all()) == set(people)


def test_it_refuses_a_drill_with_another_agencys_officer(admin, scjg, officer, stranger):
    with refused("参加人员须为本单位执法人员", Drill, field="participants"):
        training.record_drill(
            admin, scjg, title="练兵", held_on=date(2024, 5, 20), participants=[officer, stranger]
        )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"participants": []}, "participants", "请选择参加人员"),
        ({"title": " "}, "title", "请填写练兵项目"),
        ({"held_on": "tomorrow"}, "held_on", "练兵日期不能晚于今天"),
    ],
)
def test_it_refuses_a_bad_drill(admin, scjg, officer, change, field, message):
    data = {"title": "练兵", "held_on": date(2024, 5, 20), "participants": [officer], **change}
    if data["held_on"] == "tomorrow":
        data["held_on"] = timezone.localdate() + timedelta(days=1)
    with refused(message, Drill, field=field):
        training.record_drill(admin, scjg, **data)


def test_it_lets_only_the_agency_admin_record_drills(demo, scjg, officer):
    for username in ("scjg_wang", "scjg_zhang", "sfj_chen", "sysadmin"):
        with forbidden(Drill):
            training.record_drill(
                demo[username],
                scjg,
                title="练兵",
                held_on=date(2024, 5, 20),
                participants=[officer],
            )


def test_it_passes_an_assessment_at_the_pass_mark(admin, officer, indicators):
    with recorded("registry.assessment.create"):
        result = assess(admin, officer, indicators, {"办案质量": 40, "执法纪律": 20})
    assert (result.total, result.passed) == (60, True)
    assert result.scores == {"办案质量": "40", "执法纪律": "20"}


def test_it_fails_an_assessment_below_the_pass_mark(admin, officer, indicators):
    result = assess(admin, officer, indicators, {"办案质量": "39.5", "执法纪律": 20})
    assert (result.total, result.passed) == (59.5, False)


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"办案质量": 61, "执法纪律": 20}, "“办案质量”得分应在0至60之间"),
        ({"办案质量": 50, "执法纪律": -1}, "“执法纪律”得分应在0至40之间"),
        ({"办案质量": 50}, "“执法纪律”得分应在0至40之间"),
        ({"办案质量": "NaN", "执法纪律": 20}, "“办案质量”得分应在0至60之间"),
        ({"办案质量": 50, "执法纪律": 20, "群众满意度": 5}, "指标体系中没有：群众满意度"),
    ],
)
def test_it_keeps_each_score_within_its_indicator(admin, officer, indicators, scores, message):
    with refused(message, Assessment, field="scores"):
        assess(admin, officer, indicators, scores)


def test_it_assesses_an_officer_once_a_period(admin, officer, indicators):
    scores = {"办案质量": 50, "执法纪律": 30}
    assess(admin, officer, indicators, scores)
    with refused("张伟2024年第一季度已考核", Assessment, field="period"):
        assess(admin, officer, indicators, scores)
    assert assess(admin, officer, indicators, scores, period="第二季度").passed


def test_it_uses_the_officers_own_agencys_indicators(
    admin, officer, stranger, sthj, sthj_admin, indicators
):
    theirs = training.define_indicator_set(
        sthj_admin, sthj, name="生态环境执法考核", indicators=INDICATORS, pass_score=60
    )
    with refused("须使用本单位的考核指标体系", Assessment, field="indicator_set"):
        assess(admin, officer, theirs, {"办案质量": 50, "执法纪律": 30})
    with forbidden(Assessment):
        assess(admin, stranger, indicators, {"办案质量": 50, "执法纪律": 30})


def test_it_lets_the_head_assess_but_not_an_officer(demo, officer, indicators):
    assert assess(demo["scjg_wang"], officer, indicators, {"办案质量": 50, "执法纪律": 30})
    with forbidden(Assessment):
        assess(demo["scjg_zhang"], officer, indicators, {"办案质量": 50, "执法纪律": 30}, "二")


@pytest.mark.parametrize(
    ("items", "pass_score", "message"),
    [
        ([], 60, "请至少设置一项指标"),
        ([{"name": "办案质量", "max": 0}], 0, "每项指标须有名称和大于0的满分"),
        (
            [{"name": "办案质量", "max": 50}, {"name": "办案质量", "max": 50}],
            60,
            "指标“办案质量”重复",
        ),
        (INDICATORS, 101, "合格分应大于0且不超过满分合计100"),
    ],
)
def test_it_refuses_a_bad_indicator_set(admin, scjg, items, pass_score, message):
    with refused(message, IndicatorSet):
        training.define_indicator_set(
            admin, scjg, name="考核指标", indicators=items, pass_score=pass_score
        )
