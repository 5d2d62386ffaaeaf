"""Contacts' name search at a bench size: the addon's (matches collected
through trigram indexes, then ordered) against Odoo's plain search (its walk of
the name index in order), for the bench's national and state-scoped Operadores
and a few fragments; medians of 3 warm runs. Through `odoo-bin shell`:

    .venv/bin/python /opt/odoo/odoo-bin shell -c .local/odoo.conf \\
        -d ms_bench_xlarge --log-level=warn < tools/bench/name_search.py

Run make bench first (it creates the two users). Prints NAME_SEARCH lines."""

import statistics
import time

from odoo.fields import Domain

users = env["res.users"].search(  # noqa: F821 (odoo shell)
    [("login", "in", ["ms_bench_national", "ms_bench_scoped"])]
)
for user in users:
    Partner = env["res.partner"].with_user(user)  # noqa: F821
    for fragment in ("Mar", "Juan", "Her", "López", "zzq"):
        ways = {
            "ours": lambda f=fragment, p=Partner: p.name_search(f, limit=8),
            "odoo": lambda f=fragment, p=Partner: p.search_fetch(
                Domain("display_name", "ilike", f), ["display_name"], limit=8
            ),
        }
        figures = {}
        for label, way in ways.items():
            way()
            runs = []
            for _ in range(3):
                env.invalidate_all()  # noqa: F821
                start = time.perf_counter()
                way()
                runs.append((time.perf_counter() - start) * 1000)
            figures[label] = statistics.median(runs)
        print(
            f"NAME_SEARCH {user.login} {fragment!r} ours={figures['ours']:.1f} ms "
            f"odoo={figures['odoo']:.1f} ms"
        )
