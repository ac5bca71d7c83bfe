"""执法事项: every matter has its legal basis; codes are unique; only the agency's administrator
edits its catalogue; every change is in the ledger."""

from __future__ import annotations

import pytest

from zhifa.catalog.models import Matter, MatterCategory
from zhifa.catalog.services import matters
from zhifa.catalog.tests.catalog_fixtures import (
    agency,
    forbidden,
    last_seq,
    ledger_actions,
    make_matter,
    matter_data,
    refused,
)
from zhifa.core.models import LedgerEntry


def test_a_matter_with_its_legal_basis_is_created_and_recorded(demo):
    seq = last_seq()
    matter = make_matter(demo["scjg_admin"])
    assert matter.agency == agency("市市场监管局")
    assert matter.basis == "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项"
    assert ledger_actions(seq) == ["catalog.matter.create"]
    entry = LedgerEntry.objects.get(seq__gt=seq)
    assert entry.object_id == str(matter.pk)
    assert entry.actor == demo["scjg_admin"]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("law", "执法事项必须有法律依据：请填写法律、法规或规章名称"),
        ("article", "请填写依据的具体条款"),
        ("article_text", "请填写依据条款的内容"),
    ],
)
def test_a_matter_without_legal_basis_is_refused(demo, field, message):
    with refused(message, field=field):
        matters.create_matter(
            demo["scjg_admin"], agency("市市场监管局"), **matter_data(**{field: "  "})
        )


def test_every_missing_field_is_named_at_once(demo):
    data = matter_data(code="", name="", category="fine", level="", law="")
    with refused("请填写事项编码", field="code") as caught:
        matters.create_matter(demo["scjg_admin"], agency("市市场监管局"), **data)
    assert caught.value.message_dict == {
        "code": ["请填写事项编码"],
        "name": ["请填写事项名称"],
        "category": ["请选择职权类别"],
        "level": ["请选择行使层级"],
        "law": ["执法事项必须有法律依据：请填写法律、法规或规章名称"],
    }


def test_a_duplicate_code_is_refused(demo):
    make_matter(demo["scjg_admin"], code="330217124000")
    with refused("事项编码330217124000已存在", field="code"):
        make_matter(demo["scjg_admin"], code=" 330217124000 ")


@pytest.mark.parametrize("username", ["scjg_zhang", "scjg_wang", "sfj_chen", "sysadmin"])
def test_only_the_agency_administrator_creates_matters(demo, username):
    with forbidden("只有市市场监管局的信息管理员可以办理此事项"):
        make_matter(demo[username])


def test_an_administrator_cannot_add_to_another_agencys_catalogue(demo):
    with forbidden("只有市生态环境局的信息管理员可以办理此事项"):
        matters.create_matter(demo["scjg_admin"], agency("市生态环境局"), **matter_data())


def test_an_update_is_validated_and_recorded_with_before_and_after(demo):
    matter = make_matter(demo["scjg_admin"])
    with refused("执法事项必须有法律依据", field="law"):
        matters.update_matter(demo["scjg_admin"], matter, law="")
    with forbidden():
        matters.update_matter(demo["scjg_zhang"], matter, name="改名")
    seq = last_seq()
    matters.update_matter(demo["scjg_admin"], matter, category=MatterCategory.INSPECTION)
    assert Matter.objects.get(pk=matter.pk).category == MatterCategory.INSPECTION
    assert ledger_actions(seq) == ["catalog.matter.update"]


def test_a_code_can_be_kept_on_update_but_not_taken_from_another(demo):
    first = make_matter(demo["scjg_admin"], code="A-1")
    make_matter(demo["scjg_admin"], code="A-2")
    matters.update_matter(demo["scjg_admin"], first, code="A-1", name="新名称")
    with refused("事项编码A-2已存在", field="code"):
        matters.update_matter(demo["scjg_admin"], first, code="A-2")
