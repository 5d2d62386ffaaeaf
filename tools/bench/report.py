"""Turn the log of `make bench` into docs/BENCHMARKS-<size>.md."""

import json
import os
import re
import statistics
import sys
from pathlib import Path

log, size, command = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
lines = log.read_text().splitlines()
cases = [json.loads(line[5:]) for line in lines if line.startswith("CASE ")]
exports = {}
for line in lines:
    if line.startswith("RESULT "):
        fields = dict(kv.split("=") for kv in line.split()[2:])
        exports.setdefault(line.split()[1], []).append(fields)
p6 = next((line for line in lines if line.startswith("P6 ")), "")
sizes = next(
    (
        dict(kv.split("=") for kv in line.split()[2:])
        for line in lines
        if line.startswith("SIZE ")
    ),
    {},
)
partners = sizes.get("partners", "?")
meminfo = Path("/proc/meminfo").read_text()
mem_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))

out = [
    f"# Benchmarks ({size}: {partners} contacts)",
    "",
    f"Data: {partners} contacts, {sizes.get('organizations', '?')} organizations, "
    f"{sizes.get('cadres', '?')} cadres, {sizes.get('insertions', '?')} cadre "
    "insertions, 50,000 citizen demands.",
    "",
    f"Command: `{command}` · machine: {os.cpu_count()} cores, "
    f"{mem_kb / 1024 / 1024:.0f} GiB RAM · medians of 5 warm runs (min-max), "
    "queries from Odoo's SQL counter, ratio = ours ÷ baseline in the same run.",
    "",
    "| Case | Ours | Baseline | Ratio | Queries (ours / baseline) | Note |",
    "|---|---|---|---|---|---|",
]
for c in cases:
    if "ours" not in c:
        continue
    o, b = c["ours"], c["baseline"]
    out.append(
        f"| {c['case']} | {o['median_ms']} ms ({o['min_ms']}-{o['max_ms']}) "
        f"| {b['median_ms']} ms ({b['min_ms']}-{b['max_ms']}) | {c['ratio']} "
        f"| {o['queries']} / {b['queries']} | {c['note']} |"
    )
mailing = next((c for c in cases if c["case"] == "P5 mailing"), None)
if mailing:
    m = mailing
    out.append(
        f"| P5 mailing, {m['recipients']} recipients | "
        f"{m['sector_queries']} queries ({m['sector_per_recipient']}/recipient) "
        f"| {m['plain_queries']} queries ({m['plain_per_recipient']}/recipient) "
        f"| {m['sector_queries'] / m['plain_queries']:.2f} | | sector mailing "
        "vs the same recipients on a plain domain |"
    )
if exports:
    med = {
        mode: (
            statistics.median(float(r["seconds"]) for r in runs),
            statistics.median(float(r["rss_growth_mib"]) for r in runs),
            runs[0]["queries"],
        )
        for mode, runs in exports.items()
    }
    ours, odoo, floor = med.get("ours"), med.get("odoo"), med.get("floor")
    out.append(
        f"| P3 XLSX export, 50,000 rows | {ours[0]:.2f} s, +{ours[1]:.1f} MiB "
        f"| Odoo's export {odoo[0]:.2f} s, +{odoo[1]:.1f} MiB; floor {floor[0]:.2f} s, "
        f"+{floor[1]:.1f} MiB | {ours[0] / floor[0]:.2f} x floor, "
        f"{ours[0] / odoo[0]:.2f} x Odoo | {ours[2]} / {odoo[2]} | peak RSS growth |"
    )
if p6:
    values = dict(kv.split("=") for kv in p6.split()[1:])
    out.append(
        f"| P6 install | addon {float(values['addon_s']):.1f} s "
        f"| dependencies {float(values['deps_s']):.1f} s | | | over its dependencies |"
    )
print("\n".join(out))
