"""Draw time of the network view (Red de alianzas) in headless Chromium.

    .venv/bin/python tools/bench/network_draw.py [--runs 5] [--sizes 2000x5000,500x1200]

Builds, under a temporary folder, a page that loads the vendored vis-network
(movimientos_sociales/static/lib/vis-network/) and the view's own options and
drawing function (static/src/network/ms_network_options.js, inlined with its
`export` keywords stripped), so what is timed is what the client action draws.
Each size is a synthetic graph shaped like ms.network.get_network_data()'s
answer (movements, alliances, a few people; membership, joint-action and
relation edges; 12 sectors), the same for every run (fixed seed).

For each size it prints, over --runs runs (after one warm-up), the median, min
and max of, from the data handed to msNetworkDraw():
  layout done  to vis-network's "stabilizationIterationsDone";
  first frame  to its first "afterDrawing" event;
  drawn        to the first frame after the stabilization (what the view
               reports as drawn: data-node-count);
and the stabilization iterations run. vis-network draws nothing while it
stabilizes, so the first frame is the drawn one. No pass/fail: the
target is 1 s for 2,000 nodes / 5,000 edges on this project's machines.

Needs only Debian's `chromium` and `websocket-client` (in the venv); no
network (file:// page, DevTools on 127.0.0.1). The browser is started in its
own process group and killed at the end, whatever happens."""

import argparse
import base64
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import Browser  # noqa: E402 (tools/chromium.py)

ADDON = ROOT / "movimientos_sociales"
LIB = ADDON / "static/lib/vis-network/vis-network.min.js"
OPTIONS = ADDON / "static/src/network/ms_network_options.js"

