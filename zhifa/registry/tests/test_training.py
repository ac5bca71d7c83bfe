"""Training hours and exams: each record checked (kind, date not in the future, 0 < hours ≤ 200),
a campaign for many officers all or nothing; exams pass at 60 of 100."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from zhifa.registry import queries
from zhifa.registry.models import ExamKind, ExamResult, TrainingKind, TrainingRecord
from zhifa.registry.services import training
from zhifa.registry.tests.helpers import forbidden, id_number, recorded, refused

GOOD = {
    "kind": TrainingKind.PUBLIC_LAW,
    "course": "新修订《行政复议法》解读",
    "held_on": date(2024, 3, 5),
    "hours": 8,
}


def test_it_records_hours_of_training(admin, officer):
    with recorded("registry.training.create"):
        record = training.record_training(admin, officer, **{**GOOD, "hours": "7.5"})
    assert record.hours == Decimal("7.5")
    assert queries.training_hours(officer, 2024) == Decimal("7.5")
    assert queries.training_hours(officer, 2023) == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"hours": 0}, "hours", "学时应大于0"),
        ({"hours": "-2"}, "hours", "学时应大于0"),
        ({"hours": "200.1"}, "hours", "单条培训记录不能超过200学时"),
        ({"hours": "八"}, "hours", "学时应为数字"),
        ({"hours": "NaN"}, "hours", "学时应为数字"),
        ({"hours": None}, "hours", "学时应为数字"),
        ({"kind": "sports"}, "kind", "培训类别应为公共法律知识、专业法律知识或执法技能"),
        ({"course": "  "}, "course", "请填写课程名称"),
        ({"held_on": None}, "held_on", "请填写培训日期"),
    ],
)
def test_it_refuses_a_bad_training_record(admin, officer, change, field, message):
    with refused(message, TrainingRecord, field=field):
        training.record_training(admin, officer, **{**GOOD, **change})


def test_it_refuses_training_on_a_future_date(admin, officer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with refused("培训日期不能晚于今天", TrainingRecord, field="held_on"):
        training.record_training(admin, officer, **{**GOOD, "held_on": tomorrow})
    training.record_training(admin, officer, **{**GOOD, "held_on": timezone.localdate()})


def test_it_accepts_200_hours_in_one_record(admin, officer):
    assert training.record_training(admin, officer, **{**GOOD, "hours": 200}).hours == 200


@pytest.mark.parametrize("username", ["scjg_wang", "scjg_zhang", "sfj_chen", "sysadmin"])
def test_it_lets_only_the_agency_admin_record_training(demo, officer, username):
    with forbidden(TrainingRecord):
        training.record_training(demo[username], officer, **GOOD)


def test_it_records_a_campaign_for_many_officers(admin, make_officer):
    people = [make_officer() for _ in range(3)]
    with recorded(*["registry.training.create"] * 3):
        records = training.record_training_campaign(
            admin, people, campaign="2024年行政复议法轮训", **GOOD
        )
    assert {r.officer for r in records} == set(people)
    assert all(queries.training_hours(o, 2024) == 8 for o in people)


def test_it_records_nothing_of_a_campaign_with_a_bad_field(admin, make_officer):
    people = [make_officer() for _ in range(3)]
    with refused("学时应大于0", TrainingRecord):
        training.record_training_campaign(admin, people, **{**GOOD, "hours": 0})


def test_it_records_nothing_of_a_campaign_with_another_agencys_officer(
    admin, make_officer, sthj, sthj_admin
):
    from zhifa.registry.services import officers

    stranger = officers.create_officer(sthj_admin, sthj, name="徐涛", id_number=id_number(500))
    people = [make_officer(), make_officer(), stranger]
    with forbidden(TrainingRecord, message="只有市生态环境局的信息管理员可以办理此事项"):
        training.record_training_campaign(admin, people, **GOOD)


def test_it_refuses_a_campaign_without_officers(admin):
    with refused("请选择参加培训的执法人员", TrainingRecord, field="officers"):
        training.record_training_campaign(admin, [], **GOOD)


@pytest.mark.parametrize(
    ("score", "passed"), [(60, True), ("59.9", False), (100, True), (0, False)]
)
def test_it_passes_an_exam_at_60(admin, officer, score, passed):
    with recorded("registry.exam.create"):
        exam = training.record_exam(
            admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=date(2023, 1, 10), score=score
        )
    assert exam.passed is passed


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"score": 101}, "score", "成绩应为0至100之间的数字"),
        ({"score": -1}, "score", "成绩应为0至100之间的数字"),
        ({"score": "NaN"}, "score", "成绩应为0至100之间的数字"),
        ({"kind": "oral"}, "kind", "请选择考试类别"),
        ({"taken_on": date(2999, 1, 1)}, "taken_on", "考试日期不能晚于今天"),
    ],
)
def test_it_refuses_a_bad_exam_result(admin, officer, change, field, message):
    data = {"kind": ExamKind.PUBLIC_LAW, "taken_on": date(2023, 1, 10), "score": 80, **change}
    with refused(message, ExamResult, field=field):
        training.record_exam(admin, officer, **data)
