"""What a cadre read's audit costs, served read/write (the entry in the read's
own transaction) or read-only (a replica's way: the entry written on the primary
by a transaction of its own when the request flushes), through `odoo-bin shell`
on a bench database:

    .venv/bin/python /opt/odoo/odoo-bin shell -c .local/odoo.conf \\
        -d ms_bench_large --log-level=warn < tools/bench/audit_cost.py

Each request reads one cadre's file as the admin (search_read of 3 fields, a
different cadre each time, so that every read writes an entry) on its own
connection, and ends as Odoo ends one (flush, then commit); 200 requests each
way, interleaved, and 200 of the same read as superuser (not audited) for the
floor. Prints AUDIT with the medians; the entries written are deleted."""

import statistics
import time

from odoo import SUPERUSER_ID, api, sql_db

N = 200
db = env.cr.dbname  # noqa: F821 (odoo shell)
admin = env.ref("base.user_admin").id  # noqa: F821
cadres = env["ms.cadre"].search([], limit=3 * N).ids  # noqa: F821
env.cr.execute("SELECT coalesce(max(id), 0) FROM auditlog_log")  # noqa: F821
last = env.cr.fetchone()[0]  # noqa: F821
env.cr.rollback()  # noqa: F821 (a new snapshot below: it sees the requests' entries)
FIELDS = ["name", "committee", "training_level"]


def request(readonly, uid, cadre_id):
    cr = sql_db.db_connect(db, readonly=readonly).cursor()
    try:
        start = time.perf_counter()
        request_env = api.Environment(cr, uid, {})
        request_env["ms.cadre"].search_read([("id", "=", cadre_id)], FIELDS)
        cr.flush()  # odoo.service.model.retrying: the read-only entries go here
        cr.commit()
        return (time.perf_counter() - start) * 1000
    finally:
        cr.close()


times = {"read_write": [], "read_only": [], "not_audited": []}
for i in range(N):
    times["read_write"].append(request(False, admin, cadres[3 * i]))
    times["read_only"].append(request(True, admin, cadres[3 * i + 1]))
    times["not_audited"].append(request(True, SUPERUSER_ID, cadres[3 * i + 2]))
env.cr.rollback()  # noqa: F821
env.cr.execute(  # noqa: F821
    "SELECT count(*) FROM auditlog_log WHERE id > %s AND method = 'read'", [last]
)
written = env.cr.fetchone()[0]  # noqa: F821
env.cr.execute("DELETE FROM auditlog_log WHERE id > %s", [last])  # noqa: F821
env.cr.commit()  # noqa: F821
print(
    "AUDIT "
    + " ".join(
        f"{mode}_ms={statistics.median(values):.2f}" for mode, values in times.items()
    )
    + f" requests={N} entries_written={written}"
)
