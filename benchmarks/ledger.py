"""Ledger cost, as ratios against a baseline run side by side (never a timed test).

- append: a service-style change (one row saved) with a ledger entry, against the same change
  without one — what the tamper-evident record costs each write;
- verify: walking the chain, against reading the same rows without hashing.

Run: ``.venv/bin/python benchmarks/ledger.py [--entries 20000]`` (SQLite by default; set
DATABASE_URL for PostgreSQL). It uses its own throw-away database.
"""

from __future__ import annotations

import argparse
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

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from zhifa.core import ledger  # noqa: E402
from zhifa.core.models import CalendarOverride, LedgerEntry  # noqa: E402


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def changes(n: int, *, with_ledger: bool, offset: int) -> None:
    from datetime import date, timedelta

    base = date(2000, 1, 1)
    for i in range(n):
        with transaction.atomic():
            row = CalendarOverride.objects.create(
                day=base + timedelta(days=offset + i), is_working_day=bool(i % 2), note="bench"
            )
            if with_ledger:
                ledger.append(
                    actor=None, action="bench.change", obj=row, after=ledger.snapshot(row)
                )


def read_plain() -> None:
    for entry in LedgerEntry.objects.select_related("payload").order_by("seq").iterator(2000):
        _ = entry.payload.body


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20000)
    args = parser.parse_args()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        n = args.entries
        baseline = timed(changes, n, with_ledger=False, offset=0)
        with_ledger = timed(changes, n, with_ledger=True, offset=n)
        plain = timed(read_plain)
        verify_time = timed(ledger.verify)
        assert ledger.verify().ok
        print(f"database: {connection.vendor}; entries: {n}")
        print(
            f"append: {with_ledger / baseline:.2f}x the plain change "
            f"({n / with_ledger:,.0f} changes/s with ledger, {n / baseline:,.0f} without)"
        )
        print(
            f"verify: {verify_time / plain:.2f}x a plain read of the chain "
            f"({n / verify_time:,.0f} entries/s)"
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
