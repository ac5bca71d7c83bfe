"""Registering parties: codes checked by GB 32100 (the expected check character named), ID
numbers by GB 11643, industries by GB/T 4754; a failing code recorded as verified only by an
information administrator, with the reason in the ledger; grades, classes and accounts."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.core.validators import uscc_check_char
from zhifa.org.models import Region
from zhifa.parties import services
from zhifa.parties.models import Party, PartyAccount, PartyKind
from zhifa.testing.factories import (
    PartyAccountFactory,
    PartyFactory,
    UserFactory,
    city,
    county_id_number,
    party_uscc,
)
from zhifa.testing.ledger import entries, forbidden, payload, recorded, refused

GOOD = party_uscc(42)
BAD = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")


def details(**overrides):
    data = {
        "kind": PartyKind.ENTERPRISE,
        "name": "示范市鑫源食品有限公司",
        "uscc": GOOD,
        "legal_representative": "赵六",
        "address": "示范市东城区和平路8号",
        "region": Region.objects.get(code="990102"),
        "industry": "C1311",
    }
    data.update(overrides)
    return data


def test_an_officer_registers_an_enterprise_and_it_is_recorded(personas):
    with recorded("parties.party.create"):
        party = services.create_party(personas.officer, **details())
    assert party.uscc == GOOD and not party.uscc_verified
    assert party.region.code == "990102" and party.industry_division == "13"


def test_a_code_failing_the_check_is_refused_with_the_expected_character(personas):
    with refused(f"校验位错误，应为{uscc_check_char(GOOD[:17])}", Party, field="uscc"):
        services.create_party(personas.officer, **details(uscc=BAD))


def test_an_officer_cannot_record_a_failing_code_as_verified(personas):
    with refused("请由信息管理员填写核实说明", Party, field="uscc"):
        services.create_party(
            personas.officer, **details(uscc=BAD, uscc_verified_reason="登记机关复函确认")
        )


def test_an_administrator_records_a_failing_code_as_verified_with_the_reason(personas):
    with recorded("parties.party.create"):
        party = services.create_party(
            personas.agency_admin,
            **details(uscc=BAD, uscc_verified_reason="市市场监管局登记注册处2019年复函确认"),
        )
    assert party.uscc == BAD and party.uscc_verified
    after = payload(entries("parties.party.create")[-1])["after"]
    assert after["uscc_verified"] is True
    assert after["uscc_verified_reason"] == "市市场监管局登记注册处2019年复函确认"


def test_an_administrator_still_needs_a_reason(personas):
    with refused("请填写核实说明", Party, field="uscc"):
        services.create_party(personas.agency_admin, **details(uscc=BAD))


def test_a_malformed_code_is_refused_even_for_an_administrator(personas):
    reason = {"uscc_verified_reason": "复函确认"}
    with refused("应为18位", Party, field="uscc"):
        services.create_party(personas.agency_admin, **details(uscc=GOOD[:17], **reason))
    with refused("非法字符", Party, field="uscc"):
        services.create_party(personas.agency_admin, **details(uscc="I" + GOOD[1:], **reason))


def test_a_code_is_registered_once(personas):
    services.create_party(personas.officer, **details())
    with refused("该统一社会信用代码已登记（示范市鑫源食品有限公司）", Party, field="uscc"):
        services.create_party(personas.officer, **details(name="另一家公司", uscc=GOOD.lower()))


def test_verify_records_a_corrected_failing_code_in_the_ledger(personas):
    party = PartyFactory()
    with forbidden(Party, message="信息管理员"):
        services.verify_uscc(personas.officer, party, code=BAD, reason="复函")
    with recorded("parties.party.verify"):
        services.verify_uscc(personas.agency_admin, party, code=BAD, reason="登记机关复函确认")
    party.refresh_from_db()
    assert party.uscc == BAD and party.uscc_verified
    assert payload(entries("parties.party.verify")[-1])["after"]["uscc_verified_reason"] == (
        "登记机关复函确认"
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("C13111", "行业代码应为国民经济行业分类"),
        ("13", "行业代码应为国民经济行业分类"),
        ("Z01", "行业代码应为国民经济行业分类"),
        ("F13", "大类13不属于门类F（应为51至52）"),
    ],
)
def test_a_bad_industry_code_is_refused(personas, code, message):
    with refused(message, Party, field="industry"):
        services.create_party(personas.officer, **details(industry=code))


def test_an_industry_code_is_normalised(personas):
    party = services.create_party(personas.officer, **details(industry=" f52 "))
    assert party.industry == "F52" and party.industry_division == "52"


def test_a_region_is_required(personas):
    with refused("请选择所在区划", Party, field="region"):
        services.create_party(personas.officer, **details(region=None))


def test_a_person_needs_a_valid_id_number_registered_once_and_no_code(personas):
    number = county_id_number(5001)
    person = {"kind": PartyKind.PERSON, "name": "钱七", "uscc": ""}
    with refused("身份证号码校验位错误", Party, field="id_number"):
        services.create_party(
            personas.officer, **details(**person, id_number=number[:17] + "0" * (number[17] != "0"))
        )
    services.create_party(personas.officer, **details(**person, id_number=number))
    with refused("该身份证号码已登记（钱七）", Party, field="id_number"):
        services.create_party(personas.officer, **details(**person, id_number=number.lower()))
    with refused("自然人不填写统一社会信用代码", Party, field="uscc"):
        services.create_party(
            personas.officer, **details(kind=PartyKind.PERSON, id_number=county_id_number(5002))
        )


def test_an_organisation_needs_its_code(personas):
    with refused("请填写统一社会信用代码", Party, field="uscc"):
        services.create_party(personas.officer, **details(uscc=""))
    other = services.create_party(personas.officer, **details(kind=PartyKind.OTHER, uscc=""))
    assert other.uscc is None


def test_phones_are_checked(personas):
    with refused("电话号码格式不正确", Party, field="policy_officer_phone"):
        services.create_party(personas.officer, **details(policy_officer_phone="12"))


def test_only_agency_staff_register_parties(personas):
    for who in (personas.enterprise, personas.city_supervisor, personas.system_admin):
        with forbidden(Party):
            services.create_party(who, **details())


def test_an_administrator_grades_credit_and_classes_risk_with_date_and_source(personas):
    party = PartyFactory()
    with forbidden(Party):
        services.set_credit_grade(
            personas.officer, party, grade="A", graded_on=date(2026, 1, 5), source="信用平台"
        )
    with recorded("parties.party.grade", "parties.party.classify"):
        services.set_credit_grade(
            personas.agency_admin,
            party,
            grade="A",
            graded_on=date(2026, 1, 5),
            source="示范市公共信用信息平台",
        )
        services.set_risk_class(
            personas.agency_admin,
            party,
            risk="high",
            classed_on=date(2026, 2, 1),
            source="市市场监管局风险分类",
        )
    party.refresh_from_db()
    assert (party.credit_grade, party.credit_graded_on) == ("A", date(2026, 1, 5))
    assert (party.risk_class, party.risk_source) == ("high", "市市场监管局风险分类")
    with refused("请填写信用等级的来源", field="credit_source"):
        services.set_credit_grade(
            personas.agency_admin, party, grade="B", graded_on=date(2026, 3, 1), source=""
        )
    with refused("信用等级应为", field="credit_grade"):
        services.set_credit_grade(
            personas.agency_admin, party, grade="E", graded_on=date(2026, 3, 1), source="平台"
        )


def test_update_corrects_details_and_keeps_the_code(personas):
    party = PartyFactory()
    with recorded("parties.party.update"):
        services.update_party(personas.officer, party, address="示范市西城区新街5号")
    party.refresh_from_db()
    assert party.address == "示范市西城区新街5号"
    with pytest.raises(ValueError, match="not editable"):
        services.update_party(personas.officer, party, uscc=GOOD)


def test_an_enterprise_account_is_bound_once_and_can_be_unbound(personas):
    party = PartyFactory()
    with forbidden(PartyAccount):
        services.bind_account(personas.officer, party, personas.enterprise)
    with refused("该账号不是企业用户", PartyAccount, field="user"):
        services.bind_account(personas.agency_admin, party, personas.officer)
    with recorded("parties.account.bind"):
        account = services.bind_account(personas.agency_admin, party, personas.enterprise)
    assert account.bound_by == personas.agency_admin
    another = PartyFactory()
    with refused(f"该账号已绑定{party.name}", PartyAccount, field="user"):
        services.bind_account(personas.agency_admin, another, personas.enterprise)
    with recorded("parties.account.unbind"):
        services.unbind_account(personas.agency_admin, account)
    assert not PartyAccount.objects.filter(user=personas.enterprise).exists()


def test_the_factories_make_valid_bound_parties(personas):
    account = PartyAccountFactory(user=UserFactory(role="enterprise"))
    assert account.party.region == city()
