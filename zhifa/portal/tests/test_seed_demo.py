"""``manage.py seed_demo`` builds the demo city from every app's declared seed, in order, prints
the logins once, and changes nothing when run again."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from zhifa.catalog.models import Matter
from zhifa.core.models import LedgerEntry
from zhifa.parties.models import Party
from zhifa.registry.models import Officer


def seed_demo() -> list[str]:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue().splitlines()


def test_it_seeds_every_app_and_prints_the_logins_then_changes_nothing(db):
    first = seed_demo()
    assert first[0] == "示范市演示数据已就绪。演示账号："
    assert any(line.split()[:2] == ["sysadmin", "Xitong@2026"] for line in first)
    assert any(line.split()[:2] == ["scjg_zhang", "Shifan@2026"] for line in first)
    admins = next(line for line in first if line.startswith("  各执法主体信息管理员（密码同上）："))
    assert "admin_sthj" in admins
    assert any(line.startswith("执法事项目录：") for line in first)
    assert "  当事人：300个（企业用户qy_demo已绑定示范市鑫源食品有限公司）" in first
    assert any(line.startswith("双随机抽查：11个抽查计划，6次抽取") for line in first)
    assert Officer.objects.exists()
    assert Matter.objects.exists()
    assert Party.objects.count() == 300

    entries = LedgerEntry.objects.count()
    again = seed_demo()
    assert LedgerEntry.objects.count() == entries
    assert not any(
        "信息管理员（密码同上）" in line
        or "执法事项目录" in line
        or "当事人：" in line
        or "双随机抽查" in line
        for line in again
    )
    assert again == first[: len(again)]
