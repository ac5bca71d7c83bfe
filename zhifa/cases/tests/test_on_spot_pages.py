"""当场处罚 on the officer's phone (简易程序, 处罚法 arts. 51, 52, 68, 69): one column with large
targets, only the matters the officer may enforce today, art. 51's limit shown and enforced (the
article named), the decision numbered and served, its 当场行政处罚决定书 with art. 52's elements,
the optional collection; every refusal in Chinese with nothing written."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest
import time_machine

from zhifa.cases.models import Case, CaseStatus, OnSpotDecision
from zhifa.cases.services import documents
from zhifa.core import filestore
from zhifa.core.models import IssuedDocument
from zhifa.org.models import EnforcementField
from zhifa.parties.models import Party
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.documents import docx_text
from zhifa.testing.factories import (
    MatterFactory,
    OfficerFactory,
    PartyFactory,
    case_handler,
    id_number,
)
from zhifa.testing.filings import eligible_officer

URL = "/cases/on-spot/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2026, 6, 17, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def site(client, scjg):
    """The persona officer signed in, a second officer, a matter they may enforce and one of a
    field their certificates do not cover."""
    user, _ = case_handler(scjg)
    other_field = EnforcementField.objects.exclude(code="01").order_by("code").first()
    site = {
        "user": user,
        "partner": eligible_officer(scjg),
        "matter": MatterFactory(agency=scjg),
        "foreign": MatterFactory(agency=scjg, field=other_field),
        "unit": scjg.units.filter(kind="handling").first(),
    }
    client.force_login(user)
    return site


def form(site, **change):
    data = {
        "party_mode": "registered",
        "party": "",
        "title": "未按规定公示营业执照案",
        "matter": site["matter"].pk,
        "facts": "当事人未在经营场所醒目位置公示营业执照",
        "basis": "",
        "measure": "fine",
        "fine": "150",
        "place": "示范市测试路1号店内",
        "second_officer": site["partner"].pk,
        "unit": site["unit"].pk,
    }
    return {**data, **change}


def test_the_page_fits_a_phone_and_offers_only_matters_the_officer_may_enforce(client, site):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="viewport" content="width=device-width' in html
    assert 'class="form-grid on-spot-form"' in html  # one column, inputs 100% wide
    assert 'inputmode="decimal"' in html  # the fine opens the number pad
    assert 'data-confirm="当场作出行政处罚决定后即编号、送达' in html
    assert "公民200元以下，法人或者其他组织3,000元以下" in html
    matters = re.search(r'<select name="matter".*?</select>', html, re.S).group(0)
    assert f'value="{site["matter"].pk}"' in matters
    assert f'value="{site["foreign"].pk}"' not in matters
    assert site["partner"].name in html


def test_the_officer_reaches_it_from_home_and_the_case_list(client, site):
    assert 'href="/cases/on-spot/"' in client.get("/").content.decode()
    assert 'data-testid="on-spot-link"' in client.get("/cases/").content.decode()


def test_a_fine_beyond_art_51_is_refused_with_the_article_and_nothing_written(client, site):
    company = PartyFactory(kind="enterprise")
    cases, parties = Case.objects.count(), Party.objects.count()
    too_much = client.post(URL, form(site, party=company.uscc, fine="3000.01"))
    html = too_much.content.decode()
    assert too_much.status_code == 400
    assert "第五十一条" in html and "3,000元以下罚款才可适用简易程序" in html
    person = {
        "party_mode": "person",
        "person_name": "王小二",
        "person_id_number": id_number(7),
        "fine": "201",
    }
    refused = client.post(URL, form(site, **person))
    assert refused.status_code == 400 and "对公民当场处以200元以下罚款" in refused.content.decode()
    assert (Case.objects.count(), Party.objects.count()) == (cases, parties)
    foreign = client.post(URL, form(site, party=company.uscc, matter=site["foreign"].pk))
    assert foreign.status_code == 400 and "您今天不能就该事项执法" in foreign.content.decode()
    assert Case.objects.count() == cases


def test_bad_input_names_each_field_in_chinese(client, site):
    response = client.post(
        URL,
        form(site, party="不存在的公司", fine="十元", place="", second_officer="")
        | {"party_mode": "person", "person_id_number": "123"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "请填写当事人姓名" in html
    errors = re.findall(r'field-error">([^<]+)<', html)
    assert errors == ["请填写当事人姓名", "请填写「作出决定地点」", "请选择「另一名执法人员」"]
    registered = client.post(URL, form(site, party="不存在的公司", fine="十元"))
    assert "没有找到该当事人" in registered.content.decode()
    wrong_amount = client.post(URL, form(site, party=PartyFactory().uscc, fine="十元"))
    assert "请填写正确的金额" in wrong_amount.content.decode()
    assert not Case.objects.exists()


def test_a_person_met_on_site_is_registered_with_the_decision(client, site):
    bad_id = {"party_mode": "person", "person_name": "王小二", "person_id_number": "110101X"}
    refused = client.post(URL, form(site, **bad_id, fine="50"))
    assert (
        refused.status_code == 400 and 'id="id_person_id_number_error"' in refused.content.decode()
    )
    assert not Party.objects.filter(name="王小二").exists()
    person = {**bad_id, "person_id_number": id_number(8), "person_address": "示范市某路2号"}
    done = client.post(URL, form(site, **person, fine="200"))
    assert done.status_code == 302
    case = Case.objects.get()
    assert case.parties.get().party.name == "王小二" and case.on_spot.fine == Decimal("200")


def test_a_decision_on_the_spot_then_its_document_and_the_collection(
    client, site, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    company = PartyFactory(kind="enterprise")
    done = client.post(URL, form(site, party=company.uscc, fine="150"))
    case = Case.objects.get()
    assert done.status_code == 302 and done.url == f"/cases/{case.pk}/"
    assert case.status == CaseStatus.EXECUTION and case.number and case.served_on
    assert case.on_spot.basis == site["matter"].basis  # blank: the matter's own basis
    page = client.get(done.url).content.decode()
    assert 'data-testid="on-spot-panel"' in page and "当场行政处罚决定书" in page
    assert 'data-testid="collect-form"' in page and "罚款超过100元" in page

    collect = f"/cases/{case.pk}/on-spot/collect/"
    no_reason = client.post(collect, {"amount": "150", "receipt_number": "SD-1"})
    assert no_reason.status_code == 400 and "请写明理由" in no_reason.content.decode()
    assert OnSpotDecision.objects.get(case=case).collected is None
    reason = "当事人系外地过境货车司机，事后难以执行"
    paid = client.post(collect, {"amount": "150", "receipt_number": "SD-1", "reason": reason})
    assert paid.status_code == 302
    page = client.get(done.url).content.decode()
    assert 'data-testid="on-spot-collected"' in page and 'data-testid="collect-form"' not in page

    document_page = f"/cases/{case.pk}/documents/new/on_spot_decision/"
    assert client.get(document_page).status_code == 200
    assert client.post(document_page, {"csrfmiddlewaretoken": "t"}).status_code == 302
    issued = IssuedDocument.objects.get(kind="cases.on_spot_decision")
    with filestore.open_verified(issued.file) as stored:
        text = docx_text(stored.read())
    for element in (
        company.name,  # the party
        "当事人未在经营场所醒目位置公示营业执照",  # the violation
        site["matter"].basis,  # the basis
        "罚款人民币150元",  # the kind and amount
        "2026年6月17日",  # the time
        "示范市测试路1号店内",  # the place
        "六十日内",  # reconsideration
        "六个月内",  # lawsuit
        "执法证号",  # the officers' certificates
        "收据，编号SD-1",
    ):
        assert element in text, element
    assert documents.KINDS["on_spot_decision"] not in documents.available(
        Case(status=CaseStatus.EXECUTION, procedure="ordinary")
    )


def test_the_head_without_a_certificate_may_not_decide_on_the_spot(client, personas):
    client.force_login(personas.agency_head)
    assert client.get(URL).status_code == 403


def test_a_warning_is_decided_with_a_stated_basis_and_nothing_to_collect(client, site):
    basis = "《示范市市容管理条例》第二十条"
    data = form(site, party=PartyFactory().uscc, measure="warning", fine="", basis=basis)
    done = client.post(URL, data)
    case = Case.objects.get()
    assert done.status_code == 302 and case.on_spot.fine is None and case.on_spot.basis == basis
    page = client.get(done.url).content.decode()
    assert basis in page and 'data-testid="collect-form"' not in page
    collect = client.post(
        f"/cases/{case.pk}/on-spot/collect/", {"amount": "0", "receipt_number": "X"}
    )
    refusal = collect.content.decode()
    assert collect.status_code == 400 and "第六十八条、第六十九条：只有罚款可以当场收缴" in refusal


def test_a_second_officer_who_may_not_enforce_is_refused_beside_the_choice(client, site, scjg):
    uncertified = OfficerFactory(agency=scjg)
    response = client.post(
        URL, form(site, party=PartyFactory().uscc, second_officer=uncertified.pk)
    )
    assert response.status_code == 400
    assert 'id="id_second_officer_error"' in response.content.decode()
    assert "未取得行政执法证件" in response.content.decode()
    assert not Case.objects.exists()
