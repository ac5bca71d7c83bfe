"""The registry's Excel round trip at scale: import N officers of 市市场监管局 from one workbook
(all-or-nothing, one ledger entry per officer), then export them, masked.

It checks what the test suite checks on a few rows (every officer created, one
``registry.officer.create`` entry each, the chain verifies, the export gives back the same cells with
the ID number masked) and reports the times. Moved out of the test suite: at 10,000 rows it took
8 s of the suite's wall time while proving nothing the small imports do not.

Run: ``.venv/bin/python benchmarks/excel_officers.py [--officers 10000]`` (SQLite by default; set
DATABASE_URL for PostgreSQL). It uses its own throw-away database and seeds the demo city in it.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp(prefix="zhifa-bench-")
os.environ.setdefault("ZHIFA_VAR_DIR", _tmp)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from zhifa.core import ledger  # noqa: E402
from zhifa.core.models import LedgerEntry  # noqa: E402
from zhifa.core.validators import mask_id_number  # noqa: E402
from zhifa.org import demo as demo_city  # noqa: E402
from zhifa.org.models import User  # noqa: E402
from zhifa.registry import excel  # noqa: E402
from zhifa.registry.models import Officer  # noqa: E402
from zhifa.registry.services.imports import import_officers  # noqa: E402
from zhifa.testing.factories import county_id_number  # noqa: E402

SCJG = "示范市市场监督管理局"


def officer_row(n: int) -> list[object]:
    row = {
        "姓名": f"执法员{n:05d}",
        "身份证号码": county_id_number(n),
        "执法主体": SCJG,
        "科室": "执法大队",
        "岗位": "科员",
        "执法岗位": "是",
        "执法领域": "市场监管、文化市场" if n % 2 else "市场监管",
        "状态": "在岗" if n % 10 else "离岗",
        "法制审核人员": "否",
        "法律职业资格": "是" if n % 3 == 0 else "否",
    }
    return [row[c] for c in excel.OFFICERS.columns]


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook(write_only=True)
    ws = book.create_sheet("数据")
    ws.append(list(excel.OFFICERS.columns))
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officers", type=int, default=10_000)
    n = parser.parse_args().officers
    old = setup_databases(verbosity=0, interactive=False)
    try:
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            demo_city.seed()
        admin = User.objects.get(username="scjg_admin")
        rows = [officer_row(i) for i in range(n)]
        content = workbook(rows)
        officers_before, seq_before = Officer.objects.count(), LedgerEntry.objects.count()

        started = time.perf_counter()
        result = import_officers(admin, content)
        imported = time.perf_counter() - started
        assert result.created == n and str(result) == f"已导入{n}名执法人员"
        assert Officer.objects.count() == officers_before + n
        created = LedgerEntry.objects.order_by("seq")[seq_before:]
        assert len(created) == n
        assert {e.action for e in created} == {"registry.officer.create"}
        started = time.perf_counter()
        assert ledger.verify().ok
        verified = time.perf_counter() - started

        started = time.perf_counter()
        exported = excel.export_officers(admin)
        export_time = time.perf_counter() - started
        book = load_workbook(io.BytesIO(exported), read_only=True)
        back = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        assert back[0] == excel.OFFICERS.columns
        expected = {(r[0], mask_id_number(str(r[1])), *r[2:]) for r in rows}
        assert {tuple(r) for r in back[1:]} >= expected  # the demo's own officers come too

        print(f"database: {connection.vendor}; officers: {n}")
        print(f"import: {imported:.1f} s ({n / imported:,.0f} officers/s, one ledger entry each)")
        print(f"verify the chain after it: {verified:.1f} s")
        print(f"export (masked): {export_time:.1f} s ({len(back) - 1:,} rows)")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
