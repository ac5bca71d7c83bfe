"""The same training (officer, course, day, hours) recorded twice would count twice toward the 60
hours a year: it is refused with a Chinese message, by the service, the campaign, the API and the
Excel import, and nothing is written."""

from __future__ import annotations

from datetime import date

from conftest import login_api
from zhifa.registry.models import TrainingKind, TrainingRecord
from zhifa.registry.services import training
from zhifa.registry.services.imports import import_training
from zhifa.registry.tests.helpers import refused
from zhifa.registry.tests.test_excel_records import refused as import_refused
from zhifa.registry.tests.test_excel_records import training_file, training_row

DAY = date(2025, 4, 8)


def _record(admin, officer, **changes):
    data = {
        "kind": TrainingKind.PUBLIC_LAW,
        "course": "行政处罚法",
        "held_on": DAY,
        "hours": 4,
        **changes,
    }
    return training.record_training(admin, officer, **data)


def test_the_same_training_twice_is_refused(admin, officer):
    _record(admin, officer)
    with refused("张伟2025-04-08的“行政处罚法”（4.0学时）已登记，请勿重复登记", TrainingRecord):
        _record(admin, officer, hours="4.0")
    with refused("已登记", TrainingRecord, field="course"):  # another kind, same training
        _record(admin, officer, kind=TrainingKind.SKILLS)
    # another day, other hours or another course is another training
    _record(admin, officer, held_on=date(2025, 4, 9))
    _record(admin, officer, hours=2)
    _record(admin, officer, course="行政复议法")
    assert TrainingRecord.objects.filter(officer=officer).count() == 4


def test_a_campaign_names_who_already_has_it_and_records_nobody(admin, make_officer):
    first, second = make_officer("李娜"), make_officer("王芳")
    _record(admin, second)
    with refused("王芳2025-04-08的“行政处罚法”（4.0学时）已登记", TrainingRecord, field="officers"):
        training.record_training_campaign(
            admin,
            [first, second],
            kind=TrainingKind.PUBLIC_LAW,
            course="行政处罚法",
            held_on=DAY,
            hours=4,
        )


def test_the_api_refuses_it_in_its_error_shape(admin, officer, api_client):
    login_api(api_client, admin)
    body = {
        "officer": officer.pk,
        "kind": "public_law",
        "course": "行政处罚法",
        "held_on": "2025-04-08",
        "hours": "4",
    }
    assert api_client.post("/api/v1/training", body, format="json").status_code == 201
    again = api_client.post("/api/v1/training", body, format="json")
    assert again.status_code == 400
    assert "已登记，请勿重复登记" in again.json()["errors"]["course"][0]
    assert TrainingRecord.objects.filter(officer=officer).count() == 1


def test_the_import_refuses_it_even_under_another_kind(admin, officer):
    _record(admin, officer)
    errors = import_refused(
        import_training, admin, training_file(training_row(officer, 培训类别="执法技能"))
    )
    assert errors == [(2, "课程", "该人员2025-04-08的这项培训已登记，请勿重复导入")]
    errors = import_refused(
        import_training,
        admin,
        training_file(
            training_row(officer, 课程="行政强制法"),
            training_row(officer, 课程="行政强制法", 培训类别="执法技能"),
        ),
    )
    assert errors == [(3, "课程", "与第2行重复（同一人员、课程、日期和学时）")]
