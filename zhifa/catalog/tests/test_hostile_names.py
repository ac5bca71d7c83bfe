"""Names of agencies, units, users, officers, courses and matters refuse control characters and
direction overrides (they make two names look alike or reorder what a reader sees); nothing is
written."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.catalog.tests.catalog_fixtures import refused
from zhifa.catalog.tests.test_api_data import Catalog
from zhifa.org.models import Agency, EnforcementField, Unit, UnitKind
from zhifa.org.services import accounts, organisation
from zhifa.registry.models import TrainingKind
from zhifa.registry.services import officers, training
from zhifa.registry.tests.helpers import id_number

HOSTILE = ["王\u202e伟", "王\u2066伟\u2069", "王伟\x00", "王\x1b[2J伟", "王\u0085伟", "王\t伟"]
MESSAGE = "不能包含控制字符或改变文字方向的字符"


@pytest.fixture
def scjg(demo) -> Agency:
    return Agency.objects.get(short_name="市市场监管局")


@pytest.mark.parametrize("name", HOSTILE)
def test_agency_unit_and_region_names(demo, scjg, name):
    with refused(MESSAGE, field="name"):
        organisation.create_unit(demo["scjg_admin"], scjg, name=name, kind=UnitKind.OTHER)
    with refused(MESSAGE, field="short_name"):
        organisation.update_agency(demo["scjg_admin"], scjg, short_name=name)
    with refused(MESSAGE, field="name"):
        organisation.create_region(demo["sysadmin"], code="990199", name=name)


@pytest.mark.parametrize("name", HOSTILE)
def test_users_officers_and_courses(demo, scjg, name):
    admin = demo["scjg_admin"]
    with refused(MESSAGE, field="full_name"):
        accounts.create_user(
            demo["sysadmin"], username="wang_w", full_name=name, password="Shifan@2026"
        )
    unit = Unit.objects.get(agency=scjg, kind=UnitKind.HANDLING)
    market = EnforcementField.objects.get(name="市场监管")
    with refused(MESSAGE, field="name"):
        officers.create_officer(
            admin, scjg, name=name, id_number=id_number(901), unit=unit, fields=[market]
        )
    officer = officers.create_officer(
        admin, scjg, name="王伟", id_number=id_number(902), unit=unit, fields=[market]
    )
    with refused(MESSAGE, field="course"):
        training.record_training(
            admin,
            officer,
            kind=TrainingKind.PUBLIC_LAW,
            course=name,
            held_on=date(2024, 5, 6),
            hours=2,
        )


@pytest.mark.parametrize("name", HOSTILE)
def test_matters(demo, name):
    with refused(MESSAGE, field="name"):
        Catalog(demo).matter(name=name)


def test_a_matters_article_text_keeps_its_line_breaks(demo):
    text = "第一款……\n第二款……\r\n（一）……\t"
    matter = Catalog(demo).matter(article_text=text)
    assert matter.article_text == text.strip()
    with refused(MESSAGE, field="article_text"):
        Catalog(demo).matter(code="SCJG-CF-777", article_text="第一款\u202e")