HARNESS = """
window.msMerge = (target, source) => {
    for (const [key, value] of Object.entries(source)) {
        const nested = value && typeof value === "object" && !Array.isArray(value);
        if (nested && target[key]) {
            msMerge(target[key], value);
        } else {
            target[key] = value;
        }
    }
};
window.msDraw = (name) => new Promise((resolve, reject) => {
    const graph = window.MS_GRAPHS[name];
    const old = document.getElementById("canvas");
    if (window.msNetwork) { window.msNetwork.destroy(); }
    const container = document.createElement("div");
    container.id = "canvas";
    old.replaceWith(container);
    const result = { iterations: null };
    const timer = setTimeout(() => reject(new Error("not drawn in 60 s")), 60000);
    const start = performance.now();
    window.msNetwork = msNetworkDraw(vis, container, graph, {
        onFirstFrame: () => { result.first = performance.now() - start; },
        onDrawn: (network) => {
            result.drawn = performance.now() - start;
            result.nodes = network.body.nodeIndices.length;
            result.edges = network.body.edgeIndices.length;
            clearTimeout(timer);
            resolve(result);
        },
    });
    window.msNetwork.once("stabilizationIterationsDone", () => {
        result.stabilized = performance.now() - start;
        result.iterations = window.msNetwork.physics.stabilizationIterations;
    });
});
"""

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>network draw bench</title>
<style>body {{ margin: 0; font-family: sans-serif; }}
#canvas {{ width: 1100px; height: 700px; border: 1px solid #ccc; }}</style>
</head><body><div id="canvas"></div>
<script src="{lib}"></script>
<script>{options}</script>
<script>window.MS_GRAPHS = {graphs};</script>
<script>{harness}</script>
</body></html>"""


def synthetic_graph(n_nodes, n_edges, seed=19):
    """A graph shaped like get_network_data(): ~6% alliances, ~3% people, the
    rest movements; half the edges memberships, a third joint actions, the rest
    relations; some organizations left without edges (isolated)."""
    rnd = random.Random(seed)
    sectors = [
        {"id": i + 1, "name": f"Sector {i + 1}", "color": i % 12} for i in range(14)
    ]
    n_alliances = max(1, n_nodes * 6 // 100)
    n_people = n_nodes * 3 // 100
    nodes = []
    for i in range(n_nodes):
        if i < n_alliances:
            kind, prefix, model = "alliance", "a", "ms.alliance"
        elif i < n_alliances + n_people:
            kind, prefix, model = "person", "p", "res.partner"
        else:
            kind, prefix, model = "movement", "m", "ms.movement"
        nodes.append(
            {
                "id": f"{prefix}{i}",
                "kind": kind,
                "res_model": model,
                "res_id": i,
                "label": f"{kind.title()} {i}",
                "sector_id": rnd.choice([False] + [s["id"] for s in sectors])
                if kind != "person"
                else False,
                "size": max(1, int(rnd.paretovariate(1.3) * 5)),
                "degree": 0,
            }
        )
    alliances = [n for n in nodes if n["kind"] == "alliance"]
    movements = [n for n in nodes if n["kind"] == "movement"]
    people = [n for n in nodes if n["kind"] == "person"]
    # ~3% of movements isolated: never picked
    linked = movements[: len(movements) * 97 // 100]
    edges, seen = [], set()
    while len(edges) < n_edges:
        roll = rnd.random()
        if roll < 0.5:
            a, b, kind = rnd.choice(linked), rnd.choice(alliances), "alliance"
        elif roll < 0.85 or not people:
            a, b, kind = rnd.choice(linked), rnd.choice(linked), "action"
        else:
            a, b, kind = rnd.choice(people), rnd.choice(linked + alliances), "relation"
        key = (min(a["id"], b["id"]), max(a["id"], b["id"]), kind)
        if a is b or key in seen:
            continue
        seen.add(key)
        a["degree"] += 1
        b["degree"] += 1
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": a["id"],
                "to": b["id"],
                "kind": kind,
                "label": kind,
                "count": rnd.choice([1, 1, 1, 2, 3]),
            }
        )
    return {"nodes": nodes, "edges": edges, "sectors": sectors}


def stats(values):
    low, high = min(values), max(values)
    return f"{statistics.median(values):7.0f} ms (min {low:.0f}, max {high:.0f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="2000x5000,500x1200")
    parser.add_argument(
        "--options",
        default="{}",
        help="JSON merged (deeply) into MS_NETWORK_OPTIONS, to try a variant: "
        '\'{"physics": {"barnesHut": {"centralGravity": 1}}}\'',
    )
    parser.add_argument(
        "--log",
        action="store_true",
        help="also one line per size for make bench: DRAW {json}",
    )
    parser.add_argument(
        "--screenshot", help="a PNG of the last drawing of each size: PATH-<size>.png"
    )
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in size.split("x")) for size in args.sizes.split(",")]
    graphs = {f"{n}x{e}": synthetic_graph(n, e) for n, e in sizes}
    options = (
        OPTIONS.read_text()
        .replace("export const ", "const ")
        .replace("export function ", "function ")
    )
    workdir = Path(tempfile.mkdtemp(prefix="ms-net-bench-"))
    browser = None
    try:
        page = workdir / "bench.html"
        page.write_text(
            PAGE.format(
                lib=LIB.as_uri(),
                options=options,
                graphs=json.dumps(graphs),
                harness=HARNESS,
            )
        )
        browser = Browser("--allow-file-access-from-files")
        browser.call("Page.enable")
        browser.call("Page.navigate", url=page.as_uri())
        for _ in range(100):
            if browser.evaluate(
                "typeof window.msDraw === 'function' && typeof vis === 'object'"
            ):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(
                "the bench page did not load (vis-network or the options)"
            )
        if json.loads(args.options):
            browser.evaluate(f"msMerge(MS_NETWORK_OPTIONS, {args.options})")
        version = re.search(r"@version\s+(\S+)", LIB.read_text()[:2000])
        print(
            f"vis-network {version and version.group(1)},",
            browser.call("Browser.getVersion").get("product"),
            f"(headless), {os.cpu_count()} CPUs; options {args.options}",
        )
        for name in graphs:
            browser.evaluate(f"msDraw({json.dumps(name)})")  # warm-up (JIT, fonts)
            runs = [
                browser.evaluate(f"msDraw({json.dumps(name)})")
                for _ in range(args.runs)
            ]
            n, e = runs[0]["nodes"], runs[0]["edges"]
            if args.screenshot:
                shot = browser.call("Page.captureScreenshot", format="png")
                Path(f"{args.screenshot}-{name}.png").write_bytes(
                    base64.b64decode(shot["data"])
                )
            print(f"{n:>5} nodes / {e:>5} edges, {args.runs} runs (median):")
            print(f"    layout done {stats([r['stabilized'] for r in runs])}")
            print(f"    first frame {stats([r['first'] for r in runs])}")
            print(f"    drawn       {stats([r['drawn'] for r in runs])}")
            print(f"    (stabilization iterations: {runs[0]['iterations']})")
            if args.log:
                drawn = [r["drawn"] for r in runs]
                print(
                    "DRAW "
                    + json.dumps(
                        {
                            "nodes": n,
                            "edges": e,
                            "runs": args.runs,
                            "median_ms": round(statistics.median(drawn)),
                            "min_ms": round(min(drawn)),
                            "max_ms": round(max(drawn)),
                            "iterations": runs[0]["iterations"],
                        }
                    )
                )
    finally:
        if browser is not None:
            browser.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
