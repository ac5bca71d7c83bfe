"""``manage.py seed_demo`` builds the demo city from every app's declared seed, in order, prints
the logins once, and changes nothing when run again."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from zhifa.catalog.models import Matter
from zhifa.core.models import LedgerEntry
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
    catalog = next(i for i, line in enumerate(first) if line.startswith("执法事项目录："))
    assert first[catalog - 1].startswith("  各执法主体信息管理员（密码同上）：")
    assert "admin_sthj" in first[catalog - 1]
    assert first[catalog + 1].startswith("双随机抽查：11个抽查计划，6次抽取")
    assert Officer.objects.exists()
    assert Matter.objects.exists()

    entries = LedgerEntry.objects.count()
    again = seed_demo()
    assert LedgerEntry.objects.count() == entries
    assert not any(
        "信息管理员（密码同上）" in line or "执法事项目录" in line or "双随机抽查" in line
        for line in again
    )
    assert again == first[: len(again)]
