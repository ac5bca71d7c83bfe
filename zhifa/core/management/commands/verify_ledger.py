"""Walk the ledger's SM3 chain and report whether it holds (exit status 1 if broken)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhifa.core import ledger


class Command(BaseCommand):
    help = "校验全过程记录台账的SM3哈希链；发现篡改时指出第一条异常记录"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="以JSON输出校验结果")

    def handle(self, *args: Any, **options: Any) -> None:
        result = ledger.verify()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        elif result.ok:
            self.stdout.write(f"台账完整：共{result.entries}条，链头SM3 {result.head}")
        if not result.ok:
            raise CommandError(f"台账异常：第{result.first_bad_seq}条，{result.problem}")
