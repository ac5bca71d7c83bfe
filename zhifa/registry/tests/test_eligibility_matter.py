"""can_enforce given a matter: only a certificate of the matter's 执法领域 covers it (certificates
are issued per field after that field's exam; 处罚法 art. 42), with the reason in Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.org.models import EnforcementField
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.services import certificates
from zhifa.registry.tests.conftest import pass_exams
from zhifa.registry.tests.test_eligibility import DAY, passed_review
from zhifa.testing.factories import MatterFactory


@pytest.fixture
def ecology(db) -> EnforcementField:
    return EnforcementField.objects.get(name="生态环境")


@pytest.fixture
def food_matter(market):
    """A 市场监管 matter: selling food past its shelf life."""
    return MatterFactory(name="对经营超过保质期食品的行政处罚", field=market)


@pytest.fixture
def waste_matter(ecology):
    """A 生态环境 matter."""
    return MatterFactory(name="对违法倾倒工业固体废物的行政处罚", field=ecology)


@pytest.fixture
def reviewed(admin, certificate):
    """张伟's 市场监管 certificate, issued in 2023, its 2024 review passed."""
    passed_review(admin, certificate)
    return certificate


def test_it_allows_a_matter_of_the_certificates_field(reviewed, food_matter):
    result = can_enforce(reviewed.officer, DAY, food_matter)
    assert result and result.reasons == [] and result.certificate == reviewed


def test_it_refuses_a_matter_outside_the_certificates_field(reviewed, waste_matter):
    result = can_enforce(reviewed.officer, DAY, waste_matter)
    assert not result
    assert result.certificate is None
    assert result.reasons == [
        f"证件{reviewed.number}执法领域（市场监管）不含事项「对违法倾倒工业固体废物的行政处罚」",
        "张伟在2025年6月1日没有可用于事项「对违法倾倒工业固体废物的行政处罚」的有效行政执法证件",
    ]
    # Without a matter the same officer may enforce: the field is what refuses.
    assert can_enforce(reviewed.officer, DAY)


def test_it_picks_the_certificate_of_the_matters_field(
    admin, reviewed, make_certificate, ecology, food_matter, waste_matter
):
    pass_exams(admin, reviewed.officer, ecology)
    second = make_certificate(reviewed.officer, field=ecology, expires_on=date(2027, 12, 31))
    passed_review(admin, second)
    assert can_enforce(reviewed.officer, DAY, waste_matter).certificate == second
    # The market certificate expires later, yet it is the one that covers the food matter.
    assert can_enforce(reviewed.officer, DAY, food_matter).certificate == reviewed


def test_it_refuses_when_the_certificate_of_the_field_is_no_longer_valid(
    admin, reviewed, make_certificate, ecology, waste_matter
):
    pass_exams(admin, reviewed.officer, ecology)
    second = make_certificate(reviewed.officer, field=ecology)
    passed_review(admin, second)
    certificates.collect_certificate(admin, second, reason="调整执法领域", on=date(2025, 5, 1))
    result = can_enforce(reviewed.officer, DAY, waste_matter)
    assert not result
    assert f"证件{second.number}收缴" in result.reasons
    assert f"证件{reviewed.number}执法领域（市场监管）不含事项「{waste_matter.name}」" in (
        result.reasons
    )


def test_it_refuses_a_matter_without_a_field(reviewed, food_matter):
    food_matter.field = None  # a matter registered before fields were recorded
    result = can_enforce(reviewed.officer, DAY, food_matter)
    assert not result
    assert result.reasons == [f"事项「{food_matter.name}」未标明执法领域，无法核对执法证件"]


def test_it_takes_a_field_instead_of_a_matter(reviewed, market, ecology):
    assert can_enforce(reviewed.officer, DAY, field=market)
    result = can_enforce(reviewed.officer, DAY, field=ecology)
    assert not result
    assert result.reasons[0] == f"证件{reviewed.number}执法领域（市场监管）不含执法领域「生态环境」"


def test_the_matters_field_does_not_lift_other_refusals(admin, reviewed, food_matter):
    certificates.suspend_certificate(
        admin, reviewed, reason="执法不规范", starts_on=date(2025, 5, 1), ends_on=date(2025, 6, 30)
    )
    result = can_enforce(reviewed.officer, DAY, food_matter)
    assert not result and "张伟的执法证件暂扣期间不得从事执法活动" in result.reasons


def test_the_api_answers_for_a_field(api_client, demo, reviewed):
    api_client.force_login(demo["scjg_admin"])
    url = f"/api/v1/officers/{reviewed.officer.pk}/eligibility?on={DAY}"
    assert api_client.get(f"{url}&field=01").json()["certificate_number"] == reviewed.number
    refused = api_client.get(f"{url}&field=02").json()
    assert refused["ok"] is False and refused["certificate"] is None
    assert refused["reasons"][0] == (
        f"证件{reviewed.number}执法领域（市场监管）不含执法领域「生态环境」"
    )
    unknown = api_client.get(f"{url}&field=99")
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"field": ["没有代码为99的执法领域"]}
