"""The agency's case list through the API (``GET /api/v1/cases``, filtered, 50 a page) over
10,000 cases, against the bare ORM query for the same rows (the agency's cases in that state, in
the list's order, the same page) as the baseline.

Target (issue 10, "Speed"): p95 ≤ 100 ms and ≤ 2× the bare ORM query. The script prints
p50/p95/max, the queries per request, the ratio, and exits non-zero when a target is missed.

Run: ``.venv/bin/python benchmarks/case_list.py [--cases 10000]`` (SQLite by default; set
DATABASE_URL for PostgreSQL). It uses its own throw-away database: the demo city through the
services; the cases are written in bulk around the services (setup only, not what is measured).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp(prefix="zhifa-bench-")
os.environ.setdefault("ZHIFA_VAR_DIR", _tmp)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django  # noqa: E402

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from zhifa.cases.filters import DEFAULT_ORDER, deadlines_first  # noqa: E402
from zhifa.cases.models import Case, CaseParty, CaseStatus  # noqa: E402
from zhifa.org import demo as demo_city  # noqa: E402
from zhifa.org.models import Agency, UnitKind, User  # noqa: E402
from zhifa.parties.models import Party  # noqa: E402
from zhifa.testing.factories import party_uscc  # noqa: E402

TARGET_MS = 100.0
TARGET_RATIO = 2.0
STATES = list(CaseStatus.values)


def build(n_cases: int) -> Agency:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        demo_city.seed()
    agency = Agency.objects.get(short_name="市市场监管局")
    unit = agency.units.filter(kind=UnitKind.HANDLING).first()
    officer = User.objects.get(username="scjg_zhang")
    today = timezone.localdate()
    rng = random.Random(7)
    with transaction.atomic():  # setup around the services: what is measured is the reading
        Party.objects.bulk_create(
            Party(kind="enterprise", name=f"基准企业{i}", uscc=party_uscc(i), region=agency.region)
            for i in range(2000)
        )
        parties = list(Party.objects.order_by("pk").values_list("pk", flat=True))
        rows = []
        for i in range(n_cases):
            found = today - timedelta(days=rng.randrange(700))
            state = STATES[i % len(STATES)]
            opened = None if state in ("lead", "opening", "not_opened") else found
            rows.append(
                Case(
                    agency=agency,
                    unit=unit,
                    title=f"基准案件{i}",
                    source="inspection",
                    status=state,
                    discovered_on=found,
                    opened_on=opened,
                    number=f"基准罚〔{found.year}〕{i + 1}号" if opened else "",
                    created_by=officer,
                )
            )
        made = Case.objects.bulk_create(rows, batch_size=2000)
        CaseParty.objects.bulk_create(
            (
                CaseParty(case_id=c.pk, party_id=parties[i % len(parties)])
                for i, c in enumerate(made)
            ),
            batch_size=5000,
        )
    return agency


def timed(fn, samples: int) -> list[float]:
    found = []
    for i in range(samples):
        started = time.perf_counter()
        fn(i)
        found.append((time.perf_counter() - started) * 1000)
    return found


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        agency = build(args.cases)
        # Keep the connection across requests, as CONN_MAX_AGE does in production (the test
        # client otherwise closes it after each request, and the queries are lost from view).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        head = User.objects.get(username="scjg_wang")
        client = APIClient()
        client.force_authenticate(head)
        filtered = ("investigation", "execution", "closed", "lead")
        per_state = args.cases // len(STATES)
        pages = max(1, per_state // 50)

        def request(i: int) -> None:
            state, page = filtered[i % len(filtered)], 1 + i % pages
            response = client.get("/api/v1/cases", {"status": state, "page": page})
            assert response.status_code == 200, response.content
            assert len(response.json()["results"]) == 50

        def bare(i: int) -> None:
            state, page = filtered[i % len(filtered)], 1 + i % pages
            rows = deadlines_first(Case.objects.filter(agency=agency, status=state))
            rows = rows.select_related("agency").order_by(*DEFAULT_ORDER, "pk")
            list(rows[(page - 1) * 50 : page * 50])
            rows.count()

        timed(request, 10)  # warm the caches
        connection.queries_log.clear()  # the bulk setup filled the log: count from empty
        with CaptureQueriesContext(connection) as queries:
            request(0)
        n_queries = len(queries.captured_queries)  # now: the log is a bounded deque
        if os.environ.get("SHOW_QUERIES"):
            for q in queries.captured_queries:
                print(q["time"], q["sql"][:300])
        if os.environ.get("PROFILE"):
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(timed, request, 100)
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        api, baseline = timed(request, args.samples), timed(bare, args.samples)
        p95 = pct(api, 0.95)
        ratio = statistics.median(api) / statistics.median(baseline)
        print(f"{args.cases} cases of one agency, {connection.vendor}")
        print(f"queries per request: {n_queries}")
        print(
            f"GET /api/v1/cases?status=…&page=…: p50 {pct(api, 0.5):.2f} ms, p95 {p95:.2f} ms, "
            f"max {max(api):.2f} ms (target p95 ≤ {TARGET_MS:.0f} ms)"
        )
        print(
            f"bare ORM query (same rows, same order, and the count): p50 {pct(baseline, 0.5):.2f} ms;"
            f" API / bare (medians): {ratio:.2f}× (target ≤ {TARGET_RATIO:.0f}×); "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        return 0 if p95 <= TARGET_MS and ratio <= TARGET_RATIO else 1
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
