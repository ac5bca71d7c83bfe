"""Parties as stored: ID numbers and phones encrypted and masked, found by their blind index;
codes unique; the industry's division; who sees which party."""

from __future__ import annotations

from django.db import connection

from zhifa.core.crypto import blind_index
from zhifa.parties.models import Party, PartyKind
from zhifa.testing.factories import PartyAccountFactory, PartyFactory, county_id_number, party_uscc


def test_a_person_s_id_number_is_kept_encrypted_and_found_by_its_index(personas):
    number = county_id_number(1234)
    person = PartyFactory(kind=PartyKind.PERSON, name="王小明", id_number=number, uscc=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM parties_party WHERE id = %s", [person.pk])
        stored = cursor.fetchone()[0]
    assert number not in stored
    assert Party.objects.get(id_number_index=blind_index(number)) == person
    assert person.uscc is None
    assert person.id_number_masked == number[:6] + "********" + number[-4:]
    assert person.identifier == person.id_number_masked


def test_contact_phones_are_encrypted_and_masked(personas):
    party = PartyFactory(policy_officer_name="李政策", policy_officer_phone="13812345678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT policy_officer_phone FROM parties_party WHERE id = %s", [party.pk])
        assert "13812345678" not in cursor.fetchone()[0]
    assert Party.objects.get(pk=party.pk).policy_officer_phone_masked == "138****5678"


def test_an_enterprise_has_a_valid_code_and_its_industry_division(personas):
    party = PartyFactory(industry="C1311")
    assert party.uscc == party_uscc(party_number(party))
    assert party.industry_division == "13"
    assert party.identifier == party.uscc


def party_number(party: Party) -> int:
    return int(party.uscc[8:17])


def test_staff_and_supervisors_see_every_party_an_enterprise_only_its_own(personas):
    own, other = PartyFactory(), PartyFactory()
    PartyAccountFactory(party=own, user=personas.enterprise)
    for who in (
        personas.officer,
        personas.outsider,
        personas.agency_head,
        personas.city_supervisor,
    ):
        assert set(Party.objects.restrict(who)) >= {own, other}
    assert list(Party.objects.restrict(personas.enterprise)) == [own]
    for who in (personas.system_admin, personas.audit_admin, personas.anonymous):
        assert not Party.objects.restrict(who).exists()
    assert not Party.objects.restrict(personas.officer, "administer").exists()
    assert Party.objects.restrict(personas.agency_admin, "administer").count() >= 2


def test_the_bulk_path_stores_and_records_what_the_orm_would(personas):
    from datetime import date

    from zhifa.core import ledger
    from zhifa.parties import bulk, services
    from zhifa.testing.factories import city

    number = county_id_number(777)
    party = services.build_party(
        {
            "kind": PartyKind.PERSON,
            "name": "蒋十五",
            "id_number": number,
            "region": city(),
            "industry": "F52",
            "credit_grade": "B",
            "credit_graded_on": date(2026, 1, 5),
            "credit_source": "平台",
            "liaison_leader_phone": "13900139000",
        }
    )
    from zhifa.testing.ledger_guard import writes_around_services

    with writes_around_services("the bulk insert alone, its ledger entry is the importer's"):
        bulk.insert_parties([party])
    stored = Party.objects.get(pk=party.pk)
    assert (stored.id_number, stored.liaison_leader_phone) == (number, "13900139000")
    assert stored.credit_graded_on == date(2026, 1, 5) and stored.created_at is not None
    assert bulk.snapshot(party) == ledger.snapshot(stored) == services.snapshot(stored)
