"""Profile of the board (P2), through `odoo-bin shell` on a bench database:

    .venv/bin/python /opt/odoo/odoo-bin shell -c .local/odoo.conf -d ms_bench_large \\
        --log-level=warn < tools/bench/profile_board.py

Runs ms.dashboard.get_board_data() as admin (warm) and prints the time of each
part of the board (KPIs, each grouped block, upcoming, trend: Python and SQL), each
SQL query it runs with its time (medians of 5 runs), then EXPLAIN (ANALYZE, BUFFERS)
of the slowest MS_PROFILE_TOP (default 4). Reads only; rolled back."""

import os
import statistics
import time
from collections import defaultdict
from unittest.mock import patch

TOP = int(os.environ.get("MS_PROFILE_TOP", "4"))
RUNS = 5

cr = env.cr  # noqa: F821 (odoo shell)
board = env["ms.dashboard"].with_user(env.ref("base.user_admin"))  # noqa: F821
timings = []
original = type(cr).execute


def timed_execute(self, query, params=None, log_exceptions=True):
    start = time.perf_counter()
    try:
        return original(self, query, params, log_exceptions)
    finally:
        sql = query.code if hasattr(query, "code") else query
        args = query.params if hasattr(query, "params") else params
        timings.append((time.perf_counter() - start, sql, args))


board.get_board_data()  # warm-up
parts = defaultdict(list)


def timed(method, label):
    def wrapper(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            name = label or args[0]  # a grouped block: its title
            parts[name].append(time.perf_counter() - start)

    return wrapper


Board = type(board)
with (
    patch.object(Board, "_kpis", timed(Board._kpis, "9 KPIs")),
    patch.object(Board, "_group_block", timed(Board._group_block, None)),
    patch.object(Board, "_upcoming", timed(Board._upcoming, "upcoming")),
    patch.object(Board, "_score_trend", timed(Board._score_trend, "score trend")),
):
    totals = []
    for _ in range(RUNS):
        env.invalidate_all()  # noqa: F821
        start = time.perf_counter()
        board.get_board_data()
        totals.append(time.perf_counter() - start)
print(f"BOARD {statistics.median(totals) * 1000:.1f} ms (median of {RUNS})")
for name, times in parts.items():
    print(f"  {statistics.median(times) * 1000:7.2f} ms  {name}")

runs = []
type(cr).execute = timed_execute
try:
    for _ in range(RUNS):
        env.invalidate_all()  # noqa: F821
        timings.clear()
        board.get_board_data()
        runs.append(list(timings))
finally:
    type(cr).execute = original

per_query = [
    (statistics.median(run[i][0] for run in runs), runs[0][i][1], runs[0][i][2])
    for i in range(len(runs[0]))
]
total = sum(t for t, _sql, _args in per_query)
print(f"PROFILE {len(per_query)} queries, {total * 1000:.1f} ms in SQL (medians)")
for n, (seconds, sql, _args) in enumerate(per_query, 1):
    print(f"  {n:2} {seconds * 1000:7.2f} ms  {' '.join(sql.split())[:160]}")
for seconds, sql, args in sorted(per_query, key=lambda q: q[0], reverse=True)[:TOP]:
    print(
        f"\nEXPLAIN ({seconds * 1000:.2f} ms): {' '.join(sql.split())}\n  params {args}"
    )
    cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, args)
    for (line,) in cr.fetchall():
        print("  " + line)
cr.rollback()
