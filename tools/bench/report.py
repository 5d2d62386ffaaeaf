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
invites = {}
for line in lines:
    if line.startswith("INVITE "):
        run = json.loads(line[7:])
        invites.setdefault(run["mode"], []).append(run)
draws = [json.loads(line[5:]) for line in lines if line.startswith("DRAW {")]
p6 = next((line for line in lines if line.startswith("P6 ")), "")
build = next((line.split() for line in lines if line.startswith("BUILD ")), None)
loads = {
    line.split()[1]: line.split()[2:] for line in lines if line.startswith("LOAD ")
}
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
    "queries from Odoo's SQL counter, ratio = ours ÷ baseline in the same run."
    + (
        f" Database {build[1]} in this run: {int(build[2].split('=')[1])} s."
        if build
        else ""
    )
    + (
        " Load average (1, 5, 15 min) at the start "
        f"{' '.join(loads['start'])}, at the end {' '.join(loads['end'])}."
        if {"start", "end"} <= loads.keys()
        else ""
    ),
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
for draw in draws:
    out.append(
        f"| P10 network drawn, {draw['nodes']:,} nodes / {draw['edges']:,} edges "
        f"| {draw['median_ms']} ms ({draw['min_ms']}-{draw['max_ms']}) | target "
        f"1,000 ms | {draw['median_ms'] / 1000:.2f} x target | | headless "
        f"Chromium, vis-network with the view's options, {draw['iterations']} "
        "layout iterations; from the data handed over to the first frame after "
        "the layout (tools/bench/network_draw.py) |"
    )
if p6:
    values = dict(kv.split("=") for kv in p6.split()[1:])
    out.append(
        f"| P6 install | addon {float(values['addon_s']):.1f} s "
        f"| dependencies {float(values['deps_s']):.1f} s | | | over its dependencies |"
    )
if invites.get("ours") and invites.get("odoo"):

    def med(mode, key):
        return statistics.median(run[key] for run in invites[mode])

    def spread(mode, key="ms"):
        runs = [run[key] for run in invites[mode]]
        return f"{med(mode, key):.0f} ms ({min(runs):.0f}-{max(runs):.0f})"

    ours, odoo = invites["ours"][0], invites["odoo"][0]
    n = ours["participants"]
    note = f"{n} participants and attendees; Odoo links the same {odoo['participants']}"
    if invites.get("ours_1k") and invites.get("odoo_1k"):
        ours1, odoo1 = invites["ours_1k"][0], invites["odoo_1k"][0]
        per_k = 1000 / (n - ours1["participants"])
        note += (
            f"; at {ours1['participants']}: {med('ours_1k', 'ms'):.0f} ms, "
            f"{ours1['queries']} queries (Odoo {med('odoo_1k', 'ms'):.0f} ms, "
            f"{odoo1['queries']}); per 1,000 more: "
            f"{(ours['queries'] - ours1['queries']) * per_k:.1f} queries, "
            f"{(med('ours', 'ms') - med('ours_1k', 'ms')) * per_k:.0f} ms "
            f"(Odoo {(odoo['queries'] - odoo1['queries']) * per_k:.1f}, "
            f"{(med('odoo', 'ms') - med('odoo_1k', 'ms')) * per_k:.0f} ms)"
        )
    ratio = med("ours", "ms") / med("odoo", "ms")
    out.append(
        f"| P9 invite a {n}-contact sector | {spread('ours')}, "
        f"+{med('ours', 'rss_mib'):.1f} MiB | Odoo's event write: {spread('odoo')}, "
        f"+{med('odoo', 'rss_mib'):.1f} MiB | {ratio:.2f} "
        f"| {ours['queries']} / {odoo['queries']} | {note}; cold cache, own process, "
        "peak RSS growth |"
    )
    out.append(
        f"| P9 invitation mailing | created {spread('ours', 'mailing_ms')}, "
        f"{ours['mailing_queries']} queries; audience {ours['audience']} in "
        f"{spread('ours', 'audience_ms')} | plain count of the recipients "
        f"{ours['plain_count']} in {spread('ours', 'plain_count_ms')} "
        f"| {med('ours', 'audience_ms') / med('ours', 'plain_count_ms'):.2f} "
        f"| {ours['audience_queries']} / {ours['plain_count_queries']} "
        "| action_ms_send_mailing(), then ms_audience_count vs the domain's count |"
    )
    keys = ("mail_mail", "calendar_messages", "notifications", "messages")
    mails = {
        mode: {
            key: max(run[key] for run in runs)
            for key in (*keys, *(f"{key}_all" for key in keys), "event_followers_all")
        }
        for mode, runs in invites.items()
    }

    def created(mode, suffix=""):
        m = mails[mode]
        return (
            f"{m['mail_mail' + suffix]} mail.mail, {m['calendar_messages' + suffix]} "
            f"calendar.event messages, {m['notifications' + suffix]} notifications"
        )

    out.append(
        f"| P9 calendar mails | {created('ours')} | {created('odoo')} | | "
        f"| created by the invitation (and mailing), most of any run (must be 0); "
        "since before the conference (its event) was created: "
        f"{created('ours', '_all')} / Odoo {created('odoo', '_all')}; "
        "the event's new followers "
        f"{mails['ours']['event_followers_all']} / "
        f"{mails['odoo']['event_followers_all']} |"
    )
print("\n".join(out))
