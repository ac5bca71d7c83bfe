"""案号规则 page: the agency's information administrator sets the prefix and sees the next number
(the year's numbers run on from the last one opened); a bad prefix is refused in Chinese with
nothing written; the others may not."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from zhifa.testing.factories import CaseFactory
from zhifa.testing.ledger import last_seq

TODAY = date(2026, 6, 17)
URL = "/cases/numbering/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def test_the_administrator_sets_the_prefix_and_sees_the_next_number(client, personas, scjg):
    CaseFactory(state="investigation")  # 〔2026〕1号 taken
    client.force_login(personas.agency_admin)
    page = client.get(URL).content.decode()
    assert "市市场监管罚〔2026〕2号" in page
    seq = last_seq()
    bad = client.post(URL, {"agency": scjg.pk, "prefix": "示〔罚〕"})
    assert bad.status_code == 400 and "不含括号、空格" in bad.content.decode()
    assert last_seq() == seq
    saved = client.post(URL, {"agency": scjg.pk, "prefix": "示市监罚"}, follow=True)
    assert "示市监罚〔2026〕2号" in saved.content.decode()
    assert "已设置案号字头：示市监罚" in saved.content.decode()


def test_only_an_administrator_may_open_it(client, personas):
    for user in (personas.officer, personas.agency_head, personas.city_supervisor):
        client.force_login(user)
        assert client.get(URL).status_code == 403
