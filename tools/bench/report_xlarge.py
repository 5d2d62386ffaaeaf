"""make bench SIZE=xlarge: the log into docs/BENCHMARKS-xlarge.md and the national
section of docs/BENCHMARKS.md (between <!-- xlarge:begin --> and <!-- xlarge:end -->).

Usage: report_xlarge.py LOG DOCS"""

import json
import re
import sys
from datetime import date
from pathlib import Path

log, docs = Path(sys.argv[1]), Path(sys.argv[2])
lines = log.read_text().splitlines()
runs = {"large": {}, "xlarge": {}}
for line in lines:
    found = re.match(r"CASE\[(\w+)\] (.*)", line)
    if found:
        row = json.loads(found.group(2))
        runs[found.group(1)][row["case"]] = row
sizes = {
    line.split()[1]: dict(kv.split("=") for kv in line.split()[2:])
    for line in lines
    if line.startswith("SIZE ")
}
build = next((line for line in lines if line.startswith("BUILD ")), None)
amplified = next((line for line in lines if line.startswith("AMPLIFIED ")), None)
name_searches = [line[12:] for line in lines if line.startswith("NAME_SEARCH ")]
loads = {
    line.split()[1]: " ".join(line.split()[2:])
    for line in lines
    if line.startswith("LOAD ")
}
TARGET = 1.3


def figure(row):
    ours, base = row["ours"], row["baseline"]
    return (
        f"{ours['median_ms']:.1f} vs {base['median_ms']:.1f} ms; "
        f"{ours['queries']} vs {base['queries']} queries"
    )


def count(size, key):
    return f"{int(sizes.get(size, {}).get(key, 0)):,}"


table = [
    f"| Case | Large ({count('large', 'partners')} contacts, "
    f"{count('large', 'organizations')} organizations): ours vs baseline | Ratio "
    f"| National ({count('xlarge', 'partners')} contacts, "
    f"{count('xlarge', 'organizations')} organizations): ours vs baseline | Ratio "
    "| Queries large → national | Target (ratio ≤ 1.3) |",
    "|---|---|---|---|---|---|---|",
]
missed = []
for name, row in runs["xlarge"].items():
    large = runs["large"].get(name)
    if "ours" not in row:
        continue
    flat = large and large["ours"]["queries"] == row["ours"]["queries"]
    queries = (
        f"{large['ours']['queries']} → {row['ours']['queries']}"
        + (" (flat)" if flat else " (not flat)")
        if large
        else "—"
    )
    if name.startswith("P4 ") and "vs Odoo" not in name:
        # against itself at 10 records: its target is the same queries at 10 and 80
        per_size = re.findall(r"\d+", row["note"].split(":")[-1])
        met = len(set(per_size)) == 1
        target = "same queries at 10 / 40 / 80: " + ("met" if met else "missed")
    else:
        met = row["ratio"] <= TARGET
        target = "met" if met else "missed"
    if not met or not flat:
        missed.append(name)
    table.append(
        f"| {name} | {figure(large) if large else '—'} | "
        f"{large['ratio'] if large else '—'} | {figure(row)} | {row['ratio']} | "
        f"{queries} | {target} |"
    )
notes = [
    f"- **{name}** (national): {row['note']}"
    for name, row in runs["xlarge"].items()
    if row.get("note")
]
head = [
    f"`make bench SIZE=xlarge`, {date.today().isoformat()}: the large database "
    "(the demo data populated 1,000 times) copied and grown in SQL by "
    "`tools/bench/amplify.py`, "
    "then each case run on the large database and on the national one in the "
    "same run, 5 warm runs each against its native baseline (medians; the "
    "baselines are those of `make bench`, see the notes).",
    "",
    f"Build: {build or 'database kept from an earlier run'}"
    + (f"; {amplified}" if amplified else "")
    + f". Load average at the start {loads.get('start', '?')}, at the end "
    f"{loads.get('end', '?')}.",
    "",
]
tail = [
    "",
    "Targets missed: " + (", ".join(missed) if missed else "none") + ".",
    "",
]
if name_searches:
    tail += [
        "Contacts' name search at the national size, the addon's against Odoo's "
        "plain search (`tools/bench/name_search.py`, medians of 3):",
        "",
        *(f"- {line}" for line in name_searches),
        "",
    ]
section = "\n".join(head + table + tail)
(docs / "BENCHMARKS-xlarge.md").write_text(
    "# Benchmarks, national size\n\n"
    + section
    + "\n## Notes\n\n"
    + "\n".join(notes)
    + "\n"
)
bench = docs / "BENCHMARKS.md"
text = bench.read_text()
begin, end = "<!-- xlarge:begin -->", "<!-- xlarge:end -->"
start, stop = text.index(begin) + len(begin), text.index(end)
bench.write_text(text[:start] + "\n" + section + text[stop:])
print(section)
