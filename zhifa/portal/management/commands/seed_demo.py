"""Build the demo city 示范市 and print its logins (idempotent): each app's demo seed, as declared
on its AppConfig (``demo``), after the apps it depends on, all in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from zhifa.portal.collect import demo_seeds


class Command(BaseCommand):
    help = "建立示范市演示数据并打印演示账号（可重复执行）"

    def handle(self, *args: Any, **options: Any) -> None:
        lines: list[str] = []
        with transaction.atomic():
            for _, seed in demo_seeds():
                lines.extend(import_string(seed.seed)())
        self.stdout.write("示范市演示数据已就绪。演示账号：")
        for line in lines:
            self.stdout.write(line)
