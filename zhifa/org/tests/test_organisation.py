"""Regions, agencies and units: codes, delegation, self-service of contact details."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.core.models import LedgerEntry
from zhifa.org.demo import agency_uscc
from zhifa.org.models import Agency, AgencyKind, Region, Unit, UnitKind
from zhifa.org.services import organisation
from zhifa.org.tests.conftest import entries, payload


def refused(call, *args, **kwargs) -> dict[str, list[str]]:
    """Run a service expected to refuse; check it wrote nothing."""
    counts = (Region.objects.count(), Agency.objects.count(), Unit.objects.count())
    ledger = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        call(*args, **kwargs)
    assert (Region.objects.count(), Agency.objects.count(), Unit.objects.count()) == counts
    assert LedgerEntry.objects.count() == ledger
    return exc.value.message_dict


def region(code: str) -> Region:
    return Region.objects.get(code=code)


# --- regions ---


@pytest.mark.parametrize(
    ("code", "parent", "level"),
    [("990104", "990100", "county"), ("990102001", "990102", "town"), ("980000", None, "province")],
)
def test_it_adds_a_region_inside_its_parent(demo, code, parent, level):
    created = organisation.create_region(
        demo["sysadmin"], code=code, name="新区划", parent=region(parent) if parent else None
    )
    assert created.level == level
    assert entries("org.region.create")[-1].object_id == str(created.pk)


@pytest.mark.parametrize("code", ["99010", "9901021", "99010a", "９８００００", "9901020011"])
def test_it_refuses_a_code_that_is_not_6_or_9_digits(demo, code):
    errors = refused(organisation.create_region, demo["sysadmin"], code=code, name="错")
    assert errors == {"code": ["区划代码应为6位数字（县级及以上）或9位数字（乡镇、街道）"]}


@pytest.mark.parametrize(("code", "parent"), [("990200", "990100"), ("990103001", "990102")])
def test_it_refuses_a_child_outside_its_parent(demo, code, parent):
    errors = refused(
        organisation.create_region, demo["sysadmin"], code=code, name="错", parent=region(parent)
    )
    assert list(errors) == ["parent"]
    assert "不属于上级区划" in errors["parent"][0]


def test_it_refuses_a_code_already_used(demo):
    errors = refused(organisation.create_region, demo["sysadmin"], code="990102", name="重复")
    assert errors == {"code": ["区划代码990102已存在"]}


def test_it_lets_only_the_system_administrator_add_regions(demo):
    with pytest.raises(PermissionDenied):
        organisation.create_region(demo["secadmin"], code="990104", name="新区")
    assert not Region.objects.filter(code="990104").exists()


# --- agencies ---


def agency_data(demo, **overrides):
    data = {
        "name": "示范市东城区新设执法局",
        "kind": AgencyKind.AUTHORITY,
        "region": region("990102"),
        "uscc": agency_uscc("990102", 99),
        "complaint_phone": "0990-12345678",
    }
    data.update(overrides)
    return data


def delegated_data(demo, **overrides):
    sthj = Agency.objects.get(short_name="市生态环境局")
    data = {
        "kind": AgencyKind.DELEGATED,
        "delegating_agency": sthj,
        "delegation_agreement": "示环委〔2025〕1号",
        "delegation_start": date(2025, 1, 1),
        "delegation_end": date(2025, 12, 31),
    }
    data.update(overrides)
    return agency_data(demo, **data)


def test_it_registers_an_agency_and_records_it(demo):
    agency = organisation.create_agency(demo["sysadmin"], **agency_data(demo))
    assert agency.uscc == agency_uscc("990102", 99)
    entry = entries("org.agency.create")[-1]
    assert (entry.actor, entry.object_id) == (demo["sysadmin"], str(agency.pk))
    assert payload(entry)["after"]["name"] == "示范市东城区新设执法局"


def test_it_registers_a_delegated_body_with_its_agreement_and_term(demo):
    agency = organisation.create_agency(
        demo["sysadmin"], **delegated_data(demo, delegation_end=date(2025, 1, 1))
    )
    assert agency.delegating_agency.short_name == "市生态环境局"
    assert agency.delegation_start == agency.delegation_end == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"delegating_agency": None}, "delegating_agency", "受委托组织须填写委托机关"),
        ({"delegation_agreement": " "}, "delegation_agreement", "受委托组织须填写委托执法协议"),
        ({"delegation_start": None}, "delegation_end", "请填写委托期限的起止日期"),
        ({"delegation_end": date(2024, 12, 31)}, "delegation_end", "委托终止日不能早于起始日"),
    ],
)
def test_it_refuses_a_delegated_body_without_a_proper_delegation(demo, overrides, field, message):
    errors = refused(
        organisation.create_agency, demo["sysadmin"], **delegated_data(demo, **overrides)
    )
    assert errors == {field: [message]}


def test_it_refuses_a_delegated_body_delegating_further(demo):
    nanshan = Agency.objects.get(short_name="南山生态执法大队")
    errors = refused(
        organisation.create_agency,
        demo["sysadmin"],
        **delegated_data(demo, delegating_agency=nanshan),
    )
    assert errors == {"delegating_agency": ["受委托组织不得再委托（行政处罚法第二十条）"]}


def test_it_refuses_a_bad_credit_code_and_complaint_phone_in_chinese(demo):
    good = agency_uscc("990102", 99)
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    errors = refused(
        organisation.create_agency,
        demo["sysadmin"],
        **agency_data(demo, uscc=wrong_check, complaint_phone="1234"),
    )
    assert errors == {
        "uscc": [f"统一社会信用代码校验位错误，应为{good[17]}"],
        "complaint_phone": [
            "电话号码格式不正确，应为手机号码、固定电话（含区号）或12345等服务号码"
        ],
    }


def test_it_refuses_a_second_agency_of_the_same_name(demo):
    errors = refused(
        organisation.create_agency, demo["sysadmin"], **agency_data(demo, name="示范市司法局")
    )
    assert errors == {"name": ["已有名为“示范市司法局”的执法主体"]}


def test_it_lets_only_the_system_administrator_register_agencies(demo):
    with pytest.raises(PermissionDenied):
        organisation.create_agency(demo["scjg_admin"], **agency_data(demo))
    assert not Agency.objects.filter(name="示范市东城区新设执法局").exists()


def test_it_lets_an_agency_admin_correct_their_agencys_contact_details(demo, agencies):
    scjg = agencies["市市场监管局"]
    organisation.update_agency(
        demo["scjg_admin"], scjg, address="示范市人民路1号", complaint_phone="12315"
    )
    scjg.refresh_from_db()
    assert (scjg.address, scjg.complaint_phone) == ("示范市人民路1号", "12315")
    entry = entries("org.agency.update")[-1]
    assert entry.actor == demo["scjg_admin"]
    assert payload(entry)["before"]["address"] != payload(entry)["after"]["address"]


@pytest.mark.parametrize("changes", [{"name": "改名局"}, {"kind": "justice"}, {"is_active": False}])
def test_it_keeps_other_fields_from_the_agency_admin(demo, agencies, changes):
    scjg = agencies["市市场监管局"]
    with pytest.raises(PermissionDenied, match="信息管理员只能修改本单位的联系信息"):
        organisation.update_agency(demo["scjg_admin"], scjg, **changes)
    assert Agency.objects.get(pk=scjg.pk).name == "示范市市场监督管理局"
    assert not entries("org.agency.update")


@pytest.mark.parametrize("username", ["scjg_admin", "scjg_zhang", "scjg_wang", "secadmin"])
def test_it_keeps_another_agency_from_anyone_but_its_admin(demo, agencies, username):
    sthj = agencies["市生态环境局"]
    with pytest.raises(PermissionDenied):
        organisation.update_agency(demo[username], sthj, address="别处")
    assert Agency.objects.get(pk=sthj.pk).address != "别处"


def test_it_refuses_a_bad_phone_from_the_agency_admin(demo, agencies):
    errors = refused(
        organisation.update_agency,
        demo["scjg_admin"],
        agencies["市市场监管局"],
        complaint_phone="abc",
    )
    assert list(errors) == ["complaint_phone"]


def test_it_refuses_an_agency_as_its_own_ancestor(demo, agencies):
    jtys = agencies["市交通运输局"]
    errors = refused(
        organisation.update_agency, demo["sysadmin"], jtys, parent=agencies["市交通执法支队"]
    )
    assert errors == {"parent": ["上级机关不能是本机关或其下级"]}


# --- units ---


def test_it_keeps_unit_names_unique_within_an_agency(demo, agencies):
    scjg = agencies["市市场监管局"]
    errors = refused(
        organisation.create_unit, demo["sysadmin"], scjg, name=" 执法大队 ", kind=UnitKind.HANDLING
    )
    assert errors == {"name": ["本单位已有名为“执法大队”的科室"]}
    unit = organisation.create_unit(
        demo["sysadmin"], agencies["市司法局"], name="执法大队", kind=UnitKind.HANDLING
    )
    assert entries("org.unit.create")[-1].object_id == str(unit.pk)


def test_it_refuses_renaming_a_unit_to_a_colleague_units_name(demo, agencies):
    office = agencies["市市场监管局"].units.get(name="办公室")
    errors = refused(
        organisation.update_unit, demo["scjg_admin"], office, name="法规科", kind=UnitKind.OTHER
    )
    assert errors == {"name": ["本单位已有名为“法规科”的科室"]}
    organisation.update_unit(demo["scjg_admin"], office, name="办公室", kind=UnitKind.OTHER)


def test_it_lets_an_agency_admin_add_units_to_their_own_agency_only(demo, agencies):
    unit = organisation.create_unit(
        demo["scjg_admin"], agencies["市市场监管局"], name="信用监管科", kind=UnitKind.OTHER
    )
    assert unit.agency.short_name == "市市场监管局"
    with pytest.raises(PermissionDenied, match="只能维护本单位的内设机构"):
        organisation.create_unit(
            demo["scjg_admin"], agencies["市生态环境局"], name="信用监管科", kind=UnitKind.OTHER
        )
    with pytest.raises(PermissionDenied):
        organisation.create_unit(
            demo["scjg_zhang"], agencies["市市场监管局"], name="另一科", kind=UnitKind.OTHER
        )
    assert not Unit.objects.filter(name__in=["另一科"]).exists()
    assert not agencies["市生态环境局"].units.filter(name="信用监管科").exists()


def test_it_saves_contact_details_from_the_agency_page(demo, agencies, client):
    scjg = agencies["市市场监管局"]
    client.force_login(demo["scjg_admin"])
    response = client.post(
        f"/agencies/{scjg.pk}/",
        {
            "contact-legal_representative": "王强",
            "contact-address": "示范市人民路1号",
            "contact-complaint_phone": "12315",
        },
    )
    assert response.status_code == 302
    scjg.refresh_from_db()
    assert (scjg.legal_representative, scjg.address) == ("王强", "示范市人民路1号")


def test_it_refuses_contact_edits_posted_by_an_officer(demo, agencies, client):
    scjg = agencies["市市场监管局"]
    client.force_login(demo["scjg_zhang"])
    response = client.post(f"/agencies/{scjg.pk}/", {"contact-address": "别处"})
    assert response.status_code == 403
    scjg.refresh_from_db()
    assert scjg.address != "别处"


def test_a_town_sits_under_a_county_not_directly_under_the_city(demo):
    city = Region.objects.get(code="990100")
    with pytest.raises(ValidationError) as exc:
        organisation.create_region(demo["sysadmin"], code="990100201", name="某街道", parent=city)
    assert exc.value.message_dict["parent"] == ["乡镇、街道的上级区划应为县级（区、县、县级市）"]
    assert not Region.objects.filter(code="990100201").exists()
