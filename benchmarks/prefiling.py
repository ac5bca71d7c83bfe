"""The pre-filing's checks (事前备案) against a year of filings: how long every refusal takes to
decide for one proposed visit (the enterprise-inspection list on the window's dates, each
officer's ``can_enforce``, at least two officers, an overlapping filing of the same agency, the
agency's yearly cap), against a bare SQL read of the enterprise's filings as the baseline.

Target (issue 9, "Speed"): p95 ≤ 20 ms with a year of filings. The script prints p50/p95/max, the
ratio to the baseline, and exits non-zero when the target is missed.

Run: ``.venv/bin/python benchmarks/prefiling.py [--filings 50000] [--parties 5000]`` (SQLite by
default; set DATABASE_URL for PostgreSQL). It uses its own throw-away database: the demo city,
one agency's enterprise-inspection list and officers built through the services; the year of
filings is written in bulk around the services (setup only, not what is measured).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp(prefix="zhifa-bench-")
os.environ.setdefault("ZHIFA_VAR_DIR", _tmp)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

from zhifa.inspections import prefiling  # noqa: E402
from zhifa.inspections.models import Inspection  # noqa: E402
from zhifa.org import demo as demo_city  # noqa: E402
from zhifa.org.models import Agency, User  # noqa: E402
from zhifa.parties.models import Party  # noqa: E402
from zhifa.testing.factories import party_uscc  # noqa: E402
from zhifa.testing.filings import eligible_officers, listed_matter  # noqa: E402

TARGET_MS = 20.0
STATES = ("submitted", "approved", "recorded", "closed", "closed", "closed", "withdrawn")


def build(n_filings: int, n_parties: int) -> tuple[Agency, list, list, list[Party]]:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        demo_city.seed()
    agency = Agency.objects.get(short_name="市市场监管局")
    start = timezone.localdate() - timedelta(days=300)
    matters = [listed_matter(agency, effective_on=start - timedelta(days=30)) for _ in range(5)]
    officers = eligible_officers(agency, 12)
    filer = User.objects.get(username="scjg_zhang")
    with transaction.atomic():  # setup around the services: what is measured is the checks
        Party.objects.bulk_create(
            Party(kind="enterprise", name=f"基准企业{i}", uscc=party_uscc(i), region=agency.region)
            for i in range(n_parties)
        )
        parties = list(Party.objects.order_by("pk"))
        rng = random.Random(7)
        rows = []
        for i in range(n_filings):
            day = start + timedelta(days=rng.randrange(365))
            rows.append(
                Inspection(
                    kind=rng.choice(("routine", "routine", "special", "individual")),
                    party=parties[rng.randrange(n_parties)],
                    lead_agency=agency,
                    window_start=day,
                    window_end=day + timedelta(days=rng.randrange(4)),
                    basis="基准",
                    status=STATES[i % len(STATES)],
                    filed_by=filer,
                )
            )
        made = Inspection.objects.bulk_create(rows, batch_size=2000)
        through = Inspection.agencies.through
        through.objects.bulk_create(
            (through(inspection_id=f.pk, agency_id=agency.pk) for f in made), batch_size=5000
        )
        officer_through = Inspection.officers.through
        officer_through.objects.bulk_create(
            (
                officer_through(inspection_id=f.pk, officer_id=officers[j].pk)
                for i, f in enumerate(made)
                for j in (i % 12, (i + 1) % 12)
            ),
            batch_size=5000,
        )
        matter_through = Inspection.matters.through
        matter_through.objects.bulk_create(
            (
                matter_through(inspection_id=f.pk, matter_id=matters[i % 5].pk)
                for i, f in enumerate(made)
            ),
            batch_size=5000,
        )
    return agency, officers, matters, parties


def timed(fn, samples: int, clock=time.perf_counter) -> list[float]:
    """Milliseconds per call: wall time, or with ``clock=time.process_time`` this process's CPU
    time (what a shared, loaded machine does not inflate)."""
    found = []
    for i in range(samples):
        started = clock()
        fn(i)
        found.append((clock() - started) * 1000)
    return found


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--filings", type=int, default=50_000)
    parser.add_argument("--parties", type=int, default=5_000)
    parser.add_argument("--samples", type=int, default=500)
    args = parser.parse_args()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        agency, officers, matters, parties = build(args.filings, args.parties)
        today = timezone.localdate()
        rng = random.Random(11)

        def proposal(i: int) -> prefiling.Proposal:
            start = today + timedelta(days=rng.randrange(60))
            return prefiling.Proposal(
                agency=agency,
                party=parties[rng.randrange(len(parties))],
                kind="routine",
                window_start=start,
                window_end=start + timedelta(days=2),
                officers=[officers[i % 12], officers[(i + 5) % 12]],
                matters=[matters[i % 5], matters[(i + 2) % 5]],
            )

        proposals = [proposal(i) for i in range(args.samples)]

        def check(i: int) -> None:
            prefiling.problems(proposals[i], today)

        def bare(i: int) -> None:
            p = proposals[i]
            list(
                Inspection.objects.filter(
                    party=p.party, window_start__gte=date(today.year, 1, 1)
                ).values_list("pk", "window_start", "window_end", "status")
            )

        timed(check, 20)  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            check(0)
        checks, baseline = timed(check, args.samples), timed(bare, args.samples)
        cpu = timed(check, args.samples, time.process_time)
        cpu_bare = timed(bare, args.samples, time.process_time)
        p95 = pct(checks, 0.95)
        ratio = statistics.median(checks) / statistics.median(baseline)
        vendor = connection.vendor
        print(f"{args.filings} filings over a year, {args.parties} parties, {vendor}")
        print(f"queries per check: {len(queries)}")
        print(
            f"pre-filing checks: p50 {pct(checks, 0.5):.2f} ms, p95 {p95:.2f} ms, "
            f"max {max(checks):.2f} ms (target p95 ≤ {TARGET_MS:.0f} ms)"
        )
        print(
            f"bare read of the enterprise's filings: p50 {pct(baseline, 0.5):.2f} ms; "
            f"checks / bare read (medians): {ratio:.1f}×"
        )
        print(
            f"CPU time per check: p50 {pct(cpu, 0.5):.2f} ms, p95 {pct(cpu, 0.95):.2f} ms; "
            f"bare read p50 {pct(cpu_bare, 0.5):.2f} ms; load average {os.getloadavg()[0]:.1f}"
        )
        return 0 if p95 <= TARGET_MS else 1
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
