"""The parties' pages: the list with its filters, search and masked export; a party's record
with masked personal data and its actions; registration refusing a bad code with the expected
character; the import page refusing a broken file whole."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from zhifa.core.validators import uscc_check_char
from zhifa.org.models import Region
from zhifa.parties.models import Party, PartyAccount
from zhifa.parties.tests.workbooks import party_row, workbook
from zhifa.testing.factories import PartyAccountFactory, PartyFactory, county_id_number, party_uscc
from zhifa.testing.ledger import last_seq

LIST = reverse("parties:party_list")


def test_the_list_filters_and_searches(client, personas):
    east = PartyFactory(name="示范市东区粮油有限公司", region=Region.objects.get(code="990102"))
    west = PartyFactory(name="示范市西区酒店有限公司", region=Region.objects.get(code="990103"))
    number = county_id_number(2468)
    person = PartyFactory(kind="person", name="冯十二", id_number=number)
    client.force_login(personas.officer)
    html = client.get(LIST, {"region": Region.objects.get(code="990103").pk}).content.decode()
    assert west.name in html and east.name not in html
    html = client.get(LIST, {"q": "粮油"}).content.decode()
    assert east.name in html and west.name not in html
    html = client.get(LIST, {"q": east.uscc}).content.decode()
    assert east.name in html and west.name not in html
    # The stored number is shown masked (the links of the page keep the number searched for).
    html = client.get(LIST, {"q": number}, HTTP_HX_REQUEST="true").content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert person.name in rows and east.name not in rows
    assert person.id_number_masked in rows and number not in rows


def test_the_export_has_the_filtered_rows_masked(client, personas):
    number = county_id_number(1357)
    PartyFactory(kind="person", name="褚十三", id_number=number, policy_officer_phone="")
    PartyFactory(name="示范市另一公司")
    client.force_login(personas.officer)
    response = client.get(reverse("parties:party_export"), {"kind": "person"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert rows[0][:4] == ("主体类型", "名称（姓名）", "统一社会信用代码", "身份证号码")
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [
        ("自然人", "褚十三", number[:6] + "********" + number[-4:])
    ]


def test_the_record_shows_personal_data_masked(client, personas):
    number = county_id_number(9753)
    person = PartyFactory(
        kind="person",
        name="卫十四",
        id_number=number,
        liaison_leader_name="王包保",
        liaison_leader_phone="13900139000",
    )
    client.force_login(personas.officer)
    html = client.get(reverse("parties:party_detail", args=[person.pk])).content.decode()
    assert person.id_number_masked in html and number not in html
    assert "139****9000" in html and "13900139000" not in html
    client.post(
        reverse("parties:party_detail", args=[person.pk]),
        {
            "act": "edit",
            "edit-name": "卫十四",
            "edit-region": person.region_id,
            "edit-address": "新址",
        },
    )
    person.refresh_from_db()
    assert person.address == "新址" and person.liaison_leader_phone == "13900139000"


def test_an_enterprise_sees_its_own_party_and_no_other(client, personas):
    own, other = PartyFactory(), PartyFactory()
    PartyAccountFactory(party=own, user=personas.enterprise)
    client.force_login(personas.enterprise)
    html = client.get(LIST).content.decode()
    assert own.name in html and other.name not in html
    assert client.get(reverse("parties:party_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("parties:party_detail", args=[other.pk])).status_code == 404


def test_registration_refuses_a_bad_code_with_the_expected_character(client, personas):
    good = party_uscc(31)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    client.force_login(personas.officer)
    data = {
        "kind": "enterprise",
        "name": "示范市某公司",
        "uscc": bad,
        "region": Region.objects.get(code="990102").pk,
    }
    html = client.post(reverse("parties:party_create"), data).content.decode()
    assert f"统一社会信用代码校验位错误，应为{uscc_check_char(good[:17])}" in html
    assert not Party.objects.filter(name="示范市某公司").exists()
    response = client.post(reverse("parties:party_create"), {**data, "uscc": good})
    party = Party.objects.get(uscc=good)
    assert response.status_code == 302 and response.url == reverse(
        "parties:party_detail", args=[party.pk]
    )


def test_only_an_administrator_records_a_verified_code_on_the_record(client, personas):
    party = PartyFactory()
    bad = party.uscc[:17] + ("0" if party.uscc[17] != "0" else "1")
    url = reverse("parties:party_detail", args=[party.pk])
    form = {"act": "verify", "verify-code": bad, "verify-reason": "登记机关复函确认"}
    client.force_login(personas.officer)
    assert "记录登记机关核实" not in client.get(url).content.decode()
    assert client.post(url, form).status_code == 403
    client.force_login(personas.agency_admin)
    assert client.post(url, form).status_code == 302
    party.refresh_from_db()
    assert party.uscc == bad and party.uscc_verified


def test_unbinding_needs_a_confirmation(client, personas):
    account = PartyAccountFactory(user=personas.enterprise)
    url = reverse("parties:party_detail", args=[account.party.pk])
    client.force_login(personas.agency_admin)
    html = client.post(url, {"act": "unbind", "unbind-account": account.pk}).content.decode()
    assert "请勾选确认后再解除绑定" in html and PartyAccount.objects.filter(pk=account.pk).exists()
    response = client.post(
        url, {"act": "unbind", "unbind-account": account.pk, "unbind-confirm": "on"}
    )
    assert response.status_code == 302 and not PartyAccount.objects.filter(pk=account.pk).exists()


def test_the_import_page_refuses_a_broken_file_whole(client, personas):
    client.force_login(personas.agency_admin)
    content = workbook([party_row(61), party_row(62, 所在区划="123456")])
    since, count = last_seq(), Party.objects.count()
    upload = io.BytesIO(content)
    upload.name = "parties.xlsx"
    html = client.post(reverse("parties:party_import"), {"file": upload}).content.decode()
    assert "文件有误，未导入任何数据" in html
    assert "<td>第3行</td><td>所在区划</td>" in html
    assert last_seq() == since and Party.objects.count() == count
