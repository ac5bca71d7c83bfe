"""A stratified 5 % draw from 500,000 parties, against a bare SQL read of the pool's codes.

What the draw does for a plan (``zhifa.inspections.services.draws``): read the pool's rows (code,
risk class, credit grade) in one scan on a plain cursor, sort them into the 12 strata (risk class
× credit grade), sort and hash each stratum's codes (the pool hash), and select each stratum's
k = 5 % lowest rank keys SM3(seed ‖ code). The baseline reads only the pool's codes with the same
SQL (``SELECT uscc FROM parties_party WHERE <the pool's filters>``) on a plain cursor into a list.
The target (issue #9, Speed) is ≤ 2 s and ≤ 3× the baseline. Not timed: the draw's writes (the
frozen pools and the ~25,000 targets, a few bulk inserts).

Run: ``.venv/bin/python benchmarks/draw.py [--parties 500000] [--ratio 5]`` (SQLite by default;
set DATABASE_URL for PostgreSQL). It uses its own throw-away database; inserting the parties
is not timed (minutes on a busy machine).
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

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from zhifa.core.validators import uscc_check_char  # noqa: E402
from zhifa.inspections import draw as d  # noqa: E402
from zhifa.inspections.services.draws import pool_base, stratify  # noqa: E402
from zhifa.org.models import Region  # noqa: E402
from zhifa.parties.models import Party  # noqa: E402

RISKS = ("low", "medium", "high")
GRADES = ("A", "B", "C", "D")


def insert_parties(n: int) -> None:
    """``n`` enterprises spread over the strata and three districts (around the services: this is
    a benchmark fixture, not business data)."""
    city = Region.objects.create(code="990100", name="示范市", level="city")
    districts = [
        Region.objects.create(code=c, name=name, level="county", parent=city)
        for c, name in (("990102", "东城区"), ("990103", "西城区"), ("990121", "南山县"))
    ]
    batch = []
    for i in range(n):
        first17 = f"91370102{i:09d}"
        batch.append(
            Party(
                kind="enterprise",
                name=f"基准测试企业{i}",
                uscc=first17 + uscc_check_char(first17),
                region=districts[i % 3],
                industry="F52",
                risk_class=RISKS[i % 3],
                credit_grade=GRADES[(i // 3) % 4],
            )
        )
        if len(batch) == 20000:
            Party.objects.bulk_create(batch)
            batch = []
    Party.objects.bulk_create(batch)


def bare_read() -> list[str]:
    """The pool's codes, and nothing else, by the pool's own SQL on a plain cursor."""
    sql, params = pool_base(["99"], [], []).values_list("uscc").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [code for (code,) in cursor.fetchall()]


def the_draw(seed: bytes, ratio: int) -> dict[str, list[str]]:
    keys = {(r, g): f"{r}-{g}" for r in RISKS for g in GRADES}
    result = stratify(pool_base(["99"], [], []), keys, {})
    selections = {}
    for key, codes in result.pools.items():
        d.sm3_hex("\n".join(codes).encode("utf-8"))
        selections[key] = d.select(seed, codes, d.sample_size(len(codes), ratio))
    return selections


def best_of(runs: int, fn, *args):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parties", type=int, default=500_000)
    parser.add_argument("--ratio", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        start = time.perf_counter()
        insert_parties(args.parties)
        print(
            f"database: {connection.vendor}; {args.parties:,} parties inserted in "
            f"{time.perf_counter() - start:.0f} s (not timed)"
        )
        seed = bytes(range(32))
        read_time, codes = best_of(args.runs, bare_read)
        assert len(codes) == args.parties
        draw_time, selections = best_of(args.runs, the_draw, seed, args.ratio)
        chosen = sum(len(s) for s in selections.values())
        print(f"bare SQL read of the pool's codes: {read_time:.2f} s")
        print(
            f"stratified {args.ratio}% draw ({len(selections)} strata, {chosen:,} selected): "
            f"{draw_time:.2f} s = {draw_time / read_time:.1f}x the bare read "
            f"(target: <= 2 s and <= 3x)"
        )
        hash_time, _ = best_of(args.runs, _hash_only, seed, codes)
        print(f"  of which SM3 rank keys alone (one copy() per code): {hash_time:.2f} s")
    finally:
        teardown_databases(old, verbosity=0)


def _hash_only(seed: bytes, codes: list[str]) -> None:
    import hashlib

    copy = hashlib.new("sm3", seed).copy
    for raw in "\n".join(codes).encode("utf-8").split(b"\n"):
        h = copy()
        h.update(raw)
        h.digest()


if __name__ == "__main__":
    main()
