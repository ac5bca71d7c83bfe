"""Walk the ledger's SM3 chain, then re-hash every stored file the chain registered (exit status 1
if the chain is broken or a stored file was changed or removed)."""

from __future__ import annotations

import json
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhifa.core import filestore, ledger


class Command(BaseCommand):
    help = (
        "校验全过程记录台账的SM3哈希链；发现篡改时指出第一条异常记录。"
        "并重新计算台账登记的每个存证文件的SM3，列出被改动或缺失的文件"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="以JSON输出校验结果")
        parser.add_argument(
            "--skip-files", action="store_true", help="只校验台账哈希链，不重新计算存证文件"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="同时校验的文件数（默认为CPU核数，最多4）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = ledger.verify()
        files = None if options["skip_files"] else filestore.verify_files(options["workers"])
        if options["json"]:
            report = result.as_dict()
            if files is not None:
                report["files"] = files.as_dict()
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            if result.ok:
                self.stdout.write(f"台账完整：共{result.entries}条，链头SM3 {result.head}")
            if files is not None and files.ok:
                self.stdout.write(f"存证文件完整：共{files.checked}个，内容与台账登记的SM3一致")
            for sm3, problem in files.problems if files is not None else []:
                self.stderr.write(f"存证文件异常：{filestore.name_for(sm3)}，{problem}")
        failures = []
        if not result.ok:
            failures.append(f"台账异常：第{result.first_bad_seq}条，{result.problem}")
        if files is not None and not files.ok:
            failures.append(f"存证文件异常：{len(files.problems)}个文件被改动或缺失")
        if failures:
            raise CommandError("；".join(failures))
