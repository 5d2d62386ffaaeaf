"""P3: an XLSX export of N citizen demands, three ways, each in its own process
(run through `odoo-bin shell`, see tools/bench.sh):

  ours   the addon's report_xlsx report "Gestiones" (streamed, batched)
  odoo   Odoo's own list export: export_data + web's ExportXlsxWriter
  floor  raw SQL + xlsxwriter constant_memory (the floor for any export)

Prints one line: mode, rows, seconds, peak RSS growth in MiB, queries."""

import os
import resource
import sys
import time
from types import SimpleNamespace
from unittest.mock import patch

import xlsxwriter

FIELDS = [
    "name",
    "requester_id",
    "category_id",
    "state_id",
    "municipality_id",
    "authority_id",
    "government_level",
    "filing_date",
    "deadline",
    "state",
    "is_overdue",
]


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(env, mode):
    demands = env["ms.demand"].search([], order="id")
    ids = demands.ids
    env.invalidate_all()
    base = rss_mib()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    if mode == "ours":
        content, _fmt = env["ir.actions.report"]._render_xlsx(
            "movimientos_sociales.ms_xlsx_demands", ids, {}
        )
    elif mode == "odoo":
        from odoo.addons.web.controllers import export

        rows = env["ms.demand"].browse(ids).export_data(FIELDS)["datas"]
        fields = [{"type": env["ms.demand"]._fields[f].type} for f in FIELDS]
        with patch.object(export, "request", SimpleNamespace(env=env)):
            with export.ExportXlsxWriter(fields, FIELDS, len(rows)) as writer:
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        writer.write_cell(r + 1, c, value)
        content = writer.value
    else:
        path = "/tmp/ms_floor.xlsx"
        workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
        sheet = workbook.add_worksheet()
        env.cr.execute(
            """SELECT d.name, p.name, c.name->>'en_US', s.name, m.name->>'en_US',
                      a.name, d.government_level, d.filing_date, d.deadline, d.state,
                      d.is_overdue
                 FROM ms_demand d
                 JOIN res_partner p ON p.id = d.requester_id
                 JOIN ms_demand_category c ON c.id = d.category_id
                 JOIN res_country_state s ON s.id = d.state_id
            LEFT JOIN res_partner a ON a.id = d.authority_id
            LEFT JOIN res_city m ON m.id = d.municipality_id
             ORDER BY d.id"""
        )
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate(env.cr.fetchall()):
            for c, value in enumerate(row):
                if hasattr(value, "isoformat"):
                    sheet.write_datetime(r, c, value, date_format)
                else:
                    sheet.write(r, c, value)
        workbook.close()
        content = open(path, "rb").read()
        os.unlink(path)
    seconds = time.perf_counter() - start
    growth = rss_mib() - base
    queries = env.cr.sql_log_count - queries
    print(
        f"RESULT {mode} rows={len(ids)} seconds={seconds:.2f} "
        f"rss_growth_mib={growth:.1f} queries={queries} bytes={len(content)}"
    )


run(env, os.environ.get("MS_BENCH_MODE", "ours"))  # noqa: F821 (odoo shell)
sys.stdout.flush()
