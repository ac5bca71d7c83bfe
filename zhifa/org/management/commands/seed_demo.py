"""Build the demo city 示范市 and print its logins (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from zhifa.catalog import demo as catalog_demo
from zhifa.org import demo
from zhifa.registry import demo as registry_demo


class Command(BaseCommand):
    help = "建立示范市演示数据并打印演示账号（可重复执行）"

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            logins = demo.seed()
            agency_admins = registry_demo.seed()
            catalogue = catalog_demo.seed()
        self.stdout.write("示范市演示数据已就绪。演示账号：")
        width = max(len(u) for u, *_ in logins)
        for username, password, name, what in logins:
            self.stdout.write(f"  {username.ljust(width)}  {password}  {name}：{what}")
        if agency_admins:
            names = "、".join(u for u, *_ in agency_admins)
            self.stdout.write(f"  各执法主体信息管理员（密码同上）：{names}")
        if catalogue:
            self.stdout.write(catalogue.line())
