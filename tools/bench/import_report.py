"""Turn the log of `make bench-import` (P7) into its section of
docs/BENCHMARKS.md, between <!-- p7:begin --> and <!-- p7:end -->."""

import json
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

BATCH = 2000  # tools/bench/import_xlsx.py: the web client's batch size
log, doc = Path(sys.argv[1]), Path(sys.argv[2])
lines = log.read_text().splitlines()
runs = {}
for line in lines:
    if line.startswith("IMPORT "):
        run = json.loads(line[7:])
        runs.setdefault(run["mode"], []).append(run)
prepare = next(
    (json.loads(line[8:]) for line in lines if line.startswith("PREPARE ")), {}
)
loads = {
    line.split()[1]: " ".join(line.split()[2:])
    for line in lines
    if line.startswith("LOAD ")
}
build = next((line for line in lines if line.startswith("BUILD ")), "")


def good(mode):
    return [run for run in runs.get(mode, []) if not run.get("failed")]


def spread(values, digits=0):
    fmt = f"{{:,.{digits}f}}"
    return (
        f"{fmt.format(statistics.median(values))} "
        f"({fmt.format(min(values))}-{fmt.format(max(values))})"
    )


def row(label, mode):
    done = good(mode)
    if not done:
        return f"| {label} | failed | | | | | | | |"
    ok = sum(1 for run in done if run["ok"])
    return (
        f"| {label} | {spread([r['records_per_s'] for r in done])} "
        f"| {spread([r['rows_per_s'] for r in done])} "
        f"| {spread([r['seconds'] for r in done], 1)} "
        f"| {spread([r['queries_per_record'] for r in done], 2)} "
        f"| {spread([r['peak_rss_mib'] for r in done])} "
        f"| {spread([r['peak_rss_mib'] - r['peak_before_mib'] for r in done])} "
        f"| {len(done[0]['batches'])} "
        f"| {ok}/{len(runs[mode])} |"
    )


ours, plain = good("ours"), good("plain")
ratio = (
    statistics.median(r["records_per_s"] for r in ours)
    / statistics.median(r["records_per_s"] for r in plain)
    if ours and plain
    else 0
)
first = (ours or plain or [{}])[0]
orgs, people = first.get("orgs", 0), first.get("people", 0)
text = [
    f"`make bench-import` (ORGS={orgs}), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
    f"load average (1, 5, 15 min) {loads.get('start', '?')} at the start, "
    f"{loads.get('end', '?')} at the end (2 shared cores).",
    "",
    f"One XLSX of {orgs:,} organizations and {people:,} contact people (2 each, "
    f"one2many sub-rows: {prepare.get('rows', '?'):,} rows, "
    f"{prepare.get('file_kib', '?'):,} KiB; "
    + (
        f"written in {prepare.get('seconds')} s"
        if prepare.get("built")
        else "cached from an earlier run"
    )
    + f") imported through `base_import.import` as the web client does it: "
    f"create, the file, `parse_preview`, then `execute_import` batch after batch "
    f"(`limit` {BATCH:,} rows, the client's default; `skip` = the last `nextrow`, "
    "`tracking_disable`), committed after each batch. **ours**: into "
    "`ms.movement` (organizations); **plain**: the same rows into `res.partner`, "
    "the organizations as companies, the same people as `child_ids`, the same "
    "columns where contacts have them (the acronym as the reference; no kind, "
    "scope or members). Both as the national Operador "
    f"`{first.get('user')}` (`group_ms_user`), each run in its own process in a "
    "fresh copy of `ms_bench_import` (no demo data, es_MX), dropped after it; "
    "plain and ours interleaved. Medians (min-max) of "
    f"{len(ours)} + {len(plain)} runs.",
    "",
    "| Import | records/s | file rows/s | seconds | queries/record | peak RSS MiB "
    "| RSS growth MiB | batches | checked |",
    "|---|---|---|---|---|---|---|---|---|",
    row("ours: organizations (ms.movement)", "ours"),
    row("plain contacts (res.partner)", "plain"),
    "",
    f"**Ratio ours ÷ plain (records/s): {ratio:.2f}.** A record is an "
    f"organization or a person ({orgs + people:,} a run); a file row holds an "
    "organization and its first person, or a further person. RSS growth: the "
    "process's peak RSS after the import minus before it (Odoo loaded, file "
    "read). *Checked*: runs with no import message and every organization "
    "there with the state and municipality the file names (written as people "
    "write them), every person there under their own organization.",
]
if ours:
    batches = ours[0]["batches"]
    text += [
        "",
        f"ours, one run's batches (s): {', '.join(str(b) for b in batches)}; "
        f"preview {ours[0]['preview_s']} s (not in the import's time).",
    ]
if plain:
    text.append(
        f"plain, one run's batches (s): "
        f"{', '.join(str(b) for b in plain[0]['batches'])}."
    )
failed = [run for mode in runs for run in runs[mode] if not run.get("ok")]
if failed:
    text += ["", f"Runs not clean: {json.dumps(failed)[:1500]}"]
if build:
    text += ["", f"Template database: {build.split(' ', 1)[1]}."]
body = "\n".join(text)
content = doc.read_text()
begin, end = "<!-- p7:begin -->", "<!-- p7:end -->"
head, rest = content.split(begin, 1)
_old, tail = rest.split(end, 1)
doc.write_text(f"{head}{begin}\n{body}\n{end}{tail}")
print(body)
